// The raw-file line format: plain text stays greppable as sent, anything else is escaped, and every
// byte sequence comes back exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeRaw,
  encodeRaw,
  formatSource,
  maxEncodedLength,
  parseRawLine,
} from '../../../../../electron/services/syslog/raw-line.ts';

function encode(raw: Buffer): string {
  const out = Buffer.alloc(maxEncodedLength(raw.length));
  return out.subarray(0, encodeRaw(raw, out, 0)).toString('latin1');
}

describe('raw line format', () => {
  const table: [string, Buffer, string][] = [
    [
      'plain ASCII as is',
      Buffer.from('<13>1 - host app - - - hello +4930123456'),
      '<13>1 - host app - - - hello +4930123456',
    ],
    ['UTF-8 as is', Buffer.from('Grüße'), Buffer.from('Grüße').toString('latin1')],
    [
      'CR LF TAB escaped',
      Buffer.from('INVITE sip:a SIP/2.0\r\nVia:\tx\n'),
      'INVITE sip:a SIP/2.0\\r\\nVia:\\tx\\n',
    ],
    ['backslash doubled', Buffer.from('a\\b'), 'a\\\\b'],
    ['control bytes and DEL as \\xHH', Buffer.from([0x41, 0x00, 0x1b, 0x7f]), 'A\\x00\\x1b\\x7f'],
    [
      'invalid UTF-8 byte as \\xHH, valid around it kept',
      Buffer.from([0xc3, 0xa4, 0xff, 0x41]),
      '\u00c3\u00a4\\xffA',
    ],
    [
      'overlong and surrogate forms are not UTF-8',
      Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]),
      '\\xc0\\xaf\\xed\\xa0\\x80',
    ],
    ['a cut multi-byte character at the end', Buffer.from([0x41, 0xe2, 0x82]), 'A\\xe2\\x82'],
  ];
  for (const [name, raw, expected] of table) {
    it(name, () => {
      const encoded = encode(raw);
      assert.equal(encoded, expected);
      assert.ok(!encoded.includes('\n'), 'one line');
      assert.deepEqual(decodeRaw(Buffer.from(encoded, 'latin1')), raw);
    });
  }

  it('fuzz: random bytes come back exactly and never contain LF', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      const raw = Buffer.from(
        Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
      );
      const encoded = Buffer.from(encode(raw), 'latin1');
      assert.equal(encoded.indexOf(0x0a), -1);
      assert.deepEqual(decodeRaw(encoded), raw);
    }
  });

  it('parses a line into time, source, flags and the original bytes', () => {
    const line = Buffer.from('2026-03-10T09:00:00.412+01:00 tcp:[::1]:5000 t <13>a\\r\\nb', 'latin1');
    assert.deepEqual(parseRawLine(line), {
      time: '2026-03-10T09:00:00.412+01:00',
      source: 'tcp:[::1]:5000',
      truncated: true,
      raw: Buffer.from('<13>a\r\nb'),
    });
    assert.equal(parseRawLine(Buffer.from('torn line')), undefined);
  });

  it('writes IPv6 sources in brackets', () => {
    assert.equal(formatSource('udp', '2001:db8::1', 514), 'udp:[2001:db8::1]:514');
    assert.equal(formatSource('tls', '192.0.2.1', 6514), 'tls:192.0.2.1:6514');
  });
});
