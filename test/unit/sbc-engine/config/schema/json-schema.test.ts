import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { CONFIG_JSON_SCHEMA_FILE, configJsonSchema } from '../../../../../sbc-engine/config/schema/index.ts';

const root = new URL('../../../../../', import.meta.url);
const committed = JSON.parse(readFileSync(new URL(CONFIG_JSON_SCHEMA_FILE, root), 'utf8'));

it(`${CONFIG_JSON_SCHEMA_FILE} matches the schema`, () => {
  assert.deepEqual(
    committed,
    configJsonSchema(),
    `${CONFIG_JSON_SCHEMA_FILE} is out of date: run \`node scripts/export-config-schema.ts\` and commit the file`,
  );
});

/** Follows object properties through anyOf (nullable) and array items. */
function at(schema: unknown, ...keys: string[]): Record<string, unknown> {
  let node = schema as Record<string, unknown>;
  for (const key of keys) {
    const options = [node, ...((node.anyOf as Record<string, unknown>[] | undefined) ?? [])];
    const holder = options.find((option) => {
      const properties = option.properties as Record<string, unknown> | undefined;
      return key === '[]' ? option.items !== undefined : properties?.[key] !== undefined;
    });
    assert.ok(holder, `no ${key} in the JSON Schema`);
    node = (key === '[]' ? holder.items : (holder.properties as Record<string, unknown>)[key]) as Record<
      string,
      unknown
    >;
  }
  return node;
}

it('tells editors what a file may hold: no unknown fields, write-only passwords, the defaults', () => {
  assert.equal(committed.additionalProperties, false);
  assert.deepEqual(committed.required, ['schemaVersion']);
  const password = at(committed, 'connections', '[]', 'registration', 'password');
  assert.equal(password.writeOnly, true);
  assert.equal(at(committed, 'voip', 'optionsIntervalSeconds').default, 60);
  assert.equal(at(committed, 'connections', '[]', 'failoverTimeSeconds').default, 10);
  assert.equal(at(committed, 'connections', '[]').additionalProperties, false);
});
