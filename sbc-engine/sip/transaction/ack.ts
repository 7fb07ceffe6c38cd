// The ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3).
// ACKs for 2xx are end-to-end and belong to the TU (§13.2.2.4).
import { getHeader, getHeaderValues } from '../headers.ts';
import type { SipHeader, SipRequest, SipResponse } from '../message.ts';
import { parseCSeq } from '../cseq.ts';

export function buildAckForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const cseq = parseCSeq(getHeader(invite, 'CSeq') ?? '');
  if (!cseq.ok) throw new Error(`cannot build an ACK: ${cseq.error}`);
  const topVia = getHeaderValues(invite, 'Via')[0];
  if (topVia === undefined) throw new Error('cannot build an ACK: the INVITE has no Via');
  const headers: SipHeader[] = [
    // §17.1.1.3: exactly one Via, equal to the top Via of the original request.
    { name: 'Via', value: topVia },
    ...copy(invite, 'Max-Forwards'),
    // §17.1.1.3: From and Call-ID as in the request, To from the response (it carries the tag).
    ...copy(invite, 'From'),
    ...copy(response, 'To'),
    ...copy(invite, 'Call-ID'),
    // §17.1.1.3: the CSeq number of the INVITE with the method ACK.
    { name: 'CSeq', value: `${cseq.value.seq} ACK` },
    // §17.1.1.3: the same Route header fields as the INVITE.
    ...invite.headers.filter((h) => h.name === 'Route').map((h) => ({ ...h })),
    { name: 'Content-Length', value: '0' },
  ];
  // §17.1.1.3: the Request-URI equals that of the original request.
  return {
    type: 'request',
    method: 'ACK',
    uri: invite.uri,
    version: invite.version,
    headers,
    body: new Uint8Array(0),
  };
}

function copy(message: SipRequest | SipResponse, name: string): SipHeader[] {
  const value = getHeader(message, name);
  return value === undefined ? [] : [{ name, value }];
}
