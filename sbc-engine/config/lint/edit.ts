// One-click fixes change a copy of the config; the rules describe the change on a draft.
import type { Config } from '../schema/config.ts';
import type { LintFix } from './types.ts';

export function makeFix(title: string, change: (draft: Config) => void): LintFix {
  return {
    title,
    apply(config: Config): Config {
      const draft = structuredClone(config);
      change(draft);
      return draft;
    },
  };
}
