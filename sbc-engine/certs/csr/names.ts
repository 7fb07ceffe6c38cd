// Checks the names an admin wants in a request against the SBC's configured FQDN, before a CA
// spends a day on it. Teams Direct Routing matches the SBC by the FQDN in the certificate, and
// many CAs copy the first SAN into the CN, so the FQDN belongs first.

export type RequestNameCode = 'no-names' | 'fqdn-missing' | 'fqdn-not-first' | 'wildcard-sip' | 'invalid-dns-name' | 'duplicate-name' | 'config-fqdn-missing'; // prettier-ignore

export interface RequestNameProblem {
  code: RequestNameCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

// RFC 1123 §2.1 host names: labels of letters, digits and inner hyphens, at most 63 octets each,
// 253 in all; a single left-most "*" label is allowed for a wildcard request.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function isValidDnsName(name: string): boolean {
  const labels = name.toLowerCase().split('.');
  if (name.length > 253 || labels.length < 2) return false;
  return labels.every((label, i) => (i === 0 && label === '*') || LABEL.test(label));
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function checkRequestNames(dnsNames: readonly string[], configuredFqdn: string): RequestNameProblem[] {
  const problems: RequestNameProblem[] = [];
  const names = dnsNames.map(normalize);
  const fqdn = normalize(configuredFqdn);
  if (!names.length)
    return [{ code: 'no-names', severity: 'error', message: `add at least one DNS name: ${fqdn}` }];
  for (const name of new Set(names)) {
    if (!isValidDnsName(name))
      problems.push({ code: 'invalid-dns-name', severity: 'error',
        message: `"${name}" is not a valid DNS name (letters, digits and hyphens in dot-separated labels, such as sbc.example.com)` }); // prettier-ignore
    if (name.startsWith('*.'))
      problems.push({ code: 'wildcard-sip', severity: 'warning',
        message: `"${name}" is a wildcard: SIP peers that follow RFC 5922 §7.2 (Exchange UM, some carriers) refuse wildcards, so name ${fqdn} itself as well` }); // prettier-ignore
  }
  if (new Set(names).size < names.length)
    problems.push({ code: 'duplicate-name', severity: 'info', message: 'a name is listed twice; the copy is harmless but can go' }); // prettier-ignore
  if (!names.includes(fqdn))
    problems.push({ code: 'fqdn-missing', severity: 'error',
      message: `the SBC's FQDN ${fqdn} is not among the names; peers that dial ${fqdn} would reject the certificate` }); // prettier-ignore
  else if (names[0] !== fqdn)
    problems.push({ code: 'fqdn-not-first', severity: 'warning',
      message: `put the SBC's FQDN ${fqdn} first: CAs take the first name as the common name` }); // prettier-ignore
  return problems;
}
