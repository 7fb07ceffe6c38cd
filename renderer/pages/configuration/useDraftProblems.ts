// Every problem of the draft by path: the schema's errors and the linter's findings, each finding
// with its one-click fix turned into an edit of the draft (one undo step).
import { useMemo } from 'react';
import type { LintResult } from '../../../sbc-engine/config/lint/types.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';
import type { DraftAction } from './configDraft.ts';
import { ProblemIndex, type PathProblem } from './problemIndex.ts';

export function useDraftProblems(
  validationProblems: PathProblem[],
  lint: LintResult | undefined,
  parsed: Config | undefined,
  dispatch: (action: DraftAction) => void,
): ProblemIndex {
  return useMemo(() => {
    const found: PathProblem[] = (lint?.findings ?? []).map((finding) => ({
      path: finding.path,
      message: finding.message,
      severity: finding.severity,
      ruleId: finding.ruleId,
      ...(finding.fix && parsed
        ? {
            fix: {
              title: finding.fix.title,
              apply: () => dispatch({ type: 'replace', config: finding.fix!.apply(parsed) }),
            },
          }
        : {}),
    }));
    return new ProblemIndex([...validationProblems, ...found]);
  }, [lint, parsed, validationProblems, dispatch]);
}
