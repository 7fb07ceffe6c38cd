// Restore onto a connected engine: the preview first (diff to the running config, the target's
// linter findings, the secrets that will be missing, the certificates), the parts to restore, then
// the restore through the engine's apply with confirmation, and the confirm button.
import {
  Button,
  Checkbox,
  Field,
  Input,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView, Output } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { pickEngine } from '../certificates/certificateViewModel.ts';
import { DiffList } from '../configuration/DiffList.tsx';
import { displayName } from '../engines/engineViewModel.ts';
import { configBlocked, missingItems } from './backupViewModel.ts';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  seconds: { width: '7em' },
});

const DEFAULT_CONFIRM_SECONDS = 120;

export function RestorePanel(props: {
  source: { name: string } | { archive: string };
  passphrase: string | undefined;
  engines: EngineView[];
}) {
  const { t } = useTranslation('backups');
  const styles = useStyles();
  const api = useApi();
  const selectId = useId('restore-engine');
  const [chosenId, setChosenId] = useState<string | undefined>();
  const engineId = pickEngine(props.engines, chosenId);
  const previewCall = useApiCall();
  const restoreCall = useApiCall();
  const confirmCall = useApiCall();
  const [preview, setPreview] = useState<Output<'backups.preview'> | undefined>();
  const [result, setResult] = useState<Output<'backups.restore'> | undefined>();
  const [confirmed, setConfirmed] = useState<number | undefined>();
  const [parts, setParts] = useState({
    config: true,
    history: true,
    certificates: true,
    adminPassword: false,
  });
  const [seconds, setSeconds] = useState(String(DEFAULT_CONFIRM_SECONDS));
  const [reason, setReason] = useState('');
  const withPassphrase = props.passphrase ? { passphrase: props.passphrase } : {};

  if (props.engines.length === 0) return <Text>{t('noEngine')}</Text>;

  async function onPreview() {
    if (!engineId) return;
    setResult(undefined);
    setConfirmed(undefined);
    const answer = await previewCall.run(() => api.backups.preview({ engineId, source: props.source, ...withPassphrase })); // prettier-ignore
    if (answer) {
      setPreview(answer);
      if (configBlocked(answer.missing)) setParts((p) => ({ ...p, config: false, history: false }));
      if (answer.missing.adminPassword) setParts((p) => ({ ...p, adminPassword: false }));
    }
  }

  async function onRestore() {
    if (!engineId) return;
    const answer = await restoreCall.run(async () => {
      const current = await api.config.get({ engineId });
      if (!current.ok) return current;
      return api.backups.restore({
        engineId,
        source: props.source,
        ...withPassphrase,
        parts,
        ifMatch: current.value.etag,
        ...(parts.config ? { confirmWithinSeconds: Number(seconds) || DEFAULT_CONFIRM_SECONDS } : {}),
        ...(reason.trim() ? { overrideReason: reason.trim() } : {}),
      });
    });
    if (answer) setResult(answer);
  }

  async function onConfirm() {
    const pending = result?.config?.pending;
    if (!engineId || !pending) return;
    const answer = await confirmCall.run(() => api.config.confirm({ engineId, version: pending.version }));
    if (answer) setConfirmed(pending.version);
  }

  const errors = preview?.findings.filter((f) => f.severity === 'error') ?? [];
  const missing = preview ? missingItems(preview.missing) : [];

  return (
    <div className={styles.section} data-testid="backup-restore">
      <Subtitle2 as="h3">{t('restore.heading')}</Subtitle2>
      <div className={styles.row}>
        <div>
          <Label htmlFor={selectId}>{t('engine')}</Label>{' '}
          <Select
            id={selectId}
            value={engineId}
            data-testid="backup-restore-engine"
            onChange={(_e, data) => {
              setChosenId(data.value);
              setPreview(undefined);
            }}
          >
            {props.engines.map((engine) => (
              <option key={engine.id} value={engine.id}>
                {displayName(engine, t('engines:bundledName'))} ({engine.address})
              </option>
            ))}
          </Select>
        </div>
        <Button
          onClick={() => void onPreview()}
          disabled={previewCall.busy}
          data-testid="backup-restore-preview"
        >
          {t('restore.preview')}
        </Button>
      </div>
      <ApiErrorBar failure={previewCall.failure} />
      {preview ? (
        <>
          <Text weight="semibold">{t('restore.diff')}</Text>
          <DiffList changes={preview.diff} />
          <Text weight="semibold">{t('restore.findings')}</Text>
          {preview.findings.length === 0 ? (
            <Text>{t('restore.noFindings')}</Text>
          ) : (
            <ul data-testid="backup-restore-findings">
              {preview.findings.map((f) => (
                <li key={`${f.ruleId}-${f.path}`}>
                  {f.severity}: {f.path} — {f.message}
                </li>
              ))}
            </ul>
          )}
          <Text weight="semibold">{t('restore.missingHeading')}</Text>
          {missing.length === 0 ? (
            <Text data-testid="backup-restore-nothing-missing">{t('restore.nothingMissing')}</Text>
          ) : (
            <ul data-testid="backup-restore-missing">
              {missing.map((item) => (
                <li key={`${item.key}-${JSON.stringify(item.values)}`}>{t(item.key, item.values)}</li>
              ))}
            </ul>
          )}
          <Text>
            {t('restore.certificates', {
              added: preview.certificates.added.length,
              replaced: preview.certificates.replaced.length,
              skipped: preview.certificates.skipped.length,
            })}
          </Text>
          {configBlocked(preview.missing) ? (
            <MessageBar intent="warning">
              <MessageBarBody>{t('restore.configBlocked')}</MessageBarBody>
            </MessageBar>
          ) : null}
          <fieldset>
            <legend>{t('restore.parts')}</legend>
            <Checkbox
              label={t('restore.partConfig')}
              checked={parts.config}
              disabled={configBlocked(preview.missing)}
              onChange={(_e, d) =>
                setParts({ ...parts, config: !!d.checked, history: !!d.checked && parts.history })
              }
            />
            <Checkbox
              label={t('restore.partHistory')}
              checked={parts.history}
              disabled={!parts.config}
              onChange={(_e, d) => setParts({ ...parts, history: !!d.checked })}
            />
            <Checkbox
              label={t('restore.partCertificates')}
              checked={parts.certificates}
              onChange={(_e, d) => setParts({ ...parts, certificates: !!d.checked })}
            />
            <Checkbox
              label={t('restore.partAdmin')}
              checked={parts.adminPassword}
              disabled={preview.missing.adminPassword || !preview.summary.secrets.opened}
              onChange={(_e, d) => setParts({ ...parts, adminPassword: !!d.checked })}
            />
          </fieldset>
          {parts.config ? (
            <Field label={t('restore.confirmSeconds')}>
              <Input
                className={styles.seconds}
                type="number"
                value={seconds}
                onChange={(_e, d) => setSeconds(d.value)}
              />
            </Field>
          ) : null}
          {parts.config && errors.length > 0 ? (
            <Field label={t('restore.reason')}>
              <Input
                value={reason}
                onChange={(_e, d) => setReason(d.value)}
                data-testid="backup-restore-reason"
              />
            </Field>
          ) : null}
          <div>
            <Button
              appearance="primary"
              onClick={() => void onRestore()}
              disabled={restoreCall.busy || (parts.config && errors.length > 0 && !reason.trim())}
              data-testid="backup-restore-apply"
            >
              {t('restore.button')}
            </Button>
          </div>
          <ApiErrorBar failure={restoreCall.failure} />
          {result ? (
            <Text role="status" data-testid="backup-restore-done">
              {result.config?.pending
                ? t('restore.done', { version: result.config.pending.version })
                : t('restore.doneNoConfig')}
            </Text>
          ) : null}
          {result?.config?.pending && confirmed === undefined ? (
            <div>
              <Button
                appearance="primary"
                onClick={() => void onConfirm()}
                data-testid="backup-restore-confirm"
              >
                {t('restore.confirm')}
              </Button>
            </div>
          ) : null}
          <ApiErrorBar failure={confirmCall.failure} />
          {confirmed !== undefined ? (
            <Text role="status" data-testid="backup-restore-confirmed">
              {t('restore.confirmed', { version: confirmed })}
            </Text>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
