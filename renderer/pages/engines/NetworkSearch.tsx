// Live DNS-SD results: while the admin searches, the list is asked for every 2 s (which also keeps
// the browsing in main alive); leaving the page stops the search.
import { Button, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveryListing, EngineView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { toFailure, type Failure } from '../../api/useApiCall.ts';
import { ApiErrorBar } from '../../components/ApiErrorBar.tsx';
import { DiscoveredList } from './DiscoveredList.tsx';

export const BROWSE_POLL_MS = 2000;

export function NetworkSearch({
  onAdded,
  onShow,
}: {
  onAdded: (view: EngineView) => void;
  onShow: (engineId: string) => void;
}) {
  const { t } = useTranslation('engines');
  const api = useApi();
  const [searching, setSearching] = useState(false);
  const [listing, setListing] = useState<DiscoveryListing | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();

  useEffect(() => {
    if (!searching) return;
    let stopped = false;
    let timer: number | undefined;
    async function tick() {
      const result = await api.discovery.browse({});
      if (stopped) return;
      if (result.ok) {
        setListing(result.value);
        setFailure(undefined);
        if (result.value.mdns === 'off') return setSearching(false);
      } else setFailure(toFailure(result.error));
      timer = window.setTimeout(() => void tick(), BROWSE_POLL_MS);
    }
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      void api.discovery.stopBrowsing({});
    };
  }, [api, searching]);

  return (
    <div>
      <Button onClick={() => setSearching((on) => !on)} aria-pressed={searching}>
        {searching ? t('find.stopSearch') : t('find.search')}
      </Button>
      <ApiErrorBar failure={failure} />
      {listing?.mdns === 'off' ? <Text block>{t('find.mdnsOff')}</Text> : null}
      {listing?.mdns === 'failed' ? (
        <Text block role="alert">
          {t('find.mdnsFailed', { problem: listing.problem ?? '' })}
        </Text>
      ) : null}
      {searching ? <Spinner size="tiny" label={t('find.searching')} labelPosition="after" /> : null}
      {listing && listing.engines.length > 0 ? (
        <DiscoveredList
          engines={listing.engines}
          label={t('find.networkHeading')}
          onAdded={onAdded}
          onShow={onShow}
        />
      ) : searching ? (
        <Text block>{t('find.noneYet')}</Text>
      ) : null}
    </div>
  );
}
