// Matching messages to transactions (RFC 3261 §17.1.3 and §17.2.3). Keys are strings so that the
// transaction layer can hold transactions in a Map.
import { parseCSeq } from '../cseq.ts';
import { getHeader, getHeaderValues } from '../headers.ts';
import type { SipMessage, SipRequest, SipResponse } from '../message.ts';
import { getParam } from '../text.ts';
import { BRANCH_COOKIE, parseVia, type Via } from '../via.ts';

export type KeyResult =
  | { ok: true; key: string }
  /** invalid: no usable Via or CSeq; unsupported: an RFC 2543 peer without the magic cookie. */
  | { ok: false; kind: 'invalid' | 'unsupported'; error: string };

function topVia(
  message: SipMessage,
): { ok: true; via: Via; branch: string } | Extract<KeyResult, { ok: false }> {
  const text = getHeaderValues(message, 'Via')[0];
  if (text === undefined) return { ok: false, kind: 'invalid', error: 'the message has no Via' };
  const via = parseVia(text);
  if (!via.ok) return { ok: false, kind: 'invalid', error: `the top Via is malformed: ${via.error}` };
  const branch = getParam(via.value.params, 'branch');
  if (!branch) return { ok: false, kind: 'invalid', error: 'the top Via has no branch parameter' };
  return { ok: true, via: via.value, branch };
}

function cseqMethod(message: SipMessage): string | undefined {
  const cseq = parseCSeq(getHeader(message, 'CSeq') ?? '');
  return cseq.ok ? cseq.value.method : undefined;
}

function sentBy(via: Via): string {
  return via.port === undefined ? via.host : `${via.host}:${via.port}`;
}

/** Key of the client transaction a request we send creates: its top Via branch and its method. */
export function clientKeyOfRequest(request: SipRequest): KeyResult {
  const top = topVia(request);
  if (!top.ok) return top;
  return { ok: true, key: `client ${top.branch} ${request.method}` };
}

/**
 * §17.1.3: a response matches the client transaction whose request had the same top Via branch
 * and whose method equals the CSeq method (so a CANCEL's response never matches the INVITE).
 */
export function clientKeyOfResponse(response: SipResponse): KeyResult {
  const top = topVia(response);
  if (!top.ok) return top;
  const method = cseqMethod(response);
  if (!method) return { ok: false, kind: 'invalid', error: 'the CSeq is missing or malformed' };
  return { ok: true, key: `client ${top.branch} ${method}` };
}

function serverKey(branch: string, via: Via, method: string): string {
  return `server ${branch} ${sentBy(via)} ${method}`;
}

/**
 * §17.2.3: with the magic cookie, a request matches the server transaction with the same top Via
 * branch and sent-by and the same method, an ACK counting as the INVITE it acknowledges.
 * CANCEL gets a transaction of its own (§9.2); see cancelTargetKey for the INVITE it cancels.
 */
export function serverKeyOfRequest(request: SipRequest): KeyResult {
  const top = topVia(request);
  if (!top.ok) return top;
  if (!top.branch.startsWith(BRANCH_COOKIE)) {
    // §17.2.3 also describes matching for RFC 2543 requests (no cookie); this stack does not.
    return {
      ok: false,
      kind: 'unsupported',
      error: 'RFC 2543 transaction matching (branch without z9hG4bK) is not supported',
    };
  }
  const method = request.method === 'ACK' ? 'INVITE' : request.method;
  return { ok: true, key: serverKey(top.branch, top.via, method) };
}

/** §9.2: the INVITE server transaction a CANCEL refers to: same branch and sent-by, method INVITE. */
export function cancelTargetKey(cancel: SipRequest): KeyResult {
  if (cancel.method !== 'CANCEL')
    return { ok: false, kind: 'invalid', error: `${cancel.method} is not a CANCEL` };
  const key = serverKeyOfRequest(cancel);
  if (!key.ok) return key;
  const top = topVia(cancel);
  if (!top.ok) return top;
  return { ok: true, key: serverKey(top.branch, top.via, 'INVITE') };
}

/** The server transaction a response we send belongs to (its Via and CSeq are the request's). */
export function serverKeyOfResponse(response: SipResponse): KeyResult {
  const top = topVia(response);
  if (!top.ok) return top;
  const method = cseqMethod(response);
  if (!method) return { ok: false, kind: 'invalid', error: 'the CSeq is missing or malformed' };
  return { ok: true, key: serverKey(top.branch, top.via, method === 'ACK' ? 'INVITE' : method) };
}
