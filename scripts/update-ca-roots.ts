// Regenerates resources/ca/ (the bundled CA roots and their index.json) from this machine's Debian
// ca-certificates package, and prints what changed. Run it after `apt-get install ca-certificates`
// (or an upgrade of it) and commit the result:
//
//   node scripts/update-ca-roots.ts            write resources/ca/
//   node scripts/update-ca-roots.ts --check    change nothing; exit 1 if resources/ca/ is out of date
//
// The list of roots and the reason each is bundled live here, in WANTED; index.json is generated.
// A root is found by its subject CN among /usr/share/ca-certificates/mozilla/*.crt. When Debian stops
// shipping one (Baltimore CyberTrust Root expired in 2025), the copy already in resources/ca/ is kept
// with its original source as long as it still matches its pinned fingerprint; a root that has never
// been taken from Debian is listed as unavailable, never invented.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CA_FOLDER,
  CA_INDEX_FILE,
  checkRootPem,
  loadBundledRoots,
  parseRootIndex,
  RootIndex,
  type RootIndexEntry,
} from '../sbc-engine/certs/bundled-roots.ts';

interface WantedRoot {
  /** The name profiles use; equal to the certificate's subject CN. */
  name: string;
  why: string;
  /** Said when the root cannot be had from Debian, in place of a generic reason. */
  ifMissing?: string;
}

const TEAMS = 'Microsoft Teams Direct Routing';
export const WANTED: readonly WantedRoot[] = [
  {
    name: 'DigiCert Global Root G2',
    why: `${TEAMS}: the Microsoft SIP proxies' TLS certificates have chained to this root since Microsoft moved off Baltimore CyberTrust Root in 2023.`,
  },
  {
    name: 'DigiCert Global Root CA',
    why: `${TEAMS}: one of the DigiCert roots Microsoft lists as trusted for SIP TLS between its SIP proxies and the SBC.`,
  },
  {
    name: 'DigiCert Global Root G3',
    why: `${TEAMS}: the ECC DigiCert root on Microsoft's list of CAs an SBC must trust for the SIP proxies.`,
  },
  {
    name: 'DigiCert TLS RSA4096 Root G5',
    why: `${TEAMS}: added to Microsoft's required roots for the 2026 SIP proxy certificate change (server-auth-only chains).`,
  },
  {
    name: 'DigiCert TLS ECC P384 Root G5',
    why: `${TEAMS}: added to Microsoft's required roots for the 2026 SIP proxy certificate change (server-auth-only chains).`,
  },
  {
    name: 'Microsoft RSA Root Certificate Authority 2017',
    why: `${TEAMS}: Microsoft's own RSA root, required on the SBC for the 2026 SIP proxy certificate change.`,
  },
  {
    name: 'Microsoft ECC Root Certificate Authority 2017',
    why: `${TEAMS}: Microsoft's own ECC root, required on the SBC for the 2026 SIP proxy certificate change.`,
  },
  {
    name: 'T-TeleSec GlobalRoot Class 2',
    why: "Deutsche Telekom SIP trunks (DeutschlandLAN SIP-Trunk, CompanyFlex): the T-Systems root Telekom's TLS endpoints most likely chain to (not yet confirmed from Telekom's own documents).",
  },
  {
    name: 'Baltimore CyberTrust Root',
    why: `${TEAMS} before 2023: the old root of Microsoft's SIP proxy certificates; it expired on 12 May 2025 and is kept only to explain older setup guides.`,
    ifMissing:
      'It expired on 12 May 2025, so root stores drop it; it is listed only to explain older guides.',
  },
];

const DEFAULT_SOURCE_DIR = '/usr/share/ca-certificates/mozilla';
const GENERATED_BY = 'scripts/update-ca-roots.ts — edit the list there, not this file';

/** File name for a root: lower-case words joined by dashes ("digicert-global-root-g2.pem"). */
export function slugFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}.pem`;
}

function debianVersion(): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'ca-certificates'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error(
      '[ca-roots] Debian ca-certificates is not installed here (dpkg-query found nothing); run `apt-get install -y ca-certificates` on a Debian machine.',
    );
  }
}

function commonName(certificate: X509Certificate): string | undefined {
  return /^CN=(.*)$/m.exec(certificate.subject)?.[1];
}

/** Every certificate in the package's folder, by subject CN. */
function readDebianRoots(sourceDir: string): Map<string, { path: string; certificate: X509Certificate }> {
  const found = new Map<string, { path: string; certificate: X509Certificate }>();
  for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.crt'))) {
    const path = join(sourceDir, file);
    try {
      const certificate = new X509Certificate(readFileSync(path));
      const cn = commonName(certificate);
      if (cn) found.set(cn.toLowerCase(), { path, certificate });
    } catch {
      console.warn(`[ca-roots] skipping unreadable ${path}`);
    }
  }
  return found;
}

function readExistingIndex(outDir: string): RootIndex | undefined {
  const indexPath = join(outDir, CA_INDEX_FILE);
  if (!existsSync(indexPath)) return undefined;
  try {
    return parseRootIndex(readFileSync(indexPath, 'utf8'), indexPath);
  } catch (error) {
    console.warn(`[ca-roots] ignoring the current index: ${(error as Error).message}`);
    return undefined;
  }
}

interface Plan {
  index: RootIndex;
  files: Map<string, string>;
  changes: string[];
}

function plan(outDir: string, sourceDir: string, version: string): Plan {
  const debian = readDebianRoots(sourceDir);
  const existing = readExistingIndex(outDir);
  const previous = new Map(existing?.roots.map((entry) => [entry.name.toLowerCase(), entry]));
  const files = new Map<string, string>();
  const changes: string[] = [];
  const roots: RootIndexEntry[] = [];

  for (const wanted of WANTED) {
    const before = previous.get(wanted.name.toLowerCase());
    const fromDebian = debian.get(wanted.name.toLowerCase());
    if (fromDebian) {
      const { certificate } = fromDebian;
      if (
        !certificate.ca ||
        !certificate.checkIssued(certificate) ||
        !certificate.verify(certificate.publicKey)
      ) {
        throw new Error(`[ca-roots] ${fromDebian.path} is not a self-signed CA certificate; not bundling it`);
      }
      const file = slugFor(wanted.name);
      const pem = certificate.toString();
      files.set(file, pem);
      const entry: RootIndexEntry = {
        name: wanted.name,
        available: true,
        file,
        sha256: certificate.fingerprint256,
        notAfter: certificate.validToDate.toISOString(),
        source: `Debian ca-certificates ${version}`,
        why: wanted.why,
      };
      roots.push(entry);
      describeChange(changes, before, entry, outDir);
      continue;
    }
    // Debian no longer ships it: keep our earlier copy from Debian if it is still intact.
    if (before?.available) {
      const pemPath = join(outDir, before.file);
      try {
        const pem = readFileSync(pemPath, 'utf8');
        checkRootPem(pem, pemPath, before);
        files.set(before.file, pem);
        roots.push({ ...before, why: wanted.why });
        changes.push(
          `kept     ${wanted.name}: not in Debian ca-certificates ${version}; keeping the copy from ${before.source}`,
        );
        continue;
      } catch (error) {
        console.warn(`[ca-roots] cannot keep ${pemPath}: ${(error as Error).message}`);
      }
    }
    const reason = `Not in Debian ca-certificates ${version} on the machine that made this bundle.${
      wanted.ifMissing ? ` ${wanted.ifMissing}` : ''
    }`;
    const entry: RootIndexEntry = { name: wanted.name, available: false, reason, why: wanted.why };
    roots.push(entry);
    if (!before) changes.push(`added    ${wanted.name}: unavailable — ${reason}`);
    else if (before.available) changes.push(`removed  ${wanted.name}: now unavailable — ${reason}`);
    else if (before.reason !== reason || before.why !== entry.why)
      changes.push(`updated  ${wanted.name}: text`);
  }

  for (const entry of existing?.roots ?? []) {
    if (!WANTED.some((w) => w.name.toLowerCase() === entry.name.toLowerCase())) {
      changes.push(`removed  ${entry.name}: no longer in WANTED`);
    }
  }
  const index = RootIndex.parse({ schemaVersion: 1, generatedBy: GENERATED_BY, roots });
  return { index, files, changes };
}

function describeChange(
  changes: string[],
  before: RootIndexEntry | undefined,
  after: RootIndexEntry,
  outDir: string,
) {
  if (!after.available) return;
  if (!before) {
    changes.push(`added    ${after.name} (${after.sha256}, until ${after.notAfter})`);
  } else if (!before.available) {
    changes.push(`added    ${after.name}: now available from ${after.source}`);
  } else if (before.sha256 !== after.sha256) {
    changes.push(`replaced ${after.name}: ${before.sha256} -> ${after.sha256} (until ${after.notAfter})`);
  } else if (before.file !== after.file || !existsSync(join(outDir, after.file))) {
    changes.push(`rewrote  ${after.name}: file ${after.file}`);
  } else if (before.source !== after.source || before.why !== after.why) {
    changes.push(
      `updated  ${after.name}: ${before.source !== after.source ? `source ${after.source}` : 'why'}`,
    );
  }
}

function writeBundle(outDir: string, result: Plan): string[] {
  const extra: string[] = [];
  mkdirSync(outDir, { recursive: true });
  for (const [file, pem] of result.files) {
    const path = join(outDir, file);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== pem) writeFileSync(path, pem);
  }
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.pem') && !result.files.has(file)) {
      rmSync(join(outDir, file));
      extra.push(`deleted  ${file}`);
    }
  }
  writeFileSync(join(outDir, CA_INDEX_FILE), `${JSON.stringify(result.index, null, 2)}\n`);
  return extra;
}

function stale(outDir: string, result: Plan): string[] {
  const problems: string[] = [];
  const indexPath = join(outDir, CA_INDEX_FILE);
  const indexText = `${JSON.stringify(result.index, null, 2)}\n`;
  if (!existsSync(indexPath) || readFileSync(indexPath, 'utf8') !== indexText)
    problems.push(`${indexPath} differs`);
  for (const [file, pem] of result.files) {
    const path = join(outDir, file);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== pem) problems.push(`${path} differs`);
  }
  for (const file of existsSync(outDir) ? readdirSync(outDir) : []) {
    if (file.endsWith('.pem') && !result.files.has(file))
      problems.push(`${join(outDir, file)} is not listed`);
  }
  return problems;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const option = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const resourcesDir = resolve(option('--resources') ?? join(repo, 'resources'));
  const sourceDir = option('--source-dir') ?? DEFAULT_SOURCE_DIR;
  const outDir = join(resourcesDir, CA_FOLDER);
  const version = option('--debian-version') ?? debianVersion();

  console.log(`[ca-roots] reading Debian ca-certificates ${version} from ${sourceDir}`);
  const result = plan(outDir, sourceDir, version);

  if (check) {
    const problems = stale(outDir, result);
    for (const line of [...result.changes, ...problems]) console.log(`[ca-roots] ${line}`);
    console.log(problems.length === 0 ? '[ca-roots] resources/ca/ is up to date' : '[ca-roots] out of date');
    return problems.length === 0 ? 0 : 1;
  }

  const deleted = writeBundle(outDir, result);
  const lines = [...result.changes, ...deleted];
  for (const line of lines) console.log(`[ca-roots] ${line}`);
  if (lines.length === 0) console.log('[ca-roots] no changes');

  // Read the result back through the one loader, so what we wrote is exactly what the app accepts.
  const loaded = await loadBundledRoots(resourcesDir);
  for (const root of loaded.roots) {
    const state = root.expired ? 'EXPIRED' : 'valid';
    console.log(`[ca-roots]   ${root.name}: ${root.sha256} until ${root.notAfter.toISOString()} (${state})`);
  }
  for (const root of loaded.unavailable)
    console.log(`[ca-roots]   ${root.name}: unavailable — ${root.reason}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
