import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEndpoint, formatEndpoint } from '../../../../../../electron/services/syslog/sip/endpoint.ts';
import { extractSip } from '../../../../../../electron/services/syslog/sip/extract.ts';
import { normalizeNumber, readParty } from '../../../../../../electron/services/syslog/sip/numbers.ts';

const OPTIONS = [
  'OPTIONS sip:sbc.example.net SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-x1',
  'From: <sip:probe@192.0.2.10>;tag=9',
  'To: <sip:sbc.example.net>',
  'Call-ID: opt-1@192.0.2.10',
  'CSeq: 7 OPTIONS',
  'Content-Length: 0',
];

describe('SIP extraction from log lines', () => {
  it('returns nothing for a line without a SIP message', () => {
    assert.equal(extractSip('<134>Mar 12 10:00:00 sbc1 ntpd[12]: time reset +0.2 s'), undefined);
    assert.equal(extractSip('the trunk said SIP/2.0/UDP is fine'), undefined);
    assert.equal(extractSip(''), undefined);
  });

  it('reads a message whose lines the vendor indents', () => {
    const text = 'SIP message:\n  ' + OPTIONS.join('\n  ');
    const extract = extractSip(text)!;
    assert.equal(extract.callId, 'opt-1@192.0.2.10');
    assert.equal(extract.cseq?.seq, 7);
    assert.equal(extract.parseError, undefined);
  });

  it('marks a message cut inside its header section and still yields what arrived', () => {
    const cut = 'recv from udp:192.0.2.10:5060 ' + OPTIONS.slice(0, 5).join('\r\n').slice(0, -6);
    const extract = extractSip(cut)!;
    assert.equal(extract.truncated, true);
    assert.equal(extract.method, 'OPTIONS');
    assert.equal(extract.from?.tag, '9');
    assert.equal(extract.direction, 'in');
  });

  it('falls back to the line reader when the strict parser refuses, and says why', () => {
    // A header line with a space in its name: not a token (RFC 3261 §7.3).
    const odd = [...OPTIONS.slice(0, 5), 'Bad Header: x', ...OPTIONS.slice(5)].join('\r\n') + '\r\n\r\n';
    const extract = extractSip(odd)!;
    assert.equal(extract.callId, 'opt-1@192.0.2.10');
    assert.match(extract.parseError!, /line 6/);
  });

  it('reads bytes that are not UTF-8 without failing', () => {
    const bytes = Buffer.concat([
      Buffer.from('recv from 192.0.2.10:5060 '),
      Buffer.from(OPTIONS.join('\r\n')),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\r\n\r\n'),
    ]);
    const extract = extractSip(bytes)!;
    assert.equal(extract.callId, 'opt-1@192.0.2.10');
  });

  it('does not take a response for a request or prose for a start line', () => {
    const prose = 'Trying sip:bob@example.com SIP/2.0 later';
    assert.equal(extractSip(prose), undefined);
    const response = extractSip('x SIP/2.0 180 Ringing\r\nCall-ID: r1\r\nCSeq: 1 INVITE\r\n\r\n')!;
    assert.deepEqual(
      [response.kind, response.status, response.reason, response.callId],
      ['response', 180, 'Ringing', 'r1'],
    );
  });
});

describe('numbers and addresses', () => {
  it('normalizes phone numbers and refuses names', () => {
    assert.equal(normalizeNumber('+49 (30) 123-456'), '+4930123456');
    assert.equal(normalizeNumber('4930123456;npdi'), '4930123456');
    assert.equal(normalizeNumber('anonymous'), undefined);
    assert.equal(normalizeNumber('alice'), undefined);
    assert.equal(readParty('<tel:+49-30-123456;phone-context=+49>')?.number, '+4930123456');
    assert.equal(readParty('"Bob" <sip:%2B4930999@example.com>;tag=x')?.number, '+4930999');
    assert.equal(readParty('"Bob" <sip:%2B4930999@example.com>;tag=x')?.displayName, 'Bob');
    // A URI the strict parser refuses still gives its number.
    assert.equal(readParty('<sip:+49 30 777@pbx>')?.number, '+4930777');
  });

  it('reads endpoints as vendors write them', () => {
    assert.deepEqual(parseEndpoint('tls:[2001:db8::1]:5061'), {
      transport: 'TLS',
      host: '2001:db8::1',
      port: 5061,
    });
    assert.deepEqual(parseEndpoint('10.1.1.1/5060'), { host: '10.1.1.1', port: 5060 });
    assert.deepEqual(parseEndpoint('2001:db8::1'), { host: '2001:db8::1' });
    assert.equal(parseEndpoint('not an address'), undefined);
    assert.equal(
      formatEndpoint({ transport: 'TLS', host: '2001:db8::1', port: 5061 }),
      'tls:[2001:db8::1]:5061',
    );
  });
});
