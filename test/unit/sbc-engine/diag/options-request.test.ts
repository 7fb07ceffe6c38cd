// The OPTIONS as a real SBC sends it: checked through the engine's own parser and validator.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildOptions, type OptionsSpec } from '../../../../sbc-engine/diag/options-request.ts';
import { getHeader } from '../../../../sbc-engine/sip/headers.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { serializeMessage } from '../../../../sbc-engine/sip/serializer.ts';
import { checkRequest } from '../../../../sbc-engine/sip/validate.ts';
import type { SipRequest } from '../../../../sbc-engine/sip/message.ts';

const spec: OptionsSpec = {
  requestUri: 'sip:sip.pstnhub.microsoft.com:5061;transport=tls',
  transport: 'tls',
  local: { address: '192.0.2.10', port: 49152 },
  contactHost: 'sbc.example.com',
  contactPort: 5061,
  secure: false,
  userAgent: 'SBC Studio 1.0',
  callId: 'c1@sbc.example.com',
  fromTag: 'f1',
  branch: 'b1',
  cseq: 7,
};

function roundTrip(request: SipRequest): SipRequest {
  const parsed = parseMessage(serializeMessage(request, { setContentLength: true }), { transport: 'stream' });
  assert.ok(parsed.ok && parsed.message.type === 'request');
  assert.equal(checkRequest(parsed.message), null, 'a UAS accepts it');
  return parsed.message;
}

it('TLS to Teams: Contact and From carry the SBC FQDN and port, Via the flow it leaves on', () => {
  const request = roundTrip(buildOptions(spec));
  assert.equal(request.method, 'OPTIONS');
  assert.equal(request.uri, 'sip:sip.pstnhub.microsoft.com:5061;transport=tls');
  assert.equal(getHeader(request, 'Via'), 'SIP/2.0/TLS 192.0.2.10:49152;branch=z9hG4bKb1');
  assert.equal(getHeader(request, 'Contact'), '<sip:ping@sbc.example.com:5061;transport=tls>');
  assert.equal(getHeader(request, 'From'), '<sip:ping@sbc.example.com>;tag=f1');
  assert.equal(getHeader(request, 'To'), '<sip:sip.pstnhub.microsoft.com:5061;transport=tls>');
  assert.equal(getHeader(request, 'CSeq'), '7 OPTIONS');
  assert.equal(getHeader(request, 'Max-Forwards'), '70');
  assert.equal(getHeader(request, 'User-Agent'), 'SBC Studio 1.0');
});

it('UDP without a contact host: the local address, and rport in Via (RFC 3581)', () => {
  const { contactHost: _h, contactPort: _p, ...rest } = spec;
  const request = roundTrip(buildOptions({ ...rest, transport: 'udp', requestUri: 'sip:192.0.2.1' }));
  assert.equal(getHeader(request, 'Via'), 'SIP/2.0/UDP 192.0.2.10:49152;branch=z9hG4bKb1;rport');
  assert.equal(getHeader(request, 'Contact'), '<sip:ping@192.0.2.10:49152>');
});

it('sips: the Contact is a sips URI and IPv6 hosts stand in brackets', () => {
  const request = roundTrip(
    buildOptions({ ...spec, secure: true, requestUri: 'sips:[2001:db8::1]', contactHost: '2001:db8::2' }),
  );
  assert.equal(getHeader(request, 'Contact'), '<sips:ping@[2001:db8::2]:5061>');
  assert.equal(request.uri, 'sips:[2001:db8::1]');
});
