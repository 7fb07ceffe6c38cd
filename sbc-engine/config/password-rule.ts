// The admin password rule, shared by the engine (which enforces it) and the UI (which explains it
// before the user submits). No default password exists anywhere.
export const MIN_ADMIN_PASSWORD_LENGTH = 12;
// Above this, scrypt work is wasted and a request could be used to burn CPU.
export const MAX_ADMIN_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'too-short' | 'too-long';

/** Returns why a password is refused, or null when it is acceptable. Length counts code points. */
export function checkAdminPassword(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_ADMIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_ADMIN_PASSWORD_LENGTH) return 'too-long';
  return null;
}
