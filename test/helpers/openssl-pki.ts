// Certificate chains made by the real `openssl` binary, so the parsers and chain checks are tested
// on the bytes admins actually get from CAs and from `openssl pkcs12 -export`, not on our own output.
// Everything is written to a temp folder; nothing touches the network.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeyType = 'rsa' | 'ec';

export interface Issued {
  name: string;
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

export interface LeafOptions {
  /** Common name; also the one DNS name unless `dns` is given. */
  commonName: string;
  dns?: string[];
  /** IP address subjectAltNames, after the DNS names (a peer reached as sip:127.0.0.1 needs one). */
  ips?: string[];
  /** Extended key usage; 'none' leaves the extension out, 'clientAuth' lacks serverAuth. */
  eku?: 'serverAuth' | 'clientAuth' | 'serverAuth,clientAuth' | 'none';
  keyType?: KeyType;
  /** RSA modulus size; 1024 makes a key that the chain check must call too small. */
  rsaBits?: number;
  notBefore?: Date;
  notAfter?: Date;
  /** Defaults to the intermediate; 'root' signs directly with the root, 'self' makes it self-signed. */
  issuer?: 'intermediate' | 'root' | 'self';
}

export interface OpensslPki {
  dir: string;
  keyType: KeyType;
  root: Issued;
  intermediate: Issued;
  leaf(options: LeafOptions): Issued;
  /** Writes the concatenated PEM of the parts (certificates or keys) to a file and returns its path. */
  bundle(fileName: string, pems: string[]): string;
  pkcs12(fileName: string, leaf: Issued, chain: Issued[], password: string, legacy?: boolean): string;
  pkcs7(fileName: string, certs: Issued[], der?: boolean): string;
  cleanup(): void;
}

const DAY_MS = 86_400_000;

export function openssl(args: string[], cwd?: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// openssl ca's date format (RFC 5280 GeneralizedTime without separators).
function opensslDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function caConfig(dir: string): string {
  return `[ ca ]
default_ca = test_ca
[ test_ca ]
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
serial = ${dir}/serial
default_md = sha256
policy = any_name
unique_subject = no
email_in_dn = no
copy_extensions = none
[ any_name ]
organizationName = optional
commonName = supplied
`;
}

function extensions(kind: 'root' | 'intermediate' | 'leaf', options?: LeafOptions): string {
  const lines = ['subjectKeyIdentifier = hash'];
  if (kind !== 'root') lines.push('authorityKeyIdentifier = keyid:always');
  if (kind === 'root')
    lines.push('basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign');
  if (kind === 'intermediate')
    lines.push(
      'basicConstraints = critical, CA:TRUE, pathlen:0',
      'keyUsage = critical, keyCertSign, cRLSign',
    );
  if (kind === 'leaf' && options) {
    lines.push(
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
    );
    const eku = options.eku ?? 'serverAuth';
    if (eku !== 'none') lines.push(`extendedKeyUsage = ${eku}`);
    const dns = options.dns ?? [options.commonName];
    const alt = [...dns.map((name) => `DNS:${name}`), ...(options.ips ?? []).map((ip) => `IP:${ip}`)];
    if (alt.length) lines.push(`subjectAltName = ${alt.join(', ')}`);
  }
  return `[ ext ]\n${lines.join('\n')}\n`;
}

export function createOpensslPki(keyType: KeyType): OpensslPki {
  const dir = mkdtempSync(join(tmpdir(), `sbc-openssl-pki-${keyType}-`));
  mkdirSync(join(dir, 'issued'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca.cnf'), caConfig(dir));
  let counter = 0;
  const now = Date.now();

  function newKey(path: string, type: KeyType, rsaBits: number): void {
    const options =
      type === 'rsa'
        ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${rsaBits}`]
        : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    openssl(['genpkey', ...options, '-out', path]);
  }

  function sign(
    kind: 'root' | 'intermediate' | 'leaf',
    commonName: string,
    signer: Issued | 'self',
    options: LeafOptions | undefined,
  ): Issued {
    const base = join(dir, `${kind}-${++counter}`);
    const keyPath = `${base}.key`;
    newKey(keyPath, options?.keyType ?? keyType, options?.rsaBits ?? 2048);
    const subject = `/O=SBC Studio Tests/CN=${commonName}`;
    openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', `${base}.csr`]);
    writeFileSync(`${base}.ext`, extensions(kind, options));
    const notBefore = options?.notBefore ?? new Date(now - DAY_MS);
    const notAfter = options?.notAfter ?? new Date(now + 365 * DAY_MS);
    openssl([
      'ca', '-batch', '-notext', '-config', join(dir, 'ca.cnf'), '-in', `${base}.csr`, '-out', `${base}.pem`,
      '-extfile', `${base}.ext`, '-extensions', 'ext',
      '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter),
      ...(signer === 'self' ? ['-selfsign', '-keyfile', keyPath] : ['-cert', signer.certPath, '-keyfile', signer.keyPath]),
    ]); // prettier-ignore
    return {
      name: commonName,
      certPath: `${base}.pem`,
      keyPath,
      certPem: readFileSync(`${base}.pem`, 'utf8'),
      keyPem: readFileSync(keyPath, 'utf8'),
    };
  }

  const label = keyType === 'rsa' ? 'RSA' : 'ECC';
  const root = sign('root', `SBC Studio Test ${label} Root`, 'self', { commonName: '', keyType });
  const intermediate = sign('intermediate', `SBC Studio Test ${label} Issuing CA`, root, {
    commonName: '',
    keyType,
  });

  return {
    dir,
    keyType,
    root,
    intermediate,
    leaf(options) {
      const issuer = options.issuer ?? 'intermediate';
      const signer = issuer === 'self' ? 'self' : issuer === 'root' ? root : intermediate;
      return sign('leaf', options.commonName, signer, options);
    },
    bundle(fileName, pems) {
      const path = join(dir, fileName);
      writeFileSync(path, pems.map((pem) => pem.trimEnd() + '\n').join(''));
      return path;
    },
    pkcs12(fileName, leaf, chain, password, legacy = false) {
      const path = join(dir, fileName);
      const chainPath = join(dir, `${fileName}.chain.pem`);
      writeFileSync(chainPath, chain.map((c) => c.certPem).join(''));
      // -legacy: 3DES and SHA-1 MAC, what older Windows exports look like (needs the legacy provider).
      openssl([
        'pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-inkey', leaf.keyPath, '-in', leaf.certPath,
        ...(chain.length ? ['-certfile', chainPath] : []), '-passout', `pass:${password}`, '-out', path,
      ]); // prettier-ignore
      return path;
    },
    pkcs7(fileName, certs, der = false) {
      const path = join(dir, fileName);
      const args = ['crl2pkcs7', '-nocrl', ...certs.flatMap((c) => ['-certfile', c.certPath])];
      openssl([...args, '-outform', der ? 'DER' : 'PEM', '-out', path]);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY_MS);
}

/** The intermediate CA of `pki` signs the request as a server certificate. */
export function signRequest(pki: OpensslPki, csrPem: string): Buffer {
  const base = join(pki.dir, `req-${randomBytes(4).toString('hex')}`);
  writeFileSync(`${base}.csr`, csrPem);
  writeFileSync(
    `${base}.ext`,
    'basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n',
  );
  openssl([
    'x509', '-req', '-in', `${base}.csr`, '-CA', pki.intermediate.certPath, '-CAkey', pki.intermediate.keyPath,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '30', '-copy_extensions', 'copy',
    '-extfile', `${base}.ext`, '-out', `${base}.pem`,
  ]); // prettier-ignore
  return readFileSync(`${base}.pem`);
}

/**
 * The intermediate CA of `pki` signs the request for the extended key usages given, such as
 * 'serverAuth,clientAuth' for an SBC certificate that also serves as client in mutual TLS.
 */
export function signRequestForUsage(pki: OpensslPki, csrPem: string, eku: string): Buffer {
  const base = join(pki.dir, `req-${randomBytes(4).toString('hex')}`);
  writeFileSync(`${base}.csr`, csrPem);
  writeFileSync(
    `${base}.ext`,
    `basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = ${eku}\n`,
  );
  openssl([
    'x509', '-req', '-in', `${base}.csr`, '-CA', pki.intermediate.certPath, '-CAkey', pki.intermediate.keyPath,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '30', '-copy_extensions', 'copy',
    '-extfile', `${base}.ext`, '-out', `${base}.pem`,
  ]); // prettier-ignore
  return readFileSync(`${base}.pem`);
}
