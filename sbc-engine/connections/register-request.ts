// The REGISTER a trunk registration sends (RFC 3261 §10.2): To and From are the address of record,
// the Request-URI is the registrar's domain, Contact is where the engine takes calls for it. The
// same Call-ID for every refresh of one binding and a rising CSeq (§10.2.4). Pure.
import type { SipHeader, SipRequest } from '../sip/message.ts';
import { createRequest } from '../sip/request.ts';

export interface RegisterSpec {
  /** sip:registrar-domain */
  registrarUri: string;
  /** sip:user@registrar-domain */
  aor: string;
  /** The full Contact value, e.g. <sip:+4930123@sbc.example.com:5060;transport=tcp>. */
  contact: string;
  expires: number;
  callId: string;
  fromTag: string;
  cseq: number;
  branch: string;
  userAgent: string;
  /** Route to an outbound proxy that is not the registrar (loose routing, RFC 3261 §16.12). */
  route?: string;
  authorization?: { name: string; value: string };
}

export function buildRegister(spec: RegisterSpec): SipRequest {
  const headers: SipHeader[] = [
    ...(spec.route ? [{ name: 'Route', value: spec.route }] : []),
    { name: 'Expires', value: String(spec.expires) },
    { name: 'User-Agent', value: spec.userAgent },
    { name: 'Allow', value: 'OPTIONS' },
    ...(spec.authorization ? [{ name: spec.authorization.name, value: spec.authorization.value }] : []),
  ];
  return createRequest({
    method: 'REGISTER',
    uri: spec.registrarUri,
    from: `<${spec.aor}>`,
    to: `<${spec.aor}>`,
    fromTag: spec.fromTag,
    callId: spec.callId,
    cseq: spec.cseq,
    branch: spec.branch,
    contact: spec.contact,
    headers,
  });
}

/** IPv6 addresses go into URIs in brackets (RFC 3261 §25.1 IPv6reference). */
export function uriHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
