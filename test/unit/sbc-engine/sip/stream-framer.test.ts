import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SipStreamFramer } from '../../../../sbc-engine/sip/stream-framer.ts';
import { OPTIONS, sip } from '../../../helpers/sip-messages.ts';

it('answers keepalives and messages in order (RFC 5626 §3.5.1)', () => {
  const framer = new SipStreamFramer();
  assert.deepEqual(framer.push(Buffer.from('\r\n\r\n')), [{ kind: 'ping' }]);
  assert.deepEqual(framer.push(Buffer.from('\r\n')), []);
  const items = framer.push(OPTIONS);
  assert.deepEqual(
    items.map((i) => i.kind),
    ['pong', 'message'],
  );
});

it('waits for the whole body before handing a message out', () => {
  const framer = new SipStreamFramer();
  const message = sip(['MESSAGE sip:a@example.com SIP/2.0', 'Content-Length: 5'], 'hello');
  assert.deepEqual(framer.push(message.subarray(0, message.length - 2)), []);
  const [item] = framer.push(message.subarray(message.length - 2));
  assert.equal(item?.kind === 'message' && item.bytes.toString().endsWith('hello'), true);
});

const fatal: [string, Buffer, RegExp][] = [
  ['no Content-Length', sip(['OPTIONS sip:a SIP/2.0', 'To: <sip:a>']), /without Content-Length/],
  ['an oversized body', sip(['OPTIONS sip:a SIP/2.0', 'Content-Length: 99999999']), /exceeds/],
  ['endless headers', Buffer.alloc(70 * 1024, 'a'), /no end of headers/],
];
for (const [name, bytes, reason] of fatal) {
  it(`closes the stream on ${name}, and stays closed`, () => {
    const framer = new SipStreamFramer();
    const items = framer.push(bytes);
    assert.equal(items.length, 1);
    assert.ok(items[0]!.kind === 'error' && reason.test(items[0]!.reason));
    assert.deepEqual(framer.push(OPTIONS), []);
  });
}
