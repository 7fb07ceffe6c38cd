// Turns an API error into what the user reads: a translated sentence that says what to do next,
// plus the server's own message where it carries facts the code does not (which field, which
// socket error). Unknown codes fall back to the server's message.
import type { ApiError } from '../../electron/api/contract.ts';
import { MIN_ADMIN_PASSWORD_LENGTH } from '../../sbc-engine/config/password-rule.ts';
import { CONNECTION_LOST_MESSAGE } from '../api/socketProtocol.ts';
import { strings } from './errorStrings.ts';

export interface ErrorText {
  /** Translation key in the 'errors' namespace, or undefined to show `fallback` as is. */
  key?: string;
  values?: Record<string, string | number>;
  /** The server's message, shown as a detail line. */
  detail?: string;
  fallback: string;
}

// Codes whose server message names the concrete problem (field, address, socket error).
const DETAIL_CODES = new Set([
  'invalid-input',
  'internal',
  'unreachable',
  'certificate-unconfirmed',
  'conflict',
  'lint-errors',
]);

/**
 * @param secondsLeft for 'locked-out': the seconds still to wait, counted down by the caller
 * from retryAfterSeconds; undefined when the server did not say.
 */
export function describeApiError(error: ApiError, secondsLeft?: number): ErrorText {
  const fallback = error.message;
  if (error.code === 'unreachable' && error.message === CONNECTION_LOST_MESSAGE) {
    return { key: 'connection-lost', fallback };
  }
  if (error.code === 'locked-out') {
    if (secondsLeft === undefined) return { key: 'locked-out-later', fallback };
    if (secondsLeft <= 0) return { key: 'locked-out-over', fallback };
    return { key: 'locked-out', values: { seconds: Math.ceil(secondsLeft) }, fallback };
  }
  if (error.code === 'weak-password') {
    return { key: 'weak-password', values: { min: MIN_ADMIN_PASSWORD_LENGTH }, fallback };
  }
  if (!Object.hasOwn(strings.en, error.code)) return { fallback };
  return {
    key: error.code,
    fallback,
    ...(DETAIL_CODES.has(error.code) && error.message ? { detail: error.message } : {}),
  };
}

/** The error that belongs under one input field, if the server named that field. */
export function fieldError(error: ApiError | undefined, field: string): ApiError | undefined {
  return error?.field === field ? error : undefined;
}
