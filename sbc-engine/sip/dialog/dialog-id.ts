// Dialog identifiers (RFC 3261 §12): Call-ID, local tag and remote tag, as each side sees them.
import { parseNameAddr } from '../address.ts';
import { getHeader } from '../headers.ts';
import type { SipMessage } from '../message.ts';
import { getParam } from '../text.ts';

export interface DialogId {
  callId: string;
  localTag: string;
  remoteTag: string;
}

export function dialogKey(id: DialogId): string {
  return `${id.callId}\n${id.localTag}\n${id.remoteTag}`;
}

/** The tag parameter of From or To, if present. */
export function tagOf(message: SipMessage, header: 'From' | 'To'): string | undefined {
  const parsed = parseNameAddr(getHeader(message, header) ?? '');
  if (!parsed.ok) return undefined;
  return getParam(parsed.value.params, 'tag') ?? undefined;
}

/**
 * §12.2.2 / §12.1.1: the UAS sees a request's dialog as (Call-ID, To tag, From tag);
 * undefined outside a dialog (no To tag).
 */
export function dialogIdOfRequest(request: SipMessage): DialogId | undefined {
  const callId = getHeader(request, 'Call-ID');
  const localTag = tagOf(request, 'To');
  const remoteTag = tagOf(request, 'From');
  return callId && localTag && remoteTag ? { callId, localTag, remoteTag } : undefined;
}

/** §12.1.2: the UAC sees a response's dialog as (Call-ID, From tag, To tag). */
export function dialogIdOfResponse(response: SipMessage): DialogId | undefined {
  const callId = getHeader(response, 'Call-ID');
  const localTag = tagOf(response, 'From');
  const remoteTag = tagOf(response, 'To');
  return callId && localTag && remoteTag ? { callId, localTag, remoteTag } : undefined;
}
