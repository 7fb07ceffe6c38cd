// The INVITE of the b leg: a new dialog toward the target (own Call-ID, From tag, Via, Contact),
// the translated numbers, the header fields that cross (header-rules.ts) and the SDP as the target
// connection's rules want it. Pure: everything random or configured comes in.
import { parseNameAddr } from '../sip/address.ts';
import { getHeader } from '../sip/headers.ts';
import type { SipRequest } from '../sip/message.ts';
import { createRequest } from '../sip/request.ts';
import { isSipUri, parseUri } from '../sip/uri.ts';
import type { Attempt } from './failover.ts';
import { crossingHeaders, hostText } from './header-rules.ts';

export interface OutboundInviteSpec {
  inbound: SipRequest;
  attempt: Attempt;
  called: string;
  calling: string;
  callId: string;
  fromTag: string;
  /** Random part of the top Via branch. */
  branch: string;
  /** Our Contact toward the target (name-addr). */
  contact: string;
  fqdn: string | null;
  /** The listener address, for hosts when there is no FQDN. */
  localHost: string;
  xMsSbc: string;
  userAgent: string;
  allow: readonly string[];
  /** The SDP (already rewritten for the target) or an empty body. */
  body: Uint8Array;
  contentType: string | undefined;
}

/** A user part as RFC 3261 §25.1 allows it; anything else %-escaped. */
export function uriUser(user: string): string {
  return user.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

function hostOf(nameAddr: string | undefined): string | undefined {
  const parsed = parseNameAddr(nameAddr ?? '');
  if (!parsed.ok) return undefined;
  const uri = parseUri(parsed.value.uri);
  return uri.ok && isSipUri(uri.value) ? uri.value.host : undefined;
}

/** sip:called@target[:port][;transport=tcp|tls], the form Teams expects (providers.md). */
export function targetRequestUri(called: string, target: Attempt['target']): string {
  const port = target.port === null ? '' : `:${target.port}`;
  const transport = target.transport === 'udp' ? '' : `;transport=${target.transport}`;
  return `sip:${uriUser(called)}@${hostText(target.host)}${port}${transport}`;
}

export function buildOutboundInvite(spec: OutboundInviteSpec): SipRequest {
  const { attempt, inbound } = spec;
  const rules = attempt.connection.headers;
  const uri = targetRequestUri(spec.called, attempt.target);
  const toHost = rules.toHost ?? attempt.target.host;
  const from = parseNameAddr(getHeader(inbound, 'From') ?? '');
  const display = from.ok ? from.value.displayName : undefined;
  const ownHost = spec.fqdn ?? spec.localHost;
  const fromHost = rules.fqdnInFrom ? ownHost : (hostOf(getHeader(inbound, 'From')) ?? ownHost);
  const displayText = display === undefined ? '' : `"${display.replace(/(["\\])/g, '\\$1')}" `;
  const inboundHops = Number(getHeader(inbound, 'Max-Forwards') ?? '70');
  const maxForwards = Math.max(0, Math.min(70, Number.isFinite(inboundHops) ? inboundHops - 1 : 69));
  const request = createRequest({
    method: 'INVITE',
    uri,
    from: `${displayText}<sip:${uriUser(spec.calling)}@${hostText(fromHost)}>`,
    to: `<sip:${uriUser(spec.called)}@${hostText(toHost)}>`,
    fromTag: spec.fromTag,
    callId: spec.callId,
    cseq: 1,
    branch: spec.branch,
    contact: spec.contact,
    headers: [
      { name: 'Allow', value: spec.allow.join(', ') },
      { name: 'User-Agent', value: spec.userAgent },
      ...crossingHeaders(inbound, {
        rules,
        fqdn: spec.fqdn,
        localHost: spec.localHost,
        xMsSbc: spec.xMsSbc,
        numberBlock: attempt.connection.numberBlock,
        calling: spec.calling,
        requestUri: uri,
      }),
    ],
    body: spec.body,
    ...(spec.contentType ? { contentType: spec.contentType } : {}),
  });
  return {
    ...request,
    headers: request.headers.map((h) =>
      h.name === 'Max-Forwards' ? { ...h, value: String(maxForwards) } : h,
    ),
  };
}
