// The built `sbc-studio certs inspect` on openssl-made files: exit codes 0/1/2 and what it prints.
// Needs `npm run build` (or `node scripts/build.ts cli`) first, as `npm test` does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createOpensslPki, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { STUDIO_CLI } from '../../helpers/studio-process.ts';

const PASSWORD = 'Cli-Secret 7';

function inspect(...args: string[]) {
  return spawnSync(process.execPath, [STUDIO_CLI, 'certs', 'inspect', ...args], { encoding: 'utf8' });
}

describe('sbc-studio certs inspect', () => {
  let pki: OpensslPki;
  const files: Record<string, string> = {};
  before(() => {
    pki = createOpensslPki('ec');
    const leaf = pki.leaf({ commonName: 'sbc.example.com' });
    files.good = pki.bundle('good.pem', [leaf.certPem, pki.intermediate.certPem, pki.root.certPem]);
    files.missing = pki.bundle('missing.pem', [leaf.certPem, pki.root.certPem]);
    files.pfx = pki.pkcs12('server.pfx', leaf, [pki.intermediate], PASSWORD);
    files.root = pki.root.certPath;
    files.garbage = join(pki.dir, 'garbage.cer');
    writeFileSync(files.garbage, Buffer.from('MZ\x90\x00 definitely not a certificate', 'latin1'));
  });
  after(() => pki.cleanup());

  const rows: [string, () => string[], number, RegExp, RegExp?][] = [
    ['a good chain', () => [files.good!, '--name', 'sbc.example.com'], 0, /Chain, leaf first: \[1\] → \[2\] → \[3\][\s\S]*root-in-bundle[\s\S]*0 error/],
    ['a chain missing its intermediate', () => [files.missing!], 1, /missing-issuer: .*"O=SBC Studio Tests, CN=SBC Studio Test ECC Issuing CA".*unable to get local issuer certificate/],
    ['a wrong name', () => [files.good!, '--name', 'other.example.com', '--name-check', 'exact'], 1, /name-mismatch/],
    ['a PFX with its password', () => [files.pfx!, '--password', PASSWORD, '--trust', files.root!], 0, /pkcs12[\s\S]*EC P-256 \(PKCS#12\), belongs to \[1\]/],
    ['a PFX with a wrong password', () => [files.pfx!, '--password', 'wrong'], 2, /^$/, /the PFX password is wrong/],
    ['a garbage file', () => [files.garbage!], 2, /^$/, /garbage\.cer: not a certificate file/],
    ['a file that does not exist', () => [join(pki.dir, 'nope.pem')], 2, /^$/, /nope\.pem/],
  ]; // prettier-ignore
  for (const [name, args, status, stdout, stderr] of rows) {
    it(`${name}: exit ${status}`, () => {
      const result = inspect(...args());
      assert.equal(result.status, status, result.stdout + result.stderr);
      assert.match(result.stdout, stdout);
      if (stderr) assert.match(result.stderr, stderr);
      assert.doesNotMatch(result.stdout + result.stderr, /PRIVATE KEY|Cli-Secret|at .*\.m?js:\d+/);
    });
  }

  it('--json gives the certificates, keys, chain and problems, never the key or password', () => {
    const result = inspect(files.pfx!, '--password', PASSWORD, '--trust', files.root!, '--json');
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      format: string;
      certificates: { subject: string; sha256Fingerprint: string }[];
      keys: { type: string; matchesCertificate: number | null }[];
      chain: number[];
      trustedRoot: string | null;
      problems: { code: string; severity: string }[];
    };
    assert.equal(report.format, 'pkcs12');
    assert.match(report.certificates[0]!.subject, /CN=sbc\.example\.com$/);
    assert.deepEqual(report.keys, [
      { type: 'EC', bits: 256, curve: 'P-256', source: 'PKCS#12', matchesCertificate: 0 },
    ]);
    assert.deepEqual(report.chain, [0, 1]);
    assert.match(report.trustedRoot ?? '', /CN=SBC Studio Test ECC Root$/); // from --trust, not the file
    assert.deepEqual(report.problems, []);
    assert.doesNotMatch(result.stdout, /PRIVATE KEY|Cli-Secret/);
  });

  it('a wrong option exits 2 with the usage', () => {
    const result = inspect(files.good!, '--name-check', 'loose');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--name-check: "loose"[\s\S]*Usage: sbc-studio certs inspect/);
  });
});
