// Non-INVITE client transaction, RFC 3261 §17.1.2 (Figure 6).
import type { SipRequest, SipResponse } from '../message.ts';
import { TransactionMachine } from './machine.ts';
import { nextInterval, timerDuration } from './timers.ts';
import type { TransactionOptions, TransactionUser } from './types.ts';

export type ClientNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export class ClientNonInviteTransaction extends TransactionMachine<ClientNonInviteState, SipResponse> {
  protected readonly kind = 'non-INVITE client transaction';
  protected readonly allowed = {
    trying: ['proceeding', 'completed', 'terminated'],
    proceeding: ['completed', 'terminated'],
    completed: ['terminated'],
    terminated: [],
  } as const satisfies Record<ClientNonInviteState, readonly ClientNonInviteState[]>;
  readonly request: SipRequest;
  private started = false;

  constructor(request: SipRequest, user: TransactionUser<SipResponse>, options: TransactionOptions) {
    super('trying', user, options);
    if (request.method === 'INVITE' || request.method === 'ACK')
      throw new Error(`${request.method} does not use a non-INVITE client transaction (RFC 3261 §17.1)`);
    this.request = request;
  }

  /** Sends the request and starts Timers E and F (§17.1.2.2). */
  start(): void {
    if (this.started) throw new Error('the transaction has already started');
    this.started = true;
    const { config, reliable } = this.options;
    const timerE = timerDuration('timerE', config, reliable);
    const timerF = timerDuration('timerF', config, reliable) ?? 64 * config.t1;
    // §17.1.2.2: "trying" begins by passing the request to the transport.
    this.user.send(this.request, 'initial');
    if (this.isTerminated) return;
    // §17.1.2.2: Timer F (64*T1) on every transport ...
    this.startTimer('timerF', timerF, () => this.onTimerF());
    // §17.1.2.2: ... and Timer E (T1) over unreliable ones.
    if (timerE !== null) this.armTimerE(timerE);
  }

  private armTimerE(interval: number): void {
    this.startTimer('timerE', interval, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.user.send(this.request, 'retransmit');
      if (this.isTerminated) return;
      // §17.1.2.2: in "trying" the interval doubles up to T2; in "proceeding" it stays at T2.
      const { t2 } = this.options.config;
      this.armTimerE(this.state === 'trying' ? nextInterval(interval, t2) : t2);
    });
  }

  private onTimerF(): void {
    // §17.1.2.2: Timer F firing in "trying" or "proceeding" is a timeout for the TU.
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.user.onTimeout();
    this.transition('terminated');
  }

  receiveResponse(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') {
      // §17.1.2.2: in "completed" retransmitted responses are absorbed.
      return;
    }
    if (response.status < 200) {
      // §17.1.2.2: a provisional moves "trying" to "proceeding" and goes up to the TU.
      if (this.state === 'trying') this.transition('proceeding');
      this.user.passToUser(response);
      return;
    }
    // §17.1.2.2: a final response (200-699) moves to "completed" and goes up to the TU.
    this.transition('completed');
    this.cancelTimer('timerE');
    this.cancelTimer('timerF');
    this.user.passToUser(response);
    if (this.isTerminated) return;
    const timerK = timerDuration('timerK', this.options.config, this.options.reliable) ?? 0;
    // §17.1.2.2: Timer K (T4 unreliable, 0 reliable) firing in "completed" means "terminated".
    this.startTimer('timerK', timerK, () => this.transition('terminated'));
  }
}
