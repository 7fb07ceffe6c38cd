// Random patterns and numbers, as a careless or hostile admin might type them: compiling and
// applying never throws, and where JavaScript's own RegExp accepts the same pattern, both engines
// agree on which numbers match and what $1 holds, so rules behave as their authors expect.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  compileNumberPattern,
  MAX_NUMBER_LENGTH,
} from '../../../../../sbc-engine/config/routing/number-pattern.ts';
import { seededRandom } from '../../../../helpers/mutate.ts';

const PIECES = [
  ...'0123456789+*#()[]{}|^$.?\\-,',
  '\\d',
  '\\D',
  '\\+',
  '(\\d+)',
  '(\\d*)+',
  '{2,}',
  '{1,3}',
  '(?:',
  '(?=',
  '\\1',
  '[0-9]',
  '$1',
  '$$',
];
// Pieces of plausible number rules, so that half the patterns match some numbers.
const PHONE_PIECES = [
  '\\d',
  '[0-9]',
  '\\d+',
  '\\d*',
  '(\\d+)',
  '(\\d{1,3})',
  '0',
  '1',
  '\\+',
  '(0|\\+49)',
  '.*',
  '|',
  '?',
];
const NUMBER_CHARS = '0123456789+*#x';
const RUNS = 20_000;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomText(random: () => number, pieces: readonly string[], maxPieces: number): string {
  let text = '';
  const count = Math.floor(random() * (maxPieces + 1));
  for (let i = 0; i < count; i++) text += pick(pieces, random);
  return text;
}

it(`${RUNS.toLocaleString('en')} random patterns never throw, and agree with RegExp where both accept them`, () => {
  const random = seededRandom(20_515);
  let compiledCount = 0;
  let compared = 0;
  let positives = 0;
  for (let i = 0; i < RUNS; i++) {
    const match = randomText(random, i % 2 === 0 ? PIECES : PHONE_PIECES, 12);
    const replace = random() < 0.5 ? undefined : randomText(random, PIECES, 4);
    const result = compileNumberPattern(match, replace);
    if (!result.ok) {
      assert.ok(result.error.message.length > 0);
      if (result.error.position !== undefined) {
        const field = result.error.field === 'match' ? match : replace!;
        assert.ok(result.error.position >= 0 && result.error.position < field.length, `${match}: position`);
      }
      continue;
    }
    compiledCount++;
    const { pattern } = result;
    let oracle: RegExp | undefined;
    // `[]` is an empty class in JavaScript but a literal ']' in RE2; those are no disagreement.
    if (!/\[\^?\]/.test(match)) {
      try {
        oracle = new RegExp(`^(?:${match})$`);
      } catch {
        oracle = undefined;
      }
    }
    for (let n = 0; n < 4; n++) {
      // Short numbers match random patterns often enough to compare more than "no match".
      const number =
        n === 3
          ? '9'.repeat(MAX_NUMBER_LENGTH + 1 + (i % 1_000))
          : randomText(random, [...NUMBER_CHARS], n === 0 ? 3 : 12);
      const applied = pattern.apply(number);
      assert.ok(applied === null || applied.length <= MAX_NUMBER_LENGTH);
      if (!oracle || number.length > MAX_NUMBER_LENGTH) continue;
      const expected = oracle.exec(number);
      assert.equal(pattern.test(number), expected !== null, `${match} on ${number}`);
      if (expected && pattern.groupCount >= 1) {
        const firstGroup = compileNumberPattern(match, '$1');
        assert.ok(firstGroup.ok);
        assert.equal(firstGroup.pattern.apply(number), expected[1] ?? '', `${match} $1 on ${number}`);
      }
      compared++;
      if (expected) positives++;
    }
  }
  // The generator has to reach valid patterns and real comparisons, or this test proves nothing.
  assert.ok(compiledCount > RUNS / 10, `only ${compiledCount} patterns compiled`);
  assert.ok(compared > RUNS / 10, `only ${compared} comparisons`);
  assert.ok(positives > RUNS / 20, `only ${positives} matches compared`);
});
