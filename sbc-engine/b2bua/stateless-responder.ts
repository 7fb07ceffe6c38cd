// Until calls are routed, the engine answers what it can on its own: OPTIONS (the keepalive every
// Teams and carrier trunk sends), the RFC's error answers for bad requests, and a clear refusal
// for methods it does not handle yet. Pure: a request in, the response to send out.
import { getHeader } from '../sip/headers.ts';
import type { SipHeader, SipRequest, SipResponse } from '../sip/message.ts';
import { parseMessage } from '../sip/parser.ts';
import { createResponse } from '../sip/response.ts';
import { serializeMessage } from '../sip/serializer.ts';
import { checkRequest } from '../sip/validate.ts';
import { stampTopVia, type PeerAddress } from '../sip/via-stamp.ts';

export const ALLOWED_METHODS = ['OPTIONS'];
export const SUPPORTED_EXTENSIONS: string[] = [];
// RFC 3261 §15.1.2 / §9: requests within a dialog or transaction we do not know.
const NO_SUCH_DIALOG = ['BYE', 'CANCEL', 'PRACK', 'UPDATE', 'INFO', 'NOTIFY'];
// Without a parseable Via, From, To, Call-ID and CSeq no response can be built (RFC 3261 §8.2.6).
const UNANSWERABLE_FIELDS = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];

export interface ResponderContext {
  transport: 'udp' | 'tcp' | 'tls';
  source: PeerAddress;
  /** A fresh To tag (injected randomness). */
  newTag: () => string;
  /** Server header value, e.g. "SBC Studio engine 0.1.0". */
  server: string;
}

export type Decision =
  { action: 'reply'; response: SipResponse } | { action: 'ignore' | 'drop'; why: string };

export type ResponderOutcome =
  | { action: 'reply'; bytes: Buffer; status: number; method: string }
  | { action: 'ignore'; why: string }
  | { action: 'drop'; why: string };

/** What to answer to a request whose top Via is already stamped (see stampTopVia). */
export function decideResponse(
  request: SipRequest,
  context: Pick<ResponderContext, 'newTag' | 'server'>,
): Decision {
  if (request.method === 'ACK') return { action: 'ignore', why: 'ACK is never answered' };
  const common: SipHeader[] = [{ name: 'Server', value: context.server }];
  const verdict = checkRequest(request, { supported: SUPPORTED_EXTENSIONS });
  if (verdict) {
    if (verdict.status === 400 && UNANSWERABLE_FIELDS.includes(verdict.field ?? ''))
      return { action: 'drop', why: verdict.reason };
    const extra: SipHeader[] = [...common];
    if (verdict.unsupported) extra.push({ name: 'Unsupported', value: verdict.unsupported.join(', ') });
    if (verdict.status === 501 || verdict.status === 405)
      extra.push({ name: 'Allow', value: ALLOWED_METHODS.join(', ') });
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
        { name: 'Allow', value: ALLOWED_METHODS.join(', ') },
        { name: 'Accept', value: 'application/sdp' },
        { name: 'Accept-Encoding', value: 'identity' },
        { name: 'Accept-Language', value: 'en, de' },
        { name: 'Supported', value: SUPPORTED_EXTENSIONS.join(', ') },
      ],
      context,
    );
  }
  if (NO_SUCH_DIALOG.includes(request.method))
    return reply(request, 481, 'Call/Transaction Does Not Exist', common, context);
  return reply(
    request,
    405,
    'Method Not Allowed',
    [...common, { name: 'Allow', value: ALLOWED_METHODS.join(', ') }],
    context,
  );
}

/** The whole stateless path: bytes of a request in, bytes of its response out. */
export function respondStatelessly(bytes: Buffer, context: ResponderContext): ResponderOutcome {
  const parsed = parseMessage(bytes, { transport: context.transport === 'udp' ? 'datagram' : 'stream' });
  // A message we cannot parse cannot be answered: there is no trustworthy Via to answer to.
  if (!parsed.ok) return { action: 'drop', why: `line ${parsed.error.line}: ${parsed.error.reason}` };
  const message = parsed.message;
  if (message.type === 'response')
    return { action: 'ignore', why: `a ${message.status} response outside any transaction` };
  const request = stampTopVia(message, context.source);
  const decision = decideResponse(request, context);
  if (decision.action !== 'reply') return decision;
  return {
    action: 'reply',
    bytes: serializeMessage(decision.response),
    status: decision.response.status,
    method: request.method,
  };
}

function reply(
  request: SipRequest,
  status: number,
  reason: string,
  headers: SipHeader[],
  context: Pick<ResponderContext, 'newTag'>,
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
