// Describes a public or private key without ever showing its material.
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import type { PublicKeyInfo } from './types.ts';

// OpenSSL's curve names as node:crypto reports them, mapped to the NIST names admins know.
const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
  secp256k1: { name: 'secp256k1', bits: 256 },
  secp224r1: { name: 'P-224', bits: 224 },
  prime192v1: { name: 'P-192', bits: 192 },
};

export function describeKey(key: KeyObject): PublicKeyInfo {
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type === 'rsa' || type === 'rsa-pss')
    return { type: type === 'rsa' ? 'RSA' : 'RSA-PSS', bits: details.modulusLength ?? 0 };
  if (type === 'ec') {
    const curve = CURVES[details.namedCurve ?? ''];
    return { type: 'EC', bits: curve?.bits ?? 0, curve: curve?.name ?? details.namedCurve ?? 'unknown' };
  }
  if (type === 'ed25519') return { type: 'Ed25519', bits: 256 };
  if (type === 'ed448') return { type: 'Ed448', bits: 456 };
  return { type, bits: 0 };
}

/** Does this private key belong to this certificate? (X509Certificate.checkPrivateKey.) */
export function keyMatches(certPem: string, keyPem: string, passphrase?: string): boolean {
  const key = createPrivateKey(passphrase === undefined ? keyPem : { key: keyPem, passphrase });
  return new X509Certificate(certPem).checkPrivateKey(key);
}
