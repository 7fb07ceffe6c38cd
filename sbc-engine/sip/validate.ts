// What a UAS checks before its transaction user sees a request (RFC 3261 §8.2), and the answer
// the RFC asks for when a check fails. Pure: the transaction layer sends the response.
import { parseNameAddr } from './address.ts';
import { parseCSeq } from './cseq.ts';
import { SINGLE_VALUED } from './header-names.ts';
import { getHeader, getHeaderValues } from './headers.ts';
import type { SipRequest, SipResponse } from './message.ts';
import { isSipUri, parseUri } from './uri.ts';
import { parseVia } from './via.ts';

export interface RequestVerdict {
  status: number;
  reason: string;
  field?: string;
  /** For 420: the option tags to list in Unsupported. */
  unsupported?: string[];
}

export interface CheckOptions {
  /** Option tags this element supports; anything else in Require gets 420. */
  supported?: string[];
  /** Methods the element implements; anything else gets 501 (RFC 3261 §8.2.1). */
  methods?: string[];
  /** When the request would be forwarded, Max-Forwards 0 gets 483 (RFC 3261 §16.3). */
  forwarding?: boolean;
}

export const KNOWN_METHODS = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'REGISTER',
  'PRACK',
  'SUBSCRIBE',
  'NOTIFY',
  'PUBLISH',
  'INFO',
  'REFER',
  'MESSAGE',
  'UPDATE',
];
const URI_SCHEMES = ['sip', 'sips', 'tel'];
const MAX_FORWARDS_LIMIT = 255;

function bad(reason: string, field?: string): RequestVerdict {
  return { status: 400, reason, ...(field ? { field } : {}) };
}

function checkCommonHeaders(message: SipRequest | SipResponse): RequestVerdict | null {
  const counts = new Map<string, number>();
  for (const { name } of message.headers) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const name of ['Via', 'To', 'From', 'Call-ID', 'CSeq']) {
    if (!counts.has(name)) return bad(`Missing ${name} header`, name);
  }
  for (const name of SINGLE_VALUED) {
    if ((counts.get(name) ?? 0) > 1) return bad(`More than one ${name} header`, name);
  }
  for (const via of getHeaderValues(message, 'Via')) {
    const parsed = parseVia(via);
    if (!parsed.ok) return bad(`Malformed Via: ${parsed.error}`, 'Via');
  }
  for (const name of ['To', 'From']) {
    const parsed = parseNameAddr(getHeader(message, name)!);
    if (!parsed.ok) return bad(`Malformed ${name}: ${parsed.error}`, name);
  }
  if (!getHeader(message, 'Call-ID')!.trim()) return bad('Empty Call-ID header', 'Call-ID');
  const cseq = parseCSeq(getHeader(message, 'CSeq')!);
  if (!cseq.ok) return bad(`Malformed CSeq: ${cseq.error}`, 'CSeq');
  const contentType = getHeader(message, 'Content-Type');
  if (message.body.length > 0 && contentType === undefined)
    return bad('A body without Content-Type', 'Content-Type');
  if (
    contentType !== undefined &&
    !/^[\w!#$%&'*+.^`|~-]+\s*\/\s*[\w!#$%&'*+.^`|~-]+\s*(;.*)?$/.test(contentType)
  ) {
    return bad('Malformed Content-Type', 'Content-Type');
  }
  return null;
}

export function checkRequest(request: SipRequest, options: CheckOptions = {}): RequestVerdict | null {
  // RFC 3261 §8.2.2 and §16: the checks in the order an element applies them.
  if (request.version !== 'SIP/2.0') return { status: 505, reason: 'Version Not Supported' };
  const common = checkCommonHeaders(request);
  if (common) return common;
  // RFC 4475 §3.1.2.18: an unknown method is answered 501 even when CSeq disagrees with it.
  if (!(options.methods ?? KNOWN_METHODS).includes(request.method))
    return { status: 501, reason: 'Not Implemented' };
  const cseq = parseCSeq(getHeader(request, 'CSeq')!);
  if (cseq.ok && cseq.value.method !== request.method)
    return bad('CSeq method does not match the request method', 'CSeq');
  const maxForwards = getHeader(request, 'Max-Forwards');
  if (maxForwards !== undefined) {
    // 1*DIGIT, so leading zeros are fine (RFC 4475 §3.1.1.1); the value range is 0-255 (RFC 3261 §20.22).
    if (!/^\d{1,10}$/.test(maxForwards) || Number(maxForwards) > MAX_FORWARDS_LIMIT)
      return bad('Malformed Max-Forwards', 'Max-Forwards');
    if (Number(maxForwards) === 0 && options.forwarding)
      return { status: 483, reason: 'Too Many Hops', field: 'Max-Forwards' };
  }
  for (const contact of getHeaderValues(request, 'Contact')) {
    if (contact === '*' && request.method === 'REGISTER') continue;
    const parsed = parseNameAddr(contact);
    if (!parsed.ok) return bad(`Malformed Contact: ${parsed.error}`, 'Contact');
  }
  const uri = parseUri(request.uri);
  if (!uri.ok) return bad(`Malformed Request-URI: ${uri.error}`, 'Request-URI');
  // RFC 3261 §8.2.2.1: an unsupported URI scheme gets 416.
  if (!URI_SCHEMES.includes(uri.value.scheme))
    return { status: 416, reason: 'Unsupported URI Scheme', field: 'Request-URI' };
  // RFC 3261 §19.1.1: headers are not allowed in a Request-URI.
  if (isSipUri(uri.value) && uri.value.headers.length)
    return bad('The Request-URI carries headers', 'Request-URI');
  // RFC 3261 §10.3: the address of record in a REGISTER's To must be a SIP or SIPS URI.
  if (request.method === 'REGISTER') {
    const to = parseNameAddr(getHeader(request, 'To')!);
    const toUri = to.ok ? parseUri(to.value.uri) : undefined;
    if (toUri?.ok && !isSipUri(toUri.value))
      return bad('The To of a REGISTER must be a SIP or SIPS URI', 'To');
  }
  // RFC 3261 §8.2.2.3: Require is not checked for CANCEL and ACK.
  if (request.method !== 'ACK' && request.method !== 'CANCEL') {
    const supported = new Set((options.supported ?? []).map((t) => t.toLowerCase()));
    const unsupported = getHeaderValues(request, 'Require').filter(
      (tag) => !supported.has(tag.toLowerCase()),
    );
    if (unsupported.length) return { status: 420, reason: 'Bad Extension', field: 'Require', unsupported };
  }
  return null;
}

/** A response a client transaction should not accept; null when it is usable. */
export function checkResponse(response: SipResponse): { reason: string; field?: string } | null {
  if (response.version !== 'SIP/2.0') return { reason: `unsupported version ${response.version}` };
  if (response.status > 699) return { reason: `status code ${response.status} is above 699` };
  const common = checkCommonHeaders(response);
  return common ? { reason: common.reason, ...(common.field ? { field: common.field } : {}) } : null;
}
