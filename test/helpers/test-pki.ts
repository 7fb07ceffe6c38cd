// A small certificate authority for tests: a root, and leaves signed by it, made in memory.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';

// "as never": the provider's parameter type is the DOM Crypto, which Node's webcrypto implements.
x509.cryptoProvider.set(webcrypto as never);
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
type Keys = Awaited<ReturnType<typeof webcrypto.subtle.generateKey>> & {
  privateKey: CryptoKeyLike;
  publicKey: CryptoKeyLike;
};
type CryptoKeyLike = Parameters<typeof webcrypto.subtle.exportKey>[1];

export interface Issued {
  certPem: string;
  keyPem: string;
}

async function keyPair(): Promise<Keys> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as Keys;
}

async function keyPem(keys: Keys): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  return '01' + randomBytes(8).toString('hex');
}

export class TestCa {
  readonly certPem: string;
  private readonly keys: Keys;
  private readonly name: string;

  private constructor(certPem: string, keys: Keys, name: string) {
    this.certPem = certPem;
    this.keys = keys;
    this.name = name;
  }

  static async create(name = 'SBC Studio Test Root'): Promise<TestCa> {
    const keys = await keyPair();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=${name}`,
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 86400_000),
      signingAlgorithm: ALGORITHM,
      keys: keys as unknown as x509.X509CertificateCreateSelfSignedParams['keys'],
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
      ],
    });
    return new TestCa(cert.toString('pem'), keys, name);
  }

  async issue(
    commonName: string,
    altNames: { type: 'dns' | 'ip' | 'url'; value: string }[],
    usage: 'server' | 'client' = 'server',
  ): Promise<Issued> {
    const keys = await keyPair();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${commonName}`,
      issuer: `CN=${this.name}`,
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 86400_000),
      signingAlgorithm: ALGORITHM,
      publicKey: keys.publicKey as unknown as x509.X509CertificateCreateWithKeyParams['publicKey'],
      signingKey: this.keys.privateKey as unknown as x509.X509CertificateCreateWithKeyParams['signingKey'],
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.ExtendedKeyUsageExtension([
          usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
        ]),
        ...(altNames.length ? [new x509.SubjectAlternativeNameExtension(altNames)] : []),
      ],
    });
    return { certPem: cert.toString('pem'), keyPem: await keyPem(keys) };
  }
}
