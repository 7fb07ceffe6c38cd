import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openBackup, packBackup } from '../../../../sbc-engine/backup/archive.ts';
import { decodeContainer, MAGIC, MAX_MEMBERS, type Member } from '../../../../sbc-engine/backup/container.ts';
import { BackupError } from '../../../../sbc-engine/backup/errors.ts';
import { sha256Hex } from '../../../../sbc-engine/backup/manifest.ts';
import { SECRET_MARKER } from '../../../../sbc-engine/config/schema/index.ts';
import { ADMIN_HASH, FAST_KDF, PBX_PASSWORD, sampleSource, TELEKOM_PASSWORD } from './sample-source.ts';

const PASSPHRASE = 'blue fox jumps 42';

/** Encodes members without the writer's checks: how a hostile archive is made. */
function rawContainer(
  members: { name: string; data: Buffer; declaredSize?: number }[],
  count = members.length,
): Buffer {
  const parts: Buffer[] = [MAGIC, Buffer.from([1, count >> 8, count & 0xff])];
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const head = Buffer.alloc(6 + name.length);
    head.writeUInt16BE(name.length, 0);
    name.copy(head, 2);
    head.writeUInt32BE(member.declaredSize ?? member.data.length, 2 + name.length);
    parts.push(head, member.data);
  }
  return Buffer.concat(parts);
}

/** Rewrites members and, like a careful forger, the manifest's hashes and manifest.sha256 too. */
function forge(archive: Buffer, change: (members: Member[]) => void, fixManifest = true): Buffer {
  const members = decodeContainer(archive).map((m) => ({ name: m.name, data: Buffer.from(m.data) }));
  change(members);
  if (fixManifest) {
    const manifest = JSON.parse(members[0]!.data.toString('utf8'));
    for (const entry of manifest.members) {
      const member = members.find((m) => m.name === entry.name);
      if (member) Object.assign(entry, { size: member.data.length, sha256: sha256Hex(member.data) });
    }
    members[0]!.data = Buffer.from(JSON.stringify(manifest));
    members[1]!.data = Buffer.from(sha256Hex(members[0]!.data));
  }
  return rawContainer(members);
}

async function refused(
  bytes: Buffer,
  code: string,
  message: RegExp,
  passphrase?: string,
): Promise<BackupError> {
  const error = await openBackup(bytes, passphrase === undefined ? {} : { passphrase }).then(
    () => assert.fail('the archive was accepted'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof BackupError, String(error));
  assert.equal(error.code, code, error.message);
  assert.match(error.message, message);
  return error;
}

describe('backup archive', async () => {
  const source = await sampleSource();
  const sealed = await packBackup(source, { passphrase: PASSPHRASE, kdfCost: FAST_KDF });
  const plain = await packBackup(source);

  it('gives back config, history, certificates, keys and the admin hash with the passphrase', async () => {
    const opened = await openBackup(sealed, { passphrase: PASSPHRASE });
    assert.equal(opened.secretsOpened, true);
    assert.deepEqual(opened.current.config, source.current.config);
    assert.deepEqual(opened.current.missingSecrets, []);
    assert.deepEqual(
      opened.history.map((v) => [v.info.version, v.info.comment, v.config.system.fqdn]),
      [
        [3, 'teams', opened.current.config.system.fqdn],
        [2, 'first', 'old.example.com'],
      ],
    );
    assert.deepEqual(opened.history[1]!.config, source.history[1]!.config);
    assert.deepEqual(opened.certificates.index, source.certificates.index);
    assert.deepEqual(opened.certificates.privateKeys, source.certificates.privateKeys);
    assert.equal(opened.certificates.sipTlsCertificateId, '0123456789abcdef');
    assert.deepEqual(opened.admin, source.admin);
    assert.equal(opened.manifest.engine.name, 'sbc-berlin');
  });

  it('never holds a secret in plain text', () => {
    for (const archive of [sealed, plain]) {
      for (const secret of [TELEKOM_PASSWORD, PBX_PASSWORD, ADMIN_HASH, 'PRIVATE KEY']) {
        assert.equal(archive.includes(Buffer.from(secret)), false, `${secret} is in the archive`);
      }
      const keyBody = source.certificates.privateKeys['0123456789abcdef']!.split('\n')[1]!;
      assert.equal(archive.includes(Buffer.from(keyBody)), false, 'a line of the PEM key is in the archive');
    }
  });

  it('opens without the passphrase minus the secrets, and lists which are missing', async () => {
    for (const [archive, passphrase] of [
      [sealed, undefined],
      [plain, PASSPHRASE],
    ] as const) {
      const opened = await openBackup(archive, passphrase ? { passphrase } : {});
      assert.equal(opened.secretsOpened, false);
      assert.equal(opened.certificates.privateKeys, null);
      assert.equal(opened.admin, null);
      assert.deepEqual(
        opened.current.missingSecrets.sort(),
        ['connections[0].registration.password', 'connections[4].registration.password'].sort(),
      );
      assert.equal(opened.current.config.connections[0]!.registration!.password, SECRET_MARKER);
      assert.deepEqual(opened.manifest.secrets.contents.privateKeys, [
        { id: '0123456789abcdef', label: 'Teams SBC' },
      ]);
      assert.equal(opened.manifest.secrets.contents.adminPassword, true);
    }
  });

  it('refuses a wrong passphrase, naming secrets.enc', async () => {
    const error = await refused(sealed, 'wrong-passphrase', /passphrase does not open/, 'wrong passphrase!');
    assert.equal(error.member, 'secrets.enc');
  });

  it('refuses a flipped byte in any member, naming the member', async () => {
    for (const member of decodeContainer(sealed)) {
      const offset = sealed.indexOf(member.data) + Math.floor(member.data.length / 2);
      const copy = Buffer.from(sealed);
      copy[offset] = copy[offset]! ^ 0x01;
      const error = await refused(copy, 'tampered', /damaged or changed/, PASSPHRASE);
      assert.equal(error.member, member.name === 'manifest.sha256' ? 'manifest.json' : member.name);
    }
  });

  it('refuses a manifest that lies about a hash, naming the member', async () => {
    const lying = forge(
      sealed,
      (members) => {
        const manifest = JSON.parse(members[0]!.data.toString('utf8'));
        manifest.members.find((m: { name: string }) => m.name === 'config/current.json').sha256 = '0'.repeat(
          64,
        );
        members[0]!.data = Buffer.from(JSON.stringify(manifest));
        members[1]!.data = Buffer.from(sha256Hex(members[0]!.data));
      },
      false,
    );
    const error = await refused(lying, 'tampered', /config\/current\.json does not match the SHA-256/);
    assert.equal(error.member, 'config/current.json');
  });

  it('detects a consistent forgery of the plain members once the passphrase is given', async () => {
    const forged = forge(sealed, (members) => {
      const current = members.find((m) => m.name === 'config/current.json')!;
      current.data = Buffer.from(current.data.toString('utf8').replace('"fqdn": "', '"fqdn": "evil.'));
    });
    await openBackup(forged); // without the passphrase only damage can be told, not a forgery
    await refused(forged, 'tampered', /secrets or the manifest were changed/, PASSPHRASE);
  });

  it('refuses a truncated archive at every length', async () => {
    for (let length = 0; length < sealed.length; length += Math.max(1, Math.floor(sealed.length / 97))) {
      await refused(
        sealed.subarray(0, length),
        'malformed',
        length < MAGIC.length ? /not an SBC Studio backup/ : /cut short/,
      );
    }
  });

  it('refuses path traversal and odd member names before reading them', async () => {
    for (const name of [
      '../engine.json',
      'config/../../x',
      '/etc/passwd',
      'C:\\x',
      'config\\current.json',
      '.hidden',
      'Config/Current.json',
    ]) {
      const error = await refused(
        rawContainer([{ name, data: Buffer.from('{}') }]),
        'malformed',
        /is not allowed/,
      );
      assert.equal(error.member, name);
    }
  });

  it('refuses an archive bomb: huge declared sizes, too many members, long names', async () => {
    await refused(rawContainer([{ name: 'manifest.json', data: Buffer.from('{}'), declaredSize: 0xffffffff }]), 'malformed', /manifest\.json \(declared 4294967295 bytes\)/); // prettier-ignore
    await refused(
      rawContainer([], 0xffff),
      'malformed',
      new RegExp(`declares 65535 members; at most ${MAX_MEMBERS}`),
    );
    await refused(
      rawContainer([{ name: 'a'.repeat(5000), data: Buffer.alloc(0) }]),
      'malformed',
      /5000-byte name/,
    );
    await refused(
      Buffer.concat([sealed, Buffer.alloc(3 * 1024 * 1024)]),
      'malformed',
      /more than an archive may be/,
    );
  });

  it('refuses a member the manifest does not list, and a listed one that is missing', async () => {
    const extra = rawContainer([
      ...decodeContainer(plain),
      { name: 'config/history/000099.json', data: Buffer.from('{}') },
    ]);
    await refused(extra, 'tampered', /000099\.json is not listed/);
    const missing = rawContainer(decodeContainer(plain).filter((m) => m.name !== 'certs/store.json'));
    await refused(missing, 'tampered', /certs\/store\.json is listed in the manifest but missing/);
  });

  it('refuses an archive from a newer schema or format with a clear message', async () => {
    for (const [field, message] of [
      ['configSchemaVersion', /configuration schema version 99, newer than/],
      ['formatVersion', /format version 99, written by a newer SBC Studio/],
    ] as const) {
      const newer = forge(plain, (members) => {
        const manifest = JSON.parse(members[0]!.data.toString('utf8'));
        manifest[field] = 99;
        members[0]!.data = Buffer.from(JSON.stringify(manifest));
      });
      await refused(newer, 'too-new', message);
    }
  });

  it('answers random damage with a BackupError, never another exception (fuzz)', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const copy = Buffer.from(plain);
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      }
      const cut = random() < 0.2 ? copy.subarray(0, Math.floor(random() * copy.length)) : copy;
      await openBackup(cut).then(
        () => undefined, // a flip in JSON whitespace can leave it valid
        (error: unknown) => assert.ok(error instanceof BackupError, `round ${round}: ${String(error)}`),
      );
    }
  });
});
