// The README's "Linter rules" table and the registry list the same rules with the same severities.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { LINT_RULES } from '../../../../../sbc-engine/config/lint/index.ts';

function readmeRules(): Map<string, string> {
  const readme = readFileSync(join(import.meta.dirname, '../../../../../README.md'), 'utf8');
  const start = readme.indexOf('\n## Linter rules\n');
  assert.ok(start >= 0, 'README.md has no "## Linter rules" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rules = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([^`]+)` \| ([a-z]+) \|/gm)) {
    assert.ok(!rules.has(match[1]!), `README lists ${match[1]} twice`);
    rules.set(match[1]!, match[2]!);
  }
  return rules;
}

it('the README lists every rule of the registry with its severity, and no other', () => {
  const listed = readmeRules();
  const registry = new Map(LINT_RULES.map((rule) => [rule.id, rule.severity]));
  assert.deepEqual(
    [...registry].filter(([id, severity]) => listed.get(id) !== severity),
    [],
    'rules missing from the README or listed with another severity',
  );
  assert.deepEqual(
    [...listed.keys()].filter((id) => !registry.has(id)),
    [],
    'README rows for rules the registry does not have',
  );
});
