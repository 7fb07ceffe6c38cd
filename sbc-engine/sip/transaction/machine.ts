// The common part of the four §17 state machines: one state, one transition(to) that rejects moves
// the RFC's figures do not draw, and named timers on the injected host.
import type { SipMessage } from '../message.ts';
import type { TimerHandle } from './clock.ts';
import type { TimerName } from './timers.ts';
import type { TransactionOptions, TransactionUser } from './types.ts';

export class IllegalTransitionError extends Error {
  readonly from: string;
  readonly to: string;
  constructor(kind: string, from: string, to: string) {
    super(`${kind}: no transition from "${from}" to "${to}"`);
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.to = to;
  }
}

export abstract class TransactionMachine<S extends string, In extends SipMessage> {
  protected abstract readonly kind: string;
  protected abstract readonly allowed: Readonly<Record<S, readonly S[]>>;
  protected readonly user: TransactionUser<In>;
  protected readonly options: TransactionOptions;
  private current: S;
  private readonly handles = new Map<TimerName, TimerHandle>();

  constructor(initial: S, user: TransactionUser<In>, options: TransactionOptions) {
    this.current = initial;
    this.user = user;
    this.options = options;
  }

  get state(): S {
    return this.current;
  }

  get isTerminated(): boolean {
    return this.current === 'terminated';
  }

  /** Names of the timers now running, for tests and diagnostics. */
  get runningTimers(): TimerName[] {
    return [...this.handles.keys()];
  }

  transition(to: S): void {
    if (!this.allowed[this.current].includes(to))
      throw new IllegalTransitionError(this.kind, this.current, to);
    this.current = to;
    if (to === 'terminated') {
      // §17.1.1.2 and §17.2.1: a terminated transaction is destroyed at once, its timers with it.
      for (const handle of this.handles.values()) this.options.timers.cancel(handle);
      this.handles.clear();
      this.user.onTerminated();
    }
  }

  /** Starts (or restarts) a timer; a zero duration (reliable transports) fires synchronously. */
  protected startTimer(name: TimerName, ms: number, fire: () => void): void {
    this.cancelTimer(name);
    if (ms === 0) {
      fire();
      return;
    }
    const handle = this.options.timers.start(name, ms, () => {
      this.handles.delete(name);
      fire();
    });
    this.handles.set(name, handle);
  }

  protected cancelTimer(name: TimerName): void {
    const handle = this.handles.get(name);
    if (!handle) return;
    this.options.timers.cancel(handle);
    this.handles.delete(name);
  }

  /** §17.1.4 / §17.2.4: a transport failure ends the transaction and tells the TU. */
  transportError(): void {
    if (this.isTerminated) return;
    this.user.onTransportError();
    this.transition('terminated' as S);
  }
}
