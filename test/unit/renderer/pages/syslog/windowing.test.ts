import assert from 'node:assert/strict';
import { it } from 'node:test';
import { atBottom, scrollToRow, visibleRange } from '../../../../../renderer/pages/syslog/windowing.ts';

it('renders only the rows on screen plus a few either side, for any length of list', () => {
  assert.deepEqual(visibleRange(0, 240, 24, 1_000_000, 2), {
    start: 0,
    end: 12,
    totalHeight: 24_000_000,
    offsetTop: 0,
  });
  assert.deepEqual(visibleRange(24 * 500_000, 240, 24, 1_000_000, 2), {
    start: 499_998,
    end: 500_012,
    totalHeight: 24_000_000,
    offsetTop: 499_998 * 24,
  });
  assert.deepEqual(visibleRange(0, 240, 24, 3), { start: 0, end: 3, totalHeight: 72, offsetTop: 0 });
  assert.deepEqual(visibleRange(10_000, 240, 24, 0), { start: 0, end: 0, totalHeight: 0, offsetTop: 0 });
});

it('knows when the view is at the end, and how far to scroll to show a row', () => {
  assert.equal(atBottom(760, 240, 1000, 24), true);
  assert.equal(atBottom(500, 240, 1000, 24), false);
  assert.equal(scrollToRow(0, 100, 240, 24), 0);
  assert.equal(scrollToRow(20, 0, 240, 24), 264);
  assert.equal(scrollToRow(5, 0, 240, 24), undefined);
});
