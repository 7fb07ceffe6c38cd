// Backup and restore between two real sbc-engine processes: an engine with a trunk password, a
// certificate serving TLS and a few versions is exported; the archive is tampered with in every way
// an attacker or a broken USB stick could, and each time the second engine changes nothing; then
// the second engine takes the archive and serves the same config, history and certificate chain.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeContainer, MAGIC } from '../../../sbc-engine/backup/container.ts';
import { sha256Hex } from '../../../sbc-engine/backup/manifest.ts';
import { openKey } from '../../../sbc-engine/certs/store/key-box.ts';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { createOpensslPki, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { freePort, freeTcpUdpPort } from '../../helpers/ports.ts';

const PASSWORD = 'correct horse battery';
const PASSPHRASE = 'usb stick in the drawer';
const TRUNK_PASSWORD = 'Tr4nk-pa55-do-not-leak';

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(join(engine.dataDir, 'setup-key'), 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', {
    body: json({ setupKey, password: PASSWORD }),
  });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return login.body.token as string;
}

function sClient(port: number, rootPath: string): string {
  const run = spawnSync(
    'openssl',
    ['s_client', '-connect', `127.0.0.1:${port}`, '-showcerts', '-CAfile', rootPath, '-verify_return_error'],
    { input: '', timeout: 15_000, encoding: 'utf8' },
  );
  return `${run.stdout}\n${run.stderr}`;
}

/** The certificates a server sent, in order, as PEM. */
function servedChain(output: string): string[] {
  return output.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Every file of a data folder with its hash: "nothing written" means this does not change. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/engine\.(log|pid)$/.test(name)) files[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path)).digest('hex'); // prettier-ignore
    }
  };
  walk(dir);
  return files;
}

/** Rewrites an archive's members without the writer's checks. */
function rebuild(members: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [MAGIC, Buffer.from([1, members.length >> 8, members.length & 0xff])];
  for (const member of members) {
    const name = Buffer.from(member.name);
    const head = Buffer.alloc(6 + name.length);
    head.writeUInt16BE(name.length, 0);
    name.copy(head, 2);
    head.writeUInt32BE(member.data.length, 2 + name.length);
    parts.push(head, member.data);
  }
  return Buffer.concat(parts);
}

describe('sbc-engine backup API: export, tamper, restore on a second engine', () => {
  let pki: OpensslPki;
  let a: EngineProcess;
  let b: EngineProcess;
  let tokenA: string;
  let tokenB: string;
  let configTlsPort: number;
  let sipTlsA: number;
  let sipTlsB: number;
  let certificateId: string;
  let archive: Buffer;
  let chainA: string[];
  let keyPem: string;

  before(async () => {
    pki = createOpensslPki('ec');
    [configTlsPort, sipTlsA, sipTlsB] = [await freePort(), await freeTcpUdpPort(), await freeTcpUdpPort()];
    a = await startEngineProcess({ args: ['--sip', `tls:127.0.0.1:${sipTlsA}`] });
    tokenA = await provision(a);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    pki?.cleanup();
  });

  it('exports an engine with a certificate, a trunk password and history', async () => {
    const leaf = pki.leaf({ commonName: 'sbc.example.com' });
    keyPem = leaf.keyPem;
    const dataBase64 = readFileSync(pki.pkcs12('sbc.pfx', leaf, [pki.intermediate], 'pfx-pass-1')).toString(
      'base64',
    );
    const imported = await mgmtRequest(a.port, 'POST', '/certificates/pkcs12', { token: tokenA, body: json({ label: 'Teams SBC', dataBase64, password: 'pfx-pass-1' }) }); // prettier-ignore
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    certificateId = imported.body.id;
    const trusted = await mgmtRequest(a.port, 'POST', '/certificates/trusted', { token: tokenA, body: json({ label: 'Test root', pem: pki.root.certPem }) }); // prettier-ignore
    assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
    const sipTls = await mgmtRequest(a.port, 'POST', '/certificates/use-for-sip-tls', { token: tokenA, body: json({ id: certificateId }) }); // prettier-ignore
    assert.equal(sipTls.status, 200, JSON.stringify(sipTls.body));

    for (const [comment, fqdn] of [
      ['first', 'old.example.com'],
      ['teams', 'sbc.example.com'],
    ]) {
      const read = await mgmtRequest(a.port, 'GET', '/config', { token: tokenA });
      const config = {
        ...read.body.config,
        system: { ...read.body.config.system, fqdn },
        tlsProfiles: [{ id: 'default', name: 'Default', ownCertificate: certificateId }],
        voip: { ...read.body.config.voip, listeners: [{ transport: 'tls', address: '127.0.0.1', port: configTlsPort, tlsProfile: 'default' }] }, // prettier-ignore
        connections: [
          {
            id: 'telekom',
            name: 'Telekom',
            targets: [{ host: 'reg.sip-trunk.telekom.de', transport: 'tcp' }],
            registration: { user: '+4930123456', password: TRUNK_PASSWORD },
            allowedSources: ['127.0.0.0/8'],
          },
        ],
      };
      const put = await mgmtRequest(a.port, 'PUT', '/config', { token: tokenA, body: json({ config, comment, ifMatch: read.body.etag, overrideReason: 'test engine on loopback' }) }); // prettier-ignore
      assert.equal(put.status, 200, JSON.stringify(put.body));
    }
    chainA = servedChain(sClient(configTlsPort, pki.root.certPath));
    assert.equal(chainA.length, 2, 'leaf and intermediate');

    const exported = await mgmtRequest(a.port, 'POST', '/backup/export', { token: tokenA, body: json({ passphrase: PASSPHRASE }) }); // prettier-ignore
    assert.equal(exported.status, 200, JSON.stringify(exported.body));
    archive = Buffer.from(exported.body.archive, 'base64');
    assert.equal(archive.length, exported.body.size);
    assert.match(exported.body.fileName, /\.sbcbackup$/);
    assert.deepEqual(exported.body.summary.secrets.contents.configs['config/current.json'], ['connections[0].registration.password']); // prettier-ignore
    assert.equal(exported.body.summary.history.length, 3);
  });

  it('never puts a secret in plain text into the archive', () => {
    const storeKey = readFileSync(join(a.dataDir, 'certs', 'store.key'));
    const stored = openKey(
      storeKey,
      certificateId,
      readFileSync(join(a.dataDir, 'certs', 'keys', `${certificateId}.key`)),
    );
    assert.equal(stored.trim(), keyPem.trim(), 'the test knows the key the engine holds');
    const admin = JSON.parse(readFileSync(join(a.dataDir, 'admin.json'), 'utf8'));
    const secrets = [TRUNK_PASSWORD, 'PRIVATE KEY', admin.password.hash, ...keyPem.split('\n').filter((line) => line.length > 40)]; // prettier-ignore
    for (const secret of secrets)
      assert.equal(archive.includes(Buffer.from(secret)), false, `found ${secret.slice(0, 20)}…`);
  });

  it('a fresh second engine previews the restore: no secret missing with the passphrase, the missing ones without', async () => {
    // A replacement box: the first engine is gone, its ports are free.
    await a.stop();
    b = await startEngineProcess({ args: ['--sip', `tls:127.0.0.1:${sipTlsB}`] });
    tokenB = await provision(b);
    const withPassphrase = await mgmtRequest(b.port, 'POST', '/backup/inspect', { token: tokenB, body: json({ archive: archive.toString('base64'), passphrase: PASSPHRASE }) }); // prettier-ignore
    assert.equal(withPassphrase.status, 200, JSON.stringify(withPassphrase.body));
    const preview = withPassphrase.body;
    assert.deepEqual(preview.missing, {
      configSecrets: [],
      historyVersions: [],
      privateKeys: [],
      adminPassword: false,
    });
    assert.deepEqual(preview.certificates.added, [certificateId]);
    assert.ok(
      preview.diff.some((c: { path: string }) => c.path === 'system.fqdn'),
      JSON.stringify(preview.diff),
    );
    assert.ok(
      preview.diff.some((c: { path: string }) => c.path.startsWith('connections')),
      'the trunk comes in',
    );
    assert.doesNotMatch(JSON.stringify(preview), new RegExp(TRUNK_PASSWORD));

    const without = await mgmtRequest(b.port, 'POST', '/backup/inspect', { token: tokenB, body: json({ archive: archive.toString('base64') }) }); // prettier-ignore
    assert.equal(without.status, 200, JSON.stringify(without.body));
    assert.deepEqual(without.body.missing.configSecrets, ['connections[0].registration.password']);
    assert.deepEqual(without.body.missing.privateKeys, [{ id: certificateId, label: 'Teams SBC' }]);
    assert.equal(without.body.missing.adminPassword, true);
  });

  it('refuses every damaged or forged archive with a clear error, and writes nothing', async () => {
    const members = decodeContainer(archive).map((m) => ({ name: m.name, data: Buffer.from(m.data) }));
    const flipped = (name: string) => {
      const copy = Buffer.from(archive);
      const member = members.find((m) => m.name === name)!;
      const at = archive.indexOf(member.data) + 10;
      copy[at] = copy[at]! ^ 0x20;
      return copy;
    };
    const lyingManifest = () => {
      const copy = members.map((m) => ({ ...m }));
      const manifest = JSON.parse(copy[0]!.data.toString('utf8'));
      manifest.members.find((m: { name: string }) => m.name === 'certs/store.json').sha256 = 'f'.repeat(64);
      copy[0]!.data = Buffer.from(JSON.stringify(manifest));
      copy[1]!.data = Buffer.from(sha256Hex(copy[0]!.data));
      return rebuild(copy);
    };
    const cases: [string, Buffer, string | undefined, RegExp][] = [
      ...members.map((m): [string, Buffer, string | undefined, RegExp] => [`flipped byte in ${m.name}`, flipped(m.name), PASSPHRASE, new RegExp(`${(m.name === 'manifest.sha256' ? 'manifest.json' : m.name).replace(/[./]/g, '\\$&')}.*damaged or changed`)]), // prettier-ignore
      ['truncated', archive.subarray(0, archive.length - 100), PASSPHRASE, /cut short/],
      ['wrong passphrase', archive, 'not the passphrase', /passphrase does not open/],
      [
        'manifest lying about a hash',
        lyingManifest(),
        PASSPHRASE,
        /certs\/store\.json does not match the SHA-256/,
      ],
      ['path traversal', rebuild([...members, { name: '../admin.json', data: Buffer.from('{}') }]), PASSPHRASE, /"\.\.\/admin\.json" is not allowed/], // prettier-ignore
      ['bomb: many members', rebuild(Array.from({ length: 1000 }, (_, i) => ({ name: `m${i}`, data: Buffer.alloc(0) }))), PASSPHRASE, /declares 1000 members/], // prettier-ignore
    ];
    const before = snapshot(b.dataDir);
    const etag = (await mgmtRequest(b.port, 'GET', '/config', { token: tokenB })).body.etag;
    for (const [what, bytes, passphrase, message] of cases) {
      const answer = await mgmtRequest(b.port, 'POST', '/backup/restore', {
        token: tokenB,
        body: json({
          archive: bytes.toString('base64'),
          passphrase,
          ifMatch: etag,
          parts: { adminPassword: true },
        }),
      });
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      assert.match(answer.body.error.message, message, what);
      assert.match(answer.body.error.message, /Nothing was changed/, what);
    }
    // A body past the limit is refused before it is parsed (the engine may close the connection mid-upload).
    const huge = await mgmtRequest(b.port, 'POST', '/backup/restore', {
      token: tokenB,
      body: json({ archive: 'A'.repeat(4 * 1024 * 1024), ifMatch: etag }),
    }).then(
      (answer) => answer.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    assert.ok([413, 'EPIPE', 'ECONNRESET'].includes(huge!), String(huge));
    assert.deepEqual(snapshot(b.dataDir), before, 'the second engine wrote nothing');
  });

  it('restores onto the second engine: same config, history, certificates and TLS chain', async () => {
    const read = await mgmtRequest(b.port, 'GET', '/config', { token: tokenB });
    const answer = await mgmtRequest(b.port, 'POST', '/backup/restore', {
      token: tokenB,
      body: json({ archive: archive.toString('base64'), passphrase: PASSPHRASE, ifMatch: read.body.etag, confirmWithinSeconds: 120, overrideReason: 'test engine on loopback' }), // prettier-ignore
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.certificates.added, [certificateId]);
    assert.equal(answer.body.sipTlsCertificateId, certificateId);
    const confirm = await mgmtRequest(b.port, 'POST', '/config/confirm', { token: tokenB, body: json({}) });
    assert.equal(confirm.status, 200, JSON.stringify(confirm.body));

    const current = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'config', 'current.json'), 'utf8')).config;
    assert.deepEqual(current(b.dataDir), current(a.dataDir), 'the same config, trunk password included');

    const versions = (dir: string) =>
      readdirSync(join(dir, 'config', 'versions')).map((name) => JSON.parse(readFileSync(join(dir, 'config', 'versions', name), 'utf8'))); // prettier-ignore
    const entry = (v: { author: string; at: string; comment: string; sha256: string }) => `${v.author} ${v.at} ${v.comment} ${v.sha256}`; // prettier-ignore
    const restored = versions(b.dataDir).map(entry);
    for (const version of versions(a.dataDir)) assert.ok(restored.includes(entry(version)), `version ${version.version} of the first engine is in the history`); // prettier-ignore

    const list = async (engine: EngineProcess, token: string) => (await mgmtRequest(engine.port, 'GET', '/certificates', { token })).body; // prettier-ignore
    const listedB = await list(b, tokenB);
    assert.deepEqual(
      listedB.own.map((e: { id: string; label: string }) => [e.id, e.label]),
      [[certificateId, 'Teams SBC']],
    );
    assert.equal(listedB.trustedCas.length, 1);
    assert.equal(listedB.sipTlsCertificateId, certificateId);

    const served = sClient(configTlsPort, pki.root.certPath);
    assert.match(served, /Verify return code: 0 \(ok\)/, served);
    assert.deepEqual(servedChain(served), chainA, 'the config listener serves the same chain');
    assert.deepEqual(
      servedChain(sClient(sipTlsB, pki.root.certPath)),
      chainA,
      'so does the SIP TLS listener',
    );
  });
});
