import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeader, getHeaderValues } from '../../../../sbc-engine/sip/headers.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { serializeMessage } from '../../../../sbc-engine/sip/serializer.ts';
import { OPTIONS, sip } from '../../../helpers/sip-messages.ts';

describe('SIP parser', () => {
  it('parses a request: start line, canonical names, values', () => {
    const result = parseMessage(OPTIONS);
    assert.ok(result.ok);
    const m = result.message;
    assert.equal(m.type, 'request');
    assert.equal(m.type === 'request' && m.method, 'OPTIONS');
    assert.equal(m.type === 'request' && m.uri, 'sip:sbc.example.com');
    assert.equal(getHeader(m, 'call-id'), 'a84b4c76e66710@pc33.example.com');
    assert.equal(getHeader(m, 'i'), 'a84b4c76e66710@pc33.example.com');
    assert.equal(m.body.length, 0);
  });

  it('expands compact forms, unfolds continuation lines and splits lists', () => {
    const result = parseMessage(
      sip(
        [
          'INVITE sip:bob@example.com SIP/2.0',
          'v: SIP/2.0/TCP a.example.com;branch=z9hG4bK1,',
          '   SIP/2.0/UDP b.example.com;branch=z9hG4bK2',
          'v: SIP/2.0/UDP c.example.com;branch=z9hG4bK3',
          'f: <sip:a@example.com>;tag=1',
          't: sip:bob@example.com',
          'i: x',
          'CSeq: 1 INVITE',
          'k: timer, 100rel',
          'Subject: first',
          '\tsecond',
          'l: 4',
        ],
        'abcdEXTRA',
      ),
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    const m = result.message;
    assert.deepEqual(
      getHeaderValues(m, 'Via').map((v) => v.split(';')[0]),
      ['SIP/2.0/TCP a.example.com', 'SIP/2.0/UDP b.example.com', 'SIP/2.0/UDP c.example.com'],
    );
    assert.deepEqual(getHeaderValues(m, 'Supported'), ['timer', '100rel']);
    assert.equal(getHeader(m, 'Subject'), 'first second');
    assert.equal(
      Buffer.from(m.body).toString(),
      'abcd',
      'bytes past Content-Length are dropped from a datagram',
    );
    assert.deepEqual(m.headers.map((h) => h.name).slice(0, 3), ['Via', 'Via', 'From']);
  });

  it('parses a response with and without a reason phrase', () => {
    const ok = parseMessage(sip(['SIP/2.0 200 OK', 'Content-Length: 0']));
    assert.ok(
      ok.ok && ok.message.type === 'response' && ok.message.status === 200 && ok.message.reason === 'OK',
    );
    const none = parseMessage(sip(['SIP/2.0 100 ', 'Content-Length: 0']));
    assert.ok(none.ok && none.message.type === 'response' && none.message.reason === '');
  });

  const errors: [string, Buffer, number, RegExp, string?][] = [
    ['empty', Buffer.alloc(0), 0, /empty/],
    ['no blank line', Buffer.from('OPTIONS sip:a SIP/2.0\r\nVia: x\r\n'), 0, /empty line/],
    [
      'two spaces in the request line',
      sip(['OPTIONS  sip:a SIP/2.0', 'Content-Length: 0']),
      1,
      /request line/,
    ],
    ['URI with white space', sip(['OPTIONS sip:a b SIP/2.0']), 1, /request line/],
    ['header without colon', sip(['OPTIONS sip:a SIP/2.0', 'Via SIP/2.0/UDP a']), 2, /no colon/],
    ['bad header name', sip(['OPTIONS sip:a SIP/2.0', 'Vi a: x']), 2, /header name/],
    ['NUL in a header', sip(['OPTIONS sip:a SIP/2.0', 'To: a\u0000b']), 2, /control character 0x00/],
    ['folded first header', sip(['OPTIONS sip:a SIP/2.0', ' folded: x']), 2, /folded/],
    [
      'Content-Length too large',
      sip(['OPTIONS sip:a SIP/2.0', 'Content-Length: 10'], 'abc'),
      2,
      /carries 3/,
      'Content-Length',
    ],
    [
      'Content-Length not a number',
      sip(['OPTIONS sip:a SIP/2.0', 'Content-Length: -1']),
      2,
      /byte count/,
      'Content-Length',
    ],
    [
      'Content-Length fields disagree',
      sip(['OPTIONS sip:a SIP/2.0', 'l: 0', 'Content-Length: 1'], 'x'),
      3,
      /disagree/,
      'Content-Length',
    ],
    ['status below 100', sip(['SIP/2.0 099 Odd']), 1, /below 100/],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('OPTIONS sip:a SIP/2.0\r\nTo: '),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\r\n\r\n'),
      ]),
      2,
      /UTF-8/,
    ],
  ];
  for (const [name, bytes, line, reason, field] of errors) {
    it(`rejects: ${name}, naming line ${line}`, () => {
      const result = parseMessage(bytes);
      assert.ok(!result.ok, 'should be rejected');
      assert.equal(result.error.line, line);
      assert.match(result.error.reason, reason);
      assert.equal(result.error.field, field);
    });
  }

  it('requires Content-Length on streams', () => {
    const result = parseMessage(sip(['OPTIONS sip:a SIP/2.0', 'To: <sip:a>']), { transport: 'stream' });
    assert.ok(!result.ok && result.error.field === 'Content-Length');
  });

  it('ignores empty lines before the start line', () => {
    const result = parseMessage(Buffer.concat([Buffer.from('\r\n\r\n'), OPTIONS]));
    assert.ok(result.ok);
  });

  it('round-trips: parse(serialize(parse(x))) equals parse(x)', () => {
    const first = parseMessage(OPTIONS);
    assert.ok(first.ok);
    const again = parseMessage(serializeMessage(first.message));
    assert.ok(again.ok);
    assert.deepEqual(again.message, first.message);
  });

  it('refuses to serialize a header that would smuggle another message', () => {
    const first = parseMessage(OPTIONS);
    assert.ok(first.ok);
    const evil = {
      ...first.message,
      headers: [...first.message.headers, { name: 'X-Evil', value: 'a\r\n\r\nINVITE sip:x SIP/2.0' }],
    };
    assert.throws(() => serializeMessage(evil), /CR or LF/);
  });
});
