// Which section is shown and which list items are open, and "reveal": jump to a field by its
// config path (its section chosen, every list item around it opened, the field focused).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ancestorsOf, sectionOf } from './problemIndex.ts';

export function useRevealField<S extends string>(first: S, sections: readonly S[]) {
  const [section, setSection] = useState<S>(first);
  const [open, setOpenPaths] = useState<Set<string>>(() => new Set());
  const revealTarget = useRef<string | undefined>(undefined);

  const setOpen = useCallback((path: string, isOpen: boolean) => {
    setOpenPaths((current) => {
      const next = new Set(current);
      if (isOpen) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  function reveal(path: string) {
    const target = sectionOf(path);
    if ((sections as readonly string[]).includes(target)) setSection(target as S);
    setOpenPaths((current) => new Set([...current, ...ancestorsOf(path)]));
    revealTarget.current = path;
  }

  // After the section and the list items are open, bring the field into view and focus it.
  useEffect(() => {
    const path = revealTarget.current;
    if (!path) return;
    revealTarget.current = undefined;
    const candidates = ancestorsOf(path).reverse();
    for (const candidate of candidates) {
      const element = document.querySelector<HTMLElement>(`[data-config-path="${CSS.escape(candidate)}"]`);
      if (!element) continue;
      element.scrollIntoView({ block: 'center' });
      // The value itself, not the "use default" button in its label.
      (
        element.querySelector<HTMLElement>('input, select, textarea') ??
        element.querySelector<HTMLElement>('button')
      )?.focus();
      break;
    }
  });

  return { section, setSection, open, setOpen, reveal };
}
