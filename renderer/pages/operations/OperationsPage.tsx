// The Operations page: one connected engine's calls in progress, call counters per connection, and
// registrations and OPTIONS targets, read live while the page is open.
import {
  Button,
  Label,
  makeStyles,
  Select,
  Subtitle2,
  Text,
  Title2,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { connectedEngines, pickEngine } from '../certificates/certificateViewModel.ts';
import { saveTextFile } from '../certificates/saveFile.ts';
import { displayName } from '../engines/engineViewModel.ts';
import { useEngines } from '../engines/useEngines.ts';
import { CallsTable } from './CallsTable.tsx';
import { ConnectionsState } from './ConnectionsState.tsx';
import { CountersTable } from './CountersTable.tsx';
import { callsCsv, sortCalls } from './operationsViewModel.ts';
import { useOperations } from './useOperations.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

/** The current time, once a second: call durations tick between polls. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function OperationsPage({ onGoToEngines }: { onGoToEngines: () => void }) {
  const { t } = useTranslation('operations');
  const styles = useStyles();
  const { engines, failure: enginesFailure } = useEngines();
  const connected = useMemo(() => connectedEngines(engines ?? []), [engines]);
  const [chosenId, setChosenId] = useState<string | undefined>();
  const engineId = pickEngine(connected, chosenId);
  const engineSelect = useId('operations-engine');
  const { snapshot, refresh } = useOperations(engineId);
  const now = useNow();

  function onExport() {
    if (!snapshot?.calls) return;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    saveTextFile(
      `calls-${stamp}.csv`,
      callsCsv(sortCalls(snapshot.calls), snapshot.polledAt, Date.now()),
      'text/csv',
    );
  }

  return (
    <div className={styles.root} data-testid="operations-page">
      <Title2 as="h1">{t('title')}</Title2>
      <Text>{t('intro')}</Text>
      <ApiErrorBar failure={enginesFailure} />
      {connected.length === 0 ? (
        <div className={styles.row}>
          <Text data-testid="operations-no-engine">{t('noEngine')}</Text>
          <Button onClick={onGoToEngines}>{t('goToEngines')}</Button>
        </div>
      ) : (
        <>
          <div className={styles.row}>
            <Label htmlFor={engineSelect}>{t('engine')}</Label>
            <Select
              id={engineSelect}
              value={engineId}
              data-testid="operations-engine"
              onChange={(_e, data) => setChosenId(data.value)}
            >
              {connected.map((engine) => (
                <option key={engine.id} value={engine.id}>
                  {displayName(engine, t('engines:bundledName'))} ({engine.address})
                </option>
              ))}
            </Select>
            <Button onClick={() => void refresh()} data-testid="operations-refresh">
              {t('refresh')}
            </Button>
            {snapshot ? (
              <Text size={200} aria-live="off">
                {t('updated', { time: new Date(snapshot.polledAt).toLocaleTimeString() })}
              </Text>
            ) : null}
          </div>
          <ApiErrorBar failure={snapshot?.failure} />

          <section className={styles.section} aria-labelledby="operations-calls-heading">
            <div className={styles.row}>
              <Subtitle2 as="h2" id="operations-calls-heading">
                {t('calls.heading')}
              </Subtitle2>
              {snapshot?.calls ? (
                <Text role="status" data-testid="operations-call-count">
                  {t('calls.count', { count: snapshot.calls.length })}
                </Text>
              ) : null}
              <Button
                size="small"
                disabled={!snapshot?.calls?.length}
                onClick={onExport}
                data-testid="operations-export"
              >
                {t('calls.export')}
              </Button>
            </div>
            {snapshot?.calls && engineId ? (
              <CallsTable
                engineId={engineId}
                calls={snapshot.calls}
                polledAt={snapshot.polledAt}
                now={now}
                onChanged={() => void refresh()}
              />
            ) : null}
          </section>

          <section className={styles.section} aria-labelledby="operations-counters-heading">
            <Subtitle2 as="h2" id="operations-counters-heading">
              {t('counters.heading')}
            </Subtitle2>
            {snapshot?.counters ? <CountersTable counters={snapshot.counters} /> : null}
          </section>

          <section className={styles.section} aria-labelledby="operations-connections-heading">
            <Subtitle2 as="h2" id="operations-connections-heading">
              {t('connections.heading')}
            </Subtitle2>
            {snapshot?.connections ? <ConnectionsState status={snapshot.connections} /> : null}
          </section>
        </>
      )}
    </div>
  );
}
