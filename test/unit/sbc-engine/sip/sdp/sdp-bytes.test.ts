import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstInvalidUtf8, parseSdpBytes } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { PBX_OFFER } from './fixtures.ts';

describe('firstInvalidUtf8 (RFC 3629)', () => {
  const cases: [string, number[], number][] = [
    ['ASCII', [0x76, 0x3d, 0x30], -1],
    ['two-byte ü', [0x73, 0x3d, 0xc3, 0xbc], -1],
    ['three-byte €', [0xe2, 0x82, 0xac], -1],
    ['four-byte 😀', [0xf0, 0x9f, 0x98, 0x80], -1],
    ['Latin-1 ü', [0x73, 0x3d, 0xfc, 0x0d, 0x0a], 2],
    ['lone continuation byte', [0x41, 0x80], 1],
    ['overlong "/"', [0xc0, 0xaf], 0],
    ['overlong three-byte', [0xe0, 0x80, 0xaf], 0],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['truncated sequence', [0x41, 0xe2, 0x82], 1],
  ];
  for (const [name, bytes, offset] of cases) {
    it(name, () => assert.equal(firstInvalidUtf8(Uint8Array.from(bytes)), offset));
  }
});

describe('parseSdpBytes', () => {
  it('parses a UTF-8 body', () => {
    const body = new TextEncoder().encode(PBX_OFFER.replace('s=SIP Call', 's=Müller'));
    const result = parseSdpBytes(body);
    assert.ok(result.ok);
    assert.equal(result.value.name, 'Müller');
  });

  it('names the line of a Latin-1 byte', () => {
    const text = PBX_OFFER.replace('s=SIP Call', 's=M\u00fcller');
    const body = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const result = parseSdpBytes(body);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /^line 3: byte 0xfc at offset \d+ is not valid UTF-8/);
  });

  it('counts LF-only and CR-only line ends', () => {
    for (const eol of ['\n', '\r']) {
      const body = Uint8Array.from([...'v=0', eol, ...'s=', '\xff'].join('').split(''), (c) =>
        c.charCodeAt(0),
      );
      const result = parseSdpBytes(body);
      assert.match(result.ok ? '' : result.error, /^line 2: byte 0xff/);
    }
  });

  it('names the line of a NUL byte', () => {
    const body = new TextEncoder().encode(PBX_OFFER.replace('a=ptime:20', 'a=ptime:2\u00000'));
    const result = parseSdpBytes(body);
    assert.match(result.ok ? '' : result.error, /^line 11 .*NUL/);
  });
});
