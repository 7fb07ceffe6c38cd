import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SipRequest } from '../../../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../../../sbc-engine/sip/parser.ts';
import { checkRequest } from '../../../../sbc-engine/sip/validate.ts';
import { INVITE, OPTIONS } from '../../../helpers/sip-messages.ts';

function request(bytes: Buffer, edit: (text: string) => string = (t) => t): SipRequest {
  const result = parseMessage(Buffer.from(edit(bytes.toString('utf8')), 'utf8'));
  assert.ok(
    result.ok && result.message.type === 'request',
    !result.ok ? result.error.reason : 'not a request',
  );
  return result.message as SipRequest;
}

const cases: [string, Buffer, (t: string) => string, number | null, string?][] = [
  ['a good OPTIONS', OPTIONS, (t) => t, null],
  ['a good INVITE with SDP', INVITE, (t) => t, null],
  ['SIP/7.0', OPTIONS, (t) => t.replace('SIP/2.0\r\n', 'SIP/7.0\r\n'), 505],
  ['no Call-ID', OPTIONS, (t) => t.replace(/Call-ID:.*\r\n/, ''), 400, 'Call-ID'],
  [
    'two To fields',
    OPTIONS,
    (t) => t.replace('Max-Forwards', 'To: <sip:x@example.com>\r\nMax-Forwards'),
    400,
    'To',
  ],
  ['CSeq method differs', OPTIONS, (t) => t.replace('63104 OPTIONS', '63104 INVITE'), 400, 'CSeq'],
  ['CSeq too large', OPTIONS, (t) => t.replace('63104 OPTIONS', '4294967296 OPTIONS'), 400, 'CSeq'],
  [
    'Max-Forwards 300',
    OPTIONS,
    (t) => t.replace('Max-Forwards: 70', 'Max-Forwards: 300'),
    400,
    'Max-Forwards',
  ],
  ['Max-Forwards 0 at an endpoint', OPTIONS, (t) => t.replace('Max-Forwards: 70', 'Max-Forwards: 0'), null],
  [
    'bad Via',
    OPTIONS,
    (t) => t.replace('SIP/2.0/UDP 192.0.2.10:5060', 'SIP/2.0/UDP 2001:db8::1:5060'),
    400,
    'Via',
  ],
  ['bad From', OPTIONS, (t) => t.replace('From: "Teams"', 'From: "Teams'), 400, 'From'],
  [
    'unknown scheme',
    OPTIONS,
    (t) => t.replace('OPTIONS sip:sbc.example.com', 'OPTIONS xmpp:sbc@example.com'),
    416,
    'Request-URI',
  ],
  [
    'unknown method',
    OPTIONS,
    (t) => t.replace('OPTIONS sip:', 'FOO sip:').replace('63104 OPTIONS', '63104 FOO'),
    501,
  ],
  [
    'Require of an unknown extension',
    OPTIONS,
    (t) => t.replace('Max-Forwards', 'Require: nosuchextension\r\nMax-Forwards'),
    420,
    'Require',
  ],
  [
    'body without Content-Type',
    OPTIONS,
    (t) => t.replace('Content-Length: 0\r\n\r\n', 'Content-Length: 2\r\n\r\nhi'),
    400,
    'Content-Type',
  ],
];
for (const [name, bytes, edit, status, field] of cases) {
  it(`checkRequest: ${name} → ${status ?? 'accepted'}`, () => {
    const verdict = checkRequest(request(bytes, edit), { supported: ['timer', '100rel'] });
    assert.equal(verdict?.status ?? null, status, verdict?.reason);
    if (field) assert.equal(verdict?.field, field);
  });
}

it('420 lists exactly the unsupported option tags', () => {
  const verdict = checkRequest(
    request(OPTIONS, (t) => t.replace('Max-Forwards', 'Require: timer, foo, bar\r\nMax-Forwards')),
    { supported: ['timer'] },
  );
  assert.deepEqual(verdict?.unsupported, ['foo', 'bar']);
});

it('Max-Forwards 0 gets 483 where the request would be forwarded', () => {
  const verdict = checkRequest(
    request(OPTIONS, (t) => t.replace('Max-Forwards: 70', 'Max-Forwards: 0')),
    { forwarding: true },
  );
  assert.equal(verdict?.status, 483);
});
