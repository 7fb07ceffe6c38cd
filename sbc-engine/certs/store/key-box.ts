// Private keys at rest: AES-256-GCM under a random 32-byte store key kept in its own 0600 file.
// This protects copies of the store folder (a backup, a support bundle, a synced folder) that lack
// the key file. It does not protect against someone who can read the key file on the machine itself:
// that is a machine compromise, and the engine must be able to use its keys unattended.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../runtime/atomic-file.ts';
import { CertificateStoreError } from './errors.ts';

const MAGIC = Buffer.from('SBCK1'); // format tag, so a later format can be told apart
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit random IVs
const TAG_BYTES = 16;

/** Reads the store key, or creates it (0600) when the store is new. */
export function loadOrCreateStoreKey(path: string, create: boolean): Buffer {
  if (!existsSync(path)) {
    if (!create)
      throw new CertificateStoreError(
        `the store key file ${path} is missing, so the stored private keys cannot be decrypted; restore it from the same backup as the store`,
      );
    const key = randomBytes(32);
    writeFileAtomic(path, key, 0o600);
    return key;
  }
  const key = readFileSync(path);
  if (key.length !== 32)
    throw new CertificateStoreError(`the store key file ${path} is damaged: it must hold 32 bytes, it holds ${key.length}`); // prettier-ignore
  return key;
}

// The entry id is bound as additional data, so a key file copied onto another entry fails to open.
function aad(id: string): Buffer {
  return Buffer.from(`sbc-studio certificate store key ${id}`);
}

export function sealKey(storeKey: Buffer, id: string, keyPem: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', storeKey, iv).setAAD(aad(id));
  const body = Buffer.concat([cipher.update(keyPem, 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

export function openKey(storeKey: Buffer, id: string, sealed: Buffer): string {
  const head = MAGIC.length;
  if (sealed.length < head + IV_BYTES + TAG_BYTES + 1 || !sealed.subarray(0, head).equals(MAGIC))
    throw new CertificateStoreError(`the key file of entry ${id} is damaged`);
  const iv = sealed.subarray(head, head + IV_BYTES);
  const tag = sealed.subarray(head + IV_BYTES, head + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', storeKey, iv).setAAD(aad(id)).setAuthTag(tag);
    const body = sealed.subarray(head + IV_BYTES + TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new CertificateStoreError(
      `the key of entry ${id} cannot be decrypted: the store key file does not belong to this store, or the key file is damaged`,
    );
  }
}
