// Bounded fuzz runs: whatever a device sends, the extractor, the grouping, the ladder and the
// query parser answer without throwing. Seeds are fixed so a failure reproduces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupCalls, type LoggedSip } from '../../../../../../electron/services/syslog/sip/calls.ts';
import { extractSip } from '../../../../../../electron/services/syslog/sip/extract.ts';
import { layoutLadder } from '../../../../../../electron/services/syslog/sip/ladder.ts';
import { compileQuery } from '../../../../../../electron/services/syslog/sip/query-match.ts';
import { parseQuery } from '../../../../../../electron/services/syslog/sip/query-parse.ts';
import { mutate, seededRandom } from '../../../../../helpers/mutate.ts';
import { loadCorpus } from './corpus.ts';

const corpus = loadCorpus();

function checkExtract(text: string | Buffer): ReturnType<typeof extractSip> {
  const extract = extractSip(text);
  if (extract) {
    const length = typeof text === 'string' ? text.length : new TextDecoder().decode(text).length;
    assert.ok(
      extract.span.start >= 0 && extract.span.start <= extract.span.end && extract.span.end <= length,
    );
    assert.ok(extract.kind === 'request' || extract.kind === 'response');
    assert.match(extract.sipText, /^(?:[A-Za-z][A-Za-z_-]* \S+ SIP\/2\.0|SIP\/2\.0 \d{3})/i);
  }
  return extract;
}

describe('fuzz (bounded)', () => {
  it('random bytes, with and without a SIP start line inside', () => {
    const random = seededRandom(0x5151);
    for (let n = 0; n < 1500; n++) {
      const length = Math.floor(random() * 400);
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
      checkExtract(bytes);
      const withStart = Buffer.concat([
        bytes.subarray(0, length >> 1),
        Buffer.from(random() < 0.5 ? ' INVITE sip:a@b SIP/2.0#012' : '\nSIP/2.0 200 OK\r\n'),
        bytes.subarray(length >> 1),
      ]);
      checkExtract(withStart);
    }
  });

  it('mutated corpus samples through extraction, grouping and the ladder', () => {
    const random = seededRandom(0x7e57);
    const logged: LoggedSip[] = [];
    for (let n = 0; n < 3000; n++) {
      const sample = corpus[Math.floor(random() * corpus.length)]!;
      const mutated = mutate(Buffer.from(sample.text, 'utf8'), random);
      const extract = checkExtract(random() < 0.5 ? mutated : mutated.toString('latin1'));
      if (extract)
        logged.push({
          id: n,
          time: Math.floor(random() * 10_000),
          host: random() < 0.8 ? 'sbc' : undefined,
          sip: extract,
        });
    }
    assert.ok(logged.length > 1500, `only ${logged.length} mutated samples still held a SIP message`);
    for (let from = 0; from < logged.length; from += 250) {
      const slice = logged.slice(from, from + 250);
      const { calls } = groupCalls(slice, { links: [{ callId: 'x', linkedCallId: 'y' }] });
      for (const call of calls.slice(0, 20))
        layoutLadder(
          call.legs.flatMap((l) => l.messages),
          { now: 1e9 },
        );
    }
    layoutLadder(logged.slice(0, 500));
  });

  it('random queries parse or fail with a position, and never throw', () => {
    const random = seededRandom(0x9e7);
    const pieces = [
      'callid:',
      'number:',
      'method:',
      'status:',
      'since:',
      'until:',
      'dir:',
      'host:',
      'reason:',
      'text:',
      '-',
      '"',
      '\\',
      ',',
      ' ',
      'INVITE',
      '4xx',
      '48',
      '2026-03-12T10:00',
      '15m',
      'in',
      '+49',
      'x',
      ':',
      'zz:',
      'sip:',
    ];
    const records = corpus.map((s) => ({ time: 0, host: 'h', text: s.text, sip: extractSip(s.text)! }));
    for (let n = 0; n < 2000; n++) {
      let query = '';
      const count = Math.floor(random() * 8);
      for (let i = 0; i < count; i++) query += pieces[Math.floor(random() * pieces.length)];
      const parsed = parseQuery(query);
      if (parsed.ok) {
        const predicate = compileQuery(parsed.query, { now: 0 });
        for (const r of records) predicate(r);
      } else {
        assert.ok(parsed.error.position >= 0 && parsed.error.position <= query.length, query);
        assert.ok(parsed.error.message.length > 0);
      }
    }
  });
});
