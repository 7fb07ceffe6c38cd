import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { formatHostPort } from '../../../../../sbc-engine/config/host-port.ts';
import {
  MAX_SCAN_ADDRESSES,
  parseScanTargets,
} from '../../../../../electron/services/discovery/scan-targets.ts';

function addresses(input: string, port = 8743): string[] {
  const parsed = parseScanTargets(input, port);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.targets.map(formatHostPort);
}

describe('scan targets', () => {
  const rows: [string, string[]][] = [
    ['192.0.2.10', ['192.0.2.10:8743']],
    ['192.0.2.10:9000', ['192.0.2.10:9000']],
    ['sbc1.example.com, [2001:db8::1]:9443', ['sbc1.example.com:8743', '[2001:db8::1]:9443']],
    ['192.0.2.8/30', ['192.0.2.9:8743', '192.0.2.10:8743']],
    ['192.0.2.8/31', ['192.0.2.8:8743', '192.0.2.9:8743']],
    ['192.0.2.9/32', ['192.0.2.9:8743']],
    ['192.0.2.13/29', ['192.0.2.9:8743', '192.0.2.10:8743', '192.0.2.11:8743', '192.0.2.12:8743', '192.0.2.13:8743', '192.0.2.14:8743']], // prettier-ignore
    ['192.0.2.9 192.0.2.9\n192.0.2.8/30', ['192.0.2.9:8743', '192.0.2.10:8743']],
  ];
  for (const [input, expected] of rows) {
    it(`"${input.replace(/\n/g, '\\n')}"`, () => assert.deepEqual(addresses(input), expected));
  }

  it('marks addresses from a range, so their silence is only counted', () => {
    const parsed = parseScanTargets('192.0.2.0/30 192.0.2.200', 1);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.targets.map((t) => t.fromRange),
      [true, true, false],
    );
  });

  it(`refuses more than ${MAX_SCAN_ADDRESSES} addresses, naming the range`, () => {
    assert.equal(addresses('10.0.0.0/20').length, 4094);
    const parsed = parseScanTargets('10.0.0.0/19', 8743);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.error, /10\.0\.0\.0\/19.*8190 addresses.*at most 4096/);
    const sum = parseScanTargets('10.0.0.0/20 10.0.16.0/29', 8743);
    assert.equal(sum.ok, false);
  });

  const bad: [string, RegExp][] = [
    ['', /at least one/],
    ['192.0.2.0/33', /prefix length/],
    ['300.0.2.0/24', /not an IPv4 address/],
    ['2001:db8::/64', /IPv4 CIDR/],
    ['192.0.2.1:99999', /out of range/],
    ['bad_name!', /not a host name/],
  ];
  for (const [input, error] of bad) {
    it(`refuses "${input}"`, () => {
      const parsed = parseScanTargets(input, 8743);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.error, error);
    });
  }

  it('never throws and never exceeds the bound on random input (fuzz)', () => {
    const alphabet = '0123456789./:, []abcx-\n';
    for (let i = 0; i < 3000; i++) {
      const bytes = randomBytes(1 + (randomBytes(1)[0]! % 40));
      const input = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
      const parsed = parseScanTargets(input, 8743);
      if (parsed.ok) assert.ok(parsed.targets.length <= MAX_SCAN_ADDRESSES);
    }
  });
});
