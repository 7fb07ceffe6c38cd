// Random changes to a valid config: parseConfig always answers with a result (never throws), every
// error names a path and a message, and whatever it accepts survives a round trip unchanged.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseConfig, type ParseConfigResult } from '../../../../../sbc-engine/config/schema/index.ts';
import { seededRandom } from '../../../../helpers/mutate.ts';
import { sampleConfig } from './sample-config.ts';

const RUNS = 4000;

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  true,
  0,
  -1,
  1.5,
  65536,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  '',
  ' ',
  'x'.repeat(300),
  '\u0000',
  '0.0.0.0/0',
  '::',
  '+49',
  'tls',
  'teams-1',
  '__proto__',
  [],
  [null],
  {},
  { id: 'x' },
  { connection: 'pbx' },
  { failoverGroup: 'teams' },
  { source: 'store', id: '0123456789abcdef' },
];

type Node = Record<string | number, unknown>;

/** Every object or array in the tree, with the keys it holds. */
function containers(value: unknown, found: Node[] = []): Node[] {
  if (typeof value === 'object' && value !== null) {
    found.push(value as Node);
    for (const inner of Object.values(value)) containers(inner, found);
  }
  return found;
}

function mutate(config: unknown, random: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const holder = pick(containers(config));
    const keys = Object.keys(holder);
    const key: string | number = Array.isArray(holder)
      ? Math.floor(random() * (holder.length + 1))
      : keys.length && random() < 0.9
        ? pick(keys)
        : pick(['extra', 'id', 'target', 'schemaVersion']);
    const roll = random();
    if (roll < 0.45) holder[key] = pick(ODD_VALUES);
    else if (roll < 0.6) delete holder[key];
    else if (roll < 0.75)
      holder[key] = structuredClone(holder[pick(keys.length ? keys : [key])]); // copy a sibling
    else if (roll < 0.85 && Array.isArray(holder))
      holder.push(structuredClone(holder[0])); // duplicate ids
    else if (roll < 0.95)
      holder[key] = structuredClone(pick(containers(config))); // move a subtree
    else holder[key] = typeof holder[key] === 'string' ? `${holder[key] as string}!` : String(holder[key]);
  }
  return config;
}

function checkShape(result: ParseConfigResult, i: number): void {
  assert.equal(typeof result, 'object', `case ${i}: no result object`);
  if (result.ok) return;
  assert.ok(result.errors.length > 0, `case ${i}: refused without an error`);
  for (const error of result.errors) {
    assert.equal(typeof error.path, 'string', `case ${i}: path is not text`);
    assert.ok(error.message.length > 0, `case ${i}: empty message at ${error.path}`);
  }
}

it(`${RUNS} mutated configs always get a result, and what is accepted round-trips`, () => {
  const random = seededRandom(3261);
  let accepted = 0;
  for (let i = 0; i < RUNS; i++) {
    const raw = mutate(structuredClone(sampleConfig()), random);
    let result: ParseConfigResult;
    try {
      result = parseConfig(raw);
    } catch (error) {
      assert.fail(`case ${i} threw ${String(error)} for ${JSON.stringify(raw)}`);
    }
    checkShape(result, i);
    if (!result.ok) continue;
    accepted++;
    // Compared as JSON: a JavaScript caller may pass `undefined` fields, which JSON drops.
    const json = JSON.parse(JSON.stringify(result.config));
    assert.deepEqual(parseConfig(json), { ok: true, config: json }, `case ${i}: changed on a second parse`);
  }
  // Both halves must be exercised for the test to mean something.
  assert.ok(accepted > RUNS / 20 && accepted < RUNS - RUNS / 20, `${accepted} of ${RUNS} accepted`);
});

it('mangled JSON text never throws either', () => {
  const random = seededRandom(8259);
  const text = JSON.stringify(sampleConfig());
  let parsedJson = 0;
  for (let i = 0; i < 3000; i++) {
    const chars = [...text];
    for (let e = 0; e < 1 + Math.floor(random() * 4); e++) {
      const at = Math.floor(random() * chars.length);
      const roll = random();
      if (roll < 0.4) chars.splice(at, 1);
      else if (roll < 0.7) chars.splice(at, 0, '0":,[]{}-.e9'[Math.floor(random() * 12)]!);
      else chars[at] = String.fromCharCode(32 + Math.floor(random() * 95));
    }
    let raw: unknown;
    try {
      raw = JSON.parse(chars.join(''));
    } catch {
      continue;
    }
    parsedJson++;
    checkShape(parseConfig(raw), i);
  }
  assert.ok(parsedJson > 100, `only ${parsedJson} mangled texts were JSON`);
});
