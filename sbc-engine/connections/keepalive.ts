// The OPTIONS keepalive toward one target of a connection (providers.md: Teams expects one a minute
// and demotes an SBC it has not heard from in 5 minutes). One OPTIONS at a time: the next goes
// one interval after the previous one was sent, or as soon as that one ends if it took longer
// (Timer F is 32 s, longer than a short interval).
//
// State rule, as Teams and carriers read OPTIONS: any final response means the peer is alive and
// parses SIP, so the target is up — a 503 included, which says "alive but refusing calls now" and
// shows as `refusing`. Only silence (Timer F) or a transport failure (DNS, connection refused, TLS,
// ICMP unreachable) makes it down, after the first such failure: a call sent there would fail too.
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';
import type { SendOutcome } from './probe-outcome.ts';

export type TargetState = 'unknown' | 'up' | 'down';

export interface TargetStatus {
  /** transport:host:port as configured, e.g. "tls:sip.pstnhub.microsoft.com:5061". */
  target: string;
  state: TargetState;
  /** Final status of the last answer; null before the first or after a failure without one. */
  lastCode: number | null;
  /** True while the last answer was 503: alive, but an INVITE would be refused. */
  refusing: boolean;
  rttMs: number | null;
  /** Epoch ms of the last state change; null while unknown. */
  lastChange: number | null;
  /** Why the last OPTIONS failed, in plain words; null after an answer. */
  lastError: string | null;
  consecutiveFailures: number;
  sent: number;
  answered: number;
}

export interface KeepaliveDeps {
  target: string;
  timers: TimerHost;
  intervalMs: number;
  /** Sends one OPTIONS and tells what became of it; never rejects. */
  probe(): Promise<SendOutcome>;
  /** The state went from one of unknown/up/down to another. */
  onStateChange(status: TargetStatus, previous: TargetState): void;
  /** Uniform in [0, 1): spreads the first OPTIONS of many targets over the first seconds. */
  random: () => number;
}

const FIRST_SPREAD_MS = 2000;

export class TargetKeepalive {
  private readonly deps: KeepaliveDeps;
  private current: TargetStatus;
  private timer: TimerHandle | undefined;
  private inFlight = false;
  private due = false;
  private stopped = true;

  constructor(deps: KeepaliveDeps) {
    this.deps = deps;
    this.current = {
      target: deps.target,
      state: 'unknown',
      lastCode: null,
      refusing: false,
      rttMs: null,
      lastChange: null,
      lastError: null,
      consecutiveFailures: 0,
      sent: 0,
      answered: 0,
    };
  }

  status(): TargetStatus {
    return { ...this.current };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(Math.floor(this.deps.random() * Math.min(FIRST_SPREAD_MS, this.deps.intervalMs)));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.timers.cancel(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.timer = this.deps.timers.start('options-keepalive', ms, () => {
      this.timer = undefined;
      if (this.inFlight) this.due = true;
      else void this.send();
    });
  }

  private async send(): Promise<void> {
    if (this.stopped) return;
    this.inFlight = true;
    this.due = false;
    this.current.sent++;
    this.schedule(this.deps.intervalMs);
    let outcome: SendOutcome;
    try {
      outcome = await this.deps.probe();
    } catch (error) {
      outcome = { kind: 'transport', reason: (error as Error).message };
    }
    this.inFlight = false;
    if (this.stopped) return;
    this.record(outcome);
    if (this.due) void this.send();
  }

  private record(outcome: SendOutcome): void {
    const previous = this.current.state;
    if (outcome.kind === 'response') {
      this.current.answered++;
      this.current.lastCode = outcome.response.status;
      this.current.refusing = outcome.response.status === 503;
      this.current.rttMs = outcome.rttMs;
      this.current.lastError = null;
      this.current.consecutiveFailures = 0;
      this.current.state = 'up';
    } else {
      this.current.lastCode = null;
      this.current.refusing = false;
      this.current.rttMs = null;
      this.current.lastError =
        outcome.kind === 'timeout' ? 'no answer within 32 s (Timer F)' : outcome.reason;
      this.current.consecutiveFailures++;
      this.current.state = 'down';
    }
    if (this.current.state !== previous) {
      this.current.lastChange = this.deps.timers.now();
      this.deps.onStateChange(this.status(), previous);
    }
  }
}
