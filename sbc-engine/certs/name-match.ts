// Does a peer's certificate name the host we meant to reach? Three policies, chosen per peer:
// - exact: a DNS subjectAltName equal to the name;
// - wildcard: as exact, plus "*.example.com" matching exactly one left-most label (RFC 6125 §6.4.3,
//   the HTTPS rule of RFC 2818 §3.1);
// - rfc5922: SIP's strict rule (RFC 5922 §7.1-7.2): no wildcards at all; a SIP URI or DNS
//   subjectAltName equal to the domain; the subject CN only when the certificate has no SAN.
// Exchange Online UM, for one, refuses wildcard certificates (see the seeds): rfc5922 catches it.

export type NameCheck = 'exact' | 'wildcard' | 'rfc5922';

export interface CertificateNames {
  dns: string[];
  uris: string[];
  commonName?: string;
}

/** Reads Node's "DNS:a, URI:sip:b, IP Address:c" subjectAltName text. */
export function namesFromAltNames(subjectAltName: string | undefined, commonName?: string): CertificateNames {
  const dns: string[] = [];
  const uris: string[] = [];
  for (const part of (subjectAltName ?? '').split(/,\s*/)) {
    if (part.startsWith('DNS:')) dns.push(part.slice(4).toLowerCase());
    else if (part.startsWith('URI:')) uris.push(part.slice(4));
  }
  return { dns, uris, ...(commonName ? { commonName: commonName.toLowerCase() } : {}) };
}

function wildcardMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1); // ".example.com"
  if (suffix.split('.').length < 3) return false; // never "*.com"
  const label = host.slice(0, host.length - suffix.length);
  return host.endsWith(suffix) && label.length > 0 && !label.includes('.');
}

function normalize(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** Null when the names match, else why not, in words an admin can act on. */
export function checkCertificateName(
  names: CertificateNames,
  expectedHost: string,
  mode: NameCheck,
): string | null {
  const host = normalize(expectedHost);
  const dns = names.dns.map(normalize);
  if (mode === 'rfc5922') {
    const sipDomains = names.uris
      .map((uri) => /^sips?:([^;?@]+)$/i.exec(uri)?.[1])
      .filter((d): d is string => d !== undefined)
      .map(normalize);
    if (sipDomains.includes(host) || dns.includes(host)) return null;
    if (dns.some((d) => d.startsWith('*.'))) {
      return `the certificate names ${dns.join(', ')}; SIP (RFC 5922) does not accept wildcards: ${host} must be named exactly`;
    }
    if (!dns.length && !names.uris.length && names.commonName && normalize(names.commonName) === host)
      return null;
  } else {
    if (dns.includes(host)) return null;
    if (mode === 'wildcard' && dns.some((d) => wildcardMatches(d, host))) return null;
    if (!dns.length && names.commonName && normalize(names.commonName) === host) return null;
  }
  const listed =
    [...dns, ...names.uris, ...(names.commonName ? [`CN=${names.commonName}`] : [])].join(', ') || 'no names';
  return `the certificate is for ${listed}, not ${host}`;
}
