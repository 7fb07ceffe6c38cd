// INVITE client transaction, RFC 3261 §17.1.1 (Figure 5).
import type { SipRequest, SipResponse } from '../message.ts';
import { buildAckForFailure } from './ack.ts';
import { TransactionMachine } from './machine.ts';
import { nextInterval, timerDuration } from './timers.ts';
import type { TransactionOptions, TransactionUser } from './types.ts';

export type ClientInviteState = 'calling' | 'proceeding' | 'completed' | 'terminated';

export class ClientInviteTransaction extends TransactionMachine<ClientInviteState, SipResponse> {
  protected readonly kind = 'INVITE client transaction';
  protected readonly allowed = {
    calling: ['proceeding', 'completed', 'terminated'],
    proceeding: ['completed', 'terminated'],
    completed: ['terminated'],
    terminated: [],
  } as const satisfies Record<ClientInviteState, readonly ClientInviteState[]>;
  readonly request: SipRequest;
  private ack: SipRequest | undefined;
  private started = false;

  constructor(request: SipRequest, user: TransactionUser<SipResponse>, options: TransactionOptions) {
    super('calling', user, options);
    if (request.method !== 'INVITE')
      throw new Error(`an INVITE client transaction cannot send ${request.method}`);
    this.request = request;
  }

  /** Sends the INVITE and starts Timers A and B (§17.1.1.2). */
  start(): void {
    if (this.started) throw new Error('the transaction has already started');
    this.started = true;
    const { config, reliable } = this.options;
    const timerA = timerDuration('timerA', config, reliable);
    const timerB = timerDuration('timerB', config, reliable) ?? 64 * config.t1;
    // §17.1.1.2: "calling" begins by passing the INVITE to the transport.
    this.user.send(this.request, 'initial');
    if (this.isTerminated) return; // a synchronous transport error ended it
    // §17.1.1.2: over unreliable transports Timer A is set to T1 ...
    if (timerA !== null) this.armTimerA(timerA);
    // §17.1.1.2: ... and on every transport Timer B is set to 64*T1.
    this.startTimer('timerB', timerB, () => this.onTimerB());
  }

  private armTimerA(interval: number): void {
    this.startTimer('timerA', interval, () => {
      // §17.1.1.2: when A fires in "calling", retransmit and restart A at twice the interval.
      if (this.state !== 'calling') return;
      this.user.send(this.request, 'retransmit');
      if (!this.isTerminated) this.armTimerA(nextInterval(interval, null));
    });
  }

  private onTimerB(): void {
    // §17.1.1.2: Timer B firing in "calling" means a timeout for the TU and "terminated".
    if (this.state !== 'calling') return;
    this.user.onTimeout();
    this.transition('terminated');
  }

  receiveResponse(response: SipResponse): void {
    const status = response.status;
    if (this.state === 'calling' || this.state === 'proceeding') {
      if (status < 200) {
        // §17.1.1.2: a provisional in "calling" moves to "proceeding" and stops retransmissions.
        if (this.state === 'calling') this.enterProceeding();
        // §17.1.1.2: provisionals in "proceeding" also go up to the TU.
        this.user.passToUser(response);
      } else if (status < 300) {
        // §17.1.1.2: a 2xx goes to the TU and the transaction terminates; the TU sends the ACK.
        this.user.passToUser(response);
        this.transition('terminated');
      } else {
        this.complete(response);
      }
    } else if (this.state === 'completed' && status >= 300) {
      // §17.1.1.2: a retransmitted final in "completed" is answered with the ACK again, not passed up.
      if (this.ack) this.user.send(this.ack, 'ack');
    }
  }

  private enterProceeding(): void {
    this.transition('proceeding');
    this.cancelTimer('timerA');
    // Figure 5 draws Timer B only from "calling"; after a provisional the TU (or Timer C) decides.
    this.cancelTimer('timerB');
  }

  private complete(response: SipResponse): void {
    // §17.1.1.2: a 300-699 moves to "completed", is passed up and answered with an ACK.
    this.transition('completed');
    this.cancelTimer('timerA');
    this.cancelTimer('timerB');
    this.user.passToUser(response);
    this.ack = buildAckForFailure(this.request, response);
    this.user.send(this.ack, 'ack');
    if (this.isTerminated) return;
    const timerD = timerDuration('timerD', this.options.config, this.options.reliable) ?? 0;
    // §17.1.1.2: Timer D (>= 32 s unreliable, 0 reliable) firing in "completed" means "terminated".
    this.startTimer('timerD', timerD, () => this.transition('terminated'));
  }
}
