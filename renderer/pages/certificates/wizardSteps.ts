// The order of the certificate wizard (seed 001's flow: request → send to the CA → import the
// signed certificate → its intermediates → use it), and where an import result leads.
import type { Output } from '../../../electron/api/contract.ts';

export type WizardStep = 'request' | 'send' | 'signed' | 'intermediates' | 'use' | 'done';

export const WIZARD_STEPS: WizardStep[] = ['request', 'send', 'signed', 'intermediates', 'use'];

export type ChainResult = Output<'certificates.importSigned'>;
export type ChainProblem = ChainResult['problems'][number];

/** A chain that still lacks an issuer needs its intermediates before a peer can verify it. */
export function missingIssuers(result: ChainResult | undefined): ChainProblem[] {
  return result?.problems.filter((problem) => problem.code === 'missing-issuer') ?? [];
}

export function stepAfterImport(result: ChainResult): WizardStep {
  return missingIssuers(result).length > 0 ? 'intermediates' : 'use';
}

/** Errors first, then warnings, then notes: the admin reads what blocks before what informs. */
export function sortedProblems(problems: ChainProblem[]): ChainProblem[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...problems].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

export function stepNumber(step: WizardStep): number {
  const index = WIZARD_STEPS.indexOf(step);
  return index < 0 ? WIZARD_STEPS.length : index + 1;
}
