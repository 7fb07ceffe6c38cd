// What crosses from one leg to the other besides the start line: the header fields a B2BUA carries
// end to end for each kind of message, and the body (SDP rewritten for the receiving connection).
// Via, Record-Route, Route, Contact, Call-ID, tags and CSeq are each leg's own (topology hiding).
// Pure.
import { getHeader, getHeaderValues } from '../sip/headers.ts';
import type { SipHeader, SipMessage } from '../sip/message.ts';
import { PASSED_OPTION_TAGS } from './header-rules.ts';

/** Request fields that mean the same on both legs (RFC 6086 INFO, RFC 6665 NOTIFY, RFC 3326 Reason ...). */
const REQUEST_FIELDS = [
  'Event',
  'Subscription-State',
  'Content-Disposition',
  'Info-Package',
  'Recv-Info',
  'Reason',
  'Session-Expires',
  'Min-SE',
  'Subject',
];
/** Response fields the caller needs to act on the callee's answer. */
const RESPONSE_FIELDS = [
  'RSeq',
  'Retry-After',
  'Warning',
  'Reason',
  'Unsupported',
  'Session-Expires',
  'Min-SE',
  'Accept',
  'Recv-Info',
];

function copyFields(message: SipMessage, names: readonly string[]): SipHeader[] {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return message.headers.filter((h) => wanted.has(h.name.toLowerCase())).map((h) => ({ ...h }));
}

function optionTags(message: SipMessage): SipHeader[] {
  const out: SipHeader[] = [];
  for (const name of ['Supported', 'Require']) {
    const tags = getHeaderValues(message, name)
      .map((t) => t.toLowerCase())
      .filter((t) => PASSED_OPTION_TAGS.includes(t));
    if (tags.length) out.push({ name, value: [...new Set(tags)].join(', ') });
  }
  return out;
}

/**
 * The fields of an in-dialog request for the other leg. RAck names the INVITE by its CSeq number
 * (RFC 3262 §7.2), which differs between the legs: `inviteSeq` is the other leg's.
 */
export function requestFieldsToRelay(request: SipMessage, inviteSeq: number | undefined): SipHeader[] {
  const out = [...optionTags(request), ...copyFields(request, REQUEST_FIELDS)];
  const rack = getHeader(request, 'RAck');
  if (rack !== undefined) {
    const match = /^\s*(\d+)\s+\d+\s+(\S+)\s*$/.exec(rack);
    if (match && inviteSeq !== undefined)
      out.push({ name: 'RAck', value: `${match[1]} ${inviteSeq} ${match[2]}` });
  }
  return out;
}

export function responseFieldsToRelay(response: SipMessage): SipHeader[] {
  return [...optionTags(response), ...copyFields(response, RESPONSE_FIELDS)];
}

/** The body of a message and its Content-Type, for copying. */
export function bodyOf(message: SipMessage): { body: Uint8Array; contentType: string | undefined } {
  return { body: message.body, contentType: getHeader(message, 'Content-Type') };
}
