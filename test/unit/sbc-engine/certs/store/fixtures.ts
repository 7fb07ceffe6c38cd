// Shared by the store tests: a temp store (openssl signing lives in test/helpers/openssl-pki.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateStore } from '../../../../../sbc-engine/certs/store/index.ts';

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
