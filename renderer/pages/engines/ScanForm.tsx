// "Scan addresses": addresses, host names and CIDR ranges with a port; progress and results come
// from polling discovery.results while the scan runs, and the scan can be cancelled.
import { Button, Field, Input, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineView, ScanResults } from '../../../electron/api/contract.ts';
import { DEFAULT_MGMT_PORT } from '../../../sbc-engine/config/defaults.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, useApiCall, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { fieldError } from '../../i18n/apiErrors.ts';
import { DiscoveredList } from './DiscoveredList.tsx';
import { failureCounts, parsePortField, scanProgress, scanRunning } from './discoveryViewModel.ts';

export const SCAN_POLL_MS = 500;
/** As in electron/services/discovery/scan-targets.ts: the service refuses more. */
const MAX_SCAN_ADDRESSES = 4096;

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  targets: { flexGrow: 1, minWidth: '280px' },
  port: { width: '140px' },
  // Fluent's Input has a min-width wider than the port field: it would spill over the Scan button.
  portInput: { minWidth: 0, width: '100%' },
  results: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function ScanForm({
  onAdded,
  onShow,
}: {
  onAdded: (view: EngineView) => void;
  onShow: (engineId: string) => void;
}) {
  const { t } = useTranslation('engines');
  const styles = useStyles();
  const api = useApi();
  const starting = useApiCall();
  const [targets, setTargets] = useState('');
  const [portText, setPortText] = useState(String(DEFAULT_MGMT_PORT));
  const [scanId, setScanId] = useState<string | undefined>();
  const [results, setResults] = useState<ScanResults | undefined>();
  const [pollFailure, setPollFailure] = useState<Failure | undefined>();
  const port = parsePortField(portText);
  const running = scanId !== undefined && (results === undefined || scanRunning(results));
  const targetsError = fieldError(starting.failure?.error, 'targets');

  useEffect(() => {
    if (!scanId) return;
    let stopped = false;
    let timer: number | undefined;
    async function tick() {
      const result = await api.discovery.results({ scanId: scanId! });
      if (stopped) return;
      if (!result.ok) return setPollFailure(toFailure(result.error));
      setResults(result.value);
      if (scanRunning(result.value)) timer = window.setTimeout(() => void tick(), SCAN_POLL_MS);
    }
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, scanId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (port === undefined || !targets.trim()) return;
    setResults(undefined);
    setPollFailure(undefined);
    const started = await starting.run(() => api.discovery.scan({ targets: targets.trim(), port }));
    if (started) setScanId(started.scanId);
  }

  const counts = results ? failureCounts(results.failures) : [];
  const details = counts.map((c) => `${c.count} ${t(`find.reason.${c.reason}`)}`).join(', ');
  return (
    <div className={styles.results}>
      <form
        className={styles.form}
        onSubmit={(event) => void submit(event)}
        aria-label={t('find.scanHeading')}
      >
        <Field
          className={styles.targets}
          label={t('find.targets')}
          hint={t('find.targetsHint', { max: MAX_SCAN_ADDRESSES })}
          validationState={targetsError ? 'error' : 'none'}
          validationMessage={targetsError?.message}
        >
          <Input
            value={targets}
            onChange={(_e, data) => setTargets(data.value)}
            placeholder="192.0.2.0/24, sbc1.example.com"
          />
        </Field>
        <Field
          className={styles.port}
          label={t('find.port')}
          validationState={port === undefined ? 'error' : 'none'}
          validationMessage={port === undefined ? t('find.portInvalid') : undefined}
        >
          <Input
            className={styles.portInput}
            value={portText}
            onChange={(_e, data) => setPortText(data.value)}
            inputMode="numeric"
          />
        </Field>
        <Button
          type="submit"
          appearance="primary"
          disabled={starting.busy || running || !targets.trim() || port === undefined}
        >
          {t('find.scan')}
        </Button>
        {running && scanId ? (
          <Button onClick={() => void api.discovery.cancel({ scanId })}>{t('find.cancel')}</Button>
        ) : null}
      </form>
      {targetsError ? null : <ApiErrorBar failure={starting.failure} />}
      <ApiErrorBar failure={pollFailure} />
      {results ? (
        <>
          <Field
            label={t('find.progressLabel')}
            hint={t('find.progress', { done: results.done, total: results.total })}
            validationState="none"
          >
            <ProgressBar value={scanProgress(results)} data-testid="scan-progress" />
          </Field>
          <Text role="status" data-testid="scan-state" data-state={results.state}>
            {t(`find.state.${results.state}`)} {t('find.foundCount', { count: results.found.length })}
            {results.notTried > 0 ? ` ${t('find.notTried', { count: results.notTried })}` : ''}
          </Text>
          {results.failureCount > 0 ? (
            <Text data-testid="scan-failures">
              {t('find.failureSummary', { count: results.failureCount, details })}
            </Text>
          ) : null}
          {results.found.length > 0 ? (
            <DiscoveredList
              engines={results.found}
              label={t('find.resultsLabel')}
              onAdded={onAdded}
              onShow={onShow}
            />
          ) : results.state !== 'running' ? (
            <Text>{t('find.noneFound')}</Text>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
