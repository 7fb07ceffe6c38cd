// The management certificate: self-signed, because a fresh engine has no CA to ask. Clients pin it
// on first contact (trust on first use, compared against the fingerprint the engine printed).
import 'reflect-metadata'; // @peculiar/x509 needs the Reflect polyfill before it loads
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';

// "as never": the provider's parameter type is the DOM Crypto, which Node's webcrypto implements.
x509.cryptoProvider.set(webcrypto as never);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export interface SelfSignedOptions {
  commonName: string;
  dnsNames: string[];
  ipAddresses: string[];
  now?: Date;
}

export interface KeyAndCertificate {
  keyPem: string;
  certPem: string;
}

export async function createSelfSignedCertificate(options: SelfSignedOptions): Promise<KeyAndCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const notBefore = options.now ?? new Date();
  const altNames = [
    ...options.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...options.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    // A positive 16-byte serial: the top bit cleared so DER does not read it as negative.
    serialNumber:
      (randomBytes(16)[0]! & 0x7f).toString(16).padStart(2, '0') + randomBytes(15).toString('hex'),
    name: `CN=${options.commonName.replace(/[,=+<>#;"\\]/g, '_')}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + TEN_YEARS_MS),
    signingAlgorithm: ALGORITHM,
    keys: keys as unknown as x509.X509CertificateCreateSelfSignedParams['keys'],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(altNames),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`;
  return { keyPem, certPem: certificate.toString('pem') + '\n' };
}
