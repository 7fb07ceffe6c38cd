// Which sockets an apply opens, closes, keeps, or gives new TLS settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../../sbc-engine/config/schema/index.ts';
import {
  desiredListeners,
  ListenerProblem,
  planListeners,
  type TlsSources,
} from '../../../../sbc-engine/runtime/sip-listeners.ts';
import { listenerKey, type OpenListener } from '../../../../sbc-engine/runtime/sip-service.ts';

const DEFAULT = { key: 'default-key', cert: 'default-cert' };
const STORE = { key: 'store-key', cert: 'store-cert' };
const sources: TlsSources = {
  defaultMaterial: () => DEFAULT,
  storeMaterial: (id) => {
    if (id === '00000000000000aa') return STORE;
    throw new Error('has no certificate yet');
  },
};

function config(listeners: unknown[], tlsProfiles?: unknown[]) {
  const parsed = parseConfig({
    schemaVersion: 1,
    voip: { listeners },
    ...(tlsProfiles ? { tlsProfiles } : {}),
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return parsed.config;
}

function open(
  transport: 'udp' | 'tcp' | 'tls',
  port: number,
  pinned = false,
  tls?: OpenListener['tls'],
): OpenListener {
  const spec = { transport, host: '127.0.0.1', port };
  return { key: listenerKey(spec), listener: { ...spec, close: async () => {} }, tls, pinned };
}

const udp = { transport: 'udp', address: '127.0.0.1', port: 5060 };
const tcp = { transport: 'tcp', address: '127.0.0.1', port: 5060 };
const tls = { transport: 'tls', address: '127.0.0.1', port: 5061, tlsProfile: 'default' };

describe('planListeners', () => {
  it('keeps what stays, opens what is new, closes what is gone', () => {
    const plan = planListeners(
      [open('udp', 5060), open('tcp', 5070)],
      desiredListeners(config([udp, tcp]), sources),
    );
    assert.deepEqual(
      plan.keep.map((e) => e.key),
      ['udp|127.0.0.1|5060'],
    );
    assert.deepEqual(
      plan.close.map((e) => e.key),
      ['tcp|127.0.0.1|5070'],
    );
    assert.deepEqual(
      plan.open.map((l) => [l.path, listenerKey(l.spec)]),
      [['voip.listeners[1]', 'tcp|127.0.0.1|5060']],
    );
    assert.deepEqual(plan.retls, []);
  });

  it('never closes a socket from --sip', () => {
    const plan = planListeners([open('udp', 5999, true)], desiredListeners(config([]), sources));
    assert.deepEqual(plan.close, []);
    assert.equal(plan.keep.length, 1);
  });

  it('changes the TLS settings of a kept TLS socket in place when its profile changed', () => {
    const current = open('tls', 5061, false, { material: DEFAULT, minVersion: 'TLSv1.2', ciphers: [], followsDefault: true }); // prettier-ignore
    const same = planListeners([current], desiredListeners(config([tls]), sources));
    assert.equal(same.keep.length, 1);
    const stricter = config([tls], [{ id: 'default', name: 'Default', minVersion: 'TLSv1.3' }]);
    const plan = planListeners([current], desiredListeners(stricter, sources));
    assert.equal(plan.retls.length, 1);
    assert.equal(plan.retls[0]!.tls.minVersion, 'TLSv1.3');
    const ownCert = config([tls], [{ id: 'default', name: 'Default', ownCertificate: '00000000000000aa' }]);
    const moved = planListeners([current], desiredListeners(ownCert, sources));
    assert.equal(moved.retls[0]!.tls.material, STORE);
    assert.equal(moved.retls[0]!.tls.followsDefault, false);
  });

  it('names the TLS profile whose certificate cannot be served', () => {
    const pending = config([tls], [{ id: 'default', name: 'Default', ownCertificate: '00000000000000bb' }]);
    assert.throws(
      () => desiredListeners(pending, sources),
      (error) =>
        error instanceof ListenerProblem &&
        error.path === 'tlsProfiles[0].ownCertificate' &&
        error.kind === 'tls',
    );
  });

  it('names the TLS profile whose ciphers OpenSSL does not know', () => {
    const bad = config([tls], [{ id: 'default', name: 'Default', ciphers: ['NO-SUCH-CIPHER'] }]);
    assert.throws(
      () => desiredListeners(bad, sources),
      (error) => error instanceof ListenerProblem && error.path === 'tlsProfiles[0].ciphers',
    );
  });
});
