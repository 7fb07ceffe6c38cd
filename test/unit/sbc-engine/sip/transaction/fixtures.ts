// Messages and recording doubles shared by the transaction and dialog tests.
import type {
  SipHeader,
  SipMessage,
  SipRequest,
  SipResponse,
} from '../../../../../sbc-engine/sip/message.ts';
import { createResponse } from '../../../../../sbc-engine/sip/response.ts';
import type { TimerHost } from '../../../../../sbc-engine/sip/transaction/clock.ts';
import { timerConfig } from '../../../../../sbc-engine/sip/transaction/timers.ts';
import type {
  SendReason,
  TransactionOptions,
  TransactionUser,
} from '../../../../../sbc-engine/sip/transaction/types.ts';

export interface RequestSpec {
  transport?: string;
  branch?: string;
  sentBy?: string;
  cseq?: number;
  uri?: string;
  toTag?: string;
  contact?: string;
  headers?: SipHeader[];
}

export function makeRequest(method: string, spec: RequestSpec = {}): SipRequest {
  const transport = spec.transport ?? 'UDP';
  const cseqMethod = method === 'ACK' && spec.cseq === undefined ? 'ACK' : method;
  return {
    type: 'request',
    method,
    uri: spec.uri ?? 'sip:bob@biloxi.example.com',
    version: 'SIP/2.0',
    headers: [
      {
        name: 'Via',
        value: `SIP/2.0/${transport} ${spec.sentBy ?? 'pc33.atlanta.example.com:5060'};branch=${spec.branch ?? 'z9hG4bK776asdhds'}`,
      },
      { name: 'Max-Forwards', value: '70' },
      { name: 'To', value: `Bob <sip:bob@biloxi.example.com>${spec.toTag ? `;tag=${spec.toTag}` : ''}` },
      { name: 'From', value: 'Alice <sip:alice@atlanta.example.com>;tag=1928301774' },
      { name: 'Call-ID', value: 'a84b4c76e66710@pc33.atlanta.example.com' },
      { name: 'CSeq', value: `${spec.cseq ?? 314159} ${cseqMethod}` },
      { name: 'Contact', value: spec.contact ?? '<sip:alice@pc33.atlanta.example.com>' },
      ...(spec.headers ?? []),
      { name: 'Content-Length', value: '0' },
    ],
    body: new Uint8Array(0),
  };
}

export function makeResponse(
  request: SipRequest,
  status: number,
  reason = 'Reason',
  toTag = 'a6c85cf',
): SipResponse {
  return createResponse(request, status, reason, { toTag });
}

export interface Sent {
  at: number;
  message: SipMessage;
  reason: SendReason;
}

/** A TransactionUser that records what the transaction asked for, with the time it asked. */
export class RecordingUser<In extends SipMessage> implements TransactionUser<In> {
  readonly sent: Sent[] = [];
  readonly passed: In[] = [];
  readonly events: { at: number; event: 'timeout' | 'transport-error' | 'terminated' }[] = [];
  private readonly host: TimerHost;
  /** Set to make the next send fail the way a transport reports it. */
  onSend: ((message: SipMessage) => void) | undefined;

  constructor(host: TimerHost) {
    this.host = host;
  }

  send(message: SipMessage, reason: SendReason): void {
    this.sent.push({ at: this.host.now(), message, reason });
    this.onSend?.(message);
  }
  passToUser(message: In): void {
    this.passed.push(message);
  }
  onTimeout(): void {
    this.events.push({ at: this.host.now(), event: 'timeout' });
  }
  onTransportError(): void {
    this.events.push({ at: this.host.now(), event: 'transport-error' });
  }
  onTerminated(): void {
    this.events.push({ at: this.host.now(), event: 'terminated' });
  }

  sendTimes(reason?: SendReason): number[] {
    return this.sent.filter((s) => reason === undefined || s.reason === reason).map((s) => s.at);
  }
  eventAt(event: 'timeout' | 'transport-error' | 'terminated'): number | undefined {
    return this.events.find((e) => e.event === event)?.at;
  }
}

export function options(host: TimerHost, transport: string): TransactionOptions {
  return { timers: host, config: timerConfig(), reliable: transport !== 'UDP' };
}
