import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSip } from '../../../../../../electron/services/syslog/sip/extract.ts';
import {
  compileQuery,
  type QueryRecord,
} from '../../../../../../electron/services/syslog/sip/query-match.ts';
import { parseQuery } from '../../../../../../electron/services/syslog/sip/query-parse.ts';
import { loadCorpus } from './corpus.ts';

const NOW = new Date(2026, 2, 12, 12, 0, 0).getTime();
const corpus = loadCorpus();

function record(
  vendor: string,
  name: string,
  time = new Date(2026, 2, 12, 10, 14, 5).getTime(),
): QueryRecord {
  const sample = corpus.find((s) => s.vendor === vendor && s.name === name)!;
  return { time, host: `${vendor}-host`, text: sample.text, sip: extractSip(sample.text)! };
}

function matches(query: string, records: QueryRecord[]): number[] {
  const parsed = parseQuery(query);
  assert.ok(parsed.ok, parsed.ok ? '' : `${parsed.error.position}: ${parsed.error.message}`);
  const predicate = compileQuery(parsed.query, { now: NOW });
  return records.flatMap((r, i) => (predicate(r) ? [i] : []));
}

const teamsInvite = record('audiocodes', 'invite-in-teams');
const pbxInvite = record('audiocodes', 'invite-out-pbx');
const options = record('audiocodes', 'options-ok');
const busy = record('kamailio', 'xlog-busy-escaped', new Date(2026, 2, 12, 10, 20, 3).getTime());
const refused = record('sbc-engine', 'trace-488-truncated', new Date(2026, 2, 12, 11, 59, 0).getTime());
const plainLine: QueryRecord = { time: NOW - 1000, host: 'sbc1', text: 'certificate expires in 5 days' };
const all = [teamsInvite, pbxInvite, options, busy, refused, plainLine];

describe('query language', () => {
  it('finds a partial number in From, To or PAI, whatever the format', () => {
    assert.deepEqual(matches('number:40555123', all), [0, 1]);
    assert.deepEqual(matches('number:+49-40-555-123', all), [0, 1]);
    assert.deepEqual(matches('number:300100', all), [0, 1]);
  });

  it('filters by Call-ID part, method (with its responses), status class and reason', () => {
    assert.deepEqual(matches('callid:5C1E09AA', all), [0]);
    assert.deepEqual(matches('method:INVITE', all), [0, 1, 3, 4]);
    assert.deepEqual(matches('-method:OPTIONS', all), [0, 1, 3, 4, 5]);
    assert.deepEqual(matches('status:4xx', all), [3, 4]);
    assert.deepEqual(matches('status:48x', all), [3, 4]);
    assert.deepEqual(matches('status:486', all), [3]);
    assert.deepEqual(matches('status:200-299', all), [2]);
    assert.deepEqual(matches('reason:"not acceptable"', all), [4]);
    assert.deepEqual(matches('method:INVITE,OPTIONS status:2xx', all), [2]);
  });

  it('filters by host, peer, direction and free text', () => {
    assert.deepEqual(matches('host:kamailio', all), [3]);
    assert.deepEqual(matches('host:52.112.0.20', all), [0, 2]);
    assert.deepEqual(matches('peer:tls:', all), [0, 2, 4]);
    assert.deepEqual(matches('dir:out', all), [1, 3]);
    assert.deepEqual(matches('"SIPInterface #0"', all), [1]);
    assert.deepEqual(matches('certificate expires', all), [5]);
    assert.deepEqual(matches('sip:+4989300100@sbc.example.net', all), [0]);
    assert.deepEqual(matches('-"certificate"', all), [0, 1, 2, 3, 4]);
  });

  it('takes times as local clock times, with offsets, or relative to now', () => {
    assert.deepEqual(matches('since:2026-03-12T10:15', all), [3, 4, 5]);
    assert.deepEqual(matches('until:2026-03-12T10:14', all), [0, 1, 2], 'until includes the whole minute');
    assert.deepEqual(matches('until:2026-03-11', all), []);
    assert.deepEqual(matches('until:2026-03-12', all), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(matches('since:5m', all), [4, 5]);
    const utc = new Date(2026, 2, 12, 11, 59, 0).toISOString().replace(/:00\.000Z$/, 'Z');
    assert.deepEqual(matches(`since:${utc}`, all), [4, 5]);
    assert.deepEqual(matches('since:2026-03-12T10:00 until:2026-03-12T10:19 method:INVITE', all), [0, 1]);
  });

  it('names the position of a mistake', () => {
    const cases: [string, number, RegExp][] = [
      ['calid:abc', 0, /unknown field "calid"/],
      ['method:INVITE status:4x', 14, /"4x" is not a status/],
      ['since:yesterday', 0, /is not a time/],
      ['method:INVITE "busy', 14, /quote is not closed/],
      ['number:abc', 0, /no digits/],
      ['dir:sideways', 0, /"in" or "out"/],
      ['status:', 0, /needs a value/],
      ['x -foo:1', 3, /unknown field "foo"/],
      ['since:2026-13-01', 0, /is not a time/],
    ];
    for (const [query, position, message] of cases) {
      const parsed = parseQuery(query);
      assert.ok(!parsed.ok, query);
      assert.equal(parsed.error.position, position, query);
      assert.match(parsed.error.message, message, query);
    }
  });

  it('returns an AST a store can translate', () => {
    const parsed = parseQuery('-method:OPTIONS status:4xx,503');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.query.terms, [
      { field: 'method', values: ['OPTIONS'], negated: true, position: 0 },
      {
        field: 'status',
        values: ['4xx', '503'],
        negated: false,
        position: 16,
        statusRanges: [
          [400, 499],
          [503, 503],
        ],
      },
    ]);
  });
});
