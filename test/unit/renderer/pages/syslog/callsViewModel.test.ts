import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CallView } from '../../../../../electron/api/contract.ts';
import {
  filterCalls,
  finalText,
  formatDuration,
  isKeepalive,
  sortCalls,
} from '../../../../../renderer/pages/syslog/callsViewModel.ts';

function call(id: string, extra: Partial<CallView>): CallView {
  return { id, kind: 'call', callIds: [id], startTime: 0, endTime: 0, state: 'ended', messages: 7, ...extra };
}

const calls = [
  call('a', { startTime: 3, from: '+4930123456', to: '+4940987654', durationMs: 65_000, finalStatus: 200, finalReason: 'OK' }),
  call('b', { startTime: 1, from: 'alice', to: '+4989111', state: 'failed', finalStatus: 486, finalReason: 'Busy Here' }),
  call('c', { startTime: 2, kind: 'options', state: 'ok', connection: 'Teams' }),
]; // prettier-ignore

it('sorts by any column both ways, newest first among equals', () => {
  assert.deepEqual(
    sortCalls(calls, 'time', 'descending').map((c) => c.id),
    ['a', 'c', 'b'],
  );
  assert.deepEqual(
    sortCalls(calls, 'final', 'ascending').map((c) => c.id),
    ['c', 'a', 'b'],
  );
  assert.deepEqual(
    sortCalls(calls, 'duration', 'descending').map((c) => c.id),
    ['a', 'c', 'b'],
  );
});

it('filters by partial number (with separators), name, connection and Call-ID', () => {
  assert.deepEqual(
    filterCalls(calls, '123456').map((c) => c.id),
    ['a'],
  );
  assert.deepEqual(
    filterCalls(calls, '30 123-456').map((c) => c.id),
    ['a'],
  );
  assert.deepEqual(
    filterCalls(calls, 'ALICE').map((c) => c.id),
    ['b'],
  );
  assert.deepEqual(
    filterCalls(calls, 'teams').map((c) => c.id),
    ['c'],
  );
  assert.equal(filterCalls(calls, '').length, 3);
});

it('shows durations, final responses and which entries are keepalives', () => {
  assert.equal(formatDuration(65_000), '1:05');
  assert.equal(formatDuration(3_723_000), '1:02:03');
  assert.equal(formatDuration(undefined), '');
  assert.equal(finalText(calls[1]!), '486 Busy Here');
  assert.deepEqual(calls.map(isKeepalive), [false, false, true]);
});
