import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkAdminPassword } from '../../../../sbc-engine/config/password-rule.ts';

const cases: [string, string, ReturnType<typeof checkAdminPassword>][] = [
  ['empty', '', 'too-short'],
  ['11 characters', 'abcdefghijk', 'too-short'],
  ['12 characters', 'abcdefghijkl', null],
  ['12 code points, more UTF-16 units', '🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒', null],
  ['11 code points, 22 UTF-16 units', '🔒'.repeat(11), 'too-short'],
  ['257 characters', 'x'.repeat(257), 'too-long'],
];

for (const [name, password, expected] of cases) {
  it(`admin password rule: ${name}`, () => assert.equal(checkAdminPassword(password), expected));
}
