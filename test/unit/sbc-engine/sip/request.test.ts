import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getHeader } from '../../../../sbc-engine/sip/headers.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { createRequest } from '../../../../sbc-engine/sip/request.ts';
import { serializeMessage } from '../../../../sbc-engine/sip/serializer.ts';
import { checkRequest } from '../../../../sbc-engine/sip/validate.ts';
import { setTopViaSentBy } from '../../../../sbc-engine/sip/via-stamp.ts';

it('builds a request a UAS accepts, and the transport fills in sent-by keeping the branch', () => {
  const request = createRequest({
    method: 'OPTIONS',
    uri: 'sip:sip.pstnhub.microsoft.com:5061;transport=tls',
    from: '<sip:sbc.example.com>',
    to: '<sip:sip.pstnhub.microsoft.com>',
    fromTag: 'f1',
    callId: 'c1@sbc.example.com',
    cseq: 1,
    branch: 'abc',
  });
  const stamped = setTopViaSentBy(request, 'tls', 'sbc.example.com', 5061);
  assert.equal(getHeader(stamped, 'Via'), 'SIP/2.0/TLS sbc.example.com:5061;branch=z9hG4bKabc');
  assert.equal(
    setTopViaSentBy(request, 'udp', '::1', 5060).headers[0]!.value,
    'SIP/2.0/UDP [::1]:5060;branch=z9hG4bKabc',
  );
  const parsed = parseMessage(serializeMessage(stamped));
  assert.ok(parsed.ok && parsed.message.type === 'request');
  assert.equal(checkRequest(parsed.message as never), null);
});
