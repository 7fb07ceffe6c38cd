// The Health page: engines → connections with their state, the worst issues on top, a side panel
// with cause, fix and response-time chart, the Teams check and the monitor's settings.
import { Button, makeStyles, Spinner, Subtitle2, Text, Title2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { connectionRows, rowKey } from './healthViewModel.ts';
import { ConnectionsTable } from './ConnectionsTable.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { IssueList } from './IssueList.tsx';
import { NotificationControl } from './NotificationControl.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { HealthBadge } from './StateBadge.tsx';
import { TeamsCheckDialog } from './TeamsCheckDialog.tsx';
import { useHealth } from './useHealth.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  body: { display: 'flex', gap: tokens.spacingHorizontalXL, alignItems: 'flex-start', flexWrap: 'wrap' },
  engines: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, flexGrow: 1, minWidth: 0, overflowX: 'auto' },
  engineHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
}); // prettier-ignore

export function HealthPage({ onGoToEngines }: { onGoToEngines: () => void }) {
  const { t, i18n } = useTranslation('health');
  const styles = useStyles();
  const { overview, failure, busy, refresh } = useHealth();
  const [selected, setSelected] = useState<string | undefined>();
  const [dialog, setDialog] = useState<'teams' | 'settings' | undefined>();
  const row = overview
    ? connectionRows(overview).find((r) => rowKey(r.engine.engineId, r.connection.connectionId) === selected)
    : undefined;
  const reachable = overview?.engines.filter((e) => e.reachable) ?? [];
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' });

  return (
    <div className={styles.root} data-testid="health-page">
      <div className={styles.header}>
        <Title2 as="h1">{t('title')}</Title2>
        <div className={styles.toolbar} role="toolbar" aria-label={t('title')}>
          <Button onClick={() => void refresh()} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined} data-testid="health-refresh">
            {t('refresh')}
          </Button>
          <Button appearance="primary" disabled={!reachable.length} onClick={() => setDialog('teams')} data-testid="health-teams-check">
            {t('teams.button')}
          </Button>
          <Button onClick={() => setDialog('settings')} data-testid="health-settings">
            {t('settings.button')}
          </Button>
        </div>
      </div>
      <Text>{t('intro')}</Text>
      {overview ? <NotificationControl quiet={overview.quiet} /> : null}
      <ApiErrorBar failure={failure} />
      {!overview ? (
        failure ? null : <Spinner size="small" label={t('loading')} />
      ) : overview.engines.length === 0 ? (
        <div data-testid="health-no-engine">
          <Text as="p">{t('noEngine')}</Text>
          <Button onClick={onGoToEngines}>{t('goToEngines')}</Button>
        </div>
      ) : (
        <>
          <section aria-labelledby="health-worst-heading" data-testid="health-worst">
            <Subtitle2 as="h2" id="health-worst-heading">{t('worst.heading')}</Subtitle2>
            {overview.worstIssues.length ? <IssueList issues={overview.worstIssues.slice(0, 3)} /> : <Text as="p">{t('worst.none')}</Text>}
          </section>
          <div className={styles.body}>
            <div className={styles.engines}>
              {overview.engines.map((engine) => (
                <section key={engine.engineId} aria-labelledby={`health-engine-${engine.engineId}`} data-testid="health-engine" data-engine={engine.engineId}>
                  <div className={styles.engineHeader}>
                    <Subtitle2 as="h2" id={`health-engine-${engine.engineId}`}>
                      {engine.name} ({engine.address})
                    </Subtitle2>
                    <HealthBadge state={engine.state} testId="health-engine-state" />
                    {engine.lastPollAt ? <Text size={200}>{t('lastPoll', { time: time.format(new Date(engine.lastPollAt)) })}</Text> : null}
                  </div>
                  <ConnectionsTable engine={engine} selected={selected} onSelect={setSelected} />
                </section>
              ))}
            </div>
            {row ? <DetailPanel engine={row.engine} connection={row.connection} onClose={() => setSelected(undefined)} /> : null}
          </div>
        </>
      )}
      {dialog === 'teams' ? <TeamsCheckDialog engines={reachable} onClose={() => setDialog(undefined)} /> : null}
      {dialog === 'settings' ? <SettingsDialog onClose={() => setDialog(undefined)} /> : null}
    </div>
  );
} // prettier-ignore
