// The Syslog page: live tail, calls, ladder, search and the receiver, as tabs. The receiver's
// status is polled here so the header shows at a glance whether lines are arriving.
import { Badge, makeStyles, Tab, TabList, Text, Title2, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, SyslogStatus } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { CallsTab } from './CallsTab.tsx';
import { LadderTab } from './LadderTab.tsx';
import { LiveTab } from './LiveTab.tsx';
import { ReceiverTab } from './ReceiverTab.tsx';
import { SearchTab } from './SearchTab.tsx';

export const STATUS_POLL_MS = 2000;
const TABS = ['live', 'calls', 'ladder', 'search', 'receiver'] as const;
type TabId = (typeof TABS)[number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export function SyslogPage() {
  const { t } = useTranslation('syslog');
  const styles = useStyles();
  const api = useApi();
  const [tab, setTab] = useState<TabId>('calls');
  const [status, setStatus] = useState<SyslogStatus | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [callIds, setCallIds] = useState<string[] | undefined>();

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    async function tick() {
      const result = await api.syslog.status({});
      if (stopped) return;
      if (result.ok) {
        setStatus(result.value);
        setFailure(undefined);
      } else setFailure(toFailure(result.error));
      timer = window.setTimeout(() => void tick(), STATUS_POLL_MS);
    }
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api]);

  function openCall(call: CallView) {
    setCallIds(call.callIds);
    setTab('ladder');
  }

  return (
    <div className={styles.root} data-testid="syslog-page">
      <div className={styles.header}>
        <Title2 as="h1">{t('title')}</Title2>
        {status ? (
          <Badge
            color={
              status.state === 'running' ? 'success' : status.state === 'starting' ? 'informative' : 'danger'
            }
            data-testid="syslog-state"
          >
            {t(`receiver.state.${status.state}`)}
          </Badge>
        ) : null}
      </div>
      <Text>{t('intro')}</Text>
      <ApiErrorBar failure={failure} />
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as TabId)}>
        {TABS.map((id) => (
          <Tab key={id} value={id} data-testid={`syslog-tab-${id}`}>
            {t(`tabs.${id}`)}
          </Tab>
        ))}
      </TabList>
      {tab === 'live' ? <LiveTab /> : null}
      {tab === 'calls' ? <CallsTab onOpen={openCall} /> : null}
      {tab === 'ladder' ? <LadderTab callIds={callIds} /> : null}
      {tab === 'search' ? <SearchTab /> : null}
      {tab === 'receiver' ? <ReceiverTab status={status} onStatus={setStatus} /> : null}
    </div>
  );
}
