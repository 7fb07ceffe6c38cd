import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createLogLimiter } from '../../../../sbc-engine/runtime/log-limiter.ts';

it('passes at most N lines per window, then says how many it left out', () => {
  let time = 0;
  const lines: string[] = [];
  const log = createLogLimiter(
    (l) => lines.push(l),
    2,
    1000,
    () => time,
  );
  for (let i = 0; i < 5; i++) log(`line ${i}`);
  time = 1000;
  log('next window');
  assert.deepEqual(lines, ['line 0', 'line 1', '[log] 3 similar lines left out', 'next window']);
});
