// The TLS a connection's targets are reached with, from its TLS profile: the client certificate (the
// profile's own certificate, else the engine's SIP TLS choice), the roots it trusts (store entries
// by id, roots bundled in resources/ca by name; none listed: the public roots plus the store's
// trusted CAs), the lowest version and how the peer's name is checked (RFC 2818 wildcards for Teams,
// exact for Exchange UM, RFC 5922 for strict SIP peers).
import { rootCertificates } from 'node:tls';
import { DEFAULT_TLS_PROFILE_ID } from '../config/schema/voip.ts';
import type { Config } from '../config/schema/index.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';

export interface TlsFacts {
  /** Key and chain of an own certificate in the store; throws with a reason when unusable. */
  storeMaterial(id: string): { key: string; cert: string };
  /** The engine's SIP TLS choice (or the management certificate). */
  defaultMaterial(): { key: string; cert: string };
  /** PEM of a trusted CA in the store by id, undefined when there is none. */
  trustedCaPem(id: string): string | undefined;
  trustedCaPems(): string[];
  /** PEM of a bundled root by name (case ignored), undefined when it is not bundled. */
  bundledRootPem(name: string): string | undefined;
}

export class TlsProfileProblem extends Error {}

/** The policy for a connection's TLS targets; throws TlsProfileProblem naming what is missing. */
export function tlsPolicyFor(config: Config, profileId: string | null, facts: TlsFacts): TlsPeerPolicy {
  const id = profileId ?? DEFAULT_TLS_PROFILE_ID;
  const profile = config.tlsProfiles.find((p) => p.id === id);
  if (!profile) {
    if (profileId !== null) throw new TlsProfileProblem(`there is no TLS profile "${profileId}"`);
    const material = facts.defaultMaterial();
    return { certChain: material.cert, key: material.key, nameCheck: 'rfc5922' };
  }
  let material: { key: string; cert: string };
  try {
    material =
      profile.ownCertificate === null ? facts.defaultMaterial() : facts.storeMaterial(profile.ownCertificate);
  } catch (error) {
    throw new TlsProfileProblem(
      `the certificate of TLS profile "${profile.id}" cannot be used: ${(error as Error).message}`,
    );
  }
  const trusted =
    profile.trustedCas.length === 0
      ? [...rootCertificates, ...facts.trustedCaPems()]
      : profile.trustedCas.map((ref) => {
          const pem = ref.source === 'store' ? facts.trustedCaPem(ref.id) : facts.bundledRootPem(ref.name);
          if (pem === undefined)
            throw new TlsProfileProblem(
              ref.source === 'store'
                ? `TLS profile "${profile.id}" trusts store entry ${ref.id}, which is not in the certificate store`
                : `TLS profile "${profile.id}" trusts "${ref.name}", which is not bundled with this engine`,
            );
          return pem;
        });
  return {
    certChain: material.cert,
    key: material.key,
    trustedCAs: trusted,
    minVersion: profile.minVersion,
    nameCheck: profile.peerNameCheck,
  };
}
