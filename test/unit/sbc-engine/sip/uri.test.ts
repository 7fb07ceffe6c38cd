import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatUri, parseUri, unescapeUriPart } from '../../../../sbc-engine/sip/uri.ts';

const valid: [string, object][] = [
  ['sip:sbc.example.com', { scheme: 'sip', host: 'sbc.example.com', params: [], headers: [] }],
  [
    'SIP:Alice@Atlanta.COM:5060',
    { scheme: 'sip', user: 'Alice', host: 'atlanta.com', port: 5060, params: [], headers: [] },
  ],
  [
    'sips:+4930123@[2001:DB8::10]:5061;transport=tls;lr',
    {
      scheme: 'sips',
      user: '+4930123',
      host: '2001:db8::10',
      port: 5061,
      params: [
        ['transport', 'tls'],
        ['lr', null],
      ],
      headers: [],
    },
  ],
  [
    'sip:user;par=u%40example.net@example.com',
    { scheme: 'sip', user: 'user;par=u%40example.net', host: 'example.com', params: [], headers: [] },
  ],
  [
    'sip:alice:secret@h.example.com?subject=project%20x&priority=urgent',
    {
      scheme: 'sip',
      user: 'alice',
      password: 'secret',
      host: 'h.example.com',
      params: [],
      headers: [
        ['subject', 'project%20x'],
        ['priority', 'urgent'],
      ],
    },
  ],
  ['sip:[::ffff:192.0.2.1]', { scheme: 'sip', host: '::ffff:192.0.2.1', params: [], headers: [] }],
  [
    'tel:+49-30-123456;phone-context=example.com',
    { scheme: 'tel', opaque: '+49-30-123456;phone-context=example.com' },
  ],
];
for (const [text, expected] of valid) {
  it(`parses ${text}`, () => {
    const result = parseUri(text);
    assert.ok(result.ok, !result.ok ? result.error : '');
    assert.deepEqual(result.value, expected);
    const again = parseUri(formatUri(result.value));
    assert.ok(again.ok);
    assert.deepEqual(again.value, result.value);
  });
}

const invalid: [string, RegExp][] = [
  ['sip:', /not a valid host/],
  ['sip:a b@example.com', /white space/],
  ['sip:[2001:db8::10', /"]"/],
  ['sip:2001:db8::10', /brackets|port/],
  ['sip:example.com:99999', /port/],
  ['sip:%4@example.com', /two hex digits/],
  ['sip:user@exa_mple.com', /not a valid host/],
  ['sip:example.com;=x', /parameter/],
  ['nothing', /no URI scheme/],
];
for (const [text, reason] of invalid) {
  it(`rejects ${text}`, () => {
    const result = parseUri(text);
    assert.ok(!result.ok);
    assert.match(result.error, reason);
  });
}

it('unescapes user parts, also bytes that are not UTF-8', () => {
  assert.equal(unescapeUriPart('sip%3Auser%40example.com'), 'sip:user@example.com');
  assert.equal(unescapeUriPart('%61%00b'), 'a\u0000b');
  assert.equal(unescapeUriPart('%FFx'), '\u00ffx');
});
