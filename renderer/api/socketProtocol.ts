// The browser-mode wire format and the bookkeeping of calls in flight, kept free of sockets and
// timers so it is tested in plain Node. The host answers `{"id", "result"}` for every
// `{"id", "method", "input"}` it receives (electron/host/browser-host.ts).
import type { ApiError, Result } from '../../electron/api/contract.ts';

export interface CallFrame {
  id: number;
  method: string;
  input: unknown;
}

export interface ReplyFrame {
  id: number;
  result: Result<unknown>;
}

export function encodeCall(frame: CallFrame): string {
  return JSON.stringify({ id: frame.id, method: frame.method, input: frame.input ?? {} });
}

/** Parses a reply; undefined for anything that is not a well-formed reply to a numbered call. */
export function decodeReply(text: string): ReplyFrame | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { id, result } = message as { id?: unknown; result?: unknown };
  if (typeof id !== 'number' || !isResult(result)) return undefined;
  return { id, result };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; error?: unknown };
  if (result.ok === true) return 'value' in result;
  if (result.ok !== false || typeof result.error !== 'object' || result.error === null) return false;
  const error = result.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}

/**
 * The result every call gets when the connection to SBC Studio is lost. The message is only the
 * fallback: the UI recognises it and translates at display time (i18n/apiErrors.ts).
 */
export const CONNECTION_LOST_MESSAGE = 'Lost the connection to SBC Studio; reconnecting…';

export function unreachableResult(): Result<never> {
  const error: ApiError = { code: 'unreachable', message: CONNECTION_LOST_MESSAGE };
  return { ok: false, error };
}

/** Reconnect delay: 250 ms doubling to 5 s, so a restarted host is found quickly without a storm. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt));
}

interface Pending extends CallFrame {
  sent: boolean;
  resolve: (result: Result<unknown>) => void;
}

/** Calls waiting for their reply, by id. Ids are unique for the life of the page. */
export class PendingCalls {
  #nextId = 1;
  readonly #calls = new Map<number, Pending>();

  /** Registers a call and returns its frame with the promise of its result. */
  add(method: string, input: unknown): { frame: CallFrame; result: Promise<Result<unknown>> } {
    const frame: CallFrame = { id: this.#nextId++, method, input: input ?? {} };
    const result = new Promise<Result<unknown>>((resolve) => {
      this.#calls.set(frame.id, { ...frame, sent: false, resolve });
    });
    return { frame, result };
  }

  markSent(id: number): void {
    const call = this.#calls.get(id);
    if (call) call.sent = true;
  }

  /** Frames registered but not yet written to a socket, oldest first. */
  unsent(): CallFrame[] {
    return [...this.#calls.values()]
      .filter((call) => !call.sent)
      .map(({ id, method, input }) => ({ id, method, input }));
  }

  /** Settles the call a reply belongs to; false for a reply nobody waits for (late or unknown). */
  settle(reply: ReplyFrame): boolean {
    const call = this.#calls.get(reply.id);
    if (!call) return false;
    this.#calls.delete(reply.id);
    call.resolve(reply.result);
    return true;
  }

  /** Settles one call with a result of our own (a time-out). */
  fail(id: number, result: Result<unknown>): void {
    this.settle({ id, result });
  }

  /** Settles every call, sent or queued, with the same result (the connection is gone). */
  failAll(result: Result<unknown>): number {
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    for (const call of calls) call.resolve(result);
    return calls.length;
  }

  get size(): number {
    return this.#calls.size;
  }
}
