// The first-time setup wizard's rules: when the user may leave step 1 (the certificate is the
// engine's) and submit step 2 (setup key and a password that meets the engine's rule).
import type { EngineView } from '../../../electron/api/contract.ts';
import type { PasswordProblem } from '../../../sbc-engine/config/password-rule.ts';
import { compareFingerprints, comparePrefix, type PrefixVerdict } from './fingerprint.ts';
import { checkNewPassword } from './passwordRules.ts';

export type WizardStep = 'fingerprint' | 'credentials';

export type FingerprintCheck =
  /** Nothing to compare with: SBC Studio has not seen a certificate. */
  | { kind: 'no-certificate' }
  /** The bundled engine: compared automatically with the certificate in its data folder. */
  | { kind: 'automatic'; verdict: 'match' | 'mismatch' }
  /** Compared with what the user pasted from the engine's console. */
  | { kind: 'typed'; verdict: PrefixVerdict };

export function checkFingerprint(
  engine: Pick<EngineView, 'bundled' | 'seenFingerprint' | 'expectedFingerprint'>,
  typedPrefix: string,
): FingerprintCheck {
  const seen = engine.seenFingerprint;
  if (!seen) return { kind: 'no-certificate' };
  if (engine.bundled) {
    const verdict = compareFingerprints(seen, engine.expectedFingerprint);
    if (verdict !== 'unknown') return { kind: 'automatic', verdict };
  }
  return { kind: 'typed', verdict: comparePrefix(seen, typedPrefix) };
}

/** Step 1 is done only with a matching fingerprint AND the user's explicit confirmation. */
export function canLeaveFingerprintStep(check: FingerprintCheck, confirmed: boolean): boolean {
  if (!confirmed) return false;
  if (check.kind === 'automatic') return check.verdict === 'match';
  if (check.kind === 'typed') return check.verdict.kind === 'match';
  return false;
}

export interface CredentialsInput {
  setupKey: string;
  password: string;
  repeat: string;
}

export interface CredentialsCheck {
  setupKey: 'missing' | null;
  password: PasswordProblem | null;
  repeat: 'empty' | 'mismatch' | null;
  canSubmit: boolean;
}

export function checkCredentials(input: CredentialsInput): CredentialsCheck {
  const setupKey = input.setupKey.trim() ? null : 'missing';
  const { password, repeat, ok } = checkNewPassword(input.password, input.repeat);
  return { setupKey, password, repeat, canSubmit: !setupKey && ok };
}

/** The engines.setup input; trusts exactly the fingerprint the user compared. */
export function setupRequest(
  engine: Pick<EngineView, 'id' | 'seenFingerprint'>,
  input: CredentialsInput,
): { engineId: string; setupKey: string; password: string; trustFingerprint: string } {
  if (!engine.seenFingerprint) throw new Error('no certificate to trust');
  return {
    engineId: engine.id,
    setupKey: input.setupKey.trim(),
    password: input.password,
    trustFingerprint: engine.seenFingerprint,
  };
}
