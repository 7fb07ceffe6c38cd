// The linter in the editor, as you type: the same rules the engine runs before an apply, with the
// facts at hand — the engine's certificate store and bundled roots when the draft belongs to an
// engine; without them those rules say "not checked".
import { useMemo } from 'react';
import { lintConfig } from '../../../sbc-engine/config/lint/index.ts';
import type { LintContext, LintResult } from '../../../sbc-engine/config/lint/types.ts';
import type { Config } from '../../../sbc-engine/config/schema/config.ts';

export function useLint(config: Config | undefined, context: LintContext): LintResult | undefined {
  return useMemo(() => (config ? lintConfig(config, context) : undefined), [config, context]);
}
