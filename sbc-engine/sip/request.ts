// A request outside any dialog (RFC 3261 §8.1.1): the mandatory header fields, with the random
// parts (tag, Call-ID, branch) handed in so the function stays pure and testable.
import type { SipHeader, SipRequest } from './message.ts';
import { BRANCH_COOKIE } from './via.ts';

export interface NewRequest {
  method: string;
  uri: string;
  /** name-addr of the sender, without tag. */
  from: string;
  to: string;
  fromTag: string;
  callId: string;
  cseq: number;
  /** Random part of the branch; the magic cookie is added here (RFC 3261 §8.1.1.7). */
  branch: string;
  contact?: string;
  headers?: SipHeader[];
  body?: Uint8Array;
  contentType?: string;
}

export function createRequest(spec: NewRequest): SipRequest {
  const body = spec.body ?? new Uint8Array(0);
  const headers: SipHeader[] = [
    // The transport fills in sent-protocol and sent-by when it picks the flow (§18.1.1).
    { name: 'Via', value: `SIP/2.0/UDP 0.0.0.0;branch=${BRANCH_COOKIE}${spec.branch}` },
    { name: 'Max-Forwards', value: '70' },
    { name: 'From', value: `${spec.from};tag=${spec.fromTag}` },
    { name: 'To', value: spec.to },
    { name: 'Call-ID', value: spec.callId },
    { name: 'CSeq', value: `${spec.cseq} ${spec.method}` },
    ...(spec.contact ? [{ name: 'Contact', value: spec.contact }] : []),
    ...(spec.headers ?? []),
    ...(body.length && spec.contentType ? [{ name: 'Content-Type', value: spec.contentType }] : []),
    { name: 'Content-Length', value: String(body.length) },
  ];
  return { type: 'request', method: spec.method, uri: spec.uri, version: 'SIP/2.0', headers, body };
}
