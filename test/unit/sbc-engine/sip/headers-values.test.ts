import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatNameAddr, parseNameAddr } from '../../../../sbc-engine/sip/address.ts';
import { parseCSeq } from '../../../../sbc-engine/sip/cseq.ts';
import { formatVia, parseVia } from '../../../../sbc-engine/sip/via.ts';

const nameAddrs: [string, object | RegExp][] = [
  [
    '"Alice \\"A\\"" <sip:alice@example.com>;tag=1',
    { displayName: 'Alice "A"', uri: 'sip:alice@example.com', params: [['tag', '1']] },
  ],
  [
    'Bob  Smith <sips:bob@example.com>',
    { displayName: 'Bob Smith', uri: 'sips:bob@example.com', params: [] },
  ],
  ['sip:carol@example.com;tag=xyz', { uri: 'sip:carol@example.com', params: [['tag', 'xyz']] }],
  [
    '<sip:d@example.com;transport=tcp>;expires=60;+sip.instance="<urn:uuid:1>"',
    {
      uri: 'sip:d@example.com;transport=tcp',
      params: [
        ['expires', '60'],
        ['+sip.instance', '"<urn:uuid:1>"'],
      ],
    },
  ],
  ['<tel:+4930123>', { uri: 'tel:+4930123', params: [] }],
  ['"unclosed <sip:a@example.com>', /quoted|">"/],
  ['<sip:a@example.com', /">"/],
  ['sip:a@example.com?x=y', /enclosed/],
  ['Bad@Name <sip:a@example.com>', /must be quoted/],
  ['< sip:a@example.com>', /white space/],
];
for (const [text, expected] of nameAddrs) {
  it(`name-addr: ${text}`, () => {
    const result = parseNameAddr(text);
    if (expected instanceof RegExp) {
      assert.ok(!result.ok);
      assert.match(result.error, expected);
    } else {
      assert.ok(result.ok, !result.ok ? result.error : '');
      assert.deepEqual(result.value, expected);
      const again = parseNameAddr(formatNameAddr(result.value));
      assert.ok(again.ok);
      assert.deepEqual(again.value, result.value);
    }
  });
}

const vias: [string, object | RegExp][] = [
  [
    'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport',
    {
      protocol: 'SIP',
      version: '2.0',
      transport: 'UDP',
      host: '192.0.2.1',
      port: 5060,
      params: [
        ['branch', 'z9hG4bK1'],
        ['rport', null],
      ],
    },
  ],
  [
    'SIP / 2.0 / tls  [2001:db8::1]:5061 ;branch=z9hG4bK2',
    {
      protocol: 'SIP',
      version: '2.0',
      transport: 'TLS',
      host: '2001:db8::1',
      port: 5061,
      params: [['branch', 'z9hG4bK2']],
    },
  ],
  [
    'SIP/2.0/TCP sbc.Example.com',
    { protocol: 'SIP', version: '2.0', transport: 'TCP', host: 'sbc.example.com', params: [] },
  ],
  ['SIP/2.0/UDP 2001:db8::1:5060', /brackets/],
  ['SIP/2.0 host', /not a Via/],
  ['SIP/2.0/UDP host:99999', /port/],
];
for (const [text, expected] of vias) {
  it(`Via: ${text}`, () => {
    const result = parseVia(text);
    if (expected instanceof RegExp) {
      assert.ok(!result.ok);
      assert.match(result.error, expected);
    } else {
      assert.ok(result.ok, !result.ok ? result.error : '');
      assert.deepEqual(result.value, expected);
      assert.deepEqual(parseVia(formatVia(result.value)), result);
    }
  });
}

const cseqs: [string, object | RegExp][] = [
  ['63104 OPTIONS', { seq: 63104, method: 'OPTIONS' }],
  ['  1   INVITE ', { seq: 1, method: 'INVITE' }],
  ['2147483647 BYE', { seq: 2147483647, method: 'BYE' }],
  ['2147483648 BYE', /2\^31/],
  ['36893488147419103232 REGISTER', /2\^31/],
  ['INVITE', /number METHOD/],
];
for (const [text, expected] of cseqs) {
  it(`CSeq: ${text}`, () => {
    const result = parseCSeq(text);
    if (expected instanceof RegExp) assert.ok(!result.ok && expected.test(result.error));
    else assert.deepEqual(result, { ok: true, value: expected });
  });
}
