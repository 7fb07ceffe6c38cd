// Creating a dialog from the request and the response that establish it (RFC 3261 §12.1).
import { parseNameAddr, type NameAddr } from '../address.ts';
import { parseCSeq } from '../cseq.ts';
import { getHeader, getHeaderValues } from '../headers.ts';
import type { SipRequest, SipResponse } from '../message.ts';
import { parseUri } from '../uri.ts';
import { tagOf } from './dialog-id.ts';
import { Dialog } from './dialog.ts';
import { routeSetFrom, uriOf } from './route-set.ts';

export type DialogResult = { ok: true; dialog: Dialog } | { ok: false; error: string };

function address(message: SipRequest | SipResponse, header: 'From' | 'To'): NameAddr | undefined {
  const parsed = parseNameAddr(getHeader(message, header) ?? '');
  if (!parsed.ok) return undefined;
  return { ...parsed.value, params: parsed.value.params.filter(([name]) => name !== 'tag') };
}

function contactUri(message: SipRequest | SipResponse): string | undefined {
  const contact = getHeaderValues(message, 'Contact')[0];
  return contact === undefined ? undefined : uriOf(contact);
}

/** §12.1.1, §12.1.2: the flag is set when the request went over TLS to a SIPS Request-URI. */
function isSecure(request: SipRequest, overTls: boolean): boolean {
  const uri = parseUri(request.uri);
  return overTls && uri.ok && uri.value.scheme === 'sips';
}

/** The UAC's dialog from its request and a 101-199 (with To tag) or 2xx response (§12.1.2). */
export function createUacDialog(request: SipRequest, response: SipResponse, overTls: boolean): DialogResult {
  if (response.status <= 100 || response.status >= 300)
    return { ok: false, error: `a ${response.status} does not create a dialog (RFC 3261 §12.1)` };
  const callId = getHeader(request, 'Call-ID');
  const localTag = tagOf(request, 'From');
  // §12.1.2: a response without a To tag is treated as if it had an empty remote tag.
  const remoteTag = tagOf(response, 'To') ?? '';
  const cseq = parseCSeq(getHeader(request, 'CSeq') ?? '');
  const localUri = address(request, 'From');
  const remoteUri = address(request, 'To');
  // §12.1.2: the remote target is the Contact of the response.
  const remoteTarget = contactUri(response);
  if (!callId || !localTag || !cseq.ok || !localUri || !remoteUri)
    return { ok: false, error: 'the request lacks Call-ID, From tag, To or CSeq' };
  if (!remoteTarget) return { ok: false, error: 'the response has no usable Contact (RFC 3261 §12.1.2)' };
  const dialog = new Dialog({
    role: 'uac',
    state: response.status < 200 ? 'early' : 'confirmed',
    id: { callId, localTag, remoteTag },
    localUri,
    remoteUri,
    // §12.1.2: local sequence number from the request's CSeq, remote one empty.
    localSeq: cseq.value.seq,
    remoteTarget,
    // §12.1.2: Record-Route of the response, in reverse order.
    routeSet: routeSetFrom(response, 'uac'),
    secure: isSecure(request, overTls),
  });
  return { ok: true, dialog };
}

/** The UAS's dialog from the request and its own 101-199 or 2xx response, which has a To tag (§12.1.1). */
export function createUasDialog(request: SipRequest, response: SipResponse, overTls: boolean): DialogResult {
  if (response.status <= 100 || response.status >= 300)
    return { ok: false, error: `a ${response.status} does not create a dialog (RFC 3261 §12.1)` };
  const callId = getHeader(request, 'Call-ID');
  const localTag = tagOf(response, 'To');
  // §12.1.1: remote tag from From; an RFC 2543 peer may send none (then it is empty).
  const remoteTag = tagOf(request, 'From') ?? '';
  const cseq = parseCSeq(getHeader(request, 'CSeq') ?? '');
  const localUri = address(request, 'To');
  const remoteUri = address(request, 'From');
  // §12.1.1: the remote target is the Contact of the request.
  const remoteTarget = contactUri(request);
  if (!callId || !localTag || !cseq.ok || !localUri || !remoteUri)
    return { ok: false, error: 'the request lacks Call-ID, From, To or CSeq, or the response has no To tag' };
  if (!remoteTarget) return { ok: false, error: 'the request has no usable Contact (RFC 3261 §12.1.1)' };
  const dialog = new Dialog({
    role: 'uas',
    state: response.status < 200 ? 'early' : 'confirmed',
    id: { callId, localTag, remoteTag },
    localUri,
    remoteUri,
    // §12.1.1: remote sequence number from the request's CSeq, local one empty.
    remoteSeq: cseq.value.seq,
    remoteTarget,
    // §12.1.1: Record-Route of the request, in the order received.
    routeSet: routeSetFrom(request, 'uas'),
    secure: isSecure(request, overTls),
  });
  return { ok: true, dialog };
}
