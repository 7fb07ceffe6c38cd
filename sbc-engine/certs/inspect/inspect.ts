// Reads whatever certificate material an admin has: PEM (any mix of certificates and keys),
// DER, PKCS#7 bundles and PKCS#12/PFX. The format comes from the bytes, not the file name.
// Either the whole file is understood, or a CertificateInputError says which format and where.
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { problem, type Problem } from '../chain/problem.ts';
import { classifyDer } from './der.ts';
import { describeKey } from './key-info.ts';
import { looksLikePem, readPemBlocks } from './pem.ts';
import { certificatesFromPkcs7 } from './pkcs7.ts';
import { readPkcs12 } from './pkcs12.ts';
import { summarizeCertificate } from './summary.ts';
import { CertificateInputError, type FileFormat, type InspectResult } from './types.ts';

export interface InspectOptions {
  /** PFX password, or the passphrase of an encrypted PEM key. */
  password?: string;
  now?: Date;
}

interface Material {
  format: FileFormat;
  certificates: X509Certificate[];
  keys: { key: KeyObject; source: string }[];
  problems: Problem[];
}

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);

function certificateFrom(der: Buffer, format: string, where: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new CertificateInputError(
      format,
      `${format}: ${where} is not a valid X.509 certificate (${(error as Error).message})`,
    );
  }
}

function readPem(text: string, password: string | undefined): Material {
  const material: Material = { format: 'pem', certificates: [], keys: [], problems: [] };
  const blocks = readPemBlocks(text);
  for (const block of blocks) {
    const where = `the ${block.label} block at line ${block.line}`;
    if (block.label === 'CERTIFICATE') {
      material.certificates.push(certificateFrom(block.der, 'PEM', where));
    } else if (block.label === 'PKCS7') {
      for (const der of certificatesFromPkcs7(block.der))
        material.certificates.push(certificateFrom(der, 'PKCS#7', where));
    } else if (KEY_LABELS.has(block.label)) {
      const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || block.text.includes('ENCRYPTED');
      if (encrypted && password === undefined) {
        material.problems.push(
          problem(
            'key-encrypted',
            'warning',
            `${where} is encrypted; give its passphrase to check it against the certificate`,
          ),
        );
        continue;
      }
      try {
        const key = createPrivateKey(
          encrypted ? { key: block.text, passphrase: password ?? '' } : block.text,
        );
        material.keys.push({ key, source: `PEM line ${block.line}` });
      } catch {
        const why = encrypted ? 'the passphrase is wrong' : 'it is damaged or of an unknown type';
        material.problems.push(problem('key-unreadable', 'error', `${where} cannot be read: ${why}`));
      }
    } else {
      material.problems.push(
        problem('ignored-block', 'info', `${where} is not a certificate or key and was skipped`),
      );
    }
  }
  if (!blocks.length) throw new CertificateInputError('PEM', 'PEM: no BEGIN/END block found');
  return material;
}

function readBinary(bytes: Buffer, password: string | undefined): Material {
  const empty = { keys: [], problems: [] };
  switch (classifyDer(bytes)) {
    case 'certificate':
      return {
        format: 'der-certificate',
        certificates: [certificateFrom(bytes, 'DER', 'the file')],
        ...empty,
      };
    case 'pkcs7':
      return {
        format: 'pkcs7',
        certificates: certificatesFromPkcs7(bytes).map((der) =>
          certificateFrom(der, 'PKCS#7', 'a certificate in the bundle'),
        ),
        ...empty,
      };
    case 'pkcs12': {
      const pfx = readPkcs12(bytes, password);
      const certificates = pfx.certificates.map((der) =>
        certificateFrom(der, 'PKCS#12', 'a certificate in the PFX'),
      );
      return {
        format: 'pkcs12',
        certificates,
        keys: pfx.keys.map((key) => ({ key, source: 'PKCS#12' })),
        problems: [],
      };
    }
    case 'private-key':
      for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
        try {
          const key = createPrivateKey({ key: bytes, format: 'der', type });
          return { format: 'der-key', certificates: [], keys: [{ key, source: 'DER' }], problems: [] };
        } catch {
          // try the next key encoding
        }
      }
  }
  const first = bytes.subarray(0, 4).toString('hex').replace(/(..)/g, '$1 ').trim();
  throw new CertificateInputError(
    'unknown',
    `not a certificate file: no PEM BEGIN line, and the bytes (starting ${first}) are not a DER certificate, PKCS#7 bundle, PKCS#12/PFX or private key`,
  );
}

export function inspectCertificateMaterial(bytes: Buffer, options: InspectOptions = {}): InspectResult {
  const now = options.now ?? new Date();
  if (!bytes.toString('latin1').trim()) throw new CertificateInputError('empty', 'the file is empty');
  const text = bytes.toString('utf8');
  const material = looksLikePem(text) ? readPem(text, options.password) : readBinary(bytes, options.password);
  const certificates = material.certificates.map((cert) => summarizeCertificate(cert, now));
  const problems = [...material.problems];
  if (!certificates.length)
    problems.push(problem('no-certificate', 'error', 'the file holds no certificate'));
  const keys = material.keys.map(({ key, source }) => {
    const index = material.certificates.findIndex((cert) => cert.checkPrivateKey(key));
    if (index < 0 && certificates.length)
      problems.push(
        problem(
          'key-mismatch',
          'error',
          `the private key (${source}) does not belong to any certificate in the file`,
        ),
      );
    return { ...describeKey(key), source, matchesCertificate: index < 0 ? null : index };
  });
  return { format: material.format, certificates, keys, problems };
}
