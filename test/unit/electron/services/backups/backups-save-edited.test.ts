// An archive edited offline and saved as a new one: the edit is in, everything else is as it was,
// the new file passes the same checks as any archive, and no secret lands in it in plain text.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  BackupsService,
  type EngineForwarder,
} from '../../../../../electron/services/backups/backups-service.ts';
import { ServiceError } from '../../../../../electron/services/service-error.ts';
import { MemoryStore } from '../../../../../electron/services/settings/settings-store.ts';
import { openBackup, packBackup } from '../../../../../sbc-engine/backup/archive.ts';
import { BackupError } from '../../../../../sbc-engine/backup/errors.ts';
import { SECRET_MARKER } from '../../../../../sbc-engine/config/schema/index.ts';
import {
  FAST_KDF,
  PBX_PASSWORD,
  sampleSource,
  TELEKOM_PASSWORD,
} from '../../../sbc-engine/backup/sample-source.ts';

const PASSPHRASE = 'offline edit passphrase';
const noEngines: EngineForwarder = {
  forward: (() => Promise.reject(new Error('no engine is used offline'))) as EngineForwarder['forward'],
};

type Editable = { system: { fqdn: string }; connections: { registration?: { password: string } }[] };

describe('BackupsService.saveEdited', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sbc-backups-edit-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const source = await sampleSource();
  writeFileSync(join(folder, 'sealed.sbcbackup'), await packBackup(source, { passphrase: PASSPHRASE, kdfCost: FAST_KDF })); // prettier-ignore
  writeFileSync(join(folder, 'auto-plain.sbcbackup'), await packBackup(source));
  let now = Date.parse('2026-03-02T08:00:00Z');
  const service = new BackupsService({ engines: noEngines, store: new MemoryStore(), defaultFolder: folder, now: () => now++ }); // prettier-ignore
  const original = await openBackup(readFileSync(join(folder, 'sealed.sbcbackup')), { passphrase: PASSPHRASE }); // prettier-ignore

  async function editedConfig(name: string, passphrase?: string): Promise<Editable> {
    const { config } = await service.open({ name }, passphrase);
    const edited = structuredClone(config) as unknown as Editable;
    edited.system.fqdn = 'edited.example.com';
    return edited;
  }

  it('with the passphrase: the edit is in, history, certificates and secrets are kept', async () => {
    const edited = await editedConfig('sealed.sbcbackup', PASSPHRASE);
    assert.equal(edited.connections[0]!.registration!.password, SECRET_MARKER, 'the page sees markers');
    const saved = await service.saveEdited({ name: 'sealed.sbcbackup' }, edited, PASSPHRASE);
    assert.deepEqual(saved.missingSecrets, []);
    assert.match(saved.file.name, /^sealed-edited-.*\.sbcbackup$/);
    assert.equal(saved.file.scheduled, false);
    assert.ok(service.list().files.some((f) => f.name === saved.file.name));
    const path = join(folder, saved.file.name);
    assert.equal(statSync(path).mode & 0o777, 0o600);

    const bytes = readFileSync(path);
    const opened = await openBackup(bytes, { passphrase: PASSPHRASE });
    assert.equal(opened.current.config.system.fqdn, 'edited.example.com');
    const passwords = JSON.stringify(opened.current.config.connections.map((c) => c.registration?.password)); // prettier-ignore
    assert.ok(passwords.includes(TELEKOM_PASSWORD), 'the trunk password came along, not the marker');
    assert.deepEqual(opened.history, original.history);
    assert.deepEqual(opened.certificates, original.certificates);
    assert.deepEqual(opened.admin, original.admin);
    assert.deepEqual(opened.manifest.engine, original.manifest.engine);
    for (const secret of [TELEKOM_PASSWORD, PBX_PASSWORD, 'PRIVATE KEY']) {
      assert.equal(bytes.includes(Buffer.from(secret)), false, `${secret} is not in the bytes in plain text`);
    }
    await assert.rejects(openBackup(bytes, { passphrase: 'not the passphrase' }), (e: unknown) => e instanceof BackupError && e.code === 'wrong-passphrase'); // prettier-ignore
    // The same tamper checks as any archive: one flipped byte in the edited config member is refused.
    const at = bytes.indexOf(Buffer.from('edited.example.com'));
    const flipped = Buffer.from(bytes);
    flipped[at] = flipped[at]! ^ 0x01;
    await assert.rejects(openBackup(flipped, { passphrase: PASSPHRASE }), (e: unknown) => e instanceof BackupError && e.code === 'tampered'); // prettier-ignore
  });

  it('without the passphrase: a new archive without secrets that says which it lacks', async () => {
    const edited = await editedConfig('sealed.sbcbackup');
    const saved = await service.saveEdited({ name: 'sealed.sbcbackup' }, edited);
    assert.ok(saved.missingSecrets.some((p) => p.endsWith('registration.password')), saved.missingSecrets.join()); // prettier-ignore
    const bytes = readFileSync(join(folder, saved.file.name));
    for (const secret of [TELEKOM_PASSWORD, PBX_PASSWORD, 'PRIVATE KEY']) {
      assert.equal(bytes.includes(Buffer.from(secret)), false, `${secret} is not in the bytes`);
    }
    const opened = await openBackup(bytes);
    assert.equal(opened.current.config.system.fqdn, 'edited.example.com');
    assert.equal(opened.manifest.secrets.encryption, null);
    assert.deepEqual(opened.certificates.index, original.certificates.index);
    assert.deepEqual(opened.history.map((h) => h.info), original.history.map((h) => h.info)); // prettier-ignore
    // What a restore of it will lack, as the Backups page shows it.
    assert.deepEqual(saved.summary.secrets.missing.configs['config/current.json'], saved.missingSecrets);
    assert.deepEqual(
      saved.summary.secrets.missing.privateKeys.map((k) => k.id),
      ['0123456789abcdef'],
    );
    assert.equal(saved.summary.secrets.missing.adminPassword, true);
  });

  it('a secret typed in without the passphrase is left out and named, never written', async () => {
    const edited = await editedConfig('auto-plain.sbcbackup');
    edited.connections[0]!.registration!.password = 'typed-New-secret-77';
    const saved = await service.saveEdited({ name: 'auto-plain.sbcbackup' }, edited);
    assert.ok(saved.missingSecrets.includes('connections[0].registration.password'), saved.missingSecrets.join()); // prettier-ignore
    assert.match(saved.file.name, /^plain-edited-/, 'not taken for a scheduled archive');
    const bytes = readFileSync(join(folder, saved.file.name));
    assert.equal(bytes.includes(Buffer.from('typed-New-secret-77')), false);
  });

  it('refuses an invalid config, naming the field, and writes nothing', async () => {
    const before = service.list().files.length;
    const edited = await editedConfig('sealed.sbcbackup', PASSPHRASE);
    (edited.system as Record<string, unknown>).fqdn = 42;
    await assert.rejects(
      service.saveEdited({ name: 'sealed.sbcbackup' }, edited, PASSPHRASE),
      (e: unknown) => e instanceof ServiceError && e.field === 'config' && /system\.fqdn/.test(e.message),
    );
    await assert.rejects(
      service.saveEdited(
        { name: 'sealed.sbcbackup' },
        await editedConfig('sealed.sbcbackup'),
        'wrong passphrase',
      ),
      (e: unknown) => e instanceof ServiceError && e.field === 'passphrase',
    );
    assert.equal(service.list().files.length, before);
  });
});
