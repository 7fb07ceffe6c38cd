// The OPTIONS a probe sends, shaped like an SBC's keepalive (RFC 3261 §11): no user part in the
// Request-URI, a From and Contact with the SBC's FQDN (Teams checks the Contact host against the
// certificate and its configured SBC FQDN), a Via naming the flow it leaves on. Pure: the random
// parts and the local end come in.
import type { SipRequest } from '../sip/message.ts';
import { createRequest } from '../sip/request.ts';
import type { SipTransport } from '../sip/locate/types.ts';
import { setTopViaSentBy } from '../sip/via-stamp.ts';

export interface OptionsSpec {
  requestUri: string;
  transport: SipTransport;
  /** The flow's local end, for Via sent-by (§18.1.1) and, without contactHost, the Contact. */
  local: { address: string; port: number };
  /** The SBC FQDN the peer expects in Contact and From. */
  contactHost?: string;
  contactPort?: number;
  secure: boolean;
  userAgent: string;
  callId: string;
  fromTag: string;
  branch: string;
  cseq: number;
}

function hostText(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function buildOptions(spec: OptionsSpec): SipRequest {
  const scheme = spec.secure ? 'sips' : 'sip';
  const host = hostText(spec.contactHost ?? spec.local.address);
  const port = spec.contactPort ?? spec.local.port;
  const transport = spec.transport === 'udp' || spec.secure ? '' : `;transport=${spec.transport}`;
  const request = createRequest({
    method: 'OPTIONS',
    uri: spec.requestUri,
    from: `<${scheme}:ping@${host}>`,
    // RFC 3261 §8.1.1.2: To is the intended recipient; for a server that is the Request-URI.
    to: `<${spec.requestUri}>`,
    fromTag: spec.fromTag,
    callId: spec.callId,
    cseq: spec.cseq,
    branch: spec.branch,
    contact: `<${scheme}:ping@${host}:${port}${transport}>`,
    headers: [
      { name: 'User-Agent', value: spec.userAgent },
      { name: 'Accept', value: 'application/sdp' },
    ],
  });
  const stamped = setTopViaSentBy(request, spec.transport, spec.local.address, spec.local.port);
  // RFC 3581: over UDP ask for the response to come back to the port we sent from.
  if (spec.transport !== 'udp') return stamped;
  return {
    ...stamped,
    headers: stamped.headers.map((h) => (h.name === 'Via' ? { ...h, value: `${h.value};rport` } : h)),
  };
}
