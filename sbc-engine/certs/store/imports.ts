// Turns the bytes an admin brings (a CA's answer, a bundle, a PFX, a root) into store parts, or
// refuses them with a reason. Pure: nothing here writes, so a refusal leaves the store as it was.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { buildChain, type Problem } from '../chain/index.ts';
import { label } from '../chain/checks.ts';
import { inspectCertificateMaterial, type InspectResult } from '../inspect/index.ts';
import { readPkcs12 } from '../inspect/pkcs12.ts';
import { isSelfSigned } from '../inspect/summary.ts';
import { CertificateStoreError } from './errors.ts';

export interface ChainPick {
  /** Intermediates to store, the leaf's issuer first. */
  chainPems: string[];
  /** Subjects of roots found in the file: not sent by a TLS server, so not stored in the chain. */
  setAsideRoots: string[];
  /** What buildChain still finds wrong (a missing intermediate, say); the import went through. */
  problems: Problem[];
}

function certificatesIn(result: InspectResult, what: string): X509Certificate[] {
  if (!result.certificates.length) throw new CertificateStoreError(`${what}: the file holds no certificate`);
  return result.certificates.map((summary) => new X509Certificate(summary.pem));
}

function unique(certs: X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certs.filter((cert) => !seen.has(cert.fingerprint256) && seen.add(cert.fingerprint256));
}

/** Orders intermediates behind the leaf; roots are set aside (seed 001: never send the root). */
export function orderChain(
  leaf: X509Certificate,
  candidates: X509Certificate[],
  trusted: X509Certificate[],
): ChainPick {
  const roots = candidates.filter((cert) => isSelfSigned(cert));
  const pool = unique(candidates.filter((c) => !isSelfSigned(c) && c.fingerprint256 !== leaf.fingerprint256));
  const notCa = pool.find((cert) => !cert.ca);
  if (notCa)
    throw new CertificateStoreError(
      `"${label(notCa)}" is not a CA certificate, so it cannot be an intermediate of this chain; nothing was imported`,
    );
  // The set-aside roots count as trusted here only to judge completeness; trust is chosen elsewhere.
  const built = buildChain(leaf, pool, [...trusted, ...roots]);
  const ordered = [...built.chain.slice(1).filter((c) => !isSelfSigned(c)), ...built.unused];
  return {
    chainPems: unique(ordered).map((cert) => cert.toString()),
    setAsideRoots: unique(roots).map((cert) => label(cert)),
    problems: built.problems,
  };
}

/** The CA's answer to a pending request: the leaf that fits the pending key, plus any chain. */
export function readSignedCertificate(
  bytes: Buffer,
  keyPem: string,
  trusted: X509Certificate[],
): { leafPem: string; chain: ChainPick } {
  const certs = certificatesIn(inspectCertificateMaterial(bytes), 'signed certificate');
  const key = createPrivateKey(keyPem);
  const leaf = certs.find((cert) => !cert.ca && cert.checkPrivateKey(key));
  if (!leaf) {
    const names = certs.map((cert) => `"${label(cert)}"`).join(', ');
    throw new CertificateStoreError(
      `${names} does not belong to this request: its public key is not the request's key. Check that you picked the CA's answer to this request; nothing was imported`,
    );
  }
  const others = certs.filter((cert) => cert !== leaf);
  return { leafPem: leaf.toString(), chain: orderChain(leaf, others, trusted) };
}

/** A PFX with key, leaf and chain. The password is used only here and never kept. */
export function readPkcs12Entry(
  bytes: Buffer,
  password: string,
  trusted: X509Certificate[],
): { keyPem: string; leafPem: string; chain: ChainPick } {
  const result = inspectCertificateMaterial(bytes, { password });
  if (result.format !== 'pkcs12')
    throw new CertificateStoreError(`the file is ${result.format}, not a PKCS#12/PFX file`);
  const certs = certificatesIn(result, 'PKCS#12');
  const keyIndex = result.keys.findIndex((key) => key.matchesCertificate !== null);
  const certIndex = result.keys[keyIndex]?.matchesCertificate;
  if (keyIndex < 0 || certIndex === null || certIndex === undefined)
    throw new CertificateStoreError(
      result.keys.length
        ? 'PKCS#12: the private key in the file belongs to none of its certificates; nothing was imported'
        : 'PKCS#12: the file holds no private key; export it again with "include the private key"',
    );
  const key = readPkcs12(bytes, password).keys[keyIndex]!;
  const leaf = certs[certIndex]!;
  return {
    keyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    leafPem: leaf.toString(),
    chain: orderChain(
      leaf,
      certs.filter((c) => c !== leaf),
      trusted,
    ),
  };
}

/** All certificates in a file of any format inspect reads (a key in it is ignored). */
export function readCertificates(bytes: Buffer, what: string): X509Certificate[] {
  return certificatesIn(inspectCertificateMaterial(bytes), what);
}

/** Certificates to trust; every one must be a CA, else none is taken. */
export function readTrustedCas(bytes: Buffer): X509Certificate[] {
  const certs = unique(certificatesIn(inspectCertificateMaterial(bytes), 'trusted CA'));
  const leaf = certs.find((cert) => !cert.ca);
  if (leaf)
    throw new CertificateStoreError(
      `"${label(leaf)}" is not a CA certificate (no basicConstraints CA:TRUE); trust the root or intermediate that issued it instead; nothing was imported`,
    );
  return certs;
}
