// A bounded fuzz run over the SIP parsers: 100,000 mutated messages never throw, never hang, and
// whatever parses survives a round trip. (bench/ holds the long run.)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseNameAddr } from '../../../../sbc-engine/sip/address.ts';
import { parseCSeq } from '../../../../sbc-engine/sip/cseq.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { serializeMessage } from '../../../../sbc-engine/sip/serializer.ts';
import { SipStreamFramer } from '../../../../sbc-engine/sip/stream-framer.ts';
import { parseUri } from '../../../../sbc-engine/sip/uri.ts';
import { checkRequest, checkResponse } from '../../../../sbc-engine/sip/validate.ts';
import { parseVia } from '../../../../sbc-engine/sip/via.ts';
import { INVITE, OPTIONS, REGISTER, RESPONSE } from '../../../helpers/sip-messages.ts';
import { mutate, seededRandom } from '../../../helpers/mutate.ts';

const SEEDS = [OPTIONS, INVITE, REGISTER, RESPONSE];
const RUNS = 100_000;

it(`survives ${RUNS.toLocaleString('en')} mutated messages, and what parses round-trips`, () => {
  const random = seededRandom(4475);
  let parsed = 0;
  for (let i = 0; i < RUNS; i++) {
    const input = mutate(SEEDS[i % SEEDS.length]!, random);
    const result = parseMessage(input);
    if (!result.ok) {
      assert.ok(result.error.reason.length > 0);
      continue;
    }
    parsed++;
    const message = result.message;
    if (message.type === 'request') {
      checkRequest(message);
      parseUri(message.uri);
    } else checkResponse(message);
    for (const { name, value } of message.headers) {
      if (name === 'Via') parseVia(value);
      else if (name === 'CSeq') parseCSeq(value);
      else if (name === 'From' || name === 'To' || name === 'Contact') parseNameAddr(value);
    }
    let bytes: Buffer;
    try {
      bytes = serializeMessage(message);
    } catch {
      continue; // a value the serializer refuses on purpose is not a round-trip failure
    }
    const again = parseMessage(bytes);
    assert.ok(again.ok, `re-parse failed for case ${i}: ${!again.ok && again.error.reason}`);
    assert.deepEqual(again.message, message, `round trip differs for case ${i}`);
  }
  // Enough mutants must stay parseable for the round-trip half of the test to mean something.
  assert.ok(parsed > RUNS / 10, `only ${parsed} mutants parsed`);
});

it('the stream framer cuts any split of a stream the same way', () => {
  const random = seededRandom(5626);
  const stream = Buffer.concat([OPTIONS, Buffer.from('\r\n\r\n'), INVITE, REGISTER]);
  for (let i = 0; i < 2000; i++) {
    const framer = new SipStreamFramer();
    const items = [];
    for (let at = 0; at < stream.length;) {
      const size = 1 + Math.floor(random() * 300);
      items.push(...framer.push(stream.subarray(at, at + size)));
      at += size;
    }
    assert.deepEqual(
      items.map((item) => item.kind),
      ['message', 'ping', 'message', 'message'],
    );
    assert.deepEqual(items[2]!.kind === 'message' && items[2]!.bytes, INVITE);
  }
});
