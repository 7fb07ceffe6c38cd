// One WebSocket to the browser-mode host, reopened with back-off whenever it closes. Calls made
// while it is (re)connecting are queued; when a connection is lost every waiting call settles
// with 'unreachable' at once, so no button spins forever. Socket and timers are injected.
import type { Result } from '../../electron/api/contract.ts';
import {
  decodeReply,
  encodeCall,
  PendingCalls,
  reconnectDelayMs,
  unreachableResult,
} from './socketProtocol.ts';

/** The part of the DOM WebSocket this uses, so a test can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface TransportOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** A call without a reply after this long settles as 'unreachable'. */
  callTimeoutMs?: number;
}

export interface SocketTransport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Stops for good: closes the socket, fails waiting calls, no more reconnects. */
  close(): void;
}

const OPEN = 1;

export function createSocketTransport(options: TransportOptions): SocketTransport {
  const pending = new PendingCalls();
  const timeoutMs = options.callTimeoutMs ?? 60_000;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let reconnectTimer: unknown = null;
  let closed = false;

  function flush(): void {
    if (!socket || socket.readyState !== OPEN) return;
    for (const frame of pending.unsent()) {
      socket.send(encodeCall(frame));
      pending.markSent(frame.id);
    }
  }

  function connect(): void {
    if (closed || socket) return;
    const current = options.createSocket(options.url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      flush();
    };
    current.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const reply = decodeReply(event.data);
      if (reply) pending.settle(reply);
    };
    current.onerror = () => {
      // Always followed by close, which does the work.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      pending.failAll(unreachableResult());
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer !== null) return;
    reconnectTimer = options.setTimer(() => {
      reconnectTimer = null;
      connect();
    }, reconnectDelayMs(attempt++));
  }

  return {
    call(method, input) {
      if (closed) return Promise.resolve(unreachableResult());
      const { frame, result } = pending.add(method, input);
      const timer = options.setTimer(() => pending.fail(frame.id, unreachableResult()), timeoutMs);
      // Waiting for a scheduled reconnect is fine; only start one when none is under way.
      if (!socket && reconnectTimer === null) connect();
      else flush();
      return result.finally(() => options.clearTimer(timer));
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) options.clearTimer(reconnectTimer);
      reconnectTimer = null;
      const current = socket;
      socket = null;
      current?.close();
      pending.failAll(unreachableResult());
    },
  };
}
