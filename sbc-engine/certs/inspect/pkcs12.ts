// PKCS#12 / PFX (RFC 7292), the format Windows exports a certificate with its key in.
// node-forge does the password-based MAC and decryption (3DES/RC2 from old Windows, PBES2/AES from
// OpenSSL 3). Forge only models RSA: for an EC key or certificate it hands back the decrypted
// ASN.1, which we re-encode to DER and give to node:crypto, so EC PFX files work too.
import forge from 'node-forge';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { parseAsn1 } from './der.ts';
import { CertificateInputError } from './types.ts';

export interface Pkcs12Contents {
  certificates: Buffer[];
  keys: KeyObject[];
}

const BAG_CERT = forge.pki.oids.certBag!;
const BAG_KEY = forge.pki.oids.keyBag!;
const BAG_SHROUDED_KEY = forge.pki.oids.pkcs8ShroudedKeyBag!;

function toDer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function pfxError(message: string): CertificateInputError {
  return new CertificateInputError('PKCS#12', `PKCS#12 (PFX): ${message}`);
}

function open(der: Buffer, password: string | undefined): forge.pkcs12.Pkcs12Pfx {
  const asn1 = parseAsn1(der);
  // Without a password, try the empty one: some exports protect only the key, or nothing.
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? '');
  } catch (error) {
    const message = (error as Error).message;
    if (/MAC could not be verified|wrong password|Invalid password/i.test(message)) {
      throw pfxError(
        password === undefined
          ? 'the file is protected by a password; give the PFX password'
          : 'the PFX password is wrong',
      );
    }
    throw pfxError(`the file cannot be read (${message})`);
  }
}

export function readPkcs12(der: Buffer, password: string | undefined): Pkcs12Contents {
  const pfx = open(der, password);
  const certificates: Buffer[] = [];
  const keys: KeyObject[] = [];
  for (const contents of pfx.safeContents) {
    for (const bag of contents.safeBags) {
      if (bag.type === BAG_CERT) {
        if (bag.cert) certificates.push(toDer(forge.pki.certificateToAsn1(bag.cert)));
        else if (bag.asn1) certificates.push(toDer(bag.asn1)); // EC: forge left it undecoded
      } else if (bag.type === BAG_KEY || bag.type === BAG_SHROUDED_KEY) {
        // The key bag holds a PKCS#8 PrivateKeyInfo once decrypted (RFC 7292 §4.2.1-4.2.2).
        const pkcs8 = bag.key
          ? toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)))
          : bag.asn1 && toDer(bag.asn1);
        if (pkcs8) keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
      }
    }
  }
  return { certificates, keys };
}
