// The editor's state: the draft with undo/redo, its validation, the problems by path, and the
// autosave of the draft through the app (typed passwords stripped), debounced while typing.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { configJsonSchema } from '../../../sbc-engine/config/schema/json-schema.ts';
import { defaultConfig, parseConfig } from '../../../sbc-engine/config/schema/parse.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { draftReducer, isChanged, newDraft, type DraftAction } from './configDraft.ts';
import { toFieldSpec, type FieldSpec } from './fieldSpec.ts';
import type { PathProblem } from './problemIndex.ts';
import { stripTypedSecrets } from './secretsInDraft.ts';

const AUTOSAVE_MS = 800;

let rootSpec: FieldSpec | undefined;
/** The schema's field tree, built once: the schema does not change while the app runs. */
export function configRootSpec(): FieldSpec {
  rootSpec ??= toFieldSpec(configJsonSchema(), '', true);
  return rootSpec;
}

export interface SourceInfo {
  kind: 'new' | 'file' | 'engine' | 'archive';
  name: string;
}

export function useConfigEditor() {
  const api = useApi();
  const [draft, dispatch] = useReducer(draftReducer, undefined, () => newDraft(defaultConfig()));
  const [source, setSource] = useState<SourceInfo>({ kind: 'new', name: 'sbc-config' });
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const spec = configRootSpec();

  const currentConfig = draft.current;
  const validation = useMemo(() => parseConfig(currentConfig), [currentConfig]);
  const validationProblems = useMemo<PathProblem[]>(
    () =>
      validation.ok
        ? []
        : validation.errors.map((error) => ({
            path: error.path,
            message: error.message,
            severity: 'error' as const,
          })),
    [validation],
  );

  // Autosave: the latest draft wins; nothing is saved until the admin changed something.
  const timer = useRef<number | undefined>(undefined);
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      void api.drafts
        .save({ name: source.name, config: stripTypedSecrets(spec, currentConfig) })
        .then((result) => result.ok && setSavedAt(result.value.savedAt));
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer.current);
  }, [api, currentConfig, source.name, spec]);

  const edit = useCallback((action: DraftAction) => {
    touched.current = true;
    dispatch(action);
  }, []);

  const load = useCallback((config: unknown, from: SourceInfo) => {
    touched.current = false;
    setSource(from);
    setSavedAt(undefined);
    dispatch({ type: 'load', config });
  }, []);

  const discardSaved = useCallback(async () => {
    touched.current = false;
    await api.drafts.clear({});
  }, [api]);

  return {
    draft,
    dispatch: edit,
    load,
    source,
    spec,
    validation,
    validationProblems,
    changed: isChanged(draft),
    savedAt,
    discardSaved,
  };
}
