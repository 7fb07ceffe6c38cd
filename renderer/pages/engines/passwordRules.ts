// A new admin password and its repetition, checked as the user types. The rule itself lives in
// sbc-engine/config/password-rule.ts, which the engine enforces too.
import { checkAdminPassword, type PasswordProblem } from '../../../sbc-engine/config/password-rule.ts';

export interface NewPasswordCheck {
  password: PasswordProblem | null;
  /** 'empty' while nothing is repeated yet, so the form does not complain before the user typed. */
  repeat: 'empty' | 'mismatch' | null;
  ok: boolean;
}

export function checkNewPassword(password: string, repeat: string): NewPasswordCheck {
  const problem = checkAdminPassword(password);
  const repeated = !repeat ? 'empty' : repeat === password ? null : 'mismatch';
  return { password: problem, repeat: repeated, ok: !problem && !repeated };
}

/** Characters as the rule counts them (code points), for "12 characters, 7 so far". */
export function passwordLength(password: string): number {
  return [...password].length;
}
