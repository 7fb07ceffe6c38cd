// PKCS#7 "certificates only" bundles (.p7b/.p7c), what Windows and many CAs hand out for a chain.
// @peculiar/x509 reads them, EC certificates included (forge's PKCS#7 reader cannot).
import 'reflect-metadata'; // @peculiar/x509 needs the Reflect polyfill before it loads
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { CertificateInputError } from './types.ts';

// "as never": the provider's parameter type is the DOM Crypto, which Node's webcrypto implements.
x509.cryptoProvider.set(webcrypto as never);

/** The DER of each certificate in a PKCS#7 SignedData, in the order the bundle lists them. */
export function certificatesFromPkcs7(der: Buffer): Buffer[] {
  let bundle: x509.X509Certificates;
  try {
    bundle = new x509.X509Certificates(der);
  } catch (error) {
    throw new CertificateInputError(
      'PKCS#7',
      `PKCS#7: the bundle cannot be read (${(error as Error).message})`,
    );
  }
  return bundle.map((cert) => Buffer.from(cert.rawData));
}
