// Dialog state, RFC 3261 §12: identifiers, sequence numbers, route set, remote target, secure flag;
// building requests inside the dialog (§12.2.1.1) and checking those received (§12.2.2).
import { formatNameAddr, type NameAddr } from '../address.ts';
import { MAX_CSEQ, parseCSeq } from '../cseq.ts';
import { getHeader, getHeaderValues } from '../headers.ts';
import type { SipHeader, SipRequest, SipResponse } from '../message.ts';
import { IllegalTransitionError } from '../transaction/machine.ts';
import { dialogKey, type DialogId } from './dialog-id.ts';
import { routeSetFrom, targetFor, uriOf } from './route-set.ts';

export type DialogState = 'early' | 'confirmed' | 'terminated';
export type DialogRole = 'uac' | 'uas';

const ALLOWED: Readonly<Record<DialogState, readonly DialogState[]>> = {
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

/** §12.2.1.2, RFC 3311: requests whose Contact replaces the remote target. */
const TARGET_REFRESH = new Set(['INVITE', 'UPDATE']);

export interface DialogInit {
  role: DialogRole;
  state: 'early' | 'confirmed';
  id: DialogId;
  /** Without tags; the dialog adds them. */
  localUri: NameAddr;
  remoteUri: NameAddr;
  localSeq?: number;
  remoteSeq?: number;
  remoteTarget: string;
  routeSet: string[];
  secure: boolean;
}

export interface InDialogOptions {
  /** The top Via with a fresh branch; the transport layer knows the sent-by. */
  via?: string;
  /** Our Contact, needed on target refresh requests (§12.2.1.1). */
  contact?: string;
  headers?: SipHeader[];
  body?: Uint8Array;
  contentType?: string;
  /** First CSeq when the local sequence number is still empty (a UAS's first request, §12.2.1.1). */
  initialSeq?: number;
}

export type RequestCheck = { ok: true } | { ok: false; status: 400 | 500; reason: string };

export class Dialog {
  readonly role: DialogRole;
  readonly id: DialogId;
  readonly localUri: NameAddr;
  readonly remoteUri: NameAddr;
  readonly secure: boolean;
  localSeq: number | undefined;
  remoteSeq: number | undefined;
  remoteTarget: string;
  routeSet: string[];
  private current: DialogState;

  constructor(init: DialogInit) {
    this.role = init.role;
    this.current = init.state;
    this.id = { ...init.id };
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = [...init.routeSet];
    this.secure = init.secure;
  }

  get state(): DialogState {
    return this.current;
  }

  get key(): string {
    return dialogKey(this.id);
  }

  transition(to: DialogState): void {
    if (!ALLOWED[this.current].includes(to)) throw new IllegalTransitionError('dialog', this.current, to);
    this.current = to;
  }

  /** §12.2.1.1: a new request inside the dialog, with the local CSeq incremented by one. */
  createRequest(method: string, options: InDialogOptions = {}): SipRequest {
    if (method === 'ACK' || method === 'CANCEL')
      throw new Error(
        `${method} takes the CSeq of the request it refers to; use createAck (§13.2.2.4, §9.1)`,
      );
    if (this.current === 'terminated') throw new Error('the dialog has terminated');
    const seq = this.localSeq === undefined ? (options.initialSeq ?? 1) : this.localSeq + 1;
    if (!Number.isInteger(seq) || seq < 0 || seq > MAX_CSEQ)
      throw new RangeError('the CSeq would leave 0..2^31-1');
    this.localSeq = seq;
    return this.build(method, seq, options);
  }

  /** §13.2.2.4: the ACK for a 2xx carries the INVITE's CSeq number. */
  createAck(inviteSeq: number, options: InDialogOptions = {}): SipRequest {
    return this.build('ACK', inviteSeq, options);
  }

  private build(method: string, seq: number, options: InDialogOptions): SipRequest {
    const target = targetFor(this.remoteTarget, this.routeSet);
    const body = options.body ?? new Uint8Array(0);
    const headers: SipHeader[] = [
      ...(options.via ? [{ name: 'Via', value: options.via }] : []),
      { name: 'Max-Forwards', value: '70' },
      // §12.2.1.1: From = local URI + local tag, To = remote URI + remote tag, the dialog's Call-ID.
      { name: 'From', value: withTag(this.localUri, this.id.localTag) },
      { name: 'To', value: withTag(this.remoteUri, this.id.remoteTag) },
      { name: 'Call-ID', value: this.id.callId },
      { name: 'CSeq', value: `${seq} ${method}` },
      ...target.route.map((value) => ({ name: 'Route', value })),
      ...(options.contact ? [{ name: 'Contact', value: options.contact }] : []),
      ...(options.headers ?? []),
      ...(body.length && options.contentType ? [{ name: 'Content-Type', value: options.contentType }] : []),
      { name: 'Content-Length', value: String(body.length) },
    ];
    return { type: 'request', method, uri: target.requestUri, version: 'SIP/2.0', headers, body };
  }

  /** §12.2.2: checks a request that matched this dialog and takes over its CSeq and Contact. */
  receiveRequest(request: SipRequest): RequestCheck {
    const cseq = parseCSeq(getHeader(request, 'CSeq') ?? '');
    if (!cseq.ok) return { ok: false, status: 400, reason: cseq.error };
    const seq = cseq.value.seq;
    // §12.2.2: a number lower than the remote sequence number is out of order: 500.
    if (this.remoteSeq !== undefined && seq < this.remoteSeq) {
      return { ok: false, status: 500, reason: `CSeq ${seq} is lower than ${this.remoteSeq} (out of order)` };
    }
    // §12.2.2: an empty remote sequence number takes the request's; a higher one replaces it.
    // ACK and CANCEL repeat the INVITE's number, which is not lower, so they pass unchanged.
    if (request.method !== 'ACK' && request.method !== 'CANCEL') this.remoteSeq = seq;
    // §12.2.2: a target refresh request replaces the remote target with its Contact.
    if (TARGET_REFRESH.has(request.method)) this.refreshTarget(request);
    return { ok: true };
  }

  /** The UAC side: a response to a request of this dialog (§12.1.2, §12.2.1.2, §12.3, §13.2.2.4). */
  receiveResponse(response: SipResponse, method: string): void {
    if (this.current === 'terminated') return;
    const status = response.status;
    if (method === 'INVITE' && this.current === 'early') {
      if (status >= 200 && status < 300) {
        // §13.2.2.4: a 2xx confirms the early dialog and the route set is recomputed from it.
        this.transition('confirmed');
        this.routeSet = routeSetFrom(response, this.role);
        this.refreshTarget(response);
      } else if (status >= 300) {
        // §12.3: a non-2xx final response ends the early dialogs it created.
        this.transition('terminated');
      } else {
        this.refreshTarget(response);
      }
      return;
    }
    // §12.2.1.2: 481 or 408 to a request inside the dialog ends it.
    if (status === 481 || status === 408) {
      this.transition('terminated');
      return;
    }
    // §12.2.1.2: a 2xx to a target refresh replaces the remote target with its Contact.
    if (status >= 200 && status < 300 && TARGET_REFRESH.has(method)) this.refreshTarget(response);
  }

  private refreshTarget(message: SipRequest | SipResponse): void {
    const contact = getHeaderValues(message, 'Contact')[0];
    const uri = contact === undefined ? undefined : uriOf(contact);
    if (uri) this.remoteTarget = uri;
  }
}

function withTag(address: NameAddr, tag: string): string {
  return formatNameAddr({
    ...address,
    params: [...address.params.filter(([n]) => n !== 'tag'), ['tag', tag]],
  });
}
