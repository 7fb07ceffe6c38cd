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
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import { defaultConfig, parseConfig } from '../../../sbc-engine/config/schema/parse.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { saveTextFile } from '../certificates/saveFile.ts';
import { configFileText, openConfigText } from './configFile.ts';
import { EditorContext, type EditorContextValue } from './EditorContext.tsx';
import { FieldEditor } from './FieldEditor.tsx';
import { sectionSpec } from './fieldSpec.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { ApplyDialog } from './ApplyDialog.tsx';
import { EngineBar } from './EngineBar.tsx';
import { HistoryDialog } from './HistoryDialog.tsx';
import { PendingBanner, type PendingTrial } from './PendingBanner.tsx';
import { PowerShellDialog } from './PowerShellDialog.tsx';
import { ProfileWizard } from './ProfileWizard.tsx';
import { useEngineConfig } from './useEngineConfig.ts';
import { useDraftProblems } from './useDraftProblems.ts';
import { useLint } from './useLint.ts';
import { useRevealField } from './useRevealField.ts';
import { useUndoShortcuts } from './useUndoShortcuts.ts';
import { teamsConnections } from '../../../sbc-engine/config/profiles/teams-powershell.ts';
import { RouteTester } from './RouteTester.tsx';
import { hasTypedSecret } from './secretsInDraft.ts';
import { useConfigEditor } from './useConfigEditor.ts';
import { archiveSourceName, consumeArchiveHandoff, peekArchiveHandoff } from './archiveHandoff.ts';
import { useApiCall } from '../../api/useApiCall.ts';

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
  const { draft, dispatch, spec } = editor;
  const engine = useEngineConfig();
  const parsed: Config | undefined = editor.validation.ok ? editor.validation.config : undefined;
  const lint = useLint(parsed, engine.lintFacts);
  const problems = useDraftProblems(editor.validationProblems, lint, parsed, dispatch);
  const [dialog, setDialog] = useState<'apply' | 'history' | 'profile' | 'powershell' | undefined>();
  const [trial, setTrial] = useState<PendingTrial | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const { section, setSection, open, setOpen, reveal } = useRevealField<Section>('system', SECTIONS);
  const [restorable, setRestorable] = useState<SavedDraft | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [confirmNew, setConfirmNew] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // An archive handed over by the Backups page ("Edit the configuration") replaces the draft.
  const [handed] = useState(peekArchiveHandoff);
  const archiveTaken = useRef(handed !== undefined);
  const [archiveMissing, setArchiveMissing] = useState<string[]>([]);
  const saveArchive = useApiCall();
  const fromArchive = editor.source.kind === 'archive' ? handed?.origin : undefined;
  useEffect(() => {
    if (!handed) return;
    consumeArchiveHandoff(handed);
    engine.detach();
    editor.load(handed.config, { kind: 'archive', name: archiveSourceName(handed.origin.label) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page opens
  }, [handed]);

  async function saveAsArchive() {
    if (!fromArchive) return;
    setNotice(undefined);
    setArchiveMissing([]);
    const saved = await saveArchive.run(() =>
      api.backups.saveEdited({
        source: fromArchive.source,
        config: draft.current as Record<string, unknown>,
        ...(fromArchive.passphrase ? { passphrase: fromArchive.passphrase } : {}),
      }),
    );
    if (!saved) return;
    dispatch({ type: 'setBase', config: draft.current });
    setArchiveMissing(saved.missingSecrets);
    setNotice(t('archive.saved', { name: saved.file.name }));
  }

  useEffect(() => {
    void api.drafts.get({}).then((result) => {
      if (result.ok && result.value.draft && !archiveTaken.current) setRestorable(result.value.draft);
    });
  }, [api]);

  const context = useMemo<EditorContextValue>(
    () => ({ dispatch, problems, isOpen: (path) => open.has(path), setOpen, readOnly: false }),
    [dispatch, problems, open, setOpen],
  );

  useUndoShortcuts(dispatch);

  async function openFile(file: File | undefined) {
    setFileError(undefined);
    if (!file) return;
    const opened = openConfigText(await file.text());
    if (!opened.ok) {
      setFileError(t('file.unreadable', { name: file.name, reason: opened.message }));
      return;
    }
    engine.detach();
    setTrial(undefined);
    editor.load(opened.config, { kind: 'file', name: file.name.replace(/\.json$/i, '') });
    setRestorable(undefined);
    await editor.discardSaved();
  }

  function saveFile() {
    saveTextFile(`${editor.source.name}.json`, configFileText(draft.current), 'application/json');
  }

  async function startNew() {
    setConfirmNew(false);
    engine.detach();
    setTrial(undefined);
    editor.load(defaultConfig(), { kind: 'new', name: 'sbc-config' });
    await editor.discardSaved();
  }

  async function loadFromEngine(engineId: string, engineName: string) {
    const config = await engine.load(engineId, engineName);
    if (!config) return;
    editor.load(config, { kind: 'engine', name: engineName });
    setRestorable(undefined);
    setNotice(undefined);
    await editor.discardSaved();
  }

  function trialOf(state: { pending: { version: number; revertTo: number; secondsLeft: number } | null }) {
    setTrial(state.pending ? { ...state.pending, receivedAt: Date.now() } : undefined);
  }

  async function apply(options: Parameters<typeof engine.apply>[1]) {
    if (!parsed) return;
    const result = await engine.apply(parsed as unknown as Record<string, unknown>, options);
    if (!result) return;
    dispatch({ type: 'setBase', config: draft.current });
    setDialog(undefined);
    trialOf(result);
    setNotice(
      t(result.pending ? 'applied.onTrial' : 'applied.done', {
        version: result.version,
        opened: result.listeners.opened.join(', ') || '—',
        closed: result.listeners.closed.join(', ') || '—',
      }),
    );
  }

  async function confirmTrial() {
    const state = await engine.confirm();
    if (!state) return;
    trialOf(state);
    setNotice(t('applied.confirmed', { version: state.version }));
  }

  const onTrialExpired = useCallback(async () => {
    const state = await engine.refreshState();
    if (!state) return;
    dispatch({ type: 'setBase', config: state.config });
    trialOf(state);
    setNotice(t('applied.reverted', { version: state.version }));
  }, [engine, dispatch, t]);

  async function afterRollback() {
    setDialog(undefined);
    if (!engine.source) return;
    const config = await engine.load(engine.source.engineId, engine.source.engineName);
    if (!config) return;
    editor.load(config, { kind: 'engine', name: engine.source.engineName });
    const state = await engine.refreshState();
    if (state) trialOf(state);
    setNotice(t('applied.rolledBack'));
  }

  const before = useMemo(() => {
    const loaded = engine.source ? parseConfig(engine.source.loaded) : undefined;
    return loaded?.ok ? loaded.config : undefined;
  }, [engine.source]);
  const hasTeams = parsed ? teamsConnections(parsed).length > 0 : false;
  const sectionField = sectionSpec(spec, section);
  const current = draft.current as Record<string, unknown>;
  const typedSecret = hasTypedSecret(spec, draft.current);

  return (
    <div className={styles.root} data-testid="configuration-page">
      <div className={styles.header}>
        <Title2 as="h1">{t('title')}</Title2>
        <Text data-testid="config-source">{editor.source.name}</Text>
        {fromArchive ? (
          <Text data-testid="config-archive-source">{t('archive.from', { name: fromArchive.label })}</Text>
        ) : null}
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
      <EngineBar
        busy={engine.call.busy}
        loadedFrom={engine.source?.engineId}
        changed={editor.changed}
        onLoad={(engineId, name) => void loadFromEngine(engineId, name)}
      />
      <ApiErrorBar failure={dialog ? undefined : engine.call.failure} />
      {trial ? (
        <PendingBanner
          pending={trial}
          busy={engine.call.busy}
          onConfirm={() => void confirmTrial()}
          onExpired={() => void onTrialExpired()}
        />
      ) : null}
      {notice ? (
        <MessageBar intent="success" data-testid="config-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ApiErrorBar failure={saveArchive.failure} />
      {fromArchive && archiveMissing.length ? (
        <MessageBar intent="warning" data-testid="config-archive-missing">
          <MessageBarBody>{t('archive.missing', { list: archiveMissing.join(', ') })}</MessageBarBody>
        </MessageBar>
      ) : null}
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
        {fromArchive ? (
          <>
            <ToolbarDivider />
            <ToolbarButton
              appearance="primary"
              disabled={!parsed || saveArchive.busy}
              onClick={() => void saveAsArchive()}
              data-testid="config-save-archive"
            >
              {t('archive.save')}
            </ToolbarButton>
          </>
        ) : null}
        {engine.source && editor.source.kind === 'engine' ? (
          <>
            <ToolbarDivider />
            <ToolbarButton
              appearance="primary"
              disabled={!parsed || engine.call.busy}
              onClick={() => setDialog('apply')}
              data-testid="config-apply"
            >
              {t('toolbar.apply', { engine: engine.source.engineName })}
            </ToolbarButton>
            <ToolbarButton onClick={() => setDialog('history')} data-testid="config-history">
              {t('toolbar.history')}
            </ToolbarButton>
          </>
        ) : null}
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
          {section === 'connections' ? (
            <div>
              <Button
                appearance="primary"
                onClick={() => setDialog('profile')}
                disabled={!parsed}
                data-testid="add-from-profile"
              >
                {t('profiles.open')}
              </Button>{' '}
              {hasTeams ? (
                <Button onClick={() => setDialog('powershell')} data-testid="open-powershell">
                  {t('powershell.open')}
                </Button>
              ) : null}
            </div>
          ) : null}
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
      {dialog === 'apply' && engine.source && before && parsed ? (
        <ApplyDialog
          engineName={engine.source.engineName}
          before={before}
          after={parsed}
          findings={lint?.findings ?? []}
          busy={engine.call.busy}
          failure={engine.call.failure}
          onApply={(options) => void apply(options)}
          onCancel={() => (setDialog(undefined), engine.call.clear())}
        />
      ) : null}
      {dialog === 'history' && engine.source ? (
        <HistoryDialog
          engineId={engine.source.engineId}
          onRolledBack={() => void afterRollback()}
          onClose={() => setDialog(undefined)}
        />
      ) : null}
      {dialog === 'profile' && parsed ? (
        <ProfileWizard
          config={parsed}
          onAdd={(next) => {
            dispatch({ type: 'replace', config: next });
            setDialog(undefined);
            setSection('connections');
          }}
          onClose={() => setDialog(undefined)}
        />
      ) : null}
      {dialog === 'powershell' && parsed ? (
        <PowerShellDialog config={parsed} onClose={() => setDialog(undefined)} />
      ) : null}
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
