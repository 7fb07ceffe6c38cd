// Desktop notifications for the whole app: a connection that goes down (or comes back) and a
// certificate near expiry, through the Notification API (browser mode and Electron's renderer
// alike). It reads the monitor's events; the first read only sets where to start, and nothing is
// shown while the quiet setting is on or the user has not allowed notifications.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext.tsx';
import { newEvents, type HealthEvent } from './healthViewModel.ts';

const READ_MS = 10_000;

export function HealthNotifier() {
  const api = useApi();
  const { t } = useTranslation('health');
  const lastSeen = useRef<number | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    function show(event: HealthEvent) {
      const values = event.values;
      const title =
        event.kind === 'connection-down'
          ? t('notifications.down', values)
          : event.kind === 'connection-recovered'
            ? t('notifications.recovered', values)
            : t('notifications.certificate', values);
      const body =
        event.kind === 'certificate-expiring' ? t('notifications.certificateBody', values) : event.body;
      new Notification(title, { body, tag: `${event.kind}/${event.engineId}/${event.connectionId ?? ''}` });
    }
    async function read() {
      const result = await api.health.overview({});
      if (stopped || !result.ok) return;
      const { show: fresh, lastSeen: seen } = newEvents(result.value.events, lastSeen.current);
      lastSeen.current = seen;
      if (result.value.quiet || typeof Notification === 'undefined' || Notification.permission !== 'granted')
        return;
      fresh.forEach(show);
    }
    void read();
    const timer = window.setInterval(() => void read(), READ_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api, t]);
  return null;
}
