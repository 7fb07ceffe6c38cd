import type { MgmtErrorCode } from './contract.ts';

/** An answer the management API gives on purpose: status, a stable code and a readable reason. */
export class MgmtError extends Error {
  readonly status: number;
  readonly code: MgmtErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: MgmtErrorCode,
    message: string,
    extra: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}
