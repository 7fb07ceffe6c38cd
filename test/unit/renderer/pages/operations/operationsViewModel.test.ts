import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  atLimit,
  callsCsv,
  CSV_COLUMNS,
  formatConcurrent,
  formatDuration,
  formatFailures,
  formatRatio,
  liveDuration,
  sortByName,
  sortCalls,
  type ActiveCall,
} from '../../../../../renderer/pages/operations/operationsViewModel.ts';

function call(overrides: Partial<ActiveCall> = {}): ActiveCall {
  return {
    id: 'c1',
    state: 'confirmed',
    startedAt: '2026-01-01T10:00:00.000Z',
    answeredAt: '2026-01-01T10:00:02.000Z',
    durationSeconds: 10,
    called: '+4930123456',
    calling: '+4989111',
    a: { connection: 'pbx', callId: 'a-leg@pbx', peer: 'udp:127.0.0.1:5070' },
    b: { connection: 'trunk', callId: 'b-leg@sbc', peer: 'udp:127.0.0.1:5080', target: 'udp:127.0.0.1:5080' },
    attempts: 1,
    ...overrides,
  };
}

describe('formatDuration', () => {
  it('shows minutes and seconds under an hour, hours above', () => {
    assert.equal(formatDuration(0), '0:00');
    assert.equal(formatDuration(5.9), '0:05');
    assert.equal(formatDuration(65), '1:05');
    assert.equal(formatDuration(3599), '59:59');
    assert.equal(formatDuration(3600), '1:00:00');
    assert.equal(formatDuration(3 * 3600 + 7 * 60 + 9), '3:07:09');
  });

  it('never shows a negative or broken time', () => {
    assert.equal(formatDuration(-4), '0:00');
    assert.equal(formatDuration(Number.NaN), '0:00');
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), '0:00');
  });
});

describe('liveDuration', () => {
  it("ticks on from the engine's figure by the time passed here since the poll", () => {
    assert.equal(liveDuration(call({ durationSeconds: 10 }), 1_000_000, 1_003_500), 13.5);
  });

  it('stays 0 until the call is answered, and never goes back if our clock does', () => {
    assert.equal(liveDuration(call({ answeredAt: null, durationSeconds: 0 }), 0, 60_000), 0);
    assert.equal(liveDuration(call({ durationSeconds: 10 }), 5000, 1000), 10);
  });
});

describe('formatRatio', () => {
  it('shows a percentage with at most one decimal, a dash before the first attempt', () => {
    assert.equal(formatRatio(null), '–');
    assert.equal(formatRatio(0), '0 %');
    assert.equal(formatRatio(1), '100 %');
    assert.equal(formatRatio(2 / 3), '66.7 %');
    assert.equal(formatRatio(0.5), '50 %');
  });

  it('clamps figures outside 0..1 rather than showing 130 %', () => {
    assert.equal(formatRatio(1.3), '100 %');
    assert.equal(formatRatio(-0.1), '0 %');
  });
});

describe('formatFailures', () => {
  it('lists the most frequent code first, ties by code, and leaves out zeros', () => {
    assert.equal(formatFailures({ '503': 1, '486': 3, timeout: 1, '404': 0 }), '486 ×3, 503 ×1, timeout ×1');
    assert.equal(formatFailures({}), '');
  });
});

describe('concurrent calls against the limit', () => {
  it('shows the limit, or infinity without one, and flags a full connection', () => {
    assert.equal(formatConcurrent(3, 20), '3 / 20');
    assert.equal(formatConcurrent(3, null), '3 / ∞');
    assert.equal(atLimit(20, 20), true);
    assert.equal(atLimit(19, 20), false);
    assert.equal(atLimit(500, null), false);
  });
});

describe('sorting', () => {
  it('puts the longest-running call first and keeps equal start times in id order', () => {
    const calls = [
      call({ id: 'b', startedAt: '2026-01-01T10:00:05.000Z' }),
      call({ id: 'z', startedAt: '2026-01-01T09:59:00.000Z' }),
      call({ id: 'a', startedAt: '2026-01-01T10:00:05.000Z' }),
    ];
    assert.deepEqual(
      sortCalls(calls).map((c) => c.id),
      ['z', 'a', 'b'],
    );
    assert.equal(calls[0]!.id, 'b', 'the input is not reordered');
  });

  it('orders connections by name, then id', () => {
    const sorted = sortByName([
      { id: 't2', name: 'Teams' },
      { id: 'tk', name: 'Telekom' },
      { id: 't1', name: 'Teams' },
      { id: 'pbx', name: 'PBX' },
    ]);
    assert.deepEqual(
      sorted.map((c) => c.id),
      ['pbx', 't1', 't2', 'tk'],
    );
  });
});

describe('callsCsv', () => {
  it('writes a header and one row per call with both legs and the live duration', () => {
    const csv = callsCsv(
      [call(), call({ id: 'c2', answeredAt: null, durationSeconds: 0, b: null })],
      0,
      4000,
    );
    const lines = csv.split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(
      lines[1],
      'c1,confirmed,2026-01-01T10:00:00.000Z,2026-01-01T10:00:02.000Z,14,+4989111,+4930123456,pbx,a-leg@pbx,udp:127.0.0.1:5070,trunk,b-leg@sbc,udp:127.0.0.1:5080,1',
    );
    assert.match(lines[2]!, /^c2,confirmed,.*,,0,.*,pbx,a-leg@pbx,udp:127\.0\.0\.1:5070,,,,1$/);
    assert.equal(lines.length, 4, 'ends with a line break');
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = callsCsv([call({ calling: 'Doe, "J"\nx', called: '=HYPERLINK("x")' })], 0, 0);
    const row = csv.split('\r\n').slice(1).join('\r\n');
    assert.ok(row.includes('"Doe, ""J""\nx"'), row);
    assert.ok(row.includes(`"'=HYPERLINK(""x"")"`), row);
    assert.ok(!row.includes(',=HYPERLINK'), row);
  });

  it('keeps +49 numbers as they are', () => {
    const csv = callsCsv([call({ calling: '+4989111' })], 0, 0);
    assert.ok(csv.includes(',+4989111,'));
  });
});
