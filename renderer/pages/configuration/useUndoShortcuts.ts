import { useEffect } from 'react';
import type { DraftAction } from './configDraft.ts';

// Ctrl+Z / Ctrl+Y anywhere on the page (also after a button that had the focus went away), but
// not inside a dialog, where they belong to the text being typed.
export function useUndoShortcuts(dispatch: (action: DraftAction) => void): void {
  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey)) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"], [role="alertdialog"]'))
        return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) dispatch({ type: 'undo' });
      else if (key === 'y' || (key === 'z' && event.shiftKey)) dispatch({ type: 'redo' });
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [dispatch]);
}
