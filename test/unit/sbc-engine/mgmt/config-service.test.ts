// The config service with a real store on a temp folder, an injected linter and a stand-in for
// the SIP sockets: what an admin meets when applying, confirming and rolling back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { defaultConfig, SECRET_MARKER, type Config } from '../../../../sbc-engine/config/schema/index.ts';
import type { LintFinding } from '../../../../sbc-engine/mgmt/config-routes.ts';
import { ConfigService, type LintConfig } from '../../../../sbc-engine/mgmt/config-service.ts';
import { MgmtError } from '../../../../sbc-engine/mgmt/errors.ts';
import { ConfigStore } from '../../../../sbc-engine/runtime/config-store/store.ts';
import { FakeClock } from '../../../../sbc-engine/runtime/fake-clock.ts';
import { ListenerProblem, type ListenerControl } from '../../../../sbc-engine/runtime/sip-listeners.ts';

const NO_CHANGE = { opened: [], closed: [], kept: [] };

/** Stands in for the SIP sockets: remembers the config they follow, refuses when told to. */
class FakeListeners implements ListenerControl {
  following: Config | undefined;
  refuse: ListenerProblem | undefined;
  rolledBack = 0;
  async prepare(config: Config) {
    if (this.refuse) throw this.refuse;
    return {
      commit: async () => {
        this.following = config;
        return NO_CHANGE;
      },
      rollback: async () => void this.rolledBack++,
    };
  }
}

function withName(name: string, extra: Partial<Config> = {}): Record<string, unknown> {
  const config = defaultConfig();
  return { ...config, system: { ...config.system, name }, ...extra };
}

const trunk = (password: string) => ({
  id: 'telekom',
  name: 'Telekom',
  targets: [{ host: 'reg.sip-trunk.telekom.de', transport: 'tcp' }],
  registration: { user: '+4930123456', password },
});

async function refusal(promise: Promise<unknown>): Promise<MgmtError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MgmtError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('config service', () => {
  let folder: string;
  let clock: FakeClock;
  let lines: string[];
  let listeners: FakeListeners;
  let findings: LintFinding[];
  let service: ConfigService;
  const lint: LintConfig = () => ({ findings });

  function start(): ConfigService {
    const { store, boot } = ConfigStore.open({
      folder,
      now: () => clock.now(),
      log: (line) => lines.push(line),
      initialConfig: defaultConfig,
    });
    service = new ConfigService({
      store,
      lint,
      listeners,
      clock,
      log: (line) => lines.push(line),
      author: () => 'admin',
      boot,
    });
    return service;
  }

  beforeEach(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'config-service-')), 'config');
    clock = new FakeClock();
    lines = [];
    listeners = new FakeListeners();
    findings = [];
    start();
  });
  afterEach(() => {
    service.stop();
    rmSync(join(folder, '..'), { recursive: true, force: true });
  });

  it('applies with the etag it read and moves the etag on', async () => {
    const { etag } = service.get();
    const result = await service.put({ config: withName('sbc-1'), comment: 'rename' }, etag);
    assert.equal(result.version, 2);
    assert.notEqual(result.etag, etag);
    assert.equal((service.get().config as Config).system.name, 'sbc-1');
    assert.equal(listeners.following?.system.name, 'sbc-1');
  });

  it('refuses without If-Match (428) and with a stale one (412), changing nothing', async () => {
    const before = service.get();
    assert.equal((await refusal(service.put({ config: withName('x'), comment: '' }, undefined))).status, 428);
    await service.put({ config: withName('y'), comment: '' }, before.etag);
    const stale = await refusal(service.put({ config: withName('z'), comment: '' }, before.etag));
    assert.equal(stale.status, 412);
    assert.equal((service.get().config as Config).system.name, 'y');
    assert.equal(service.history().versions.length, 2);
  });

  it('names the path of an invalid field (400)', async () => {
    const bad = withName('x');
    (bad.voip as { listeners: unknown[] }).listeners = [
      { transport: 'udp', address: '127.0.0.1', port: 70000 },
    ];
    const error = await refusal(service.put({ config: bad, comment: '' }, service.get().etag));
    assert.equal(error.status, 400);
    assert.equal(error.field, 'config.voip.listeners[0].port');
    assert.match(error.message, /voip\.listeners\[0\]\.port/);
  });

  it('keeps a stored secret when the marker comes back, and refuses a marker with nothing behind it', async () => {
    const refused = await refusal(
      service.put({ config: withName('x', { connections: [trunk(SECRET_MARKER)] } as never), comment: '' }, service.get().etag), // prettier-ignore
    );
    assert.equal(refused.status, 400);
    assert.equal(refused.field, 'config.connections[0].registration.password');
    await service.put({ config: withName('x', { connections: [trunk('s3cret')] } as never), comment: '' }, service.get().etag); // prettier-ignore
    const read = service.get();
    assert.equal((read.config as Config).connections[0]!.registration!.password, SECRET_MARKER);
    await service.put({ config: { ...read.config, system: { ...(read.config as Config).system, name: 'y' } }, comment: '' }, read.etag); // prettier-ignore
    assert.equal(listeners.following?.connections[0]?.registration?.password, 's3cret');
  });

  it('blocks lint errors unless overridden with a reason, which is logged and kept in the history', async () => {
    findings = [
      { ruleId: 'teams-no-sips', severity: 'error', path: 'connections[0]', message: 'Teams rejects sips:' },
      { ruleId: 'options-interval', severity: 'warning', path: 'voip', message: 'long interval' },
    ];
    const blocked = await refusal(service.put({ config: withName('x'), comment: '' }, service.get().etag));
    assert.equal(blocked.status, 422);
    assert.equal(blocked.code, 'lint-errors');
    assert.deepEqual(
      blocked.problems?.map((p) => p.ruleId),
      ['teams-no-sips'],
    );
    assert.equal(service.get().version, 1, 'nothing applied');
    const result = await service.put(
      { config: withName('x'), comment: '', overrideReason: 'lab test with a fake Teams' },
      service.get().etag,
    );
    assert.equal(result.findings.length, 2);
    assert.equal(service.history().versions[0]!.overrideReason, 'lab test with a fake Teams');
    assert.ok(
      lines.some((line) => line.includes('teams-no-sips') && line.includes('lab test with a fake Teams')),
    );
  });

  it('applies warnings without an override', async () => {
    findings = [{ ruleId: 'w', severity: 'warning', path: '', message: 'just so you know' }];
    const result = await service.put({ config: withName('x'), comment: '' }, service.get().etag);
    assert.equal(result.findings.length, 1);
  });

  it('refuses an apply whose socket cannot be bound and leaves everything as it was (409)', async () => {
    listeners.refuse = new ListenerProblem('voip.listeners[0]', 'cannot listen on udp:127.0.0.1:5060: in use', 'bind'); // prettier-ignore
    const error = await refusal(service.put({ config: withName('x'), comment: '' }, service.get().etag));
    assert.equal(error.status, 409);
    assert.equal(error.field, 'config.voip.listeners[0]');
    assert.equal(service.get().version, 1);
    assert.equal(service.history().versions.length, 1);
  });

  it('confirms a trial within its window', async () => {
    const result = await service.put(
      { config: withName('trial'), comment: '', confirmWithinSeconds: 60 },
      service.get().etag,
    );
    assert.equal(result.pending?.version, 2);
    assert.equal(result.pending?.revertTo, 1);
    assert.equal(result.confirmedVersion, 1);
    const confirmed = await service.confirm({});
    assert.equal(confirmed.pending, null);
    assert.equal(confirmed.confirmedVersion, 2);
    assert.equal((await refusal(service.confirm({}))).code, 'nothing-to-confirm');
  });

  it('goes back by itself when the window passes, and a late confirm says so (409)', async () => {
    await service.put(
      { config: withName('trial'), comment: '', confirmWithinSeconds: 30 },
      service.get().etag,
    );
    service.start();
    clock.advance(31_000);
    for (let i = 0; i < 50 && service.get().pending; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(service.get().pending, null);
    assert.equal((service.get().config as Config).system.name, defaultConfig().system.name);
    assert.equal(listeners.following?.system.name, defaultConfig().system.name);
    const late = await refusal(service.confirm({}));
    assert.equal(late.code, 'confirm-window-over');
    assert.match(late.message, /version 2 .*back to version 1/);
  });

  it('rolls back to a kept version as a new version, and diffs any two', async () => {
    await service.put({ config: withName('two'), comment: '' }, service.get().etag);
    await service.put({ config: withName('three'), comment: '' }, service.get().etag);
    const rolled = await service.rollback({ version: 2, comment: '' }, undefined);
    assert.equal(rolled.version, 4);
    assert.equal((service.get().config as Config).system.name, 'two');
    assert.equal(service.history().versions[0]!.rollbackOf, 2);
    assert.equal(service.history().versions[0]!.comment, 'rollback to version 2');
    assert.equal(
      service.history().versions[0]!.hash,
      service.history().versions[2]!.hash,
      'same config, same hash',
    );
    const diff = service.diff({ from: 3, to: 4 });
    assert.deepEqual(diff.changes, [
      { path: 'system.name', kind: 'changed', secret: false, before: 'three', after: 'two' },
    ]);
    assert.equal((await refusal(service.rollback({ version: 99, comment: '' }, undefined))).status, 404);
  });

  it('boots the confirmed version after a restart during the window, and a confirm then explains', async () => {
    await service.put(
      { config: withName('trial'), comment: '', confirmWithinSeconds: 600 },
      service.get().etag,
    );
    service.stop();
    start();
    assert.equal(service.get().version, 1);
    const late = await refusal(service.confirm({ version: 2 }));
    assert.equal(late.code, 'confirm-window-over');
    assert.match(late.message, /restarted/);
  });
});
