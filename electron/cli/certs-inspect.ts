// `sbc-studio certs inspect FILE`: what is in a certificate, chain, PKCS#7 or PFX file, and what a
// peer will object to. Exit 0: no error; 1: problems of severity error; 2: the file cannot be read.
// Private keys and the password are never printed: keys are described by type and size only.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { parseArgs } from 'node:util';
import {
  buildChain,
  hasErrors,
  pickLeaf,
  type Problem,
  type Purpose,
} from '../../sbc-engine/certs/chain/index.ts';
import {
  CertificateInputError,
  inspectCertificateMaterial,
  type CertificateSummary,
  type InspectResult,
} from '../../sbc-engine/certs/inspect/index.ts';
import type { NameCheck } from '../../sbc-engine/certs/name-match.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const CERTS_HELP = `Usage: sbc-studio certs inspect FILE [options]

  Prints the certificates and keys in FILE (PEM, DER, PKCS#7 .p7b, PKCS#12 .pfx/.p12) and checks
  the chain a TLS peer would see: order, missing intermediates, validity, key usage, key size, name.

Options:
  --password P           PFX password or key passphrase (or env SBC_STUDIO_CERT_PASSWORD)
  --name HOST            check that the certificate is valid for HOST
  --name-check MODE      exact | wildcard | rfc5922 (default wildcard; rfc5922 for strict SIP peers)
  --purpose P            server | client (default server; client for mutual TLS peers)
  --trust FILE           trusted root(s) in PEM; default: Node's public root list (then an unknown root is a warning)
  --json                 machine-readable output
Exit code: 0 no errors, 1 problems found, 2 the file cannot be read.`;

const NAME_CHECKS = new Set<NameCheck>(['exact', 'wildcard', 'rfc5922']);
const PURPOSES = new Set<Purpose>(['server', 'client']);

function readTrust(paths: string[]): X509Certificate[] {
  if (!paths.length) return rootCertificates.map((pem) => new X509Certificate(pem));
  return paths.flatMap((path) => {
    try {
      return inspectCertificateMaterial(readFileSync(path)).certificates.map(
        (c) => new X509Certificate(c.pem),
      );
    } catch (error) {
      throw new CertificateInputError('trust', `--trust ${path}: ${(error as Error).message}`);
    }
  });
}

function describeCertificate(cert: CertificateSummary, index: number): string[] {
  const san = cert.subjectAltNames;
  const names = [
    ...san.dns.map((n) => `DNS:${n}`),
    ...san.ip.map((n) => `IP:${n}`),
    ...san.uri.map((n) => `URI:${n}`),
  ];
  const key = `${cert.key.type} ${cert.key.curve ?? `${cert.key.bits} bits`}`;
  const left = cert.daysLeft < 0 ? `expired ${-cert.daysLeft} days ago` : `${cert.daysLeft} days left`;
  const usage = [cert.keyUsage.join(', ') || 'any', `EKU ${cert.extendedKeyUsage.join(', ') || 'none'}`];
  return [
    `  [${index + 1}] ${cert.subject}`,
    `      issuer      ${cert.issuer}`,
    `      serial      ${cert.serial}`,
    `      names       ${names.join(', ') || 'none (subject CN only)'}`,
    `      valid       ${cert.notBefore} to ${cert.notAfter} (${left})`,
    `      key         ${key}; signature ${cert.signatureAlgorithm}`,
    `      usage       ${usage.join('; ')}`,
    `      CA          ${cert.isCA ? 'yes' : 'no'}${cert.selfSigned ? ', self-signed' : ''}`,
    `      SHA-256     ${cert.sha256Fingerprint}`,
    `      SHA-1       ${cert.sha1Fingerprint}`,
  ];
}

function report(
  file: string,
  result: InspectResult,
  chain: number[],
  trustedRoot: string | null,
  problems: Problem[],
): string[] {
  const lines = [`${file}: ${result.format}`, '', `Certificates (${result.certificates.length})`];
  result.certificates.forEach((cert, index) => lines.push(...describeCertificate(cert, index)));
  lines.push('', `Private keys (${result.keys.length})`);
  for (const key of result.keys) {
    const owner =
      key.matchesCertificate === null
        ? 'matches no certificate'
        : `belongs to [${key.matchesCertificate + 1}]`;
    lines.push(`  ${key.type} ${key.curve ?? `${key.bits} bits`} (${key.source}), ${owner}`);
  }
  const links = [...chain.map((i) => `[${i + 1}]`), ...(trustedRoot ? [`trusted root ${trustedRoot}`] : [])];
  if (chain.length) lines.push('', `Chain, leaf first: ${links.join(' → ')}`);
  lines.push('', problems.length ? 'Problems' : 'No problems found.');
  for (const p of problems) lines.push(`  ${p.severity.padEnd(7)} ${p.code}: ${p.message}`);
  const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
  lines.push('', `${count('error')} error(s), ${count('warning')} warning(s)`);
  return lines;
}

/** Runs the command and returns its exit code. */
export async function certsCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        password: { type: 'string' },
        name: { type: 'string' },
        'name-check': { type: 'string' },
        purpose: { type: 'string' },
        trust: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`sbc-studio certs: ${(error as Error).message}\n\n${CERTS_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.out(CERTS_HELP), 0);
  const [sub, file, ...extra] = positionals;
  const nameCheck = (values['name-check'] ?? 'wildcard') as NameCheck;
  const purpose = (values.purpose ?? 'server') as Purpose;
  const usage =
    sub !== 'inspect' ? 'expected "certs inspect FILE"'
    : !file || extra.length ? 'give exactly one FILE'
    : !NAME_CHECKS.has(nameCheck) ? `--name-check: "${nameCheck}" is not exact, wildcard or rfc5922`
    : !PURPOSES.has(purpose) ? `--purpose: "${purpose}" is not server or client`
    : null; // prettier-ignore
  if (usage || !file) {
    io.err(`sbc-studio certs: ${usage}\n\n${CERTS_HELP}`);
    return 2;
  }

  let result: InspectResult;
  let trusted: X509Certificate[];
  try {
    const password = values.password ?? process.env.SBC_STUDIO_CERT_PASSWORD;
    result = inspectCertificateMaterial(readFileSync(file), password === undefined ? {} : { password });
    trusted = readTrust(values.trust ?? []);
  } catch (error) {
    const known =
      error instanceof CertificateInputError || (error as NodeJS.ErrnoException).code !== undefined;
    const where = error instanceof CertificateInputError && error.format === 'trust' ? '' : `${file}: `;
    io.err(
      `sbc-studio certs: ${where}${known ? (error as Error).message : `cannot be read (${String(error)})`}`,
    );
    return 2;
  }

  const certs = result.certificates.map((c) => new X509Certificate(c.pem));
  // The certificate the file's private key belongs to is the leaf; without a key, guess from the issuers.
  const owned = result.keys.find((key) => key.matchesCertificate !== null)?.matchesCertificate;
  const leaf = owned === undefined || owned === null ? pickLeaf(certs) : certs[owned];
  const built = leaf
    ? buildChain(leaf, certs, trusted, {
        purpose,
        nameCheck,
        ...(values.name ? { expectedName: values.name } : {}),
        untrustedRoot: values.trust ? 'error' : 'warning',
      })
    : undefined;
  const inFile = (c: X509Certificate) => certs.findIndex((x) => x.fingerprint256 === c.fingerprint256);
  const chain = (built?.chain ?? []).map(inFile).filter((index) => index >= 0);
  const anchor = built?.trusted ? built.chain.at(-1) : undefined;
  const trustedRoot = anchor && inFile(anchor) < 0 ? anchor.subject.split('\n').join(', ') : null;
  const problems = [...result.problems, ...(built?.problems ?? [])];
  if (values.json) io.out(JSON.stringify({ file, ...result, chain, trustedRoot, problems }, null, 2));
  else for (const line of report(file, result, chain, trustedRoot, problems)) io.out(line);
  return hasErrors(problems) ? 1 : 0;
}
