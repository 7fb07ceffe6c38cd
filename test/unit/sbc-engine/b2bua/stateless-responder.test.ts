import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decideResponse, type ResponderContext } from '../../../../sbc-engine/b2bua/stateless-responder.ts';
import { getHeader, getHeaderValues } from '../../../../sbc-engine/sip/headers.ts';
import type { SipRequest, SipResponse } from '../../../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { stampTopVia } from '../../../../sbc-engine/sip/via-stamp.ts';
import { OPTIONS, sip } from '../../../helpers/sip-messages.ts';

const context: ResponderContext = { newTag: () => 'tag42', server: 'test' };

/** As the SIP core does: parse, note the source in the top Via, decide. */
function decide(bytes: Buffer) {
  const parsed = parseMessage(bytes);
  assert.ok(parsed.ok && parsed.message.type === 'request');
  const request = stampTopVia(parsed.message as SipRequest, { address: '198.51.100.9', port: 40000 });
  return decideResponse(request, context);
}

function answer(bytes: Buffer): SipResponse {
  const decision = decide(bytes);
  assert.equal(decision.action, 'reply');
  return (decision as { response: SipResponse }).response;
}

it('answers OPTIONS with 200, the request identifiers, a To tag and its capabilities', () => {
  const response = answer(OPTIONS);
  assert.equal(response.status, 200);
  const request = parseMessage(OPTIONS);
  assert.ok(request.ok);
  for (const name of ['From', 'Call-ID', 'CSeq'])
    assert.equal(getHeader(response, name), getHeader(request.message, name));
  assert.equal(getHeader(response, 'To'), '<sip:sbc.example.com>;tag=tag42');
  assert.deepEqual(getHeaderValues(response, 'Allow'), ['OPTIONS']);
  assert.equal(getHeader(response, 'Accept'), 'application/sdp');
  assert.equal(getHeader(response, 'Content-Length'), '0');
  // RFC 3261 §18.2.1 / RFC 3581: where the request really came from.
  assert.equal(
    getHeader(response, 'Via'),
    'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=198.51.100.9;rport=40000',
  );
});

it('keeps an existing To tag', () => {
  const response = answer(
    Buffer.from(OPTIONS.toString().replace('To: <sip:sbc.example.com>', 'To: <sip:sbc.example.com>;tag=old')),
  );
  assert.equal(getHeader(response, 'To'), '<sip:sbc.example.com>;tag=old');
});

const silent: [string, Buffer, 'ignore' | 'drop'][] = [
  [
    'an ACK',
    sip([
      'ACK sip:a@example.com SIP/2.0',
      'Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1',
      'From: <sip:b@example.com>;tag=1',
      'To: <sip:a@example.com>;tag=2',
      'Call-ID: c',
      'CSeq: 1 ACK',
      'Content-Length: 0',
    ]),
    'ignore',
  ],
  [
    'a request without Via',
    sip([
      'OPTIONS sip:a@example.com SIP/2.0',
      'From: <sip:b@example.com>;tag=1',
      'To: <sip:a@example.com>',
      'Call-ID: c',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
    ]),
    'drop',
  ],
];
for (const [name, bytes, action] of silent) {
  it(`does not answer ${name}`, () => assert.equal(decide(bytes).action, action));
}
