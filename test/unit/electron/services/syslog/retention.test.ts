// Retention by age and by size: whole daily files, oldest first, never today's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawFileInfo } from '../../../../../electron/services/syslog/raw-files.ts';
import { planRetention } from '../../../../../electron/services/syslog/retention.ts';

const files = (days: [string, number][]): RawFileInfo[] =>
  days.map(([day, size]) => ({ day, size, name: `syslog-${day}.log`, path: `/d/syslog-${day}.log` }));

describe('planRetention', () => {
  const list = files([['2026-02-27', 100], ['2026-03-01', 100], ['2026-03-08', 100], ['2026-03-09', 100], ['2026-03-10', 100]]); // prettier-ignore
  it('by age: keeps N days counting today, across a month end', () => {
    assert.deepEqual(planRetention(list, '2026-03-10', { maxAgeDays: 3 }), ['syslog-2026-02-27.log', 'syslog-2026-03-01.log']); // prettier-ignore
    assert.deepEqual(planRetention(list, '2026-03-10', { maxAgeDays: 12 }), []);
  });
  it('by size: the oldest first until under the limit', () => {
    assert.deepEqual(planRetention(list, '2026-03-10', { maxBytes: 250 }), ['syslog-2026-02-27.log', 'syslog-2026-03-01.log', 'syslog-2026-03-08.log']); // prettier-ignore
  });
  it("never today's file, even over the size limit", () => {
    assert.deepEqual(
      planRetention(files([['2026-03-10', 1000]]), '2026-03-10', { maxBytes: 1, maxAgeDays: 1 }),
      [],
    );
  });
  it('no policy deletes nothing', () => assert.deepEqual(planRetention(list, '2026-03-10', {}), []));
});
