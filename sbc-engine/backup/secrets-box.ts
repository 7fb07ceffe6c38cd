// secrets.enc: the engine's secrets under a key derived from the user's passphrase with scrypt
// (RFC 7914), sealed with AES-256-GCM (NIST SP 800-38D) and the manifest as additional data.
// Parameters read from an archive are bounded first: a hostile header must not make us allocate
// gigabytes or spin for minutes before the passphrase is even checked.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { BackupError } from './errors.ts';
import { SECRETS_MEMBER, type Encryption, type ScryptParams } from './manifest.ts';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from './schemas.ts';

export { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH };

/** 2^16 × 8 × 128 bytes = 64 MiB and about a quarter second: costly to guess, fine to wait for once. */
export const DEFAULT_SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;
const MIN_N = 2 ** 14;
const MAX_MEMORY = 256 * 1024 * 1024;
const MAX_P = 4;
const IV_BYTES = 12; // SP 800-38D §8.2: 96-bit IVs
const TAG_BYTES = 16;

export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

function checkCost({ N, r, p }: KdfCost): void {
  const powerOfTwo = Number.isInteger(N) && N >= MIN_N && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || r > 32 || p < 1 || p > MAX_P || 128 * N * r > MAX_MEMORY) {
    throw new BackupError(
      'malformed',
      `the scrypt parameters of ${SECRETS_MEMBER} (N=${N}, r=${r}, p=${p}) are outside what SBC Studio accepts (N a power of two from ${MIN_N}, at most ${MAX_MEMORY / 2 ** 20} MiB, p at most ${MAX_P})`,
      SECRETS_MEMBER,
    );
  }
}

function derive(passphrase: string, salt: Buffer, cost: KdfCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      64,
      { ...cost, maxmem: MAX_MEMORY + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

function checkValue(derived: Buffer): string {
  return createHash('sha256').update(derived.subarray(32)).digest('hex');
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH || passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new BackupError(
      'invalid-content',
      `the passphrase must be ${MIN_PASSPHRASE_LENGTH} to ${MAX_PASSPHRASE_LENGTH} characters long`,
    );
  }
}

/** Fresh salt and IV for one archive; the check value goes into the manifest before sealing. */
export async function prepareEncryption(
  passphrase: string,
  cost: KdfCost = DEFAULT_SCRYPT,
): Promise<{ encryption: Encryption; key: Buffer }> {
  checkPassphrase(passphrase);
  checkCost(cost);
  const salt = randomBytes(16);
  const derived = await derive(passphrase, salt, cost);
  const kdf: ScryptParams = { name: 'scrypt', ...cost, salt: salt.toString('base64') };
  return {
    encryption: {
      member: SECRETS_MEMBER,
      kdf,
      cipher: { name: 'aes-256-gcm', iv: randomBytes(IV_BYTES).toString('base64') },
      check: checkValue(derived),
    },
    key: derived.subarray(0, 32),
  };
}

/** secrets.enc = ciphertext || tag. */
export function seal(key: Buffer, encryption: Encryption, aad: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(encryption.cipher.iv, 'base64')).setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export async function open(
  passphrase: string,
  encryption: Encryption,
  aad: Buffer,
  sealed: Buffer,
): Promise<Buffer> {
  checkCost(encryption.kdf);
  const iv = Buffer.from(encryption.cipher.iv, 'base64');
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) {
    throw new BackupError('malformed', `${SECRETS_MEMBER} is too short or its IV is not ${IV_BYTES} bytes`, SECRETS_MEMBER); // prettier-ignore
  }
  const derived = await derive(passphrase, Buffer.from(encryption.kdf.salt, 'base64'), encryption.kdf);
  if (checkValue(derived) !== encryption.check) {
    throw new BackupError('wrong-passphrase', 'the passphrase does not open this archive\'s secrets', SECRETS_MEMBER); // prettier-ignore
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', derived.subarray(0, 32), iv)
      .setAAD(aad)
      .setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupError(
      'tampered',
      `${SECRETS_MEMBER} does not authenticate: the passphrase is right, but the secrets or the manifest were changed after the archive was written`,
      SECRETS_MEMBER,
    );
  }
}
