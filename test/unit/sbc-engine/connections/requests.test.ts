// The OPTIONS keepalive and the REGISTER as they go on the wire (before the transport sets the Via
// sent-by): Teams' shape for OPTIONS, RFC 3261 §10.2 for REGISTER.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildKeepalive, targetUri } from '../../../../sbc-engine/connections/keepalive-request.ts';
import { buildRegister } from '../../../../sbc-engine/connections/register-request.ts';
import { getHeader } from '../../../../sbc-engine/sip/headers.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { serializeMessage } from '../../../../sbc-engine/sip/serializer.ts';

const ids = { callId: 'c1', fromTag: 'f1', branch: 'b1', userAgent: 'SBC Studio sbc-engine' };

it('builds the Teams keepalive: no user part, FQDN and listener port in Contact, transport=tls', () => {
  const request = buildKeepalive({
    ...ids,
    target: { host: 'sip.pstnhub.microsoft.com', port: 5061, transport: 'tls' },
    contactHost: 'sbc1.contoso.com',
    contactPort: 5067,
  });
  assert.equal(request.uri, 'sip:sip.pstnhub.microsoft.com:5061;transport=tls');
  assert.equal(getHeader(request, 'Contact'), '<sip:ping@sbc1.contoso.com:5067;transport=tls>');
  assert.equal(getHeader(request, 'From'), '<sip:ping@sbc1.contoso.com>;tag=f1');
  assert.equal(getHeader(request, 'To'), '<sip:sip.pstnhub.microsoft.com:5061;transport=tls>');
  assert.equal(getHeader(request, 'CSeq'), '1 OPTIONS');
  assert.doesNotMatch(getHeader(request, 'Via')!, /rport/);
  // What goes out parses back as the same request.
  const parsed = parseMessage(serializeMessage(request, { setContentLength: true }));
  assert.ok(parsed.ok);
});

it('asks for rport over UDP and writes IPv6 hosts in brackets', () => {
  const request = buildKeepalive({
    ...ids,
    target: { host: '2001:db8::7', port: null, transport: 'udp' },
    contactHost: '2001:db8::1',
    contactPort: 5060,
  });
  assert.equal(request.uri, 'sip:[2001:db8::7]');
  assert.equal(getHeader(request, 'Contact'), '<sip:ping@[2001:db8::1]:5060>');
  assert.match(getHeader(request, 'Via')!, /;rport$/);
  assert.equal(
    targetUri({ host: 'pbx.lan', port: 5060, transport: 'tcp' }),
    'sip:pbx.lan:5060;transport=tcp',
  );
});

it('builds a REGISTER for the address of record, via an outbound proxy, with credentials', () => {
  const request = buildRegister({
    ...ids,
    registrarUri: 'sip:sip-trunk.telekom.de',
    aor: 'sip:+4930123456@sip-trunk.telekom.de',
    contact: '<sip:+4930123456@sbc.example.com:5060;transport=tcp>',
    expires: 3600,
    cseq: 7,
    route: '<sip:reg.sip-trunk.telekom.de;transport=tcp;lr>',
    authorization: { name: 'Authorization', value: 'Digest username="u"' },
  });
  assert.equal(request.uri, 'sip:sip-trunk.telekom.de');
  assert.equal(getHeader(request, 'To'), '<sip:+4930123456@sip-trunk.telekom.de>');
  assert.equal(getHeader(request, 'From'), '<sip:+4930123456@sip-trunk.telekom.de>;tag=f1');
  assert.equal(getHeader(request, 'Expires'), '3600');
  assert.equal(getHeader(request, 'CSeq'), '7 REGISTER');
  assert.equal(getHeader(request, 'Route'), '<sip:reg.sip-trunk.telekom.de;transport=tcp;lr>');
  assert.equal(getHeader(request, 'Authorization'), 'Digest username="u"');
});
