// The app's engine service against a real sbc-engine process: trust on first use, pinning,
// setup, login, a changed certificate, and a password reset from the engine console.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineRegistry } from '../../../electron/services/engines/engine-registry.ts';
import { EnginesService } from '../../../electron/services/engines/engines-service.ts';
import { ServiceError } from '../../../electron/services/service-error.ts';
import { createSelfSignedCertificate } from '../../../sbc-engine/certs/self-signed.ts';
import { MemoryStore } from '../../../electron/services/settings/settings-store.ts';
import { ENGINE_SCRIPT, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { freePort } from '../../helpers/ports.ts';

const PASSWORD = 'a long admin password';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<ServiceError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ServiceError, String(error));
  assert.equal(error.code, code, error.message);
  return error;
}

describe('engines service with a real engine', () => {
  let engine: EngineProcess;
  let service: EnginesService;
  let id: string;

  before(async () => {
    engine = await startEngineProcess();
    service = new EnginesService(new EngineRegistry(new MemoryStore()), null);
    id = (await service.add(`127.0.0.1:${engine.port}`, 'Lab engine')).id;
  });
  after(() => engine.stop());

  it('shows a new engine as unprovisioned with the fingerprint seen in the handshake', async () => {
    const view = await service.refresh(id);
    assert.equal(view.state, 'unprovisioned');
    assert.equal(view.seenFingerprint, view.identity?.managementFingerprint);
    assert.equal(view.pinnedFingerprint, undefined);
  });

  it('refuses setup when the confirmed fingerprint is not the one in the handshake, and sends nothing', async () => {
    const key = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
    await rejectsWith(service.setup(id, key, PASSWORD, 'AA:BB'), 'certificate-unconfirmed');
    assert.equal((await service.refresh(id)).state, 'unprovisioned');
  });

  it('sets up, pins the certificate, logs in and reads status', async () => {
    const key = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
    const seen = (await service.refresh(id)).seenFingerprint!;
    const afterSetup = await service.setup(id, key, PASSWORD, seen.toLowerCase());
    assert.equal(afterSetup.state, 'needs-login');
    assert.equal(afterSetup.pinnedFingerprint, seen);
    await rejectsWith(service.login(id, 'not the password'), 'wrong-password');
    const connected = await service.login(id, PASSWORD);
    assert.equal(connected.state, 'connected');
    assert.equal((await service.status(id)).provisioned, true);
  });

  it('refuses an engine whose certificate changed until the user accepts the new one', async () => {
    const pinned = (await service.refresh(id)).pinnedFingerprint;
    await engine.stop();
    rmSync(`${engine.dataDir}/mgmt-cert.pem`);
    rmSync(`${engine.dataDir}/mgmt-key.pem`);
    engine = await startEngineProcess({ dataDir: engine.dataDir, port: engine.port });
    const view = await service.refresh(id);
    assert.equal(view.state, 'certificate-changed');
    assert.equal(view.pinnedFingerprint, pinned);
    assert.notEqual(view.seenFingerprint, pinned);
    await rejectsWith(service.login(id, PASSWORD), 'certificate-changed');
    await rejectsWith(service.acceptCertificate(id, pinned!), 'certificate-unconfirmed');
    const accepted = await service.acceptCertificate(id, view.seenFingerprint!);
    assert.equal(accepted.state, 'needs-login');
    assert.equal((await service.login(id, PASSWORD)).state, 'connected');
  });

  it('resets the password only with a new setup key made at the engine console', async () => {
    const output = execFileSync(
      process.execPath,
      [ENGINE_SCRIPT, 'reset-password', '--data-dir', engine.dataDir],
      { encoding: 'utf8' },
    );
    const key = /New setup key: (\S+)/.exec(output)![1]!;
    const seen = (await service.refresh(id)).seenFingerprint!;
    await service.setup(id, key, 'the new password 42', seen);
    await rejectsWith(service.login(id, PASSWORD), 'wrong-password');
    assert.equal((await service.login(id, 'the new password 42')).state, 'connected');
    await rejectsWith(service.setup(id, key, 'yet another password', seen), 'already-provisioned');
  });

  it('asks for login again after the engine restarted (sessions live in its memory)', async () => {
    assert.equal((await service.refresh(id)).state, 'connected');
    await engine.stop();
    engine = await startEngineProcess({ dataDir: engine.dataDir, port: engine.port });
    const view = await service.refresh(id);
    assert.equal(view.state, 'needs-login', view.lastError);
    await rejectsWith(service.status(id), 'session-expired');
  });

  it('never sends a password to something on the bundled port that is not the bundled engine', async () => {
    // The "bundled engine" data folder holds another certificate than the engine on that port.
    const folder = mkdtempSync(join(tmpdir(), 'sbc-foreign-'));
    const other = await createSelfSignedCertificate({
      commonName: 'other',
      dnsNames: ['localhost'],
      ipAddresses: [],
    });
    writeFileSync(join(folder, 'mgmt-cert.pem'), other.certPem);
    const bundledService = new EnginesService(new EngineRegistry(new MemoryStore()), {
      dataDir: folder,
      host: '127.0.0.1',
      port: engine.port,
    });
    const view = await bundledService.refresh('bundled');
    assert.notEqual(view.expectedFingerprint, view.seenFingerprint);
    await rejectsWith(
      bundledService.login('bundled', 'the new password 42', view.seenFingerprint),
      'certificate-changed',
    );
    assert.equal((await bundledService.refresh('bundled')).pinnedFingerprint, undefined);
  });

  it('reports an engine nobody answers for as unreachable, saying why', async () => {
    const closed = await freePort();
    const view = await service.add(`127.0.0.1:${closed}`);
    assert.equal(view.state, 'unreachable');
    assert.match(view.lastError ?? '', /refused/);
  });

  it('refuses a malformed address naming the field', async () => {
    const error = await rejectsWith(
      Promise.resolve().then(() => service.add('::1:99')),
      'invalid-input',
    );
    assert.equal(error.field, 'address');
  });

  it('rides out one failed probe, and reports the engine unreachable at the second', async () => {
    const before = await service.refresh(id);
    assert.notEqual(before.state, 'unreachable');
    await engine.stop();
    const once = await service.refresh(id);
    assert.equal(
      once.state,
      before.state,
      'one failed probe keeps the last state (an open wizard stays open)',
    );
    assert.match(once.lastError ?? '', /refused/);
    const twice = await service.refresh(id);
    assert.equal(twice.state, 'unreachable');
  });
});
