// A new private key and a PKCS#10 request (RFC 2986) for a CA to sign. node:crypto makes the key
// (forge cannot make or read EC keys); @peculiar/x509 writes the request, for RSA and ECDSA alike.
import 'reflect-metadata'; // @peculiar/x509 needs the Reflect polyfill before it loads
import * as x509 from '@peculiar/x509';
import { generateKeyPair, webcrypto, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

// "as never": the provider's parameter type is the DOM Crypto, which Node's webcrypto implements.
x509.cryptoProvider.set(webcrypto as never);

export const KEY_ALGORITHMS = ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ecdsa-p256', 'ecdsa-p384'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export interface RequestSpec {
  algorithm: KeyAlgorithm;
  commonName: string;
  /** DNS subjectAltNames; the SBC's FQDN first (see checkRequestNames). */
  dnsNames: string[];
  organization?: string;
  /** ISO 3166 two-letter code. */
  country?: string;
}

export interface KeyAndRequest {
  /** PKCS#8 PEM. Secret: the store encrypts it before it touches the disk. */
  keyPem: string;
  csrPem: string;
}

const generate = promisify(generateKeyPair);

// The web-crypto algorithm the request is signed with; SHA-384 with P-384 as NIST SP 800-57 pairs them.
interface SigningAlgorithm {
  name: 'ECDSA' | 'RSASSA-PKCS1-v1_5';
  hash: 'SHA-256' | 'SHA-384';
  namedCurve?: 'P-256' | 'P-384';
}

function signingAlgorithm(algorithm: KeyAlgorithm): SigningAlgorithm {
  if (algorithm === 'ecdsa-p256') return { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  if (algorithm === 'ecdsa-p384') return { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' };
  return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

async function newKeyPair(algorithm: KeyAlgorithm): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  if (algorithm.startsWith('rsa-'))
    return generate('rsa', { modulusLength: Number(algorithm.slice(4)), publicExponent: 0x10001 });
  return generate('ec', { namedCurve: algorithm === 'ecdsa-p256' ? 'P-256' : 'P-384' });
}

/** Checks the arguments before any (slow) key generation; throws with a message an admin can act on. */
export function validateRequestSpec(spec: RequestSpec): void {
  if (!(KEY_ALGORITHMS as readonly string[]).includes(spec.algorithm))
    throw new Error(`unknown key algorithm "${spec.algorithm}"; use one of ${KEY_ALGORITHMS.join(', ')}`);
  if (!spec.commonName.trim()) throw new Error('the request needs a common name (the SBC FQDN)');
  if (!spec.dnsNames.length) throw new Error('the request needs at least one DNS name (the SBC FQDN)');
  // Clients ignore the CN once SANs are present (RFC 6125 §6.4.4), so the CN must be a SAN too.
  if (!spec.dnsNames.some((name) => name.toLowerCase() === spec.commonName.trim().toLowerCase()))
    throw new Error(`the common name ${spec.commonName} must also be one of the DNS names`);
  if (spec.country !== undefined && !/^[A-Z]{2}$/.test(spec.country))
    throw new Error(`country must be a two-letter code such as DE or US, not "${spec.country}"`);
}

export async function createKeyAndRequest(spec: RequestSpec): Promise<KeyAndRequest> {
  validateRequestSpec(spec);
  const pair = await newKeyPair(spec.algorithm);
  const algorithm = signingAlgorithm(spec.algorithm);
  const keys = {
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8', pair.privateKey.export({ type: 'pkcs8', format: 'der' }), algorithm, false, ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey(
      'spki', pair.publicKey.export({ type: 'spki', format: 'der' }), algorithm, true, ['verify'],
    ),
  }; // prettier-ignore
  // The JSON form of the name needs no escaping of commas or plus signs in an organization's name.
  const name: x509.JsonName = [];
  if (spec.country) name.push({ C: [spec.country] });
  if (spec.organization) name.push({ O: [spec.organization] });
  name.push({ CN: [spec.commonName] });
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    signingAlgorithm: algorithm,
    // The library types keys with the DOM's CryptoKeyPair, which Node's webcrypto keys are at run time.
    keys: keys as unknown as x509.Pkcs10CertificateRequestCreateParams['keys'],
    extensions: [
      new x509.SubjectAlternativeNameExtension(spec.dnsNames.map((value) => ({ type: 'dns', value }))),
    ],
  });
  return {
    keyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    csrPem: request.toString('pem') + '\n',
  };
}
