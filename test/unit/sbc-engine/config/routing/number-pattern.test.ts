import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileNumberPattern,
  MAX_NUMBER_LENGTH,
  type NumberPattern,
} from '../../../../../sbc-engine/config/routing/number-pattern.ts';

function compiled(match: string, replace?: string): NumberPattern {
  const result = compileNumberPattern(match, replace);
  if (!result.ok) assert.fail(`${match} → ${replace}: ${result.error.message}`);
  return result.pattern;
}

describe('translations admins write for Teams and the Telekom trunk', () => {
  // [phone pattern, translation pattern, number in, number out (null = no match)]
  const cases: [string, string | undefined, string, string | null][] = [
    // Telekom delivers national numbers; Teams wants E.164.
    ['^0(\\d{9,11})$', '+49$1', '0301234567', '+49301234567'],
    ['^0(\\d{9,11})$', '+49$1', '030123456789', '+4930123456789'],
    ['^0(\\d{9,11})$', '+49$1', '0043123456789', null], // 00 = international, not national
    ['^0(\\d{9,11})$', '+49$1', '+49301234567', null],
    ['^0(\\d{9,11})$', '+49$1', '030', null],
    // International from Telekom: 00 → +
    ['^00(\\d+)$', '+$1', '00431234567', '+431234567'],
    // A three-digit extension of the block 030 123456-xxx
    ['^(\\d{3})$', '+4930123456$1', '204', '+4930123456204'],
    ['^(\\d{3})$', '+4930123456$1', '2045', null],
    // Teams → Telekom: E.164 back to national for the trunk
    ['^\\+49(\\d+)$', '0$1', '+49301234567', '0301234567'],
    // Strip the block to reach the PBX extension (Teams sends E.164 to the IP-PBX).
    ['^\\+4930123456(\\d{3})$', '$1', '+4930123456204', '204'],
    // Emergency numbers pass unchanged.
    ['^(110|112)$', undefined, '112', '112'],
    ['^(110|112)$', undefined, '1120', null],
    // Outside-line prefix 9 on an old PBX
    ['^9(0\\d+)$', '$1', '90301234567', '0301234567'],
    // Alternatives: the unused group inserts nothing.
    ['^(?:\\+49|0)(\\d+)$|^(\\d{3})$', '+49$1$2', '0301234567', '+49301234567'],
    // $0 is the whole number, $$ a literal dollar, $10 is group 1 then a 0.
    ['^\\d+$', 'tel:$0', '112', 'tel:112'],
    ['^(\\d)$', '$$$1', '7', '$7'],
    ['^(\\d)$', '$10', '7', '70'],
  ];
  for (const [match, replace, input, output] of cases) {
    it(`${match} → ${replace ?? '(unchanged)'}: ${input} → ${output ?? 'no match'}`, () => {
      const pattern = compiled(match, replace);
      assert.equal(pattern.apply(input), output);
      assert.equal(pattern.test(input), output !== null);
    });
  }
});

describe('anchoring: a pattern always describes the whole number', () => {
  it('an unanchored pattern does not fire inside a longer number', () => {
    const pattern = compiled('0(\\d+)', '+49$1');
    assert.equal(pattern.apply('0301234567'), '+49301234567');
    assert.equal(pattern.apply('+49301234567'), null);
  });
  it('the replacement becomes the whole number, nothing outside the match survives', () => {
    assert.equal(compiled('\\+49(\\d+)', '0$1').apply('+49301234567'), '0301234567');
  });
  it('a prefix rule needs .* or \\d* for the rest, as in a Teams rule', () => {
    assert.equal(compiled('^0').apply('0301234567'), null);
    assert.equal(compiled('^0\\d*').apply('0301234567'), '0301234567');
  });
});

describe('valid patterns in the forms admins use compile', () => {
  const cases: [string, string, boolean][] = [
    ['^[0-9]+$', '0301234567', true],
    ['^\\+?[1-9]\\d{1,14}$', '+49301234567', true],
    ['^\\Q+49\\E(\\d+)$', '+49301234567', true],
    ['^[[:digit:]]{3}$', '204', true],
    ['^[]0]+$', ']0', true],
    ['^(?:\\+49|0)(\\d+)$', '0301234567', true],
    ['(?i)^sip:(.+)$', 'SIP:204', true],
    ['^\\x{2b}49\\d+$', '+49301234567', true],
    ['^\\(030\\) ?\\d+$', '(030) 1234567', true],
    ['^[^+]\\d*$', '+49301234567', false],
    ['^\\d{1,3}$|^\\*\\d+#$', '*21#', true],
  ];
  for (const [match, input, matches] of cases) {
    it(`${match} ${matches ? 'matches' : 'does not match'} ${input}`, () => {
      assert.equal(compiled(match).test(input), matches);
    });
  }
});

describe('invalid patterns say what is wrong and where', () => {
  // [match, replace, field, message (a part of it), position]
  const cases: [string, string | undefined, 'match' | 'replace', string, number | undefined][] = [
    ['', undefined, 'match', 'the pattern is empty', undefined],
    ['^0(\\d{9,11}$', undefined, 'match', "the group '(' at character 3 is never closed", 2],
    ['^((\\d)$', undefined, 'match', "the group '(' at character 2 is never closed", 1],
    ['^\\d)$', undefined, 'match', "')' at character 4 closes no group", 3],
    ['^[0-9$', undefined, 'match', "the character class '[' at character 2 is never closed", 1],
    ['^(\\d)\\1$', undefined, 'match', 'backreferences such as \\1 (at character 6) are not supported', 5],
    ['^(?<n>\\d)\\k<n>$', undefined, 'match', 'backreferences such as \\k<...> (at character 10)', 9],
    ['^(?=49)\\d+$', undefined, 'match', 'lookaheads such as (?= (at character 2) are not supported', 1],
    ['^(?<!0)\\d+$', undefined, 'match', 'lookbehinds such as (?<! (at character 2) are not supported', 1],
    ['^+49(\\d+)$', undefined, 'match', "'+' at character 2 repeats the anchor before it", 1],
    ['*49', undefined, 'match', "'*' at character 1 repeats nothing; write \\* for a literal *", 0],
    ['^\\d**$', undefined, 'match', "'**' at character 4 repeats a repetition", 3],
    ['^\\d{1001}$', undefined, 'match', 'repeat count {1001} at character 4 is out of range', 3],
    ['^\\d{5,2}$', undefined, 'match', 'repeat count {5,2} at character 4', 3],
    ['^[9-0]$', undefined, 'match', 'the character range 9-0 at character 3 is invalid', 2],
    ['^\\Z$', undefined, 'match', 'unknown escape \\Z at character 2', 1],
    ['^\\p{Klingon}$', undefined, 'match', 'unknown Unicode class \\p{Klingon} at character 2', 1],
    ['^\\d+\\', undefined, 'match', 'the pattern ends with a lone backslash at character 5', 4],
    ['[\\d\\D]{1000}[\\d\\D]{1000}', undefined, 'match', 'the pattern is too complex', undefined],
    ['\\d'.repeat(129), undefined, 'match', 'the pattern has 258 characters; at most 256', undefined],
    [
      '^0(\\d+)$',
      '+49$2',
      'replace',
      'the replacement uses $2 at character 4 but the pattern has 1 group',
      3,
    ],
    ['^0(\\d)(\\d+)$', '$3', 'replace', 'uses $3 at character 1 but the pattern has 2 groups', 0],
    ['^0(\\d+)$', '+49${1}', 'replace', "'$' at character 4 must be followed by a group number", 3],
    ['^0(\\d+)$', '+49$', 'replace', "'$' at character 4 must be followed", 3],
    ['^0(\\d+)$', 'x'.repeat(257), 'replace', 'the replacement has 257 characters', undefined],
  ];
  for (const [match, replace, field, message, position] of cases) {
    it(`${match.length > 40 ? `${match.slice(0, 40)}...` : match} ${replace ?? ''} → ${message}`, () => {
      const result = compileNumberPattern(match, replace);
      assert.ok(!result.ok, 'compiles although it should not');
      assert.equal(result.error.field, field);
      assert.ok(result.error.message.includes(message), result.error.message);
      assert.equal(result.error.position, position);
    });
  }
});

describe('catastrophic patterns and long input', () => {
  const nasty = compiled('^(\\d+)+$', '+$1');

  it('answers ^(\\d+)+$ on a 64-digit number', () => {
    const digits = '4930'.repeat(16);
    assert.equal(digits.length, MAX_NUMBER_LENGTH);
    assert.equal(nasty.test(digits), true);
    assert.equal(nasty.apply(`${digits.slice(1)}x`), null);
    // 63 digits plus the '+' makes 64 characters: still a number we accept.
    assert.equal(nasty.apply(digits.slice(1)), `+${digits.slice(1)}`);
  });

  it('refuses a 10,000-digit string by its length, without throwing', () => {
    const long = '1'.repeat(10_000);
    assert.equal(nasty.test(long), false);
    assert.equal(nasty.apply(long), null);
    assert.equal(compiled('^.*$').apply('1'.repeat(MAX_NUMBER_LENGTH + 1)), null);
  });

  it('a translation longer than any accepted number counts as no match', () => {
    assert.equal(compiled('^(\\d+)$', '$1$1').apply('1'.repeat(40)), null);
    assert.equal(compiled('^(\\d+)$', '$1$1').apply('1'.repeat(32)), '1'.repeat(64));
  });

  it('runs 2,000 evaluations of nested repetitions on near-miss input', () => {
    const patterns = [
      nasty,
      compiled('^(\\d|\\d\\d)+$'),
      compiled('^((\\d*)*)*x$'),
      compiled('^(\\d+\\d+)+y$'),
    ];
    let matched = 0;
    for (let i = 0; i < 2_000; i++) {
      const digits = String(i)
        .padStart(4, '0')
        .repeat(15)
        .slice(0, 26 + (i % 30));
      const input = i % 2 === 0 ? digits : `${digits}!`;
      for (const pattern of patterns) if (pattern.apply(input) !== null) matched++;
    }
    // The first two patterns match exactly the all-digit inputs, the last two never (no x or y).
    assert.equal(matched, 2 * 1_000);
  });
});
