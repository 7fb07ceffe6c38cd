// An opened archive, offline: what it holds, its config (secrets hidden) and what the linter says
// about it; with the passphrase, its secrets count as available. Restoring it is RestorePanel's.
import { Button, Field, Input, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView, Output } from '../../../electron/api/contract.ts';
import type { LintContext } from '../../../sbc-engine/config/lint/types.ts';
import { parseConfig } from '../../../sbc-engine/config/schema/parse.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, useApiCall, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { hashForPage } from '../../app/navigation.ts';
import { handOverArchive } from '../configuration/archiveHandoff.ts';
import { useLint } from '../configuration/useLint.ts';
import { RestorePanel } from './RestorePanel.tsx';

export interface ArchiveSource {
  label: string;
  source: { name: string } | { archive: string };
}

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  config: { fontFamily: tokens.fontFamilyMonospace, maxHeight: '30vh', overflow: 'auto', margin: 0 },
});

const NO_FACTS: LintContext = {};

export function ArchivePanel(props: { archive: ArchiveSource; engines: EngineView[]; onClose: () => void }) {
  const { t } = useTranslation('backups');
  const styles = useStyles();
  const api = useApi();
  const open = useApiCall();
  const [passphrase, setPassphrase] = useState('');
  const [usedPassphrase, setUsedPassphrase] = useState<string | undefined>();
  const [opened, setOpened] = useState<Output<'backups.open'> | undefined>();

  const [loadFailure, setLoadFailure] = useState<Failure | undefined>();

  useEffect(() => {
    let current = true;
    void api.backups.open({ source: props.archive.source }).then((result) => {
      if (!current) return;
      if (result.ok) setOpened(result.value);
      else setLoadFailure(toFailure(result.error));
    });
    return () => {
      current = false;
    };
  }, [api, props.archive.source]);

  async function unlock() {
    const answer = await open.run(() => api.backups.open({ source: props.archive.source, passphrase }));
    if (answer) {
      setOpened(answer);
      setUsedPassphrase(passphrase);
    }
  }

  const config = useMemo(() => {
    const parsed = opened ? parseConfig(opened.config) : undefined;
    return parsed?.ok ? parsed.config : undefined;
  }, [opened]);
  const lint = useLint(config, NO_FACTS);
  const summary = opened?.summary;

  // The Configuration page's editor takes it from here; "Save as new archive" there writes the edit.
  function editConfig() {
    if (!opened) return;
    handOverArchive({
      origin: { label: props.archive.label, source: props.archive.source, ...(usedPassphrase ? { passphrase: usedPassphrase } : {}) }, // prettier-ignore
      config: opened.config,
    });
    window.location.hash = hashForPage('configuration');
  }

  return (
    <section className={styles.panel} aria-labelledby="backup-archive-heading" data-testid="backup-archive">
      <Subtitle2 as="h2" id="backup-archive-heading">
        {t('archive.heading', { name: props.archive.label })}
      </Subtitle2>
      <ApiErrorBar failure={loadFailure} />
      <ApiErrorBar failure={open.failure} />
      {summary ? (
        <>
          <Text data-testid="backup-archive-made">
            {t('archive.made', {
              engine: summary.engine.name,
              at: new Date(summary.createdAt).toLocaleString(),
              by: summary.createdBy,
              version: summary.configVersion,
            })}
          </Text>
          <Text>{t('archive.fqdn', { fqdn: summary.fqdn ?? '—' })}</Text>
          <Text>{t('archive.history', { count: summary.history.length })}</Text>
          <Text>
            {summary.certificates.own.length
              ? t('archive.certificates', { list: summary.certificates.own.map((c) => c.label).join(', ') })
              : t('archive.noCertificates')}
          </Text>
          <Text data-testid="backup-archive-secrets">
            {!summary.secrets.encrypted
              ? t('archive.secretsNone')
              : summary.secrets.opened
                ? t('archive.secretsOpened')
                : t('archive.secretsLocked')}
          </Text>
          {summary.secrets.encrypted && !summary.secrets.opened ? (
            <div className={styles.row}>
              <Field label={t('archive.passphrase')}>
                <Input
                  type="password"
                  value={passphrase}
                  data-testid="backup-archive-passphrase"
                  onChange={(_e, data) => setPassphrase(data.value)}
                />
              </Field>
              <Button
                onClick={() => void unlock()}
                disabled={!passphrase || open.busy}
                data-testid="backup-archive-unlock"
              >
                {t('archive.unlock')}
              </Button>
            </div>
          ) : null}
          <details>
            <summary>{t('archive.config')}</summary>
            <pre className={styles.config} tabIndex={0}>
              {JSON.stringify(opened?.config, null, 2)}
            </pre>
          </details>
          {lint ? (
            <Text data-testid="backup-archive-lint">
              {t('archive.lint', { count: lint.findings.length })}
            </Text>
          ) : null}
          <div>
            <Button onClick={editConfig} data-testid="backup-archive-edit">
              {t('archive.edit')}
            </Button>
          </div>
          <RestorePanel source={props.archive.source} passphrase={usedPassphrase} engines={props.engines} />
        </>
      ) : null}
      <div>
        <Button onClick={props.onClose}>{t('archive.close')}</Button>
      </div>
    </section>
  );
}
