import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LogRowView } from '../../../../../electron/api/contract.ts';
import {
  appendTail,
  EMPTY_TAIL,
  filterTail,
  oneLine,
  rowTone,
  severityName,
} from '../../../../../renderer/pages/syslog/tailBuffer.ts';

function row(id: number, extra: Partial<LogRowView> = {}): LogRowView {
  return { id, time: id, received: id, source: null, host: 'sbc1', app: 'sbc-engine', severity: 6, msgId: null, flags: 0, text: `line ${id}`, cut: false, ...extra }; // prettier-ignore
}

it('appends new lines once, drops the oldest beyond the cap and counts what was never shown', () => {
  let state = appendTail(EMPTY_TAIL, { rows: [row(1), row(2)], lastId: 2, skipped: 0 }, 3);
  state = appendTail(state, { rows: [row(2), row(3), row(4)], lastId: 4, skipped: 0 }, 3);
  assert.deepEqual(
    state.rows.map((r) => r.id),
    [2, 3, 4],
  );
  assert.equal(state.dropped, 1);
  state = appendTail(state, { rows: [row(9)], lastId: 9, skipped: 4 }, 3);
  assert.equal(state.dropped, 1 + 1 + 4);
  assert.equal(state.lastId, 9);
  const same = appendTail(state, { rows: [], lastId: 9, skipped: 0 }, 3);
  assert.equal(same, state, 'nothing new: the same state, no re-render');
});

it('filters by text in host, app or message and by severity; colours errors and SIP failures', () => {
  const rows = [
    row(1, { severity: 3 }),
    row(2, { host: 'pbx' }),
    row(3, { text: 'SIP/2.0 486 Busy', status: 486 }),
  ];
  assert.deepEqual(
    filterTail(rows, 'PBX', 7).map((r) => r.id),
    [2],
  );
  assert.deepEqual(
    filterTail(rows, '', 3).map((r) => r.id),
    [1],
  );
  assert.equal(filterTail(rows, ' ', 7), rows);
  assert.deepEqual(rows.map(rowTone), ['error', 'plain', 'sip-error']);
  assert.equal(severityName(4), 'warning');
  assert.equal(severityName(null), '');
  assert.equal(oneLine('INVITE x\r\nVia: y\nz'), 'INVITE x ⏎ Via: y ⏎ z');
});
