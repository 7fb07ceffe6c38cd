// A trunk registration (RFC 3261 §10.2): REGISTER with digest authentication (§22), a refresh
// before the binding expires, exponential backoff after a failure (RFC 5626 §4.5's figures: 30 s
// doubling up to 30 min, with jitter), a new REGISTER at once when the connection it went over
// closes, and Expires: 0 when the registration ends. Pure: time, randomness and the way out come in.
import { getHeader, getHeaderValues } from '../sip/headers.ts';
import { parseNameAddr } from '../sip/address.ts';
import { authorize, NonceCounter, type HeaderField, type PreviousAttempt } from '../sip/digest/index.ts';
import type { SipResponse } from '../sip/message.ts';
import { getParam } from '../sip/text.ts';
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';
import type { SendOutcome } from './probe-outcome.ts';

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';
/** credentials: 403, or a second challenge for the same realm (wrong user or password). */
export type FailureReason = 'credentials' | 'rejected' | 'timeout' | 'transport';

export interface RegistrationStatus {
  state: RegistrationState;
  /** sip:domain the binding is made at. */
  registrar: string;
  reason: FailureReason | null;
  /** In plain words: what went wrong and what to check. Never holds the password. */
  detail: string | null;
  lastCode: number | null;
  /** Seconds the registrar granted. */
  expires: number | null;
  /** Epoch ms the binding runs out, while registered. */
  expiresAt: number | null;
  /** Epoch ms of the next REGISTER (refresh or retry). */
  nextAttemptAt: number | null;
  lastChange: number | null;
  consecutiveFailures: number;
}

export interface RegisterParts {
  expires: number;
  cseq: number;
  callId: string;
  fromTag: string;
  branch: string;
  authorization?: { name: string; value: string };
}

export interface RegistrationDeps {
  timers: TimerHost;
  random: () => number;
  newToken: () => string;
  registrar: string;
  /** The Request-URI (digest uri) of every REGISTER. */
  requestUri: string;
  username: string;
  password: string;
  /** Only this realm is answered; null: any. */
  realm: string | null;
  expires: number;
  /** The Contact URI sent, to find our binding among the Contacts of a 200. */
  contactUri: () => string | undefined;
  /** Builds the REGISTER from its parts and sends it; never rejects. */
  send(parts: RegisterParts): Promise<SendOutcome>;
  onStateChange(status: RegistrationStatus, previous: RegistrationState): void;
  /** Backoff start and cap in ms (RFC 5626 §4.5: 30 s and 1800 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

/** Challenges answered in a row for one REGISTER before it counts as failed (stale nonces loop otherwise). */
const MAX_CHALLENGES = 3;

export class Registration {
  private readonly deps: RegistrationDeps;
  private readonly counter = new NonceCounter();
  private readonly callId: string;
  private readonly fromTag: string;
  private cseq = 0;
  private timer: TimerHandle | undefined;
  private running = false;
  private busy = false;
  /** The last challenge, reused for the next REGISTER (saves a round trip, RFC 3261 §22.3). */
  private lastChallenge: { headers: HeaderField[] } | undefined;
  private generation = 0;
  private watched: object | undefined;
  private current: RegistrationStatus;

  constructor(deps: RegistrationDeps) {
    this.deps = deps;
    this.callId = `${deps.newToken()}${deps.newToken()}`;
    this.fromTag = deps.newToken();
    this.current = {
      state: 'unregistered',
      registrar: deps.registrar,
      reason: null,
      detail: null,
      lastCode: null,
      expires: null,
      expiresAt: null,
      nextAttemptAt: null,
      lastChange: null,
      consecutiveFailures: 0,
    };
  }

  status(): RegistrationStatus {
    return { ...this.current };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.register();
  }

  /** Ends the registration: Expires: 0 when a binding may exist; resolves when that is answered. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.cancelTimer();
    const bound = this.current.state === 'registered' || this.current.state === 'registering';
    if (bound) await this.exchange(0, this.generation);
    this.transition('unregistered', { reason: null, detail: null, expires: null, expiresAt: null, nextAttemptAt: null }); // prettier-ignore
  }

  /** Once per connection: when it closes, the binding points nowhere (RFC 5626 §4.4.1); register again. */
  private watch(connection: { onClose?(listener: () => void): void } | undefined): void {
    if (!connection?.onClose || connection === this.watched) return;
    this.watched = connection;
    connection.onClose(() => {
      if (this.watched === connection) this.watched = undefined;
      if (!this.running || this.current.state !== 'registered') return;
      this.transition('registering', { detail: 'the connection to the registrar closed; registering again' });
      this.at(0, 'register-after-transport-loss', () => void this.register());
    });
  }

  private cancelTimer(): void {
    if (this.timer) this.deps.timers.cancel(this.timer);
    this.timer = undefined;
  }

  private at(ms: number, why: string, action: () => void): void {
    this.cancelTimer();
    this.current.nextAttemptAt = this.deps.timers.now() + ms;
    this.timer = this.deps.timers.start(why, ms, () => {
      this.timer = undefined;
      action();
    });
  }

  private async register(): Promise<void> {
    if (!this.running || this.busy) return;
    this.busy = true;
    const generation = this.generation;
    if (this.current.state !== 'registered') this.transition('registering', {});
    try {
      const result = await this.exchange(this.deps.expires, generation);
      if (generation !== this.generation || !this.running) return;
      this.settle(result);
    } finally {
      this.busy = false;
    }
  }

  private settle(result: ExchangeResult): void {
    if (result.kind === 'registered') {
      const granted = result.expires;
      const now = this.deps.timers.now();
      // Refresh between half and 80 % of the granted time, so many trunks do not refresh at once.
      const refreshMs = Math.max(1000, Math.floor(granted * 1000 * (0.5 + 0.3 * this.deps.random())));
      this.at(refreshMs, 'register-refresh', () => void this.register());
      this.transition('registered', {
        reason: null,
        detail: null,
        lastCode: result.code,
        expires: granted,
        expiresAt: now + granted * 1000,
        consecutiveFailures: 0,
      });
      this.watch(result.connection);
      return;
    }
    if (result.kind === 'abandoned') return;
    const failures = this.current.consecutiveFailures + 1;
    const base = this.deps.backoffBaseMs ?? 30_000;
    const max = this.deps.backoffMaxMs ?? 1_800_000;
    const wait = Math.min(max, base * 2 ** Math.min(failures - 1, 20)) * (0.5 + 0.5 * this.deps.random());
    this.at(Math.floor(wait), 'register-retry', () => void this.register());
    this.transition('failed', {
      reason: result.reason,
      detail: result.detail,
      lastCode: result.code ?? null,
      expires: null,
      expiresAt: null,
      consecutiveFailures: failures,
    });
  }

  /** One REGISTER, answering up to MAX_CHALLENGES digest challenges. */
  private async exchange(expires: number, generation: number): Promise<ExchangeResult> {
    let previous: PreviousAttempt | undefined;
    // Credentials from the last challenge go along unasked; a challenge to them is not yet a refusal.
    let authorization = this.lastChallenge
      ? this.authorize(this.lastChallenge.headers, undefined)
      : undefined;
    if (authorization && !authorization.ok) authorization = undefined;
    let preemptive = authorization !== undefined;
    for (let round = 0; round <= MAX_CHALLENGES; round++) {
      const sentWith = authorization?.ok ? authorization.value : undefined;
      const outcome = await this.deps.send({
        expires,
        cseq: ++this.cseq,
        callId: this.callId,
        fromTag: this.fromTag,
        branch: this.deps.newToken() + this.deps.newToken(),
        ...(sentWith ? { authorization: { name: sentWith.name, value: sentWith.value } } : {}),
      });
      if (generation !== this.generation && expires !== 0) return { kind: 'abandoned' };
      if (outcome.kind === 'timeout')
        return { kind: 'failed', reason: 'timeout', detail: `the registrar ${this.deps.registrar} did not answer the REGISTER` }; // prettier-ignore
      if (outcome.kind === 'transport')
        return { kind: 'failed', reason: 'transport', detail: outcome.reason };
      const response = outcome.response;
      const status = response.status;
      if (status >= 200 && status < 300) {
        return {
          kind: 'registered',
          code: status,
          expires: grantedExpires(response, this.deps.contactUri(), expires),
          ...(outcome.connection ? { connection: outcome.connection } : {}),
        };
      }
      if (status === 401 || status === 407) {
        previous = sentWith && !preemptive ? { realm: sentWith.realm, nonce: sentWith.nonce } : undefined;
        preemptive = false;
        const headers = challengeFields(response);
        const next = this.authorize(headers, previous);
        if (!next.ok) return { kind: 'failed', reason: 'credentials', code: status, detail: next.error };
        this.lastChallenge = { headers };
        authorization = next;
        continue;
      }
      if (status === 423) {
        // RFC 3261 §10.2.8: the registrar wants a longer expiry; ask again with Min-Expires.
        const min = Number(getHeader(response, 'Min-Expires'));
        if (Number.isInteger(min) && min > expires && round < MAX_CHALLENGES) {
          expires = min;
          continue;
        }
      }
      if (status === 403)
        return {
          kind: 'failed',
          reason: 'credentials',
          code: status,
          detail: `the registrar refused the registration of ${this.deps.username} (403 ${response.reason}); check the user, auth user and password`,
        };
      return {
        kind: 'failed',
        reason: 'rejected',
        code: status,
        detail: `the registrar answered ${status} ${response.reason}`,
      };
    }
    return {
      kind: 'failed',
      reason: 'credentials',
      detail: 'the registrar kept challenging; check the password',
    };
  }

  private authorize(headers: HeaderField[], previous: PreviousAttempt | undefined) {
    const result = authorize({
      challengeHeaders: headers,
      method: 'REGISTER',
      uri: this.deps.requestUri,
      username: this.deps.username,
      password: this.deps.password,
      counter: this.counter,
      cnonce: () => this.deps.newToken() + this.deps.newToken(),
      ...(previous ? { previous } : {}),
    });
    if (result.ok && this.deps.realm !== null && result.value.realm !== this.deps.realm)
      return {
        ok: false as const,
        error: `the registrar asks for realm "${result.value.realm}", but the connection is set to answer only "${this.deps.realm}"`,
      };
    return result;
  }

  private transition(state: RegistrationState, changes: Partial<RegistrationStatus>): void {
    const previous = this.current.state;
    this.current = { ...this.current, ...changes, state };
    if (state !== 'registered' && state !== 'failed') this.current.nextAttemptAt = null;
    if (state === previous && state !== 'failed') return;
    this.current.lastChange = this.deps.timers.now();
    this.deps.onStateChange(this.status(), previous);
  }
}

type ExchangeResult =
  | {
      kind: 'registered';
      code: number;
      expires: number;
      connection?: { onClose?(listener: () => void): void };
    }
  | { kind: 'failed'; reason: FailureReason; detail: string; code?: number }
  | { kind: 'abandoned' };

function challengeFields(response: SipResponse): HeaderField[] {
  return response.headers
    .filter((h) => /^(www|proxy)-authenticate$/i.test(h.name))
    .map((h) => ({ name: h.name, value: h.value }));
}

/** RFC 3261 §10.2.4: the expires param of our Contact in the 200, else its Expires header. */
export function grantedExpires(response: SipResponse, contactUri: string | undefined, asked: number): number {
  const contacts = getHeaderValues(response, 'Contact').flatMap((text) => {
    const parsed = parseNameAddr(text);
    return parsed.ok ? [parsed.value] : [];
  });
  const ours =
    contacts.find((c) => contactUri !== undefined && c.uri.toLowerCase() === contactUri.toLowerCase()) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const fromContact = ours ? Number(getParam(ours.params, 'expires')) : NaN;
  if (Number.isInteger(fromContact) && fromContact > 0) return fromContact;
  const header = Number(getHeader(response, 'Expires'));
  if (Number.isInteger(header) && header > 0) return header;
  return asked;
}
