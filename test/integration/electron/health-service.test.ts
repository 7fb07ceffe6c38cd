// The monitor against a real engine process: a connection toward a sipp peer over TCP (OPTIONS
// every 10 s, the engine's minimum) shows OK, then a warning with the cause once the peer stops,
// then down (downAfter shortened to 15 s in the settings, as a lab would); the samples are stored
// and pruned by retention. The Teams check runs from the engine against loopback stand-ins for
// sip, sip2 and sip3 (no Microsoft name is resolved), with dnsmasq answering for the SBC FQDN,
// and reports the 5067/5061 trap.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineRegistry } from '../../../electron/services/engines/engine-registry.ts';
import { EnginesService } from '../../../electron/services/engines/engines-service.ts';
import type { ConnectionHealth } from '../../../electron/api/health-views.ts';
import { HealthService } from '../../../electron/services/health/health-service.ts';
import { MemoryStore } from '../../../electron/services/settings/settings-store.ts';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { freePort } from '../../helpers/ports.ts';
import { startSippUas, type SippUas } from '../../helpers/sipp-uas.ts';
import { startDnsmasq, type Dnsmasq } from '../sbc-engine/dns/dnsmasq.ts';

const PASSWORD = 'health monitor password';
const SCENARIO = join(import.meta.dirname, '..', '..', 'interop', 'scenarios', 'options-uas.xml');
const ZONE = 'health.test';
const FQDN = `sbc.${ZONE}`;

/** Polls (each call is a monitor round) until `check` gives a value, at most `ms`. */
async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    const value = await check().catch((error: Error) => ((last = error.message), undefined));
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s (${JSON.stringify(last)})`);
}

describe('health monitor against a real engine (integration)', () => {
  let engine: EngineProcess;
  let peer: SippUas;
  let standIn: SippUas;
  let dns: Dnsmasq;
  let engines: EnginesService;
  let health: HealthService;
  let engineId: string;
  let tlsPort: number;
  let closedPort: number;

  before(async () => {
    peer = await startSippUas(SCENARIO, 'tcp', 1000);
    standIn = await startSippUas(SCENARIO, 'tcp', 1000);
    dns = await startDnsmasq(ZONE, [`--host-record=${FQDN},127.0.0.1`], FQDN);
    engine = await startEngineProcess();
    engines = new EnginesService(new EngineRegistry(new MemoryStore()), null);
    engineId = (await engines.add(`127.0.0.1:${engine.port}`, 'Lab SBC')).id;
    const seen = (await engines.refresh(engineId)).seenFingerprint!;
    const key = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
    await engines.setup(engineId, key, PASSWORD, seen);
    assert.equal((await engines.login(engineId, PASSWORD)).state, 'connected');

    // Not 5061: the port stands for seed 003's 5067 (a test may not bind a fixed port).
    tlsPort = await freePort();
    closedPort = await freePort();
    const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
    const token = login.body.token as string;
    const read = await mgmtRequest(engine.port, 'GET', '/config', { token });
    const config = read.body.config;
    config.system.fqdn = FQDN;
    config.system.interfaces = [{ id: 'wan', role: 'wan', address: '127.0.0.1', prefixLength: 8 }];
    config.voip.listeners = [
      { transport: 'tls', address: '127.0.0.1', port: tlsPort, tlsProfile: 'default' },
    ];
    config.tlsProfiles = [
      {
        id: 'default',
        name: 'Default',
        trustedCas: [{ source: 'bundled', name: 'DigiCert Global Root G2' }],
      },
    ];
    config.connections = [
      { id: 'pbx', name: 'PBX', targets: [{ host: '127.0.0.1', port: peer.port, transport: 'tcp' }], options: { intervalSeconds: 10 } },
      // Made from the Teams profile, but pointed at loopback with keepalives off: only the check looks at it.
      { id: 'teams-1', name: 'Teams 1', profile: 'teams-direct-routing', tlsProfile: 'default', targets: [{ host: '127.0.0.1', port: closedPort, transport: 'tls' }], options: { enabled: false } },
    ]; // prettier-ignore
    const put = await mgmtRequest(engine.port, 'PUT', '/config', {
      token,
      headers: { 'if-match': read.headers.etag as string },
      body: json({ config, comment: 'health test', overrideReason: 'lab peers on loopback' }),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    health = new HealthService({
      engines,
      store: new MemoryStore(),
      databaseFile: ':memory:',
      teamsProxies: [
        { name: 'sip.pstnhub.microsoft.com', target: `sip:127.0.0.1:${standIn.port};transport=tcp` },
        { name: 'sip2.pstnhub.microsoft.com', target: `sip:127.0.0.1:${standIn.port};transport=tcp` },
        { name: 'sip3.pstnhub.microsoft.com', target: `sip:127.0.0.1:${closedPort};transport=tcp` },
      ],
      dnsServers: [dns.server],
    });
    await health.updateSettings({ pollSeconds: 5, downAfterSeconds: 15 });
  });

  after(async () => {
    await health?.stop();
    await engine?.stop();
    await peer?.stop();
    await standIn?.stop();
    await dns?.stop();
  });

  const pbx = async (): Promise<ConnectionHealth | undefined> =>
    (await health.overview(true)).engines[0]?.connections.find((c) => c.connectionId === 'pbx');

  it('shows the connection OK, then a warning naming the cause once the peer stops, then down', async () => {
    const ok = await waitFor('PBX OK', 20_000, async () =>
      (await pbx())?.state === 'ok' ? pbx() : undefined,
    );
    assert.equal(ok!.targets[0]!.lastCode, 200);
    assert.equal(typeof ok!.targets[0]!.rttMs, 'number');
    assert.equal(ok!.intervalSeconds, 10);

    await peer.stop();
    const warning = await waitFor('PBX warning', 20_000, async () => {
      const c = await pbx();
      return c?.state === 'warning' ? c : undefined;
    });
    assert.equal(warning.issues[0]!.code, 'OPTIONS_MISSED');
    assert.match(warning.issues[0]!.cause, new RegExp(`tcp:127\\.0\\.0\\.1:${peer.port} did not answer`));
    assert.match(warning.issues[0]!.fix, /firewall/);

    const down = await waitFor('PBX down', 25_000, async () => {
      const c = await pbx();
      return c?.state === 'down' ? c : undefined;
    });
    assert.equal(down.issues[0]!.code, 'OPTIONS_DOWN');
    const events = (await health.overview()).events;
    assert.ok(
      events.some((e) => e.kind === 'connection-down' && e.connectionId === 'pbx'),
      JSON.stringify(events),
    );
  });

  it('stored the samples (answered and failed) and prunes them by retention', async () => {
    const history = await health.history({ engineId, connectionId: 'pbx', range: '1h' });
    const samples = history.points.reduce((n, p) => n + p.samples, 0);
    const failures = history.points.reduce((n, p) => n + p.failures, 0);
    assert.ok(samples > failures && failures > 0, `${samples} samples, ${failures} failed`);
    const db = await health.db();
    const twoDaysAgo = Date.now() - 2 * 24 * 3600 * 1000;
    db.insert([{ engineId, connectionId: 'pbx', target: 'tcp:old', t: twoDaysAgo, source: 'poll', ok: true, code: 200, rttMs: 1, tlsDaysLeft: null, detail: null }]); // prettier-ignore
    const before = db.count();
    await health.updateSettings({ retentionDays: 1 });
    assert.equal(db.count(), before - 1, 'only the sample older than a day went');
    assert.ok(db.oldest()! > twoDaysAgo);
  });

  it('runs the Teams check from the engine: stand-ins probed in order, the 5067/5061 trap reported', async () => {
    const result = await health.teamsCheck(engineId);
    const steps = Object.fromEntries(result.steps.map((s) => [s.id, s]));
    assert.deepEqual(
      result.steps.slice(0, 3).map((s) => [s.values.proxy, s.status]),
      [
        ['sip.pstnhub.microsoft.com', 'ok'],
        ['sip2.pstnhub.microsoft.com', 'ok'],
        ['sip3.pstnhub.microsoft.com', 'critical'],
      ],
    );
    assert.equal(steps['probe-3']!.values.diagnosis, 'TCP_REFUSED');
    assert.equal(steps['contact-fqdn']!.status, 'ok');
    assert.equal(steps['contact-port']!.status, 'critical');
    assert.match(steps['contact-port']!.detail, new RegExp(`listens for TLS on ${tlsPort} and writes ${tlsPort} into Contact`)); // prettier-ignore
    assert.match(steps['contact-port']!.detail, /SipSignalingPort 5061/);
    assert.equal(steps['fqdn-dns']!.status, 'ok', steps['fqdn-dns']!.detail);
    assert.equal(steps['chain']!.status, 'critical', 'the management certificate is self-signed');
    assert.equal(steps['root']!.status, 'ok');
    assert.equal(result.status, 'critical');
    // Paired with the port it really listens on, the trap is gone.
    const paired = await health.teamsCheck(engineId, tlsPort);
    assert.equal(paired.steps.find((s) => s.id === 'contact-port')!.status, 'ok');
    // No Microsoft name went to the DNS server: only the SBC FQDN was asked.
    assert.doesNotMatch(dns.output(), /pstnhub/);
  });
});
