// Requests a B2BUA builds from the INVITE it sent (RFC 3261 §9.1 CANCEL) and the fresh top Via
// every request it starts gets. Pure.
import { getHeader, getHeaderValues } from '../sip/headers.ts';
import type { SipHeader, SipRequest } from '../sip/message.ts';
import { parseCSeq } from '../sip/cseq.ts';
import { BRANCH_COOKIE } from '../sip/via.ts';

/** A top Via with a new branch; the transport fills in protocol and sent-by (§18.1.1). */
export function freshVia(token: () => string): string {
  return `SIP/2.0/UDP 0.0.0.0;branch=${BRANCH_COOKIE}${token()}${token()}`;
}

/**
 * §9.1: Request-URI, Call-ID, To, From and the CSeq number of the INVITE, method CANCEL; one Via,
 * the INVITE's top Via (so the server matches it to the INVITE); the INVITE's Route.
 */
export function buildCancel(invite: SipRequest): SipRequest {
  const cseq = parseCSeq(getHeader(invite, 'CSeq') ?? '');
  if (!cseq.ok) throw new Error(`cannot build a CANCEL: ${cseq.error}`);
  const copy = (name: string): SipHeader[] => {
    const value = getHeader(invite, name);
    return value === undefined ? [] : [{ name, value }];
  };
  const headers: SipHeader[] = [
    { name: 'Via', value: getHeaderValues(invite, 'Via')[0] ?? '' },
    { name: 'Max-Forwards', value: '70' },
    ...copy('From'),
    ...copy('To'),
    ...copy('Call-ID'),
    { name: 'CSeq', value: `${cseq.value.seq} CANCEL` },
    ...invite.headers.filter((h) => h.name === 'Route').map((h) => ({ ...h })),
    { name: 'Content-Length', value: '0' },
  ];
  return {
    type: 'request',
    method: 'CANCEL',
    uri: invite.uri,
    version: 'SIP/2.0',
    headers,
    body: new Uint8Array(0),
  };
}

/** The CSeq number of a message; 0 when it has none that parses. */
export function cseqNumber(message: { headers: SipHeader[] }): number {
  const cseq = parseCSeq(getHeader(message as SipRequest, 'CSeq') ?? '');
  return cseq.ok ? cseq.value.seq : 0;
}
