import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  BundledRootsError,
  findRoot,
  loadBundledRoots,
  parseRootIndex,
  type RootIndex,
} from '../../../../sbc-engine/certs/bundled-roots.ts';

const RESOURCES = join(import.meta.dirname, '../../../../resources');
const INDEX = JSON.parse(readFileSync(join(RESOURCES, 'ca/index.json'), 'utf8')) as RootIndex;

// The roots issue 4 asks for; a profile may name any of them.
const REQUIRED = [
  'DigiCert Global Root G2',
  'DigiCert Global Root CA',
  'DigiCert Global Root G3',
  'DigiCert TLS RSA4096 Root G5',
  'DigiCert TLS ECC P384 Root G5',
  'Microsoft RSA Root Certificate Authority 2017',
  'Microsoft ECC Root Certificate Authority 2017',
  'T-TeleSec GlobalRoot Class 2',
  'Baltimore CyberTrust Root',
];

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A private copy of resources/ca/ to damage. */
function copyResources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sbc-roots-'));
  temps.push(dir);
  cpSync(join(RESOURCES, 'ca'), join(dir, 'ca'), { recursive: true });
  return dir;
}

function fileOf(name: string): string {
  const entry = INDEX.roots.find((root) => root.name === name);
  assert.ok(entry?.available, `${name} is bundled`);
  return entry.file;
}

async function refused(resourcesDir: string, pattern: RegExp): Promise<BundledRootsError> {
  let caught: unknown;
  await loadBundledRoots(resourcesDir).catch((error: unknown) => (caught = error));
  assert.ok(caught instanceof BundledRootsError, `expected a BundledRootsError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  return caught;
}

describe('bundled CA roots', () => {
  it('loads every listed root, each parsed, self-signed, a CA and matching its pinned fingerprint', async () => {
    const { roots, unavailable } = await loadBundledRoots(RESOURCES);
    assert.equal(roots.length + unavailable.length, INDEX.roots.length);
    for (const name of REQUIRED) assert.ok(findRoot({ roots, unavailable }, name), `${name} is listed`);
    for (const root of roots) {
      assert.ok(root.certificate instanceof X509Certificate);
      assert.ok(root.certificate.ca, `${root.name} is a CA`);
      assert.ok(root.certificate.verify(root.certificate.publicKey), `${root.name} is self-signed`);
      assert.equal(root.certificate.fingerprint256, root.sha256);
      assert.match(root.certificate.subject, new RegExp(`^CN=${root.name}$`, 'm'), 'name is the subject CN');
      assert.match(root.pem, /^-----BEGIN CERTIFICATE-----\n/);
      assert.match(root.source, /^Debian ca-certificates \S+$/);
      assert.ok(root.why.length > 20 && !root.why.includes('\n'), `${root.name} says why in one line`);
    }
    for (const root of unavailable) assert.ok(root.reason.length > 0 && root.why.length > 0);
  });

  it('pins the DigiCert Global Root G2 that Teams Direct Routing needs', async () => {
    const root = findRoot(await loadBundledRoots(RESOURCES), 'DigiCert Global Root G2');
    assert.ok(root?.available);
    assert.equal(
      root.sha256,
      'CB:3C:CB:B7:60:31:E5:E0:13:8F:8D:D3:9A:23:F9:DE:47:FF:C3:5E:43:C1:14:4C:EA:27:D4:6A:5A:B1:CB:5F',
    );
    assert.equal(root.notAfter.toISOString(), '2038-01-15T12:00:00.000Z');
  });

  it('has unique names and files', () => {
    const names = INDEX.roots.map((root) => root.name.toLowerCase());
    assert.equal(new Set(names).size, names.length);
    const files = INDEX.roots.flatMap((root) => (root.available ? [root.file] : []));
    assert.equal(new Set(files).size, files.length);
  });

  it('flags expiry against the given moment', async () => {
    const cases: { now: string; expired: string[] }[] = [
      { now: '2024-01-01T00:00:00Z', expired: [] },
      { now: '2025-05-12T23:58:59Z', expired: [] },
      { now: '2025-05-13T00:00:00Z', expired: ['Baltimore CyberTrust Root'] },
      { now: '2032-01-01T00:00:00Z', expired: ['Baltimore CyberTrust Root', 'DigiCert Global Root CA'] },
    ];
    for (const { now, expired } of cases) {
      const { roots } = await loadBundledRoots(RESOURCES, { now: new Date(now) });
      const actual = roots.filter((root) => root.expired).map((root) => root.name);
      // Only roots that are actually bundled can be expired.
      const bundled = expired.filter((name) => roots.some((root) => root.name === name));
      assert.deepEqual(actual.sort(), bundled.sort(), `at ${now}`);
    }
  });

  it('refuses a PEM with one changed byte, naming the file', async () => {
    const dir = copyResources();
    const file = fileOf('DigiCert Global Root G3');
    const path = join(dir, 'ca', file);
    const pem = readFileSync(path, 'utf8');
    // Change one base64 character deep inside the body (in the signature, so it still parses).
    let at = pem.lastIndexOf('-----END') - 10;
    while (!/[A-Za-z0-9]/.test(pem[at] ?? '')) at -= 1;
    const changed = pem[at] === 'A' ? 'B' : 'A';
    writeFileSync(path, pem.slice(0, at) + changed + pem.slice(at + 1));
    const error = await refused(dir, new RegExp(`${file}.*(fingerprint|not a readable certificate)`));
    assert.equal(error.file, path);
  });

  it('refuses a swapped file, naming it and the root it should be', async () => {
    const dir = copyResources();
    const target = fileOf('DigiCert Global Root G2');
    cpSync(join(dir, 'ca', fileOf('DigiCert Global Root CA')), join(dir, 'ca', target));
    await refused(
      dir,
      new RegExp(`${target}: SHA-256 fingerprint .* "DigiCert Global Root G2".*altered or swapped`),
    );
  });

  it('refuses garbage in place of a PEM and a file that holds two certificates', async () => {
    const dir = copyResources();
    const file = fileOf('T-TeleSec GlobalRoot Class 2');
    writeFileSync(
      join(dir, 'ca', file),
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
    );
    await refused(dir, new RegExp(`${file}: is not a readable certificate`));

    const pem = readFileSync(join(RESOURCES, 'ca', file), 'utf8');
    writeFileSync(join(dir, 'ca', file), pem + pem);
    await refused(dir, new RegExp(`${file}: expected exactly one PEM certificate, found 2`));
  });

  it('refuses a missing PEM file, naming it', async () => {
    const dir = copyResources();
    const file = fileOf('Microsoft ECC Root Certificate Authority 2017');
    rmSync(join(dir, 'ca', file));
    await refused(dir, new RegExp(`${file}: cannot be read`));
  });

  it('refuses an index that pins a different expiry than the certificate', async () => {
    const dir = copyResources();
    const index = structuredClone(INDEX);
    const entry = index.roots.find((root) => root.name === 'DigiCert Global Root G2');
    assert.ok(entry?.available);
    entry.notAfter = '2039-01-15T12:00:00.000Z';
    writeFileSync(join(dir, 'ca/index.json'), JSON.stringify(index));
    await refused(
      dir,
      new RegExp(`${entry.file}: notAfter 2038-01-15T12:00:00.000Z does not match the index`),
    );
  });

  it('refuses broken index JSON, saying where it breaks', async () => {
    const dir = copyResources();
    writeFileSync(join(dir, 'ca/index.json'), '{\n  "schemaVersion": 1,\n  "roots": [ }\n');
    await refused(dir, /index\.json: not valid JSON: .*at position 37, line 3 column 14/);
    writeFileSync(join(dir, 'ca/index.json'), '{"schemaVersion": 1, "roots": [],}');
    await refused(dir, /index\.json: not valid JSON: .*position 33/);
  });

  const broken: { case: string; change: (index: RootIndex) => void; message: RegExp }[] = [
    {
      case: 'missing sha256',
      change: (index) => delete (index.roots[2] as Partial<Record<string, unknown>>).sha256,
      message: /roots\[2\] "DigiCert Global Root G3": field "sha256"/,
    },
    {
      case: 'lower-case fingerprint',
      change: (index) => Object.assign(index.roots[0]!, { sha256: 'cb:3c' }),
      message: /roots\[0\] "DigiCert Global Root G2": field "sha256": expected 32 colon-separated/,
    },
    {
      case: 'file outside the folder',
      change: (index) => Object.assign(index.roots[1]!, { file: '../../etc/passwd.pem' }),
      message: /roots\[1\] "DigiCert Global Root CA": field "file"/,
    },
    {
      case: 'missing available',
      change: (index) => delete (index.roots[3] as Partial<Record<string, unknown>>).available,
      message: /roots\[3\] "DigiCert TLS RSA4096 Root G5".*available/,
    },
    {
      case: 'unavailable without a reason',
      change: (index) => Object.assign(index.roots[4]!, { available: false }),
      message: /roots\[4\] "DigiCert TLS ECC P384 Root G5": field "reason"/,
    },
    {
      case: 'bad date',
      change: (index) => Object.assign(index.roots[0]!, { notAfter: 'Jan 15 2038' }),
      message: /roots\[0\] "DigiCert Global Root G2": field "notAfter": expected an ISO 8601/,
    },
    {
      case: 'duplicate name',
      change: (index) => Object.assign(index.roots[1]!, { name: 'digicert global root g2' }),
      message: /roots\[1\] "digicert global root g2": name repeats roots\[0\]/,
    },
    {
      case: 'no roots array',
      change: (index) => delete (index as Partial<RootIndex>).roots,
      message: /field "roots"/,
    },
  ];
  for (const row of broken) {
    it(`refuses an index with ${row.case}, naming the entry and field`, () => {
      const index = structuredClone(INDEX);
      row.change(index);
      assert.throws(
        () => parseRootIndex(JSON.stringify(index), 'resources/ca/index.json'),
        (error: unknown) => {
          assert.ok(error instanceof BundledRootsError);
          assert.match(error.message, /resources\/ca\/index\.json: /);
          assert.match(error.message, row.message);
          return true;
        },
      );
    });
  }

  it('finds roots by name, ignoring case and spaces', async () => {
    const set = await loadBundledRoots(RESOURCES);
    assert.equal(findRoot(set, '  digicert global root g2 ')?.name, 'DigiCert Global Root G2');
    assert.equal(findRoot(set.roots, 'T-TELESEC GLOBALROOT CLASS 2')?.name, 'T-TeleSec GlobalRoot Class 2');
    assert.equal(findRoot(set, 'baltimore cybertrust root')?.name, 'Baltimore CyberTrust Root');
    assert.equal(findRoot(set, 'DigiCert Global Root G4'), undefined);
    assert.equal(findRoot([], 'DigiCert Global Root G2'), undefined);
  });

  it('lists a root marked unavailable with its reason instead of a certificate', async () => {
    const dir = copyResources();
    const index = structuredClone(INDEX);
    const at = index.roots.findIndex((root) => root.name === 'Baltimore CyberTrust Root');
    index.roots[at] = {
      name: 'Baltimore CyberTrust Root',
      available: false,
      reason: 'Not in Debian ca-certificates on the machine that made this bundle.',
      why: 'Old guides name it.',
    };
    writeFileSync(join(dir, 'ca/index.json'), JSON.stringify(index, null, 2));
    const set = await loadBundledRoots(dir);
    const root = findRoot(set, 'Baltimore CyberTrust Root');
    assert.equal(root?.available, false);
    assert.ok(!root.available && /Debian/.test(root.reason));
    assert.equal(set.unavailable.length, 1);
    assert.ok(set.roots.every((r) => r.name !== 'Baltimore CyberTrust Root'));
  });
});
