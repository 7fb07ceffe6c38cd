// Header names: compact forms (RFC 3261 §7.3.3 and the extensions that define one) and the
// spelling the serializer writes. Lookups are case-insensitive (RFC 3261 §7.3.1).

const CANONICAL = [
  'Accept',
  'Accept-Contact',
  'Accept-Encoding',
  'Accept-Language',
  'Alert-Info',
  'Allow',
  'Allow-Events',
  'Authentication-Info',
  'Authorization',
  'Call-ID',
  'Call-Info',
  'Contact',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Date',
  'Error-Info',
  'Event',
  'Expires',
  'From',
  'Identity',
  'Identity-Info',
  'In-Reply-To',
  'Max-Forwards',
  'Min-Expires',
  'MIME-Version',
  'Organization',
  'P-Asserted-Identity',
  'P-Preferred-Identity',
  'Path',
  'Priority',
  'Privacy',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Proxy-Require',
  'RAck',
  'Reason',
  'Record-Route',
  'Refer-To',
  'Referred-By',
  'Reject-Contact',
  'Replaces',
  'Reply-To',
  'Request-Disposition',
  'Require',
  'Retry-After',
  'Route',
  'RSeq',
  'Server',
  'Service-Route',
  'Session-Expires',
  'Subject',
  'Subscription-State',
  'Supported',
  'Timestamp',
  'To',
  'Unsupported',
  'User-Agent',
  'Via',
  'Warning',
  'WWW-Authenticate',
];

const COMPACT: Record<string, string> = {
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  n: 'Identity-Info',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity',
};

const BY_LOWER = new Map<string, string>([
  ...CANONICAL.map((name) => [name.toLowerCase(), name] as [string, string]),
  ...Object.entries(COMPACT),
]);

/** "v", "VIA", "via" → "Via"; an unknown name keeps the spelling it came with. */
export function canonicalHeaderName(name: string): string {
  return BY_LOWER.get(name.toLowerCase()) ?? name;
}

/**
 * Headers whose value is a comma-separated list (RFC 3261 §7.3.1): several values may share one
 * line, and splitting them is always safe. Authorization-style headers are not in it: their
 * commas separate parameters of one value.
 */
const LIST_HEADERS = new Set(
  [
    'Accept',
    'Accept-Contact',
    'Accept-Encoding',
    'Accept-Language',
    'Alert-Info',
    'Allow',
    'Allow-Events',
    'Call-Info',
    'Contact',
    'Content-Encoding',
    'Content-Language',
    'Error-Info',
    'In-Reply-To',
    'P-Asserted-Identity',
    'P-Preferred-Identity',
    'Path',
    'Privacy',
    'Proxy-Require',
    'Reason',
    'Record-Route',
    'Reject-Contact',
    'Require',
    'Route',
    'Service-Route',
    'Supported',
    'Unsupported',
    'Via',
    'Warning',
  ].map((n) => n.toLowerCase()),
);

export function isListHeader(canonicalName: string): boolean {
  return LIST_HEADERS.has(canonicalName.toLowerCase());
}

/** Headers that may appear once only (RFC 3261 §7.3 and the tables of §20). */
export const SINGLE_VALUED = [
  'Call-ID',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'From',
  'Max-Forwards',
  'To',
];
