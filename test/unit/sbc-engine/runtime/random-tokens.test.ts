import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createTokenSource } from '../../../../sbc-engine/runtime/random-tokens.ts';

it('hands out distinct hex tokens of the asked size, across pool refills', () => {
  const next = createTokenSource(6);
  const tokens = new Set(Array.from({ length: 5000 }, next));
  assert.equal(tokens.size, 5000);
  for (const token of tokens) assert.match(token, /^[0-9a-f]{12}$/);
});
