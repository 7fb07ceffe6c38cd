// Table-driven over the registry: every rule has a fixture that triggers it and one that does not,
// and every one-click fix silences its rule without bringing in a new error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LINT_RULES, lintConfig, type LintFinding } from '../../../../../sbc-engine/config/lint/index.ts';
import { parseConfig } from '../../../../../sbc-engine/config/schema/index.ts';
import { lintFixtures, type LintCase } from './fixtures.ts';

const fixtures = lintFixtures();

function findingsOf(ruleId: string, { config, context }: LintCase): LintFinding[] {
  const result = lintConfig(config, context);
  assert.ok(
    !result.skipped.some((skip) => skip.ruleId === ruleId),
    `${ruleId} was skipped: give its fixture the facts it needs`,
  );
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

function errorKeys(lintCase: LintCase): Set<string> {
  return new Set(
    lintConfig(lintCase.config, lintCase.context)
      .findings.filter((f) => f.severity === 'error')
      .map((f) => `${f.ruleId} ${f.path}`),
  );
}

describe('lint rules', () => {
  it('every rule in the registry has a fixture pair, and every pair a rule', () => {
    const ids = LINT_RULES.map((rule) => rule.id);
    assert.deepEqual(
      ids.filter((id) => !(id in fixtures)),
      [],
      'rules without fixtures',
    );
    assert.deepEqual(
      Object.keys(fixtures).filter((id) => !ids.includes(id)),
      [],
      'fixtures without a rule',
    );
  });

  it('rule ids are unique kebab-case', () => {
    const ids = LINT_RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const rule of LINT_RULES) {
    describe(rule.id, () => {
      const pair = fixtures[rule.id];
      if (!pair) return; // reported by the completeness test above

      it('fixtures are valid configs', () => {
        for (const { config } of [pair.triggers, pair.passes]) {
          const parsed = parseConfig(config);
          assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
        }
      });

      it(`triggers on its fixture with severity ${rule.severity}, a path and a message`, () => {
        const found = findingsOf(rule.id, pair.triggers);
        assert.ok(found.length > 0, `${rule.id} did not trigger`);
        for (const finding of found) {
          assert.equal(finding.severity, rule.severity);
          assert.match(finding.path, /^[a-zA-Z]/);
          assert.ok(finding.message.length > 40, finding.message);
        }
      });

      it('stays silent on the fixture that is right', () => {
        assert.deepEqual(
          findingsOf(rule.id, pair.passes).map((f) => `${f.path}: ${f.message}`),
          [],
        );
      });

      it(rule.fixable ? 'offers a fix' : 'offers no fix', () => {
        const fixes = findingsOf(rule.id, pair.triggers).filter((f) => f.fix !== undefined);
        if (rule.fixable)
          assert.ok(fixes.length > 0, `${rule.id} is fixable but its fixture finding has no fix`);
        else assert.equal(fixes.length, 0, `${rule.id} says it has no fix but offers one`);
      });
    });
  }
});

describe('one-click fixes', () => {
  for (const rule of LINT_RULES.filter((r) => r.fixable)) {
    it(`${rule.id}: the fix silences the rule and brings in no new error`, () => {
      const start = fixtures[rule.id]!.triggers;
      const errorsBefore = errorKeys(start);
      let current: LintCase = start;
      // Fixtures with several findings (one per Teams connection) take one fix per finding.
      for (let round = 0; round < 10; round++) {
        const finding = findingsOf(rule.id, current).find((f) => f.fix !== undefined);
        if (!finding) break;
        const before = JSON.stringify(current.config);
        const fixed = finding.fix!.apply(current.config);
        assert.equal(JSON.stringify(current.config), before, 'a fix must not change the config it is given');
        const parsed = parseConfig(fixed);
        assert.ok(
          parsed.ok,
          `the fix "${finding.fix!.title}" made the config invalid: ${JSON.stringify(!parsed.ok && parsed.errors)}`,
        );
        current = { ...current, config: parsed.config };
        const newErrors = [...errorKeys(current)].filter((key) => !errorsBefore.has(key));
        assert.deepEqual(newErrors, [], `the fix "${finding.fix!.title}" brought in new errors`);
      }
      assert.deepEqual(
        findingsOf(rule.id, current).map((f) => f.path),
        [],
        'the rule still fires after its fixes',
      );
    });
  }
});
