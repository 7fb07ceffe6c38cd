// Shared by the store tests: a temp store and an openssl CA that signs the store's requests the way
// a real CA answers a CSR (`openssl x509 -req`, SANs copied from the request).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateStore } from '../../../../../sbc-engine/certs/store/index.ts';
import { openssl, type OpensslPki } from '../../../../helpers/openssl-pki.ts';

export interface TempStore {
  dir: string;
  keyFile: string;
  store: CertificateStore;
  reopen(): CertificateStore;
  indexText(): string;
  cleanup(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'sbc-store-'));
  const folder = join(dir, 'certs');
  const keyFile = join(dir, 'store.key');
  return {
    dir: folder,
    keyFile,
    store: CertificateStore.open(folder, { keyFile }),
    reopen: () => CertificateStore.open(folder, { keyFile }),
    indexText: () => {
      try {
        return readFileSync(join(folder, 'store.json'), 'utf8');
      } catch {
        return '(none)';
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
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
