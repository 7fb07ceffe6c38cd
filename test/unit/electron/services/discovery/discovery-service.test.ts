import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredEngine } from '../../../../../electron/api/contract.ts';
import type {
  BrowseEvents,
  DnsSdBrowserFactory,
  FoundInstance,
} from '../../../../../electron/services/discovery/dns-sd-browser.ts';
import { DiscoveryService } from '../../../../../electron/services/discovery/discovery-service.ts';
import type {
  IdentityProbe,
  ProbeOutcome,
} from '../../../../../electron/services/discovery/identity-probe.ts';
import { ServiceError } from '../../../../../electron/services/service-error.ts';

const FP = 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99';
const PREFIX = FP.split(':').slice(0, 8).join(':');

function identity(id: string, provisioned = false) {
  return {
    id,
    name: `engine-${id}`,
    version: '0.1.0',
    apiVersion: 1,
    configSchemaVersion: 1,
    provisioned,
    managementFingerprint: FP,
    sipListen: [],
  };
}

/** A browser double that the test drives, and a probe whose answers the test sets per address. */
function doubles() {
  let events: BrowseEvents | undefined;
  let closed = 0;
  let queries = 0;
  const factory: DnsSdBrowserFactory = (_options, e) => {
    events = e;
    return { query: () => void queries++, close: async () => void closed++ };
  };
  const answers = new Map<string, ProbeOutcome>();
  const probed: string[] = [];
  const probe: IdentityProbe = async (target) => {
    const key = `${target.host}:${target.port}`;
    probed.push(key);
    return answers.get(key) ?? { ok: false, reason: 'refused', message: `Nothing listens on ${key}` };
  };
  return {
    factory,
    probe,
    answers,
    probed,
    events: () => events!,
    closed: () => closed,
    queries: () => queries,
  };
}

function announced(overrides: Partial<FoundInstance> = {}): FoundInstance {
  return {
    instance: 'lab (e1)',
    sourceAddress: '192.0.2.10',
    addresses: ['192.0.2.10', '198.51.100.1'],
    port: 8743,
    txt: { id: 'e1', version: '0.1.0', prov: '0', mport: '8743', fp: PREFIX },
    ...overrides,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('browsing', () => {
  it('lists an announced engine after checking it at the address the answer came from', async () => {
    const d = doubles();
    d.answers.set('192.0.2.10:8743', { ok: true, identity: identity('e1'), fingerprint: FP });
    const seen: DiscoveredEngine[] = [];
    const service = new DiscoveryService({
      browserFactory: d.factory,
      probe: d.probe,
      onBrowsed: (engine) => seen.push(engine),
    });
    assert.equal(service.browse().mdns, 'browsing');
    d.events().up(announced());
    assert.equal(service.listing().engines[0]!.state, 'checking');
    await settle();
    const [engine] = service.listing().engines;
    assert.deepEqual(
      { ...engine, lastSeen: undefined },
      {
        address: '192.0.2.10:8743',
        source: 'mdns',
        state: 'reachable',
        engineId: 'e1',
        name: 'engine-e1',
        version: '0.1.0',
        provisioned: false,
        fingerprintPrefix: PREFIX,
        lastSeen: undefined,
      },
    );
    assert.deepEqual(
      seen.map((e) => e.state),
      ['checking', 'reachable'],
    );
    await service.close();
  });

  it('keeps an engine that said goodbye, as unreachable', async () => {
    const d = doubles();
    d.answers.set('192.0.2.10:8743', { ok: true, identity: identity('e1'), fingerprint: FP });
    const service = new DiscoveryService({ browserFactory: d.factory, probe: d.probe });
    service.browse();
    d.events().up(announced());
    await settle();
    d.events().down('lab (e1)');
    const [engine] = service.listing().engines;
    assert.equal(engine!.state, 'unreachable');
    assert.match(engine!.lastError!, /withdrew its announcement/);
    await service.close();
  });

  it('turns an engine that stopped answering (no goodbye) unreachable at the next check', async () => {
    const d = doubles();
    d.answers.set('192.0.2.10:8743', { ok: true, identity: identity('e1'), fingerprint: FP });
    const service = new DiscoveryService({ browserFactory: d.factory, probe: d.probe, recheckMs: -1 });
    service.browse();
    d.events().up(announced());
    await settle();
    d.answers.delete('192.0.2.10:8743');
    service.browse();
    await settle();
    assert.equal(service.listing().engines[0]!.state, 'unreachable');
    assert.equal(service.listing().engines.length, 1);
    await service.close();
  });

  it('warns when the certificate at the address does not begin with the announced prefix', async () => {
    const d = doubles();
    const other = FP.replace(/^AA/, '00');
    d.answers.set('192.0.2.10:8743', { ok: true, identity: identity('e1'), fingerprint: other });
    const service = new DiscoveryService({ browserFactory: d.factory, probe: d.probe });
    service.browse();
    d.events().up(announced());
    await settle();
    const [engine] = service.listing().engines;
    assert.equal(engine!.fingerprintMismatch, true);
    assert.match(engine!.lastError!, /not the engine that announced itself/);
    await service.close();
  });

  it('ignores announcements with a broken TXT record', async () => {
    const d = doubles();
    const service = new DiscoveryService({ browserFactory: d.factory, probe: d.probe });
    service.browse();
    d.events().up(announced({ txt: { id: 'e1', prov: 'maybe' } }));
    await settle();
    assert.deepEqual(service.listing().engines, []);
    assert.deepEqual(d.probed, []);
    await service.close();
  });

  it('marks an engine that is in the list already, by address or by pinned certificate', async () => {
    const d = doubles();
    d.answers.set('192.0.2.10:8743', { ok: true, identity: identity('e1'), fingerprint: FP });
    d.answers.set('192.0.2.11:8743', { ok: true, identity: identity('e2'), fingerprint: FP });
    const known = [
      { id: 'k1', name: 'x', host: 'sbc.example', port: 8743, bundled: false, pinnedFingerprint: FP },
    ];
    const service = new DiscoveryService({
      browserFactory: d.factory,
      probe: d.probe,
      knownEngines: () => known,
    });
    service.browse();
    d.events().up(announced());
    await settle();
    assert.equal(service.listing().engines[0]!.knownEngineId, 'k1');
    await service.close();
  });

  it('does not browse when mDNS is off, and stops browsing when asked', async () => {
    const d = doubles();
    const off = new DiscoveryService({ browserFactory: d.factory, probe: d.probe, mdns: 'off' });
    assert.equal(off.browse().mdns, 'off');
    assert.equal(d.closed(), 0);
    const on = new DiscoveryService({ browserFactory: d.factory, probe: d.probe });
    on.browse();
    on.browse();
    assert.equal(d.queries(), 1, 'a second browse() asks the network again');
    await on.stopBrowsing();
    assert.equal(on.listing().mdns, 'stopped');
    assert.equal(d.closed(), 1);
  });

  it('reports an mDNS socket problem instead of failing', async () => {
    const service = new DiscoveryService({
      browserFactory: (options) => {
        options.onError(new Error('bind EADDRINUSE 0.0.0.0:5353'));
        throw new Error('bind EADDRINUSE 0.0.0.0:5353');
      },
    });
    const listing = service.browse();
    assert.equal(listing.mdns, 'failed');
    assert.match(listing.problem!, /EADDRINUSE/);
  });
});

describe('scans', () => {
  it('reports found engines and closed addresses, and refuses a range that is too large', async () => {
    const d = doubles();
    d.answers.set('192.0.2.1:9000', { ok: true, identity: identity('e1', true), fingerprint: FP });
    d.answers.set('192.0.2.2:9000', { ok: false, reason: 'timeout', message: 'No answer' });
    const service = new DiscoveryService({ probe: d.probe, mdns: 'off' });
    const { scanId, total } = service.scan({ targets: '192.0.2.0/29', port: 9000 });
    assert.equal(total, 6);
    const results = await service.finished(scanId);
    assert.equal(results.state, 'finished');
    assert.equal(results.done, 6);
    assert.deepEqual(
      results.found.map((e) => [e.address, e.engineId, e.provisioned, e.source]),
      [['192.0.2.1:9000', 'e1', true, 'scan']],
    );
    assert.equal(results.failureCount, 5);
    assert.deepEqual(results.failures.map((f) => [f.address, f.reason]).slice(0, 2), [
      ['192.0.2.2:9000', 'timeout'],
      ['192.0.2.3:9000', 'refused'],
    ]);
    assert.throws(
      () => service.scan({ targets: '10.0.0.0/16' }),
      (error: ServiceError) => error.code === 'invalid-input' && error.field === 'targets',
    );
    assert.throws(
      () => service.results('nope'),
      (error: ServiceError) => error.code === 'not-found',
    );
  });

  it('stops starting probes when cancelled and counts what was not tried', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const probe: IdentityProbe = async () => {
      await gate;
      return { ok: false, reason: 'timeout', message: 'No answer' };
    };
    const service = new DiscoveryService({ probe, mdns: 'off', parallelism: 4 });
    const { scanId } = service.scan({ targets: '192.0.2.0/24' });
    await settle();
    assert.equal(service.results(scanId).state, 'running');
    service.cancel(scanId);
    release();
    const results = await service.finished(scanId);
    assert.equal(results.state, 'cancelled');
    assert.equal(results.done, 4);
    assert.equal(results.notTried, 254 - 4);
  });
});
