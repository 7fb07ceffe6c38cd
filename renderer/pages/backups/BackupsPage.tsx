// The Backups page: back up a connected engine (with a passphrase for the secrets), the archives in
// the backups folder, the schedule, and an opened archive with its restore onto an engine.
import {
  Button,
  Field,
  Input,
  Label,
  makeStyles,
  Select,
  Spinner,
  Subtitle2,
  Text,
  Title2,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { connectedEngines, pickEngine } from '../certificates/certificateViewModel.ts';
import { displayName } from '../engines/engineViewModel.ts';
import { useEngines } from '../engines/useEngines.ts';
import { ArchivePanel, type ArchiveSource } from './ArchivePanel.tsx';
import { bytesToBase64, formatSize, MIN_PASSPHRASE, passphraseProblem } from './backupViewModel.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'end', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  table: {
    borderCollapse: 'collapse',
    '& td, & th': { padding: tokens.spacingHorizontalXS, textAlign: 'left' },
  },
  hidden: { display: 'none' },
  number: { width: '6em' },
});

type Listing = Output<'backups.list'>;

export function BackupsPage() {
  const { t } = useTranslation('backups');
  const styles = useStyles();
  const api = useApi();
  const { engines, failure: enginesFailure } = useEngines();
  const connected = useMemo(() => connectedEngines(engines ?? []), [engines]);
  const [chosenId, setChosenId] = useState<string | undefined>();
  const engineId = pickEngine(connected, chosenId);
  const engineSelect = useId('backups-engine');
  const [listing, setListing] = useState<Listing | undefined>();
  const list = useApiCall();
  const create = useApiCall();
  const schedule = useApiCall();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [created, setCreated] = useState<string | undefined>();
  const [opened, setOpened] = useState<ArchiveSource | undefined>();
  const [scheduleDraft, setScheduleDraft] = useState<Listing['settings']['schedule'] | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);
  const problem = passphraseProblem(passphrase, repeat);

  const refresh = useCallback(async () => {
    const answer = await list.run(() => api.backups.list({}));
    if (answer) setListing(answer);
  }, [api, list]);

  useEffect(() => {
    let current = true;
    void api.backups.list({}).then((result) => {
      if (current && result.ok) setListing(result.value);
    });
    return () => {
      current = false;
    };
  }, [api]);
  const draft = scheduleDraft ?? listing?.settings.schedule;

  async function onCreate() {
    if (!engineId || problem) return;
    const answer = await create.run(() =>
      api.backups.create({ engineId, ...(passphrase ? { passphrase } : {}) }),
    );
    if (answer) {
      setCreated(t('create.done', { name: answer.file.name, size: formatSize(answer.file.size) }));
      setPassphrase('');
      setRepeat('');
      await refresh();
    }
  }

  async function onPickFile(file: File | undefined) {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    setOpened({ label: file.name, source: { archive: bytesToBase64(bytes) } });
  }

  async function onSaveSchedule() {
    if (!draft) return;
    const answer = await schedule.run(() => api.backups.updateSettings({ schedule: draft }));
    if (answer) await refresh();
  }

  return (
    <div className={styles.root} data-testid="backups-page">
      <Title2 as="h1">{t('title')}</Title2>
      <Text>{t('intro')}</Text>
      <ApiErrorBar failure={enginesFailure} />
      <section className={styles.section} aria-labelledby="backup-create-heading">
        <Subtitle2 as="h2" id="backup-create-heading">
          {t('create.heading')}
        </Subtitle2>
        {connected.length === 0 ? (
          <Text data-testid="backups-no-engine">{t('noEngine')}</Text>
        ) : (
          <>
            <div className={styles.row}>
              <div>
                <Label htmlFor={engineSelect}>{t('engine')}</Label>{' '}
                <Select
                  id={engineSelect}
                  value={engineId}
                  data-testid="backups-engine"
                  onChange={(_e, data) => setChosenId(data.value)}
                >
                  {connected.map((engine) => (
                    <option key={engine.id} value={engine.id}>
                      {displayName(engine, t('engines:bundledName'))} ({engine.address})
                    </option>
                  ))}
                </Select>
              </div>
              <Field
                label={t('create.passphrase')}
                hint={t('create.passphraseHint')}
                validationState={problem === 'tooShort' ? 'error' : 'none'}
                validationMessage={
                  problem === 'tooShort' ? t('create.tooShort', { min: MIN_PASSPHRASE }) : undefined
                }
              >
                <Input
                  type="password"
                  value={passphrase}
                  data-testid="backup-passphrase"
                  onChange={(_e, data) => setPassphrase(data.value)}
                />
              </Field>
              <Field
                label={t('create.repeat')}
                validationState={problem === 'mismatch' ? 'error' : 'none'}
                validationMessage={problem === 'mismatch' ? t('create.mismatch') : undefined}
              >
                <Input
                  type="password"
                  value={repeat}
                  data-testid="backup-passphrase-repeat"
                  onChange={(_e, data) => setRepeat(data.value)}
                />
              </Field>
              <Button
                appearance="primary"
                disabled={create.busy || problem !== undefined}
                icon={create.busy ? <Spinner size="tiny" /> : undefined}
                onClick={() => void onCreate()}
                data-testid="backup-create"
              >
                {t('create.button')}
              </Button>
            </div>
            {passphrase === '' ? <Text size={200}>{t('create.noSecrets')}</Text> : null}
            <ApiErrorBar failure={create.failure} />
            {created ? (
              <Text role="status" data-testid="backup-created">
                {created}
              </Text>
            ) : null}
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="backup-files-heading">
        <Subtitle2 as="h2" id="backup-files-heading">
          {t('files.heading', { folder: listing?.folder ?? '…' })}
        </Subtitle2>
        <div className={styles.row}>
          <Button onClick={() => void refresh()} disabled={list.busy}>
            {t('files.refresh')}
          </Button>
          <Button onClick={() => fileInput.current?.click()} data-testid="backup-open-file">
            {t('files.openFile')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".sbcbackup"
            className={styles.hidden}
            data-testid="backup-file-input"
            onChange={(event) => void onPickFile(event.target.files?.[0])}
          />
        </div>
        <ApiErrorBar failure={list.failure} />
        {listing && listing.files.length === 0 ? <Text>{t('files.empty')}</Text> : null}
        {listing && listing.files.length > 0 ? (
          <table className={styles.table} data-testid="backup-files">
            <thead>
              <tr>
                <th>{t('files.name')}</th>
                <th>{t('files.size')}</th>
                <th>{t('files.modified')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {listing.files.map((file) => (
                <tr key={file.name} data-testid="backup-file">
                  <td>
                    {file.name} {file.scheduled ? `(${t('files.scheduled')})` : ''}
                  </td>
                  <td>{formatSize(file.size)}</td>
                  <td>{new Date(file.modifiedAt).toLocaleString()}</td>
                  <td>
                    <Button
                      size="small"
                      onClick={() => setOpened({ label: file.name, source: { name: file.name } })}
                      data-testid="backup-file-open"
                    >
                      {t('files.open')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      {opened ? (
        <ArchivePanel
          key={opened.label + ('name' in opened.source ? '' : opened.source.archive.length)}
          archive={opened}
          engines={connected}
          onClose={() => setOpened(undefined)}
        />
      ) : null}

      <section className={styles.section} aria-labelledby="backup-schedule-heading">
        <Subtitle2 as="h2" id="backup-schedule-heading">
          {t('schedule.heading')}
        </Subtitle2>
        <Text size={200}>{t('schedule.note')}</Text>
        {draft ? (
          <div className={styles.row}>
            <Field label={t('schedule.engine')}>
              <Select
                value={draft.engineId ?? ''}
                data-testid="backup-schedule-engine"
                onChange={(_e, data) => setScheduleDraft({ ...draft, engineId: data.value || null })}
              >
                <option value="">{t('schedule.none')}</option>
                {(engines ?? []).map((engine) => (
                  <option key={engine.id} value={engine.id}>
                    {displayName(engine, t('engines:bundledName'))} ({engine.address})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('schedule.interval')}>
              <Input
                className={styles.number}
                type="number"
                min={1}
                value={String(draft.intervalHours)}
                onChange={(_e, data) => setScheduleDraft({ ...draft, intervalHours: Math.max(1, Number(data.value) || 1) })} // prettier-ignore
              />
            </Field>
            <Field label={t('schedule.keep')}>
              <Input
                className={styles.number}
                type="number"
                min={1}
                value={String(draft.keep)}
                onChange={(_e, data) => setScheduleDraft({ ...draft, keep: Math.max(1, Number(data.value) || 1) })} // prettier-ignore
              />
            </Field>
            <Button onClick={() => void onSaveSchedule()} disabled={schedule.busy}>
              {t('schedule.save')}
            </Button>
          </div>
        ) : null}
        {listing?.settings.lastRun ? (
          <Text size={200}>
            {t('schedule.lastRun', {
              at: new Date(listing.settings.lastRun.at).toLocaleString(),
              message: listing.settings.lastRun.message,
            })}
          </Text>
        ) : null}
        <ApiErrorBar failure={schedule.failure} />
      </section>
    </div>
  );
}
