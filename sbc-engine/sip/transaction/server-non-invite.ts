// Non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8).
import type { SipRequest, SipResponse } from '../message.ts';
import { TransactionMachine } from './machine.ts';
import { timerDuration } from './timers.ts';
import type { TransactionOptions, TransactionUser } from './types.ts';

export type ServerNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export class ServerNonInviteTransaction extends TransactionMachine<ServerNonInviteState, SipRequest> {
  protected readonly kind = 'non-INVITE server transaction';
  protected readonly allowed = {
    trying: ['proceeding', 'completed', 'terminated'],
    proceeding: ['completed', 'terminated'],
    completed: ['terminated'],
    terminated: [],
  } as const satisfies Record<ServerNonInviteState, readonly ServerNonInviteState[]>;
  readonly request: SipRequest;
  private lastResponse: SipResponse | undefined;
  private started = false;

  constructor(request: SipRequest, user: TransactionUser<SipRequest>, options: TransactionOptions) {
    super('trying', user, options);
    if (request.method === 'INVITE' || request.method === 'ACK')
      throw new Error(`${request.method} does not use a non-INVITE server transaction (RFC 3261 §17.2)`);
    this.request = request;
  }

  get response(): SipResponse | undefined {
    return this.lastResponse;
  }

  start(): void {
    if (this.started) throw new Error('the transaction has already started');
    this.started = true;
    // §17.2.2: the transaction starts in "trying" and passes the request to the TU.
    this.user.passToUser(this.request);
  }

  /** A retransmission of the request. */
  receiveRequest(_request: SipRequest): void {
    // §17.2.2: retransmissions in "trying" are discarded (there is nothing to resend yet).
    if (this.state === 'trying' || this.state === 'terminated' || !this.lastResponse) return;
    // §17.2.2: in "proceeding" and "completed" a retransmission gets the last response again.
    this.user.send(this.lastResponse, 'retransmit');
  }

  /** A response from the TU; false when the RFC says to discard it. */
  sendResponse(response: SipResponse): boolean {
    if (this.state === 'completed' || this.state === 'terminated') {
      // §17.2.2: further final responses from the TU in "completed" are discarded.
      return false;
    }
    this.lastResponse = response;
    if (response.status < 200) {
      // §17.2.2: a provisional moves "trying" to "proceeding"; more provisionals stay there.
      if (this.state === 'trying') this.transition('proceeding');
      this.user.send(response, 'initial');
      return true;
    }
    // §17.2.2: a final response moves to "completed" and starts Timer J.
    this.transition('completed');
    this.user.send(response, 'initial');
    if (this.isTerminated) return true;
    const timerJ = timerDuration('timerJ', this.options.config, this.options.reliable) ?? 0;
    // §17.2.2: Timer J (64*T1 unreliable, 0 reliable) firing in "completed" means "terminated".
    this.startTimer('timerJ', timerJ, () => this.transition('terminated'));
    return true;
  }
}
