// The OPTIONS keepalive toward one target, shaped the way Teams asks (providers.md): sent to the
// configured name, Request-URI without a user part (sip:sip.pstnhub.microsoft.com:5061;transport=tls),
// From and Contact with the SBC FQDN and the port the SBC listens on, `transport=tls` in Contact
// over TLS (deprecated by RFC 5630 but required by Teams). Pure.
import type { SipRequest } from '../sip/message.ts';
import { createRequest } from '../sip/request.ts';
import { uriHost } from './register-request.ts';

export interface KeepaliveTarget {
  host: string;
  port: number | null;
  transport: 'udp' | 'tcp' | 'tls';
}

export interface KeepaliveSpec {
  target: KeepaliveTarget;
  /** The SBC FQDN, or the local address of the flow when none is set. */
  contactHost: string;
  /** The port the SBC listens on for this transport, or the flow's local port. */
  contactPort: number;
  userAgent: string;
  callId: string;
  fromTag: string;
  branch: string;
}

function transportParam(transport: KeepaliveTarget['transport']): string {
  return transport === 'udp' ? '' : `;transport=${transport}`;
}

/** sip:host[:port][;transport=tcp|tls]: how a target is written in a Request-URI. */
export function targetUri(target: KeepaliveTarget): string {
  const port = target.port === null ? '' : `:${target.port}`;
  return `sip:${uriHost(target.host)}${port}${transportParam(target.transport)}`;
}

export function buildKeepalive(spec: KeepaliveSpec): SipRequest {
  const uri = targetUri(spec.target);
  const host = uriHost(spec.contactHost);
  const request = createRequest({
    method: 'OPTIONS',
    uri,
    from: `<sip:ping@${host}>`,
    // RFC 3261 §8.1.1.2: To is the intended recipient; for a server that is the Request-URI.
    to: `<${uri}>`,
    fromTag: spec.fromTag,
    callId: spec.callId,
    cseq: 1,
    branch: spec.branch,
    contact: `<sip:ping@${host}:${spec.contactPort}${transportParam(spec.target.transport)}>`,
    headers: [
      { name: 'User-Agent', value: spec.userAgent },
      { name: 'Accept', value: 'application/sdp' },
    ],
  });
  if (spec.target.transport !== 'udp') return request;
  // RFC 3581: over UDP the answer comes back to the port the request left from.
  return {
    ...request,
    headers: request.headers.map((h) => (h.name === 'Via' ? { ...h, value: `${h.value};rport` } : h)),
  };
}
