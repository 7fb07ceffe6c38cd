// The config linter: known field pitfalls as rules, each with a path, a symptom and, where the
// answer is obvious, a one-click fix.
export { hasErrorFindings, lintConfig } from './lint.ts';
export { LINT_RULES } from './registry.ts';
export {
  FACT_MISSING,
  LINT_SEVERITIES,
  type BundledRootFact,
  type LintContext,
  type LintFact,
  type LintFinding,
  type LintFix,
  type LintResult,
  type LintRule,
  type LintSeverity,
  type SkippedRule,
} from './types.ts';
