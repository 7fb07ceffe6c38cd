import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import {
  canonicalCidr,
  formatIpAddress,
  isFqdn,
  isHostname,
  parseCidr,
  parseIpAddress,
  parseIPv6,
} from '../../../../../sbc-engine/config/schema/ip-address.ts';
import { seededRandom } from '../../../../helpers/mutate.ts';

describe('networks (CIDR)', () => {
  const good: [string, 4 | 6, number][] = [
    ['52.112.0.0/14', 4, 14], // Teams signalling and media
    ['52.120.0.0/14', 4, 14],
    ['10.0.0.20/32', 4, 32],
    ['0.0.0.0/0', 4, 0],
    ['2001:db8::/32', 6, 32],
    ['fd00::/8', 6, 8],
    ['::/0', 6, 0],
    ['::1/128', 6, 128],
    ['2001:db8:0:0:0:0:0:0/64', 6, 64],
    ['::ffff:192.0.2.0/120', 6, 120],
  ];
  for (const [text, family, prefix] of good) {
    it(`accepts ${text}`, () => {
      const result = parseCidr(text);
      assert.ok(result.ok, !result.ok ? result.reason : '');
      assert.equal(result.family, family);
      assert.equal(result.prefix, prefix);
    });
  }

  const bad: [string, RegExp][] = [
    ['52.112.0.0', /ADDRESS\/PREFIX.*\/32 for one address/],
    ['52.113.0.0/14', /the network is 52\.112\.0\.0\/14/],
    ['10.0.0.20/24', /the network is 10\.0\.0\.0\/24/],
    ['52.112.0.0/33', /0 to 32/],
    ['52.112.0.0/014', /prefix length/],
    ['52.112.0.0/', /prefix length/],
    ['52.112.0.0/-1', /prefix length/],
    ['52.112.0/14', /not an IPv4 or IPv6 address/],
    ['256.1.1.1/32', /not an IPv4/],
    ['01.2.3.4/32', /not an IPv4/],
    ['2001:db8::/129', /0 to 128/],
    ['2001:db8::1/32', /the network is 2001:db8::\/32/],
    ['2001:db8:::/32', /not an IPv4 or IPv6/],
    ['2001:db8::g/128', /not an IPv4 or IPv6/],
    ['1:2:3:4:5:6:7:8:9/128', /not an IPv4 or IPv6/],
    ['[2001:db8::]/32', /not an IPv4 or IPv6/],
    ['fe80::1%eth0/128', /not an IPv4 or IPv6/],
    ['sip.pstnhub.microsoft.com/32', /not an IPv4 or IPv6/],
    ['', /not a network/],
  ];
  for (const [text, reason] of bad) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      const result = parseCidr(text);
      assert.ok(!result.ok);
      assert.match(result.reason, reason);
    });
  }

  it('spellings of one network compare equal', () => {
    assert.equal(canonicalCidr('2001:DB8:0:0::/32'), canonicalCidr('2001:db8::/32'));
    assert.notEqual(canonicalCidr('2001:db8::/32'), canonicalCidr('2001:db8::/48'));
  });
});

describe('IPv6 text', () => {
  // RFC 5952 §4: lower case, no leading zeros, the longest run of zero groups compressed, not one group.
  const canonical: [string, string][] = [
    ['2001:0DB8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
  ];
  for (const [text, expected] of canonical) {
    it(`${text} is written ${expected}`, () => {
      const address = parseIpAddress(text);
      assert.ok(address);
      assert.equal(formatIpAddress(address), expected);
      assert.deepEqual(parseIpAddress(expected), address);
    });
  }

  it('agrees with node:net on 20,000 random address-like strings', () => {
    const random = seededRandom(4291);
    const alphabet = '0123456789abcdefABCDEF:::::...';
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(random() * 24);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      // Some inputs are grown from a valid address so that the valid side is exercised too.
      if (i % 3 === 0) text = `2001:db8:${text}`;
      const ours = parseIPv6(text) !== null;
      assert.equal(ours, isIP(text) === 6, `disagree on ${JSON.stringify(text)}`);
      if (ours) valid++;
    }
    assert.ok(valid > 200, `only ${valid} valid addresses were generated`);
  });
});

describe('host names', () => {
  const cases: [string, boolean, boolean][] = [
    // [text, host name, FQDN]
    ['sip.pstnhub.microsoft.com', true, true],
    ['sbc', true, false],
    ['reg.sip-trunk.telekom.de', true, true],
    ['1234567.primary.companyflex.de', true, true],
    ['-bad.example.com', false, false],
    ['bad-.example.com', false, false],
    ['sip..example.com', false, false],
    ['example.com.', false, false],
    ['sip_proxy.example.com', false, false],
    ['300.1.1.1', false, false],
    ['192.0.2.1', false, false],
    [`${'a'.repeat(64)}.com`, false, false],
    [`${'a'.repeat(63)}.com`, true, true],
    [Array.from({ length: 64 }, () => 'abc').join('.'), false, false],
    ['', false, false],
  ];
  for (const [text, hostname, fqdn] of cases) {
    it(`${text.slice(0, 40) || '(empty)'}: host name ${hostname}, FQDN ${fqdn}`, () => {
      assert.equal(isHostname(text), hostname);
      assert.equal(isFqdn(text), fqdn);
    });
  }
});
