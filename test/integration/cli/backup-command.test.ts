// `sbc-studio backup`: inspect and diff offline; export from a real engine with a password file and
// the pinned fingerprint, then restore the archive onto the same engine (with the preview printed).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packBackup } from '../../../sbc-engine/backup/archive.ts';
import { backupCommand } from '../../../electron/cli/backup.ts';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { FAST_KDF, sampleSource, TELEKOM_PASSWORD } from '../../unit/sbc-engine/backup/sample-source.ts';

const PASSWORD = 'correct horse battery';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await backupCommand(argv, { out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n') });
  return { code, out, err };
}

describe('sbc-studio backup', () => {
  let dir: string;
  let engine: EngineProcess;
  let fingerprint: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbc-backup-cli-'));
    writeFileSync(join(dir, 'passphrase'), 'a good long passphrase\n');
    writeFileSync(join(dir, 'password'), `${PASSWORD}\n`);
    const source = await sampleSource();
    writeFileSync(join(dir, 'a.sbcbackup'), await packBackup(source, { passphrase: 'a good long passphrase', kdfCost: FAST_KDF })); // prettier-ignore
    source.current.config = { ...(source.current.config as object), system: { ...(source.current.config as { system: object }).system, fqdn: 'new.example.com' } }; // prettier-ignore
    writeFileSync(join(dir, 'b.sbcbackup'), await packBackup(source));
    engine = await startEngineProcess();
    const setupKey = readFileSync(join(engine.dataDir, 'setup-key'), 'utf8').trim();
    await mgmtRequest(engine.port, 'POST', '/setup', { body: json({ setupKey, password: PASSWORD }) });
    fingerprint = (await mgmtRequest(engine.port, 'GET', '/identity')).body.managementFingerprint;
  });
  after(async () => {
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inspects an archive, and says which secrets a restore lacks without the passphrase', async () => {
    const withPassphrase = await run(['inspect', join(dir, 'a.sbcbackup'), '--passphrase-file', join(dir, 'passphrase')]); // prettier-ignore
    assert.equal(withPassphrase.code, 0, withPassphrase.err);
    assert.match(withPassphrase.out, /backup of sbc-berlin/);
    assert.match(withPassphrase.out, /opened with the passphrase/);
    assert.doesNotMatch(withPassphrase.out, new RegExp(TELEKOM_PASSWORD.replace(/[!]/g, '\\$&')));
    const without = await run(['inspect', join(dir, 'a.sbcbackup')]);
    assert.equal(without.code, 0, without.err);
    assert.match(
      without.out,
      /trunk password config\/current\.json: connections\[0\]\.registration\.password/,
    );
    assert.match(without.out, /private key of "Teams SBC"/);
    assert.match(without.out, /the admin password/);
  });

  it('exits 1 with the reason for a damaged archive or a wrong passphrase, 2 for a missing file', async () => {
    const bytes = readFileSync(join(dir, 'a.sbcbackup'));
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 1;
    writeFileSync(join(dir, 'broken.sbcbackup'), bytes);
    const broken = await run(['inspect', join(dir, 'broken.sbcbackup')]);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /secrets\.enc does not match the SHA-256/);
    writeFileSync(join(dir, 'wrong'), 'not the passphrase\n');
    const wrong = await run(['inspect', join(dir, 'a.sbcbackup'), '--passphrase-file', join(dir, 'wrong')]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /passphrase does not open/);
    assert.equal((await run(['inspect', join(dir, 'nope.sbcbackup')])).code, 2);
  });

  it('diffs two archives: exit 1 with the changed field, 0 for the same file', async () => {
    const diff = await run(['diff', join(dir, 'a.sbcbackup'), join(dir, 'b.sbcbackup')]);
    assert.equal(diff.code, 1, diff.err);
    assert.match(diff.out, /config changed system\.fqdn {2}"sbc\.contoso\.de" → "new\.example\.com"/);
    assert.equal((await run(['diff', join(dir, 'a.sbcbackup'), join(dir, 'a.sbcbackup')])).code, 0);
  });

  it('exports from an engine and restores the file onto it, refusing a wrong fingerprint first', async () => {
    const target = ['--engine', `127.0.0.1:${engine.port}`, '--password-file', join(dir, 'password')];
    const pinnedWrong = await run(['export', ...target, '--fingerprint', 'AA:'.repeat(31) + 'AA', '-o', join(dir, 'x.sbcbackup')]); // prettier-ignore
    assert.equal(pinnedWrong.code, 2);
    assert.match(pinnedWrong.err, /not the one given with --fingerprint/);
    const file = join(dir, 'engine.sbcbackup');
    const exported = await run(['export', ...target, '--fingerprint', fingerprint, '--passphrase-file', join(dir, 'passphrase'), '-o', file]); // prettier-ignore
    assert.equal(exported.code, 0, exported.err);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const restored = await run(['restore', file, ...target, '--fingerprint', fingerprint, '--passphrase-file', join(dir, 'passphrase')]); // prettier-ignore
    assert.equal(restored.code, 0, restored.err + restored.out);
    assert.match(restored.out, /changes to the running config: 0/);
    assert.match(restored.out, /restored: config version \d+, confirmed/);
    const state = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
    const config = await mgmtRequest(engine.port, 'GET', '/config', { token: state.body.token });
    assert.equal(config.body.pending, null, 'the CLI confirmed the restore');
  });
});
