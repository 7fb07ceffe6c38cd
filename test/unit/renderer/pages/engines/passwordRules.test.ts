import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkNewPassword, passwordLength } from '../../../../../renderer/pages/engines/passwordRules.ts';

it('refuses an 11-character password and accepts 12', () => {
  assert.equal(checkNewPassword('a'.repeat(11), 'a'.repeat(11)).password, 'too-short');
  assert.equal(checkNewPassword('a'.repeat(11), 'a'.repeat(11)).ok, false);
  assert.deepEqual(checkNewPassword('a'.repeat(12), 'a'.repeat(12)), {
    password: null,
    repeat: null,
    ok: true,
  });
});

it('requires the repetition to match exactly', () => {
  assert.equal(checkNewPassword('correct horse battery', 'correct horse batterY').repeat, 'mismatch');
  assert.equal(checkNewPassword('correct horse battery', '').repeat, 'empty');
  assert.equal(checkNewPassword('correct horse battery', '').ok, false);
});

it('counts characters, not UTF-16 units, like the engine', () => {
  assert.equal(passwordLength('🔑'.repeat(12)), 12);
  assert.equal(checkNewPassword('🔑'.repeat(11), '🔑'.repeat(11)).password, 'too-short');
});
