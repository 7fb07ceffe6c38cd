// The shapes of the config linter: rules, findings, one-click fixes, and the facts a caller may
// inject. The linter is pure (no Node, no I/O) so the renderer runs the same rules as the engine and
// the CLI; whatever it needs from outside (the certificate store, the bundled roots, the clock)
// comes in as a fact, and a rule whose fact is missing is reported as not checked.
import type { CertificateListing } from '../../mgmt/certificates-routes.ts';
import type { Config } from '../schema/config.ts';

/** Most severe first; findings are sorted in this order. */
export const LINT_SEVERITIES = ['error', 'warning', 'info'] as const;
export type LintSeverity = (typeof LINT_SEVERITIES)[number];

/** A change that makes a finding go away; offered only where there is one obvious right answer. */
export interface LintFix {
  title: string;
  /** Returns a changed copy; the config passed in is left alone. */
  apply(config: Config): Config;
}

export interface LintFinding {
  ruleId: string;
  severity: LintSeverity;
  /** Where, in the format of parseConfig errors: `connections[1].targets[0].port`. */
  path: string;
  /** The symptom the admin would otherwise meet in the field, and what to do. */
  message: string;
  fix?: LintFix;
}

export type ConfigPath = readonly (string | number)[];

/** What a rule reports; lintConfig adds the rule's id and severity and formats the path. */
export interface RuleFinding {
  path: ConfigPath | string;
  message: string;
  fix?: LintFix;
}

/** A root bundled in resources/ca/ (the management API's BundledRootView fits this shape). */
export interface BundledRootFact {
  name: string;
  /** false: listed in the index but not shipped. Absent means shipped. */
  available?: boolean;
  notAfter?: string;
  expired: boolean;
}

/** Facts about the world outside the config. Every one is optional. */
export interface LintContext {
  /** The engine's certificate store (GET /api/v1/certificates). */
  certificates?: CertificateListing;
  /** The roots bundled with SBC Studio (resources/ca/index.json). */
  bundledRoots?: readonly BundledRootFact[];
  /** The moment expiry is judged against; without it the listing's daysLeft is used. */
  now?: Date;
  /**
   * Whether the engine the config is for relays media (terminates RTP/SRTP on each leg). The config
   * has no switch for it; the engine or the app knows.
   */
  mediaRelay?: boolean;
}

export type LintFact = 'certificates' | 'bundledRoots' | 'mediaRelay';

export const FACT_MISSING: Record<LintFact, string> = {
  certificates: 'not checked: no certificate facts',
  bundledRoots: 'not checked: no list of the bundled CA roots',
  mediaRelay: 'not checked: unknown whether the engine relays media',
};

export interface LintRule {
  /** Kebab-case and stable: the README, the UI and saved "ignore" lists refer to it. */
  id: string;
  severity: LintSeverity;
  title: string;
  /** True when the rule offers a one-click fix (tests check that it does). */
  fixable: boolean;
  /** Facts the rule cannot run without. */
  needs?: readonly LintFact[];
  check(config: Config, context: LintContext): RuleFinding[];
}

export interface SkippedRule {
  ruleId: string;
  reason: string;
}

export interface LintResult {
  /** Sorted by severity, then path. */
  findings: LintFinding[];
  skipped: SkippedRule[];
}
