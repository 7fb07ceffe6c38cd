// RFC 5118: IPv6 torture messages. All but §4.2 are valid and must parse.
//
// Two documented changes turn the RFC's bytes into wire bytes (the fixtures stay as the RFC has
// them): the §4.10 messages end without the empty line, and the three SDP messages declare a
// Content-Length their own bodies do not have (268/181/236 for 251/189/245 bytes). Without the
// fix-ups those rows would measure the RFC's arithmetic instead of IPv6 handling.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { getHeader, getHeaderValues } from '../../../../../sbc-engine/sip/headers.ts';
import { asRequest, headerAddr, param, runRow, sipUri, via, type TortureRow } from './torture-rows.ts';

function terminate(bytes: Buffer): Buffer {
  return bytes.includes('\r\n\r\n') ? bytes : Buffer.concat([bytes, Buffer.from('\r\n')]);
}

function fixContentLength(bytes: Buffer): Buffer {
  const split = bytes.indexOf('\r\n\r\n') + 4;
  const head = bytes.subarray(0, split).toString('latin1');
  const fixed = head.replace(/^Content-Length: \d+/m, `Content-Length: ${bytes.length - split}`);
  return Buffer.concat([Buffer.from(fixed, 'latin1'), bytes.subarray(split)]);
}

const rows: TortureRow[] = [
  {
    name: 'ipv6-good',
    section: '4.1',
    description: 'IPv6 references in Request-URI, Via and Contact',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(sipUri(asRequest(m).uri).host, '2001:db8::10');
      assert.equal(via(getHeader(m, 'Via')).host, '2001:db8::9:1');
      assert.equal(sipUri(headerAddr(m, 'Contact').uri).host, '2001:db8::1');
    },
  },
  {
    name: 'ipv6-bad',
    section: '4.2',
    description: 'IPv6 address without [] in the Request-URI: 400',
    parse: 'ok',
    verdict: { status: 400, field: 'Request-URI' },
  },
  {
    name: 'port-ambiguous',
    section: '4.3',
    description: '[2001:db8::10:5070]: well-formed; 5070 is part of the address, not a port',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const uri = sipUri(asRequest(m).uri);
      assert.equal(uri.host, '2001:db8::10:5070');
      assert.equal(uri.port, undefined);
    },
  },
  {
    name: 'port-unambiguous',
    section: '4.4',
    description: '[2001:db8::10]:5070: the port is outside the brackets',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const uri = sipUri(asRequest(m).uri);
      assert.equal(uri.host, '2001:db8::10');
      assert.equal(uri.port, 5070);
    },
  },
  {
    name: 'via-received-param-with-delim',
    section: '4.5',
    description: 'received=[IPv6] with brackets: accepted (robustness, as the RFC requires)',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const v = via(getHeader(m, 'Via'));
      assert.equal(v.host, '2001:db8::9:1');
      assert.match(String(param(v.params, 'received')), /^\[?2001:db8::9:255\]?$/);
    },
  },
  {
    name: 'via-received-param-no-delim',
    section: '4.5',
    description: 'received=IPv6 without brackets: accepted',
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.equal(param(via(getHeader(m, 'Via')).params, 'received'), '2001:db8::9:255'),
  },
  {
    name: 'ipv6-in-sdp',
    section: '4.6',
    description: 'IPv6 in SIP headers and unbracketed in SDP o=/c= (Content-Length fixed up)',
    prepare: fixContentLength,
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      assert.equal(sipUri(asRequest(m).uri).host, '2001:db8::10');
      assert.ok(Buffer.from(m.body).toString().includes('c=IN IP6 2001:db8::20\r\n'));
    },
  },
  {
    name: 'mult-ip-in-header',
    section: '4.7',
    description: 'Vias mixing IPv6 with port, IPv4, and IPv6 with an IPv4 received',
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const vias = getHeaderValues(m, 'Via').map(via);
      assert.deepEqual(
        vias.map((v) => [v.transport, v.host, v.port]),
        [
          ['UDP', '2001:db8::9:1', 6050],
          ['UDP', '192.0.2.1', undefined],
          ['TCP', '2001:db8::9:255', undefined],
        ],
      );
      assert.equal(param(vias[2]!.params, 'received'), '192.0.2.200');
    },
  },
  {
    name: 'mult-ip-in-sdp',
    section: '4.8',
    description: 'per-media IPv4 and IPv6 c= lines (Content-Length fixed up)',
    prepare: fixContentLength,
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.ok(Buffer.from(m.body).toString().includes('c=IN IP6 2001:db8::1\r\n')),
  },
  {
    name: 'ipv4-mapped-ipv6',
    section: '4.9',
    description: 'IPv4-mapped IPv6 (::ffff:192.0.2.x) in Via, Contact and SDP (Content-Length fixed up)',
    prepare: fixContentLength,
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const top = via(getHeaderValues(m, 'Via')[0]);
      assert.equal(top.host, '::ffff:192.0.2.10');
      assert.equal(top.port, 19823);
      assert.equal(sipUri(headerAddr(m, 'Contact').uri).host, '::ffff:192.0.2.2');
    },
  },
  {
    name: 'ipv6-bug-abnf-3-colons',
    section: '4.10',
    description: 'three colons before the embedded IPv4 (RFC 3261 ABNF bug): tolerated (empty line added)',
    prepare: terminate,
    parse: 'ok',
    verdict: null,
    inspect: (m) => {
      const host = sipUri(asRequest(m).uri).host;
      assert.ok(['2001:db8:::192.0.2.1', '2001:db8::192.0.2.1'].includes(host), host);
    },
  },
  {
    name: 'ipv6-correct-abnf-2-colons',
    section: '4.10',
    description: 'the correct two-colon form of the same address (empty line added)',
    prepare: terminate,
    parse: 'ok',
    verdict: null,
    inspect: (m) => assert.equal(sipUri(asRequest(m).uri).host, '2001:db8::192.0.2.1'),
  },
];

describe('RFC 5118 IPv6 torture messages', () => {
  for (const row of rows) runRow('rfc5118', row);
});
