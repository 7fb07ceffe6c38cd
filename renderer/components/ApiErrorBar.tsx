// Shows an API failure as a sentence that says what to do next, with a live countdown for
// lock-outs and the server's detail where it helps.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../api/useApiCall.ts';
import { describeApiError } from '../i18n/apiErrors.ts';
import { lockedUntil } from './countdown.ts';
import { useCountdown } from './useCountdown.ts';

export function useErrorText(failure: Failure | undefined): { text: string; detail?: string } | undefined {
  const { t } = useTranslation('errors');
  const left = useCountdown(
    failure?.error.code === 'locked-out'
      ? lockedUntil(failure.error.retryAfterSeconds, failure.receivedAt)
      : undefined,
  );
  if (!failure) return undefined;
  const described = describeApiError(failure.error, left);
  const text = described.key ? t(described.key, described.values ?? {}) : described.fallback;
  return described.detail ? { text, detail: t('detail', { message: described.detail }) } : { text };
}

/** Seconds a lock-out still lasts (0 once over), or undefined when the failure is no lock-out. */
export function useLockout(failure: Failure | undefined): number | undefined {
  return useCountdown(
    failure?.error.code === 'locked-out'
      ? lockedUntil(failure.error.retryAfterSeconds, failure.receivedAt)
      : undefined,
  );
}

export function ApiErrorBar({ failure }: { failure: Failure | undefined }) {
  const shown = useErrorText(failure);
  if (!shown) return null;
  return (
    <MessageBar intent="error" role="alert" data-testid="api-error" data-error-code={failure?.error.code}>
      <MessageBarBody>
        {shown.detail ? <MessageBarTitle>{shown.text}</MessageBarTitle> : shown.text}
        {shown.detail ? <div>{shown.detail}</div> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
