// Runs the rules over a valid config and returns what they found, most severe first, plus the rules
// that could not run for want of a fact.
import type { Config } from '../schema/config.ts';
import { formatPath } from '../schema/parse.ts';
import { LINT_RULES } from './registry.ts';
import {
  FACT_MISSING,
  LINT_SEVERITIES,
  type LintContext,
  type LintFinding,
  type LintResult,
  type LintRule,
  type SkippedRule,
} from './types.ts';

const collator = new Intl.Collator('en', { numeric: true });

function compareFindings(a: LintFinding, b: LintFinding): number {
  return (
    LINT_SEVERITIES.indexOf(a.severity) - LINT_SEVERITIES.indexOf(b.severity) ||
    collator.compare(a.path, b.path) ||
    collator.compare(a.ruleId, b.ruleId)
  );
}

export function lintConfig(
  config: Config,
  context: LintContext = {},
  rules: readonly LintRule[] = LINT_RULES,
): LintResult {
  const findings: LintFinding[] = [];
  const skipped: SkippedRule[] = [];
  for (const rule of rules) {
    const missing = (rule.needs ?? []).find((fact) => context[fact] === undefined);
    if (missing) {
      skipped.push({ ruleId: rule.id, reason: FACT_MISSING[missing] });
      continue;
    }
    for (const found of rule.check(config, context)) {
      findings.push({
        ruleId: rule.id,
        severity: rule.severity,
        path: typeof found.path === 'string' ? found.path : formatPath(found.path),
        message: found.message,
        ...(found.fix ? { fix: found.fix } : {}),
      });
    }
  }
  return { findings: findings.sort(compareFindings), skipped };
}

export function hasErrorFindings(result: LintResult): boolean {
  return result.findings.some((finding) => finding.severity === 'error');
}
