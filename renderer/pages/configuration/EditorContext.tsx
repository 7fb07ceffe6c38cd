// What every field editor needs besides its own spec and value: where to send edits, the problems
// by path, and which list items are expanded (so a problem can be revealed inside a closed one).
import { createContext, useContext } from 'react';
import type { DraftAction } from './configDraft.ts';
import type { ProblemIndex } from './problemIndex.ts';

export interface EditorContextValue {
  dispatch: (action: DraftAction) => void;
  problems: ProblemIndex;
  isOpen: (path: string) => boolean;
  setOpen: (path: string, open: boolean) => void;
  readOnly: boolean;
}

export const EditorContext = createContext<EditorContextValue | undefined>(undefined);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('field editors must be inside EditorContext');
  return value;
}
