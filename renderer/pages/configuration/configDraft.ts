// The config being edited, with undo and redo: each edit keeps the previous value (edits are
// immutable, so that costs one reference). Typing in one field merges into one undo step.
import { moveAt, pathText, removeAt, setAt, type ConfigPath } from './configPath.ts';

export interface Draft {
  /** What the source (engine or file) holds: "changed" compares against it. */
  base: unknown;
  current: unknown;
  past: unknown[];
  future: unknown[];
  /** The field the last edit was in, so that typing there merges into one undo step. */
  lastEdit?: string;
}

export type DraftAction =
  | { type: 'load'; config: unknown }
  | { type: 'set'; path: ConfigPath; value: unknown }
  | { type: 'remove'; path: ConfigPath }
  | { type: 'move'; path: ConfigPath; by: -1 | 1 }
  | { type: 'replace'; config: unknown }
  | { type: 'rebase'; config: unknown }
  | { type: 'setBase'; config: unknown }
  | { type: 'undo' }
  | { type: 'redo' };

const MAX_UNDO = 200;

export function newDraft(config: unknown): Draft {
  return { base: config, current: config, past: [], future: [] };
}

function edit(draft: Draft, next: unknown, field?: string): Draft {
  if (next === draft.current) return draft;
  const merge = field !== undefined && field === draft.lastEdit && draft.past.length > 0;
  const past = merge ? draft.past : [...draft.past, draft.current].slice(-MAX_UNDO);
  return {
    ...draft,
    current: next,
    past,
    future: [],
    ...(field ? { lastEdit: field } : { lastEdit: undefined }),
  };
}

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case 'load':
      return newDraft(action.config);
    case 'set':
      return edit(draft, setAt(draft.current, action.path, action.value), pathText(action.path));
    case 'remove':
      return edit(draft, removeAt(draft.current, action.path));
    case 'move':
      return edit(draft, moveAt(draft.current, action.path, action.by));
    case 'replace':
      return edit(draft, action.config);
    case 'rebase':
      // After an apply: what was sent is now what the source holds; the undo history stays.
      return { ...draft, base: action.config, current: action.config };
    case 'setBase':
      // The source changed under the draft (the engine went back by itself): the edits stay.
      return { ...draft, base: action.config };
    case 'undo': {
      const previous = draft.past[draft.past.length - 1];
      if (draft.past.length === 0) return draft;
      return {
        ...draft,
        current: previous,
        past: draft.past.slice(0, -1),
        future: [draft.current, ...draft.future],
        lastEdit: undefined,
      };
    }
    case 'redo': {
      if (draft.future.length === 0) return draft;
      const [next, ...future] = draft.future;
      return { ...draft, current: next, past: [...draft.past, draft.current], future, lastEdit: undefined };
    }
  }
}

export function isChanged(draft: Draft): boolean {
  return JSON.stringify(draft.current) !== JSON.stringify(draft.base);
}
