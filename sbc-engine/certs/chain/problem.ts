// One finding about certificate material, in words an admin can act on. Codes are stable (the UI,
// the linter and tests key on them); messages are for people.

export type Severity = 'error' | 'warning' | 'info';

export type ProblemCode =
  // chain building
  | 'missing-issuer'
  | 'bad-signature'
  | 'issuer-not-ca'
  | 'wrong-order'
  | 'root-in-bundle'
  | 'root-not-trusted'
  | 'unused-certificate'
  | 'self-signed-leaf'
  // per certificate
  | 'expired'
  | 'not-yet-valid'
  | 'missing-eku'
  | 'no-eku'
  | 'key-too-small'
  | 'name-mismatch'
  // the material itself
  | 'no-certificate'
  | 'key-mismatch'
  | 'key-encrypted'
  | 'key-unreadable'
  | 'ignored-block';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** Subject DN of the certificate the problem is about, when there is one. */
  subject?: string;
}

export function problem(code: ProblemCode, severity: Severity, message: string, subject?: string): Problem {
  return subject === undefined ? { code, severity, message } : { code, severity, message, subject };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
