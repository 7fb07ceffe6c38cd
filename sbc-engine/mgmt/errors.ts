import type { ErrorBody, MgmtErrorCode } from './contract.ts';

export type MgmtProblem = NonNullable<ErrorBody['error']['problems']>[number];

/** An answer the management API gives on purpose: status, a stable code and a readable reason. */
export class MgmtError extends Error {
  readonly status: number;
  readonly code: MgmtErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly problems: MgmtProblem[] | undefined;

  constructor(
    status: number,
    code: MgmtErrorCode,
    message: string,
    extra: { field?: string; retryAfterSeconds?: number; problems?: MgmtProblem[] } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.problems = extra.problems;
  }
}
