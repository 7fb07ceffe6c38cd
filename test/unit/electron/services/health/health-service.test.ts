// The monitor with a stand-in engines service and a clock the test moves: a target that answers is
// OK, a missed interval makes it a warning, downAfter without an answer makes it down with a
// notification event; the history holds the samples; settings persist in the store.
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import type { EngineView } from '../../../../../electron/api/contract.ts';
import { HealthService, type HealthEngines } from '../../../../../electron/services/health/health-service.ts';
import { MemoryStore } from '../../../../../electron/services/settings/settings-store.ts';

type Keepalive = { state: 'up' | 'down' | 'unknown'; lastCode: number | null; rttMs: number | null; lastError: string | null }; // prettier-ignore

function fakeEngines(keepalive: () => Keepalive, certificateDays = 200): HealthEngines & { calls: string[] } {
  const calls: string[] = [];
  const view: EngineView = {
    id: 'e1',
    name: 'Lab SBC',
    address: '127.0.0.1:8743',
    bundled: false,
    state: 'connected',
  };
  const answers: Record<string, () => unknown> = {
    connectionsStatus: () => ({
      connections: [
        {
          id: 'pbx', name: 'PBX',
          options: { enabled: true, intervalSeconds: 10, targets: [{ target: 'tcp:127.0.0.1:5070', refusing: false, lastChange: null, consecutiveFailures: 0, sent: 1, answered: 1, ...keepalive() }] },
          registration: null,
          counters: { optionsReceived: 0, optionsAnswered: 0, optionsRefused: 0 },
        },
      ],
      unknownSources: { policy: 'refuse', optionsRefused: 0, optionsDropped: 0 },
    }), // prettier-ignore
    status: () => ({ startedAt: '', uptimeSeconds: 1, provisioned: true, version: '0', certificates: [{ id: 'c1', label: 'SBC cert', daysLeft: certificateDays }] }), // prettier-ignore
    configGet: () => ({ config: { schemaVersion: 1 }, etag: 'x' }),
    diagnosticsOptions: () => ({
      target: 'sip:127.0.0.1:5070;transport=tcp', requestUri: '', transport: 'tcp', alternatives: [], attempts: [],
      answer: { status: 200, reason: 'OK', rttMs: 2, allow: [], supported: [] },
      diagnosis: { code: 'OK', severity: 'ok', message: 'answered' }, severity: 'ok', notes: [],
    }), // prettier-ignore
  };
  return {
    calls,
    list: async () => [view],
    refresh: async () => view,
    forward: (async (_id: string, name: string) => {
      calls.push(name);
      return answers[name]!();
    }) as HealthEngines['forward'],
  };
}

let service: HealthService | undefined;
afterEach(async () => service?.stop());

it('turns OK into a warning after a missed interval and into down after downAfter, once notified', async () => {
  let now = Date.parse('2025-06-01T12:00:00Z');
  let keepalive: Keepalive = { state: 'up', lastCode: 200, rttMs: 4, lastError: null };
  const engines = fakeEngines(() => keepalive);
  service = new HealthService({
    engines,
    store: new MemoryStore(),
    databaseFile: ':memory:',
    now: () => now,
  });
  const connection = async () => (await service!.overview(true)).engines[0]!.connections[0]!;

  assert.equal((await connection()).state, 'ok');
  now += 30_000;
  keepalive = {
    state: 'down',
    lastCode: null,
    rttMs: null,
    lastError: 'connect ECONNREFUSED 127.0.0.1:5070',
  };
  const warning = await connection();
  assert.equal(warning.state, 'warning');
  assert.equal(warning.issues[0]!.code, 'OPTIONS_MISSED');
  assert.match(warning.issues[0]!.cause, /ECONNREFUSED/);
  now += 160_000;
  const down = await connection();
  assert.equal(down.state, 'down');
  assert.equal(down.issues[0]!.code, 'OPTIONS_DOWN');
  now += 30_000;
  await connection();
  const events = (await service.overview()).events;
  assert.deepEqual(
    events.map((e) => e.kind),
    ['connection-down'],
    'one notification, not one per poll',
  );
  assert.match(events[0]!.title, /PBX is down/);

  keepalive = { state: 'up', lastCode: 200, rttMs: 5, lastError: null };
  now += 30_000;
  assert.equal((await connection()).state, 'ok');
  assert.deepEqual(
    (await service.overview()).events.map((e) => e.kind),
    ['connection-down', 'connection-recovered'],
  );

  const history = await service.history({ engineId: 'e1', connectionId: 'pbx', range: '1h', to: now + 1 });
  const samples = history.points.reduce((n, p) => n + p.samples, 0);
  const failures = history.points.reduce((n, p) => n + p.failures, 0);
  assert.ok(samples >= 6, `samples ${samples}`);
  assert.equal(failures, 3, 'the three polls without an answer');
});

it('a shorter downAfter in the settings is used at once; settings persist and are validated', async () => {
  let now = Date.parse('2025-06-01T12:00:00Z');
  const store = new MemoryStore();
  let keepalive: Keepalive = { state: 'up', lastCode: 200, rttMs: 4, lastError: null };
  service = new HealthService({ engines: fakeEngines(() => keepalive), store, databaseFile: ':memory:', now: () => now }); // prettier-ignore
  await service.overview(true);
  await service.updateSettings({ downAfterSeconds: 20, pollSeconds: 5 });
  keepalive = { state: 'down', lastCode: null, rttMs: null, lastError: 'timeout' };
  now += 25_000;
  assert.equal((await service.overview(true)).engines[0]!.connections[0]!.state, 'down');
  assert.equal(new HealthService({ engines: fakeEngines(() => keepalive), store, databaseFile: ':memory:' }).settings().downAfterSeconds, 20); // prettier-ignore
  await assert.rejects(service.updateSettings({ pollSeconds: 1 }));
});

it('warns about a certificate near expiry once, and probes each target on schedule', async () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const engines = fakeEngines(() => ({ state: 'up', lastCode: 200, rttMs: 4, lastError: null }), 12);
  service = new HealthService({
    engines,
    store: new MemoryStore(),
    databaseFile: ':memory:',
    now: () => now,
  });
  const overview = await service.overview(true);
  assert.equal(overview.engines[0]!.issues[0]!.code, 'CERT_EXPIRING');
  assert.equal(overview.engines[0]!.state, 'warning');
  await service.overview(true);
  assert.deepEqual(
    (await service.overview()).events.map((e) => e.kind),
    ['certificate-expiring'],
  );
  // The scheduled probe ran once for the one target (the next is due in probeMinutes).
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(engines.calls.filter((c) => c === 'diagnosticsOptions').length, 1);
  const target = (await service.overview()).engines[0]!.connections[0]!.targets[0]!;
  assert.equal(target.probe?.code, 'OK');
});
