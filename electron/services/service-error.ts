import type { ApiError, ApiProblem, ErrorCode } from '../api/contract.ts';

/** A failure the user can act on; carried to the UI as a typed result, never as a thrown error. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly problems: ApiProblem[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; retryAfterSeconds?: number; problems?: ApiProblem[] } = {},
  ) {
    super(message);
    this.code = code;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.problems = extra.problems;
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.retryAfterSeconds ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.problems ? { problems: this.problems } : {}),
    };
  }
}
