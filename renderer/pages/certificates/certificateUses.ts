// Which parts of an engine's configuration use each certificate: TLS listeners and connections
// through their TLS profiles. An own certificate is used where a profile names it, and where a
// profile names none while it is the SIP TLS choice; a CA where a profile trusts it.
import type { Config } from '../../../sbc-engine/config/schema/config.ts';

export interface CertificateUse {
  kind: 'listener' | 'connection';
  /** "tls 0.0.0.0:5061" for a listener, the connection's name otherwise. */
  name: string;
  /** The TLS profile the use goes through. */
  profile: string;
}

export function certificateUses(
  config: Config | undefined,
  sipTlsCertificateId: string | null,
): { own: Map<string, CertificateUse[]>; trusted: Map<string, CertificateUse[]> } {
  const own = new Map<string, CertificateUse[]>();
  const trusted = new Map<string, CertificateUse[]>();
  if (!config) return { own, trusted };
  const add = (map: Map<string, CertificateUse[]>, id: string, use: CertificateUse) =>
    map.set(id, [...(map.get(id) ?? []), use]);
  for (const profile of config.tlsProfiles) {
    const uses: CertificateUse[] = [
      ...config.voip.listeners
        .filter((listener) => listener.tlsProfile === profile.id)
        .map((listener) => ({
          kind: 'listener' as const,
          name: `${listener.transport} ${listener.address}:${listener.port}`,
          profile: profile.name,
        })),
      ...config.connections
        .filter((connection) => connection.tlsProfile === profile.id)
        .map((connection) => ({ kind: 'connection' as const, name: connection.name, profile: profile.name })),
    ];
    const ownId = profile.ownCertificate ?? sipTlsCertificateId;
    if (ownId) for (const use of uses) add(own, ownId, use);
    for (const ca of profile.trustedCas) {
      if (ca.source === 'store') for (const use of uses) add(trusted, ca.id, use);
    }
  }
  return { own, trusted };
}

/** One line per use, for the "Used by" column. */
export function describeUses(uses: CertificateUse[] | undefined): string[] {
  return (uses ?? []).map((use) => `${use.name} (${use.profile})`);
}
