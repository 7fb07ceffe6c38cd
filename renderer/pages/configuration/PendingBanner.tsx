// A config on trial: how long until the engine goes back by itself, and the button that keeps it.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountdown } from '../../components/useCountdown.ts';

export interface PendingTrial {
  version: number;
  revertTo: number;
  /** The engine's own count when its answer arrived (clocks of app and engine may differ). */
  secondsLeft: number;
  receivedAt: number;
}

export function PendingBanner({
  pending,
  busy,
  onConfirm,
  onExpired,
}: {
  pending: PendingTrial;
  busy: boolean;
  onConfirm: () => void;
  onExpired: () => void;
}) {
  const { t } = useTranslation('configuration');
  const left = useCountdown(pending.receivedAt + pending.secondsLeft * 1000) ?? 0;
  const reported = useRef(false);
  useEffect(() => {
    if (left > 0 || reported.current) return;
    reported.current = true;
    // Give the engine a moment past the deadline to go back, then read what it runs.
    const timer = window.setTimeout(onExpired, 1500);
    return () => window.clearTimeout(timer);
  }, [left, onExpired]);
  const minutes = Math.floor(left / 60);
  const clock = `${minutes}:${String(left % 60).padStart(2, '0')}`;
  return (
    <MessageBar intent="warning" data-testid="pending-banner" data-seconds={left}>
      <MessageBarBody>
        <MessageBarTitle>{t('pending.title', { version: pending.version })}</MessageBarTitle>
        {t('pending.body', { clock, revertTo: pending.revertTo })}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          disabled={busy || left === 0}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          onClick={onConfirm}
          data-testid="pending-confirm"
        >
          {t('pending.confirm')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
