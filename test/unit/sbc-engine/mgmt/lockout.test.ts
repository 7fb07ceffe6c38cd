import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipv6Prefix64 } from '../../../../sbc-engine/mgmt/http-server.ts';
import { LoginLockout } from '../../../../sbc-engine/mgmt/lockout.ts';
import { FakeClock } from '../../../../sbc-engine/runtime/fake-clock.ts';

function failTimes(lockout: LoginLockout, source: string, times: number) {
  let verdict = lockout.check(source);
  for (let i = 0; i < times; i++) verdict = lockout.recordFailure(source);
  return verdict;
}

describe('login lockout', () => {
  it('allows four failures, locks on the fifth for at least 60 s', () => {
    const lockout = new LoginLockout(new FakeClock());
    assert.deepEqual(failTimes(lockout, '192.0.2.1', 4), { allowed: true });
    const verdict = lockout.recordFailure('192.0.2.1');
    assert.equal(verdict.allowed, false);
    assert.ok(!verdict.allowed && verdict.retryAfterSeconds >= 60);
  });

  it('keeps other sources unaffected', () => {
    const lockout = new LoginLockout(new FakeClock());
    failTimes(lockout, '192.0.2.1', 5);
    assert.equal(lockout.check('192.0.2.1').allowed, false);
    assert.equal(lockout.check('192.0.2.2').allowed, true);
  });

  it('does not count failures older than 15 minutes', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    failTimes(lockout, 'a', 4);
    clock.advance(15 * 60 * 1000);
    assert.equal(lockout.recordFailure('a').allowed, true);
  });

  it('doubles each further lockout up to 15 minutes', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    const seen: number[] = [];
    let verdict = failTimes(lockout, 'a', 5);
    for (let i = 0; i < 6; i++) {
      assert.ok(!verdict.allowed);
      seen.push(verdict.retryAfterSeconds);
      clock.advance(verdict.retryAfterSeconds * 1000);
      assert.equal(lockout.check('a').allowed, true, 'the lock ends when Retry-After says');
      verdict = lockout.recordFailure('a');
    }
    assert.deepEqual(seen, [60, 120, 240, 480, 900, 900]);
  });

  it('forgets everything after a success', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    failTimes(lockout, 'a', 4);
    lockout.recordSuccess('a');
    assert.equal(failTimes(lockout, 'a', 4).allowed, true);
  });

  it('starts again at 60 s once a whole window passed after the last lock', () => {
    const clock = new FakeClock();
    const lockout = new LoginLockout(clock);
    failTimes(lockout, 'a', 5);
    clock.advance(60_000 + 15 * 60 * 1000);
    const verdict = failTimes(lockout, 'a', 5);
    assert.ok(!verdict.allowed && verdict.retryAfterSeconds === 60);
  });
});

describe('lockout source of an IPv6 client', () => {
  const cases: [string, string][] = [
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ];
  for (const [address, expected] of cases) {
    it(`${address} counts as ${expected}`, () => assert.equal(ipv6Prefix64(address), expected));
  }
});
