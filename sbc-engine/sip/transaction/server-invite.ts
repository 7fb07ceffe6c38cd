// INVITE server transaction, RFC 3261 §17.2.1 (Figure 7).
import type { SipRequest, SipResponse } from '../message.ts';
import { createResponse } from '../response.ts';
import { TransactionMachine } from './machine.ts';
import { nextInterval, timerDuration } from './timers.ts';
import type { TransactionOptions, TransactionUser } from './types.ts';

export type ServerInviteState = 'proceeding' | 'completed' | 'confirmed' | 'terminated';

export interface ServerInviteOptions extends TransactionOptions {
  /** Send 100 Trying at once; off only when the TU answers within 200 ms itself (§17.2.1). */
  sendTrying?: boolean;
}

export class ServerInviteTransaction extends TransactionMachine<ServerInviteState, SipRequest> {
  protected readonly kind = 'INVITE server transaction';
  protected readonly allowed = {
    proceeding: ['completed', 'terminated'],
    completed: ['confirmed', 'terminated'],
    confirmed: ['terminated'],
    terminated: [],
  } as const satisfies Record<ServerInviteState, readonly ServerInviteState[]>;
  readonly request: SipRequest;
  private lastResponse: SipResponse | undefined;
  private readonly sendTrying: boolean;
  private started = false;

  constructor(request: SipRequest, user: TransactionUser<SipRequest>, options: ServerInviteOptions) {
    super('proceeding', user, options);
    if (request.method !== 'INVITE')
      throw new Error(`an INVITE server transaction cannot take ${request.method}`);
    this.request = request;
    this.sendTrying = options.sendTrying ?? true;
  }

  /** The response most recently sent, which a retransmitted INVITE gets again. */
  get response(): SipResponse | undefined {
    return this.lastResponse;
  }

  start(): void {
    if (this.started) throw new Error('the transaction has already started');
    this.started = true;
    if (this.sendTrying) {
      // §17.2.1: the server transaction itself answers 100 (Trying) unless the TU will answer soon.
      this.lastResponse = createResponse(this.request, 100, 'Trying');
      this.user.send(this.lastResponse, 'initial');
      if (this.isTerminated) return;
    }
    // §17.2.1: the request is passed to the TU.
    this.user.passToUser(this.request);
  }

  /** A retransmitted INVITE, or the ACK for a non-2xx final response (§17.2.1). */
  receiveRequest(request: SipRequest): void {
    if (request.method === 'INVITE') {
      // §17.2.1: a retransmission in "proceeding" or "completed" gets the most recent response again.
      if ((this.state === 'proceeding' || this.state === 'completed') && this.lastResponse)
        this.user.send(this.lastResponse, 'retransmit');
      return;
    }
    if (request.method !== 'ACK')
      throw new Error(`${request.method} does not belong to an INVITE transaction`);
    if (this.state !== 'completed') {
      // §17.2.1: further ACKs in "confirmed" are absorbed.
      return;
    }
    // §17.2.1: an ACK in "completed" moves to "confirmed", stops Timer G and starts Timer I.
    this.transition('confirmed');
    this.cancelTimer('timerG');
    this.cancelTimer('timerH');
    const timerI = timerDuration('timerI', this.options.config, this.options.reliable) ?? 0;
    // §17.2.1: Timer I firing in "confirmed" means "terminated".
    this.startTimer('timerI', timerI, () => this.transition('terminated'));
  }

  /** A response from the TU. */
  sendResponse(response: SipResponse): void {
    if (this.state !== 'proceeding')
      throw new Error(`an INVITE server transaction in "${this.state}" cannot send a ${response.status}`);
    this.lastResponse = response;
    if (response.status < 200) {
      // §17.2.1: provisionals from the TU go out and the state stays "proceeding".
      this.user.send(response, 'initial');
    } else if (response.status < 300) {
      // §17.2.1: a 2xx goes out and the transaction terminates; the TU retransmits it (§13.3.1.4).
      this.user.send(response, 'initial');
      if (!this.isTerminated) this.transition('terminated');
    } else {
      // §17.2.1: a 300-699 goes out and the state becomes "completed".
      this.transition('completed');
      this.user.send(response, 'initial');
      if (this.isTerminated) return;
      const { config, reliable } = this.options;
      const timerG = timerDuration('timerG', config, reliable);
      // §17.2.1: Timer G (T1) over unreliable transports, Timer H (64*T1) always.
      if (timerG !== null) this.armTimerG(timerG);
      this.startTimer('timerH', timerDuration('timerH', config, reliable) ?? 64 * config.t1, () =>
        this.onTimerH(),
      );
    }
  }

  private armTimerG(interval: number): void {
    this.startTimer('timerG', interval, () => {
      // §17.2.1: when G fires, resend the final response and double G up to T2.
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.user.send(this.lastResponse, 'retransmit');
      if (!this.isTerminated) this.armTimerG(nextInterval(interval, this.options.config.t2));
    });
  }

  private onTimerH(): void {
    // §17.2.1: Timer H firing in "completed" means the ACK never came: "terminated", tell the TU.
    if (this.state !== 'completed') return;
    this.user.onTimeout();
    this.transition('terminated');
  }
}
