// The Configuration page: edit an engine configuration section by section, with every problem shown
// at its field and in one list, undo/redo, and nothing lost on a crash (the draft is kept as you
// type). Offline: open a config file, edit, check, save — no engine needed.
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  Title2,
  tokens,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import { defaultConfig } from '../../../sbc-engine/config/schema/parse.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { saveTextFile } from '../certificates/saveFile.ts';
import { configFileText, openConfigText } from './configFile.ts';
import { EditorContext, type EditorContextValue } from './EditorContext.tsx';
import { FieldEditor } from './FieldEditor.tsx';
import { sectionSpec } from './fieldSpec.ts';
import { ancestorsOf, sectionOf } from './problemIndex.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { RouteTester } from './RouteTester.tsx';
import { hasTypedSecret } from './secretsInDraft.ts';
import { useConfigEditor } from './useConfigEditor.ts';

export const SECTIONS = [
  'system',
  'voip',
  'tlsProfiles',
  'media',
  'connections',
  'failoverGroups',
  'routes',
  'logging',
] as const;
type Section = (typeof SECTIONS)[number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  hidden: { display: 'none' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type SavedDraft = NonNullable<Output<'drafts.get'>['draft']>;

export function ConfigurationPage() {
  const { t } = useTranslation('configuration');
  const styles = useStyles();
  const api = useApi();
  const editor = useConfigEditor();
  const { draft, dispatch, problems, spec } = editor;
  const [section, setSection] = useState<Section>('system');
  const [open, setOpenPaths] = useState<Set<string>>(() => new Set());
  const [restorable, setRestorable] = useState<SavedDraft | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [confirmNew, setConfirmNew] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const revealTarget = useRef<string | undefined>(undefined);

  useEffect(() => {
    void api.drafts.get({}).then((result) => {
      if (result.ok && result.value.draft) setRestorable(result.value.draft);
    });
  }, [api]);

  const setOpen = useCallback((path: string, isOpen: boolean) => {
    setOpenPaths((current) => {
      const next = new Set(current);
      if (isOpen) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  const context = useMemo<EditorContextValue>(
    () => ({ dispatch, problems, isOpen: (path) => open.has(path), setOpen, readOnly: false }),
    [dispatch, problems, open, setOpen],
  );

  function reveal(path: string) {
    const target = sectionOf(path);
    if ((SECTIONS as readonly string[]).includes(target)) setSection(target as Section);
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

  function onKeyDown(event: KeyboardEvent) {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) dispatch({ type: 'undo' });
    else if (key === 'y' || (key === 'z' && event.shiftKey)) dispatch({ type: 'redo' });
    else return;
    event.preventDefault();
  }

  async function openFile(file: File | undefined) {
    setFileError(undefined);
    if (!file) return;
    const opened = openConfigText(await file.text());
    if (!opened.ok) {
      setFileError(t('file.unreadable', { name: file.name, reason: opened.message }));
      return;
    }
    editor.load(opened.config, { kind: 'file', name: file.name.replace(/\.json$/i, '') });
    setRestorable(undefined);
    await editor.discardSaved();
  }

  function saveFile() {
    saveTextFile(`${editor.source.name}.json`, configFileText(draft.current), 'application/json');
  }

  async function startNew() {
    setConfirmNew(false);
    editor.load(defaultConfig(), { kind: 'new', name: 'sbc-config' });
    await editor.discardSaved();
  }

  const sectionField = sectionSpec(spec, section);
  const current = draft.current as Record<string, unknown>;
  const typedSecret = hasTypedSecret(spec, draft.current);

  return (
    <div className={styles.root} onKeyDown={onKeyDown} data-testid="configuration-page">
      <div className={styles.header}>
        <Title2 as="h1">{t('title')}</Title2>
        <Text data-testid="config-source">{editor.source.name}</Text>
        {editor.changed ? (
          <Badge appearance="outline" color="warning" data-testid="config-changed">
            {t('changed')}
          </Badge>
        ) : null}
        {editor.savedAt ? (
          <Text size={200} data-testid="draft-saved">
            {t('draftSaved', { time: new Date(editor.savedAt).toLocaleTimeString() })}
          </Text>
        ) : null}
      </div>
      <Text>{t('intro')}</Text>
      {restorable ? (
        <MessageBar intent="info" data-testid="draft-restore">
          <MessageBarBody>
            {t('restore.body', {
              name: restorable.name,
              time: new Date(restorable.savedAt).toLocaleString(),
            })}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                editor.load(restorable.config, { kind: 'file', name: restorable.name });
                setRestorable(undefined);
              }}
              data-testid="draft-restore-button"
            >
              {t('restore.restore')}
            </Button>
            <Button
              onClick={() => {
                setRestorable(undefined);
                void editor.discardSaved();
              }}
            >
              {t('restore.discard')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <Toolbar aria-label={t('toolbar.label')}>
        <ToolbarButton
          onClick={() => (editor.changed ? setConfirmNew(true) : void startNew())}
          data-testid="config-new"
        >
          {t('toolbar.new')}
        </ToolbarButton>
        <ToolbarButton onClick={() => fileInput.current?.click()} data-testid="config-open">
          {t('toolbar.open')}
        </ToolbarButton>
        <ToolbarButton onClick={saveFile} data-testid="config-save">
          {t('toolbar.save')}
        </ToolbarButton>
        <ToolbarDivider />
        <ToolbarButton
          disabled={draft.past.length === 0}
          onClick={() => dispatch({ type: 'undo' })}
          data-testid="config-undo"
        >
          {t('toolbar.undo')}
        </ToolbarButton>
        <ToolbarButton
          disabled={draft.future.length === 0}
          onClick={() => dispatch({ type: 'redo' })}
          data-testid="config-redo"
        >
          {t('toolbar.redo')}
        </ToolbarButton>
      </Toolbar>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className={styles.hidden}
        data-testid="config-file"
        onChange={(event) => {
          void openFile(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {fileError ? (
        <MessageBar intent="error" data-testid="config-file-error">
          <MessageBarBody>{fileError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {typedSecret ? (
        <MessageBar intent="warning" data-testid="config-secret-warning">
          <MessageBarBody>{t('file.secretWarning')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ProblemsPanel problems={problems.all} onReveal={reveal} />
      <TabList
        selectedValue={section}
        onTabSelect={(_event, data) => setSection(data.value as Section)}
        aria-label={t('sections.label')}
      >
        {SECTIONS.map((name) => {
          const worst = problems.worstWithin(name);
          return (
            <Tab key={name} value={name} data-testid={`section-${name}`} data-severity={worst ?? 'none'}>
              {t(`fields.${name}`)}
              {worst ? ' •' : ''}
            </Tab>
          );
        })}
      </TabList>
      <EditorContext.Provider value={context}>
        <section
          className={styles.section}
          aria-label={t(`fields.${section}`)}
          data-testid={`section-body-${section}`}
        >
          <ErrorBoundary key={section}>
            {sectionField ? (
              <FieldEditor spec={sectionField} path={[section]} value={current[section]} />
            ) : null}
            {section === 'routes' ? (
              <RouteTester config={editor.validation.ok ? editor.validation.config : undefined} />
            ) : null}
          </ErrorBoundary>
        </section>
      </EditorContext.Provider>
      <ConfirmDialog
        open={confirmNew}
        title={t('newConfirm.title')}
        confirmLabel={t('newConfirm.confirm')}
        onConfirm={() => void startNew()}
        onCancel={() => setConfirmNew(false)}
      >
        <Text>{t('newConfirm.body')}</Text>
      </ConfirmDialog>
    </div>
  );
}
