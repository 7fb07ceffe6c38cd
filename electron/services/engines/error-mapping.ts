// Turns what went wrong talking to an engine into an error the user can act on.
import type { ErrorCode } from '../../api/contract.ts';
import { ServiceError } from '../service-error.ts';
import { MgmtClientError } from './mgmt-client.ts';

const HTTP_CODES: Record<string, ErrorCode> = {
  'wrong-password': 'wrong-password',
  'wrong-setup-key': 'wrong-setup-key',
  'locked-out': 'locked-out',
  'already-provisioned': 'already-provisioned',
  'not-provisioned': 'not-provisioned',
  unauthorized: 'session-expired',
  'invalid-body': 'invalid-input',
  'bad-json': 'invalid-input',
  'not-found': 'not-found',
  'invalid-config': 'invalid-input',
  'precondition-failed': 'stale',
  'precondition-required': 'stale',
  'lint-errors': 'lint-errors',
  'listener-unavailable': 'conflict',
  'nothing-to-confirm': 'conflict',
  'confirm-window-over': 'conflict',
  busy: 'busy',
};

export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  if (!(error instanceof MgmtClientError)) {
    return new ServiceError('internal', (error as Error)?.message ?? String(error));
  }
  const detail = error.detail;
  switch (detail.kind) {
    case 'unreachable':
      return new ServiceError('unreachable', detail.message);
    case 'rejected-certificate':
      return detail.reason instanceof ServiceError
        ? detail.reason
        : new ServiceError('certificate-changed', detail.reason.message);
    case 'protocol':
      return new ServiceError('internal', detail.message);
    case 'http': {
      const code = HTTP_CODES[detail.code] ?? 'internal';
      return new ServiceError(code, detail.message, {
        ...(detail.field ? { field: detail.field } : {}),
        ...(detail.retryAfterSeconds ? { retryAfterSeconds: detail.retryAfterSeconds } : {}),
        ...(detail.problems ? { problems: detail.problems } : {}),
      });
    }
  }
}
