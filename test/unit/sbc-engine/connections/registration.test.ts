// A trunk registration against a scripted registrar on a fake clock: digest challenge and answer,
// refresh before expiry, wrong credentials (403, or a second challenge), backoff, stale nonces,
// re-registration after the connection closes, and Expires: 0 at the end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SendOutcome } from '../../../../sbc-engine/connections/probe-outcome.ts';
import {
  Registration,
  type RegisterParts,
  type RegistrationDeps,
} from '../../../../sbc-engine/connections/registration.ts';
import type { SipHeader, SipResponse } from '../../../../sbc-engine/sip/message.ts';
import { FakeTimerHost } from '../../../../sbc-engine/sip/transaction/clock.ts';

const PASSWORD = 'telephony-secret-7';

function response(status: number, headers: SipHeader[] = []): SipResponse {
  return { type: 'response', version: 'SIP/2.0', status, reason: 'R', headers, body: new Uint8Array() };
}

const challenge = (nonce: string, stale = false) =>
  response(401, [
    {
      name: 'WWW-Authenticate',
      value: `Digest realm="tel.example", nonce="${nonce}", qop="auth", algorithm=MD5${stale ? ', stale=true' : ''}`,
    },
  ]);

const ok = (expires: number) =>
  response(200, [{ name: 'Contact', value: `<sip:+4930123@sbc.example.com:5060>;expires=${expires}` }]);

type Script = (parts: RegisterParts, index: number) => SendOutcome;

function harness(script: Script, extra: Partial<RegistrationDeps> = {}) {
  const timers = new FakeTimerHost(0);
  const sent: RegisterParts[] = [];
  const states: string[] = [];
  let token = 0;
  const registration = new Registration({
    timers,
    random: () => 0.5,
    newToken: () => `t${++token}`,
    registrar: 'sip:tel.example',
    requestUri: 'sip:tel.example',
    username: 'user1',
    password: PASSWORD,
    realm: null,
    expires: 3600,
    contactUri: () => 'sip:+4930123@sbc.example.com:5060',
    send: (parts) => {
      sent.push(parts);
      return Promise.resolve(script(parts, sent.length - 1));
    },
    onStateChange: (status) => states.push(status.state),
    ...extra,
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { timers, sent, states, registration, settle };
}

const response200 = (r: SipResponse): SendOutcome => ({ kind: 'response', response: r, rttMs: 3 });

describe('trunk registration', () => {
  it('answers the digest challenge, registers, and refreshes at 50-80 % of the granted time', async () => {
    const h = harness((parts, i) =>
      response200(i === 0 ? challenge('n1') : parts.authorization ? ok(120) : challenge('n2')),
    );
    h.registration.start();
    await h.settle();
    assert.equal(h.sent.length, 2);
    assert.equal(h.sent[0]!.authorization, undefined);
    assert.match(
      h.sent[1]!.authorization!.value,
      /^Digest username="user1", realm="tel.example", nonce="n1"/,
    );
    assert.match(h.sent[1]!.authorization!.value, /nc=00000001/);
    assert.equal(h.sent[1]!.cseq, h.sent[0]!.cseq + 1, 'CSeq rises within one Call-ID');
    assert.equal(h.sent[1]!.callId, h.sent[0]!.callId);
    let status = h.registration.status();
    assert.equal(status.state, 'registered');
    assert.equal(status.expires, 120, 'the expiry the registrar granted, not the one asked for');
    assert.equal(status.expiresAt, 120_000);
    const next = status.nextAttemptAt!;
    assert.ok(next >= 60_000 && next <= 96_000, `refresh at ${next} ms`);
    h.timers.advance(next);
    await h.settle();
    assert.equal(h.sent.length, 3, 'one refresh, answered at once with the known nonce');
    assert.match(h.sent[2]!.authorization!.value, /nonce="n1".*nc=00000002/);
    assert.equal(h.sent[2]!.callId, h.sent[0]!.callId, 'a refresh keeps the Call-ID (RFC 3261 §10.2.4)');
    status = h.registration.status();
    assert.equal(status.state, 'registered');
    assert.deepEqual(h.states, ['registering', 'registered']);
  });

  it('fails visibly on a second challenge for the same realm (wrong password), then backs off', async () => {
    let nonce = 0;
    const h = harness(() => response200(challenge(`n${++nonce}`)), { backoffMaxMs: 100_000 });
    h.registration.start();
    await h.settle();
    let status = h.registration.status();
    assert.equal(status.state, 'failed');
    assert.equal(status.reason, 'credentials');
    assert.match(status.detail!, /check the username and password/);
    assert.ok(!JSON.stringify(status).includes(PASSWORD), 'the password never shows');
    assert.equal(status.lastCode, 401);
    // 30 s × 2^(n-1) × (0.5 + 0.5 × random): 22.5 s, 45 s, then the cap (100 s × 0.75).
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = h.timers.now();
      waits.push(h.registration.status().nextAttemptAt! - before);
      h.timers.advance(h.registration.status().nextAttemptAt! - before);
      await h.settle();
    }
    assert.deepEqual(waits, [22_500, 45_000, 75_000, 75_000]);
    status = h.registration.status();
    assert.equal(status.consecutiveFailures, 5);
  });

  it('takes 403 as refused credentials', async () => {
    const h = harness(() => response200(response(403)));
    h.registration.start();
    await h.settle();
    const status = h.registration.status();
    assert.equal(status.state, 'failed');
    assert.equal(status.reason, 'credentials');
    assert.match(status.detail!, /403.*check the user, auth user and password/);
  });

  it('reports a timeout and a transport failure, and registers on a later attempt', async () => {
    const outcomes: SendOutcome[] = [
      { kind: 'timeout' },
      { kind: 'transport', reason: 'nothing listens on tcp:127.0.0.1:5070' },
      response200(ok(600)),
    ];
    const h = harness((_parts, i) => outcomes[i]!);
    h.registration.start();
    await h.settle();
    assert.equal(h.registration.status().reason, 'timeout');
    h.timers.advance(h.registration.status().nextAttemptAt!);
    await h.settle();
    assert.equal(h.registration.status().reason, 'transport');
    assert.equal(h.registration.status().detail, 'nothing listens on tcp:127.0.0.1:5070');
    h.timers.advance(h.registration.status().nextAttemptAt! - h.timers.now());
    await h.settle();
    const status = h.registration.status();
    assert.equal(status.state, 'registered');
    assert.equal(status.consecutiveFailures, 0);
    assert.equal(status.reason, null);
  });

  it('retries silently when the nonce went stale, and follows 423 Min-Expires', async () => {
    const h = harness((parts, i) => {
      if (i === 0) return response200(challenge('n1'));
      if (i === 1) return response200(challenge('n2', true));
      if (parts.expires < 7200) return response200(response(423, [{ name: 'Min-Expires', value: '7200' }]));
      return response200(ok(7200));
    });
    h.registration.start();
    await h.settle();
    assert.equal(h.registration.status().state, 'registered');
    assert.match(h.sent[2]!.authorization!.value, /nonce="n2"/);
    assert.equal(h.sent.at(-1)!.expires, 7200);
  });

  it('registers again at once when the connection the binding went over closes', async () => {
    const closers: (() => void)[] = [];
    const connection = { onClose: (listener: () => void) => closers.push(listener) };
    const h = harness(() => ({ kind: 'response', response: ok(3600), rttMs: 1, connection }));
    h.registration.start();
    await h.settle();
    h.timers.advance(0);
    await h.settle();
    assert.equal(h.sent.length, 1);
    assert.equal(closers.length, 1, 'watched once per connection');
    closers[0]!();
    assert.equal(h.registration.status().state, 'registering');
    h.timers.advance(0);
    await h.settle();
    assert.equal(h.sent.length, 2);
    assert.equal(h.registration.status().state, 'registered');
  });

  it('sends Expires: 0 with credentials when it stops, and is unregistered', async () => {
    const h = harness((parts, i) => response200(i === 0 ? challenge('n1') : ok(parts.expires || 1)));
    h.registration.start();
    await h.settle();
    await h.registration.stop();
    const last = h.sent.at(-1)!;
    assert.equal(last.expires, 0);
    assert.ok(last.authorization, 'the known challenge is answered at once');
    assert.equal(h.registration.status().state, 'unregistered');
    assert.equal(h.registration.status().nextAttemptAt, null);
    h.timers.advance(10_000_000);
    await h.settle();
    assert.equal(h.sent.length, 3, 'no refresh after stop');
  });

  it('answers only the configured realm', async () => {
    const h = harness(() => response200(challenge('n1')), { realm: 'other.example' });
    h.registration.start();
    await h.settle();
    assert.equal(h.registration.status().reason, 'credentials');
    assert.match(h.registration.status().detail!, /realm "tel.example".*only "other.example"/);
  });
});
