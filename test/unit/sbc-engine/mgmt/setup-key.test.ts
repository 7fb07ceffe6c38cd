import assert from 'node:assert/strict';
import { it } from 'node:test';
import { generateSetupKey, setupKeysMatch } from '../../../../sbc-engine/mgmt/setup-key.ts';

it('setup keys are four groups of five unambiguous symbols and differ each time', () => {
  const keys = new Set(Array.from({ length: 50 }, generateSetupKey));
  assert.equal(keys.size, 50);
  for (const key of keys) assert.match(key, /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
});

it('a typed key matches regardless of case, spaces, dashes and O/0, I/L/1 confusion', () => {
  assert.ok(setupKeysMatch('ab0d1-efghj-kmnpq-rstvw', 'AB0D1-EFGHJ-KMNPQ-RSTVW'));
  assert.ok(setupKeysMatch('abOdl efghj kmnpq rstvw', 'AB0D1-EFGHJ-KMNPQ-RSTVW'));
  assert.ok(!setupKeysMatch('AB0D1-EFGHJ-KMNPQ-RSTVX', 'AB0D1-EFGHJ-KMNPQ-RSTVW'));
  assert.ok(!setupKeysMatch('', 'AB0D1-EFGHJ-KMNPQ-RSTVW'));
});
