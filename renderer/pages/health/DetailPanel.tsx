// The side panel of one connection: its warnings with cause and fix, its targets with a "probe
// now" each, and the response-time chart over 1 hour, 24 hours or 30 days.
import {
  Button,
  makeStyles,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { useApiCall } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { buildChart, type History } from './chartGeometry.ts';
import type { ConnectionHealth, EngineHealth } from './healthViewModel.ts';
import { formatRtt } from './healthViewModel.ts';
import { IssueList } from './IssueList.tsx';
import { ResponseChart } from './ResponseChart.tsx';
import { HealthBadge } from './StateBadge.tsx';

type Range = '1h' | '24h' | '30d';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: '320px',
    maxWidth: '640px',
  },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  target: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export function DetailPanel({
  engine,
  connection,
  onClose,
}: {
  engine: EngineHealth;
  connection: ConnectionHealth;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('health');
  const styles = useStyles();
  const api = useApi();
  const [range, setRange] = useState<Range>('1h');
  const [history, setHistory] = useState<History | undefined>();
  const historyCall = useApiCall();
  const probeCall = useApiCall();
  const [probing, setProbing] = useState<string | undefined>();
  const { run: runHistory } = historyCall;

  useEffect(() => {
    let current = true;
    void runHistory(() =>
      api.health.history({ engineId: engine.engineId, connectionId: connection.connectionId, range }),
    ).then((value) => {
      if (current && value) setHistory(value);
    });
    return () => {
      current = false;
    };
  }, [api, runHistory, engine.engineId, connection.connectionId, range, engine.lastPollAt]);

  const geometry = useMemo(() => (history ? buildChart(history, 600, 180) : undefined), [history]);
  const formatTime = useMemo(() => {
    const format = new Intl.DateTimeFormat(
      i18n.language,
      range === '30d' ? { day: 'numeric', month: 'short' } : { hour: '2-digit', minute: '2-digit' },
    );
    return (t: number) => format.format(new Date(t));
  }, [i18n.language, range]);

  async function probe(target: string) {
    setProbing(target);
    await probeCall.run(() =>
      api.health.probe({ engineId: engine.engineId, connectionId: connection.connectionId, target }),
    );
    setProbing(undefined);
  }

  const issues = [...connection.issues, ...engine.issues];
  return (
    <aside className={styles.panel} aria-labelledby="health-panel-heading" data-testid="health-panel">
      <div className={styles.header}>
        <Subtitle2 as="h2" id="health-panel-heading">
          {t('panel.heading', { name: connection.name, engine: engine.name })}
        </Subtitle2>
        <Button appearance="subtle" onClick={onClose} data-testid="health-panel-close">
          {t('panel.close')}
        </Button>
      </div>
      <div>
        <HealthBadge state={connection.state} testId="health-panel-state" />
      </div>
      <Subtitle2 as="h3">{t('panel.issues')}</Subtitle2>
      {issues.length ? <IssueList issues={issues} /> : <Text>{t('panel.noIssues')}</Text>}
      <Subtitle2 as="h3">{t('panel.targets')}</Subtitle2>
      {connection.targets.map((target) => (
        <div key={target.target} className={styles.target} data-testid="health-target">
          <HealthBadge state={target.state} testId="health-target-state" />
          <Text font="monospace">{target.target}</Text>
          <Text>
            {target.lastCode ?? '–'} · {formatRtt(target.rttMs)}
          </Text>
          <Button
            size="small"
            disabled={probing !== undefined}
            icon={probing === target.target ? <Spinner size="tiny" /> : undefined}
            onClick={() => void probe(target.target)}
            data-testid="health-probe"
          >
            {probing === target.target ? t('panel.probing') : t('panel.probe')}
          </Button>
          {target.probe ? (
            <Text size={200} data-testid="health-probe-result">
              {t('panel.lastProbe', { message: target.probe.message })}
            </Text>
          ) : null}
        </div>
      ))}
      <ApiErrorBar failure={probeCall.failure} />
      <Subtitle2 as="h3">{t('panel.chart')}</Subtitle2>
      <TabList
        selectedValue={range}
        onTabSelect={(_event, data) => setRange(data.value as Range)}
        aria-label={t('panel.range')}
        size="small"
      >
        {(['1h', '24h', '30d'] as const).map((r) => (
          <Tab key={r} value={r} data-testid={`health-range-${r}`}>
            {t(`chart.ranges.${r}`)}
          </Tab>
        ))}
      </TabList>
      <ApiErrorBar failure={historyCall.failure} />
      {geometry ? (
        geometry.empty ? (
          <Text data-testid="health-chart-empty">{t('chart.empty')}</Text>
        ) : (
          <ResponseChart
            geometry={geometry}
            label={t('chart.label', { name: connection.name, range: t(`chart.ranges.${range}`) })}
            formatTime={formatTime}
            legend={{ mean: t('chart.mean'), worst: t('chart.worst'), failed: t('chart.failed') }}
          />
        )
      ) : (
        <Spinner size="tiny" />
      )}
    </aside>
  );
}
