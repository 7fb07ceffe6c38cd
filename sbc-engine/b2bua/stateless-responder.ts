// Until calls are routed, the engine answers what it can on its own: OPTIONS (the keepalive every
// Teams and carrier trunk sends), the RFC's error answers for bad requests, and a clear refusal
// for methods it does not handle yet. Pure: a request in, the response to send out (the SIP core
// sends it, statelessly for OPTIONS, through a server transaction for the rest).
import { getHeader } from '../sip/headers.ts';
import type { SipHeader, SipRequest, SipResponse } from '../sip/message.ts';
import { createResponse } from '../sip/response.ts';
import { checkRequest } from '../sip/validate.ts';

export const ALLOWED_METHODS = ['OPTIONS'];
export const SUPPORTED_EXTENSIONS: string[] = [];
// RFC 3261 §15.1.2 / §9: requests within a dialog or transaction we do not know.
const NO_SUCH_DIALOG = ['BYE', 'CANCEL', 'PRACK', 'UPDATE', 'INFO', 'NOTIFY'];
// Without a parseable Via, From, To, Call-ID and CSeq no response can be built (RFC 3261 §8.2.6).
const UNANSWERABLE_FIELDS = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];

export interface ResponderContext {
  /** A fresh To tag (injected randomness). */
  newTag: () => string;
  /** Server header value, e.g. "SBC Studio engine 0.1.0". */
  server: string;
  /** Methods for Allow; ALLOWED_METHODS without (no calls layer). */
  allow?: string[];
  /** Option tags for Supported (and accepted in Require); SUPPORTED_EXTENSIONS without. */
  supported?: string[];
}

export type Decision =
  { action: 'reply'; response: SipResponse } | { action: 'ignore' | 'drop'; why: string };

/** What to answer to a request whose top Via is already stamped (see stampTopVia). */
export function decideResponse(request: SipRequest, context: ResponderContext): Decision {
  if (request.method === 'ACK') return { action: 'ignore', why: 'ACK is never answered' };
  const common: SipHeader[] = [{ name: 'Server', value: context.server }];
  const allow = (context.allow ?? ALLOWED_METHODS).join(', ');
  const supported = context.supported ?? SUPPORTED_EXTENSIONS;
  const verdict = checkRequest(request, { supported });
  if (verdict) {
    if (verdict.status === 400 && UNANSWERABLE_FIELDS.includes(verdict.field ?? ''))
      return { action: 'drop', why: verdict.reason };
    const extra: SipHeader[] = [...common];
    if (verdict.unsupported) extra.push({ name: 'Unsupported', value: verdict.unsupported.join(', ') });
    if (verdict.status === 501 || verdict.status === 405) extra.push({ name: 'Allow', value: allow });
    return reply(request, verdict.status, verdict.reason, extra, context);
  }
  if (request.method === 'OPTIONS') {
    // RFC 3261 §11.2: the capabilities a 200 to OPTIONS should list.
    return reply(
      request,
      200,
      'OK',
      [
        ...common,
        { name: 'Allow', value: allow },
        { name: 'Accept', value: 'application/sdp' },
        { name: 'Accept-Encoding', value: 'identity' },
        { name: 'Accept-Language', value: 'en, de' },
        { name: 'Supported', value: supported.join(', ') },
      ],
      context,
    );
  }
  if (NO_SUCH_DIALOG.includes(request.method))
    return reply(request, 481, 'Call/Transaction Does Not Exist', common, context);
  return reply(request, 405, 'Method Not Allowed', [...common, { name: 'Allow', value: allow }], context);
}

function reply(
  request: SipRequest,
  status: number,
  reason: string,
  headers: SipHeader[],
  context: ResponderContext,
): Decision {
  const hasToTag = /;\s*tag=/i.test(getHeader(request, 'To') ?? '');
  return {
    action: 'reply',
    response: createResponse(request, status, reason, {
      headers,
      ...(hasToTag ? {} : { toTag: context.newTag() }),
    }),
  };
}
