// One OPTIONS through an RFC 3261 non-INVITE client transaction (§17.1.2): retransmitted by Timer E
// over UDP (an unanswered request goes out 11 times in 32 s), ended by Timer F, or earlier by the
// probe's own deadline. Pure: the channel and the clock are injected, so a test drives the
// schedule with FakeTimerHost and no socket.
import type { SipRequest, SipResponse } from '../sip/message.ts';
import { serializeMessage } from '../sip/serializer.ts';
import { ClientNonInviteTransaction } from '../sip/transaction/client-non-invite.ts';
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';
import { clientKeyOfRequest, clientKeyOfResponse } from '../sip/transaction/keys.ts';
import { isReliableTransport, timerConfig, type TimerConfig } from '../sip/transaction/timers.ts';
import type { SipTransport } from '../sip/locate/types.ts';

/** The way to the peer: a connected UDP socket or a TCP/TLS connection. */
export interface ProbeChannel {
  transport: SipTransport;
  /** Errors after the bytes left (ICMP, a reset) come back through onError. */
  send(bytes: Buffer, onError: (failure: ChannelFailure) => void): void;
}

export interface ChannelFailure {
  /** Node's error code (ECONNREFUSED, ERR_SSL_...), when there is one. */
  code?: string;
  detail: string;
}

export type ExchangeOutcome =
  | { kind: 'response'; response: SipResponse; rttMs: number; sends: number }
  | { kind: 'timeout'; elapsedMs: number; sends: number }
  | { kind: 'failure'; failure: ChannelFailure; sends: number };

export interface ExchangeOptions {
  timers: TimerHost;
  /** The probe gives up after this long even if Timer F (64*T1) has not fired yet. */
  deadlineMs?: number;
  config?: Partial<TimerConfig>;
}

/** A TimerHost whose timers can all be cancelled at once when the exchange is over. */
function scoped(host: TimerHost): TimerHost & { cancelAll(): void } {
  const live = new Map<number, TimerHandle>();
  return {
    now: () => host.now(),
    start(name, ms, callback) {
      const handle = host.start(name, ms, () => {
        live.delete(handle.id);
        callback();
      });
      live.set(handle.id, handle);
      return handle;
    },
    cancel(handle) {
      live.delete(handle.id);
      host.cancel(handle);
    },
    cancelAll() {
      for (const handle of live.values()) host.cancel(handle);
      live.clear();
    },
  };
}

export class OptionsExchange {
  readonly request: SipRequest;
  private readonly channel: ProbeChannel;
  private readonly timers: ReturnType<typeof scoped>;
  private readonly options: ExchangeOptions;
  private readonly key: string;
  private transaction: ClientNonInviteTransaction | undefined;
  private started = 0;
  private sends = 0;
  private done: ((outcome: ExchangeOutcome) => void) | undefined;
  private outcome: ExchangeOutcome | undefined;

  constructor(request: SipRequest, channel: ProbeChannel, options: ExchangeOptions) {
    const key = clientKeyOfRequest(request);
    if (!key.ok) throw new Error(`[diag] the OPTIONS cannot be sent: ${key.error}`);
    this.key = key.key;
    this.request = request;
    this.channel = channel;
    this.options = options;
    this.timers = scoped(options.timers);
  }

  /** Sends the request and settles on the final response, a timeout or a channel failure. */
  run(): Promise<ExchangeOutcome> {
    if (this.transaction) throw new Error('[diag] the exchange has already started');
    const result = new Promise<ExchangeOutcome>((resolve) => (this.done = resolve));
    const reliable = isReliableTransport(this.channel.transport);
    const bytes = serializeMessage(this.request, { setContentLength: reliable });
    this.started = this.timers.now();
    this.transaction = new ClientNonInviteTransaction(
      this.request,
      {
        send: () => {
          this.sends++;
          this.channel.send(bytes, (failure) => this.fail(failure));
        },
        passToUser: (response) => {
          // Provisional responses only show the peer is alive; the verdict waits for the final one.
          if (response.status >= 200)
            this.finish({
              kind: 'response',
              response,
              rttMs: Math.round(this.timers.now() - this.started),
              sends: this.sends,
            });
        },
        onTimeout: () => this.timeout(),
        onTransportError: () => {},
        onTerminated: () => {},
      },
      { timers: this.timers, config: timerConfig(this.options.config), reliable },
    );
    const deadline = this.options.deadlineMs;
    if (deadline !== undefined) this.timers.start('probeDeadline', deadline, () => this.timeout());
    this.transaction.start();
    return result;
  }

  /** A response from the channel; false when it belongs to another transaction. */
  receive(response: SipResponse): boolean {
    const key = clientKeyOfResponse(response);
    if (!key.ok || key.key !== this.key || !this.transaction) return false;
    this.transaction.receiveResponse(response);
    return true;
  }

  /** The channel failed (ICMP error, reset, TLS alert, closed): RFC 3261 §17.1.4. */
  fail(failure: ChannelFailure): void {
    if (this.outcome) return;
    this.finish({ kind: 'failure', failure, sends: this.sends });
    this.transaction?.transportError();
  }

  get finished(): boolean {
    return this.outcome !== undefined;
  }

  private timeout(): void {
    this.finish({ kind: 'timeout', elapsedMs: this.timers.now() - this.started, sends: this.sends });
  }

  private finish(outcome: ExchangeOutcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    // Timer K and the rest would only absorb retransmissions; the probe is done with this request.
    this.timers.cancelAll();
    this.done?.(outcome);
  }
}
