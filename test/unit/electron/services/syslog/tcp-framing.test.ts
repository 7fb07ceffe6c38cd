// RFC 6587 framing on a TCP stream: octet counting and newline framing decided per frame, frames
// split anywhere across chunks, oversized frames cut and marked, garbage never stopping the stream.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamDeframer } from '../../../../../electron/services/syslog/tcp-framing.ts';

function deframe(chunks: (string | Buffer)[], maxFrame = 1000): { frames: string[]; truncated: boolean[] } {
  const frames: string[] = [];
  const truncated: boolean[] = [];
  const deframer = new StreamDeframer(maxFrame, (bytes, cut) => {
    frames.push(bytes.toString('latin1'));
    truncated.push(cut);
  });
  for (const chunk of chunks) deframer.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  deframer.end();
  return { frames, truncated };
}

/** Every way to cut `text` in two, and every byte on its own. */
function splits(text: string): string[][] {
  const ways = [[...text]];
  for (let i = 1; i < text.length; i++) ways.push([text.slice(0, i), text.slice(i)]);
  return ways;
}

const SIP = '<135>1 - h sbc-engine 1 SIP_TRACE - INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n';

describe('StreamDeframer', () => {
  const cases: [string, string, string[]][] = [
    ['octet counting', `${Buffer.byteLength(SIP)} ${SIP}`, [SIP]],
    ['two octet-counted frames', '5 <1>1 5 <2>1 ', ['<1>1 ', '<2>1 ']],
    ['newline framing', '<13>1 - a\n<13>1 - b\n', ['<13>1 - a', '<13>1 - b']],
    ['CRLF line ends', '<13>hello\r\n<13>world\r\n', ['<13>hello', '<13>world']],
    ['mixed on one connection', '3 <1>\n<2>x\n4 <3>y', ['<1>', '<2>x', '<3>y']],
    ['trailer LF after counted frames and empty lines', '3 <1>\n\n\n3 <2>\r\n', ['<1>', '<2>']],
    ['digits without a space start a line message', '123abc\n', ['123abc']],
    ['eleven digits are text, not a count', '12345678901 x\n', ['12345678901 x']],
    ['zero length frame is skipped', '0 3 <1>', ['<1>']],
    ['a last line without LF counts at the end', '<1>a\n<2>b', ['<1>a', '<2>b']],
    [
      'garbage lines are frames like any other',
      '\u0001\u0002\u00ff\n<1>ok\n',
      ['\u0001\u0002\u00ff', '<1>ok'],
    ],
  ];
  for (const [name, stream, expected] of cases) {
    it(`${name}, however the stream is split`, () => {
      for (const chunks of splits(stream))
        assert.deepEqual(deframe(chunks).frames, expected, JSON.stringify(chunks));
    });
  }

  it('an octet count split across chunks is read whole', () => {
    const body = 'x'.repeat(120);
    assert.deepEqual(deframe(['1', '2', '0', ' ', body.slice(0, 7), body.slice(7)]).frames, [body]);
  });

  it('keeps UTF-8 and invalid bytes as they are, counted in bytes', () => {
    const body = Buffer.from([0x3c, 0x31, 0x3e, 0xc3, 0xa4, 0xff, 0x0a, 0x00]);
    const frames: Buffer[] = [];
    const deframer = new StreamDeframer(100, (bytes) => frames.push(Buffer.from(bytes)));
    deframer.push(Buffer.concat([Buffer.from(`${body.length} `), body.subarray(0, 4)]));
    deframer.push(body.subarray(4));
    assert.deepEqual(frames, [body]);
  });

  it('cuts an oversized counted frame, marks it, and reads the next frame normally', () => {
    const big = 'y'.repeat(50);
    for (const chunks of splits(`50 ${big}4 <1>z`)) {
      const { frames, truncated } = deframe(chunks, 20);
      assert.deepEqual(frames, ['y'.repeat(20), '<1>z'], JSON.stringify(chunks));
      assert.deepEqual(truncated, [true, false]);
    }
  });

  it('cuts an oversized line, skips to its LF, and goes on', () => {
    const { frames, truncated } = deframe([`<1>${'y'.repeat(40)}`, `${'y'.repeat(40)}\n<2>ok\n`], 20);
    assert.deepEqual(frames, [`<1>${'y'.repeat(17)}`, '<2>ok']);
    assert.deepEqual(truncated, [true, false]);
  });

  it('emits an oversized counted frame before its rest arrives (a sender that stops mid-way)', () => {
    const frames: string[] = [];
    const deframer = new StreamDeframer(10, (bytes) => frames.push(bytes.toString()));
    deframer.push(Buffer.from(`1000000 ${'a'.repeat(15)}`));
    assert.deepEqual(frames, ['a'.repeat(10)]);
    assert.equal(deframer.pendingBytes, 0, 'nothing held while the rest is skipped');
  });

  it('holds half a frame until the rest comes, and says how much it holds', () => {
    const frames: string[] = [];
    const deframer = new StreamDeframer(100, (bytes) => frames.push(bytes.toString()));
    deframer.push(Buffer.from('20 <13>1 half'));
    assert.deepEqual(frames, []);
    assert.equal(deframer.pendingBytes, 10);
    deframer.push(Buffer.from(' a frame!!!'));
    assert.deepEqual(frames, ['<13>1 half a frame!!!'.slice(0, 20)]);
  });

  it('keeps the part of a counted frame that came before the connection closed, marked as cut', () => {
    const { frames, truncated } = deframe(['30 <13>1 only half']);
    assert.deepEqual(frames, ['<13>1 only half']);
    assert.deepEqual(truncated, [true]);
  });

  it('fuzz: random streams never throw, never exceed the limit, and framed messages come back', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 300; round++) {
      const messages = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, k) =>
        Buffer.from(`<${k}>1 ${'m'.repeat(Math.floor(random() * 60))}\r\nline2 ${round}`),
      );
      const noise = Buffer.from(
        Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256)),
      );
      const stream = Buffer.concat([...messages.flatMap((m) => [Buffer.from(`${m.length} `), m]), noise]);
      const got: Buffer[] = [];
      const deframer = new StreamDeframer(64, (bytes, cut) => {
        assert.ok(bytes.length <= 64);
        got.push(Buffer.from(bytes));
        if (!cut) assert.ok(bytes.length <= 64);
      });
      for (let at = 0; at < stream.length;) {
        const n = 1 + Math.floor(random() * 30);
        deframer.push(stream.subarray(at, at + n));
        at += n;
      }
      deframer.end();
      for (let k = 0; k < messages.length; k++)
        assert.deepEqual(got[k], messages[k]!.subarray(0, 64), `round ${round} message ${k}`);
    }
  });
});
