// Building a response to a request (RFC 3261 §8.2.6): Via, From, To, Call-ID and CSeq are
// copied; To gets a tag unless the request already had one or the response is 100 Trying.
import { getHeader } from './headers.ts';
import type { SipHeader, SipRequest, SipResponse } from './message.ts';

const COPIED = new Set(['Via', 'From', 'Call-ID', 'CSeq', 'Record-Route']);

export interface ResponseOptions {
  /** The tag this UAS puts on To; required for every response but 100. */
  toTag?: string;
  headers?: SipHeader[];
  body?: Uint8Array;
  contentType?: string;
}

export function createResponse(
  request: SipRequest,
  status: number,
  reason: string,
  options: ResponseOptions = {},
): SipResponse {
  const headers: SipHeader[] = [];
  for (const header of request.headers) {
    if (COPIED.has(header.name)) {
      // RFC 3261 §12.1.1: Record-Route is copied only into responses that can create a dialog.
      if (header.name === 'Record-Route' && (request.method !== 'INVITE' || status === 100)) continue;
      headers.push({ ...header });
    } else if (header.name === 'To') {
      const hasTag = /;\s*tag=/i.test(header.value);
      const value =
        !hasTag && status > 100 && options.toTag ? `${header.value};tag=${options.toTag}` : header.value;
      headers.push({ name: 'To', value });
    }
  }
  // RFC 3261 §8.2.6.1: Timestamp in a request is echoed in 100 Trying.
  const timestamp = getHeader(request, 'Timestamp');
  if (status === 100 && timestamp) headers.push({ name: 'Timestamp', value: timestamp });
  headers.push(...(options.headers ?? []));
  const body = options.body ?? new Uint8Array(0);
  if (body.length && options.contentType) headers.push({ name: 'Content-Type', value: options.contentType });
  headers.push({ name: 'Content-Length', value: String(body.length) });
  return { type: 'response', version: 'SIP/2.0', status, reason, headers, body };
}
