// The probe's sockets: a connected UDP socket (so an ICMP "port unreachable" surfaces at once, as in
// transport/outbound.ts), a TCP connection, or a TLS connection that completes the handshake even
// when the peer is not trusted, so that the probe can show the chain and say what is wrong with it.
// Each probe owns its socket and closes it when done; nothing is pooled.
import { createSocket } from 'node:dgram';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { parseMessage } from '../sip/parser.ts';
import type { SipResponse } from '../sip/message.ts';
import type { Destination } from '../sip/locate/types.ts';
import { clientTlsOptions, type TlsPeerPolicy } from '../transport/tls-policy.ts';
import { streamFlow } from '../transport/stream-flow.ts';
import { unmapIpv4 } from '../transport/types.ts';
import type { ChannelFailure, ProbeChannel } from './exchange.ts';

export interface ConnectionEvents {
  response(response: SipResponse): void;
  /** The established connection broke: ICMP error, reset, TLS alert, close. */
  failure(failure: ChannelFailure): void;
}

export interface Connection {
  channel: ProbeChannel;
  local: { address: string; port: number };
  /** Set for TLS: the socket after the handshake, to read version, cipher and chain from. */
  tls?: TLSSocket;
  close(): void;
}

/** A connection attempt that failed: Node's code and words. */
export class ConnectError extends Error {
  readonly code: string | undefined;

  constructor(code: string | undefined, message: string) {
    super(message);
    this.name = 'ConnectError';
    this.code = code;
  }
}

/** OpenSSL's messages run over several lines with source file names; the first line says it. */
export function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '')
    .trim();
}

function failureOf(error: NodeJS.ErrnoException): ChannelFailure {
  const detail = firstLine(error.message);
  return error.code ? { code: error.code, detail } : { detail };
}

function deliver(bytes: Buffer, datagram: boolean, events: ConnectionEvents): void {
  const parsed = parseMessage(bytes, { transport: datagram ? 'datagram' : 'stream' });
  // Requests from the peer (its own keepalives) and garbage are not the probe's business.
  if (parsed.ok && parsed.message.type === 'response') events.response(parsed.message);
}

export function connectUdp(destination: Destination, events: ConnectionEvents): Promise<Connection> {
  const socket = createSocket(destination.family === 6 ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      reject(new ConnectError(error.code, firstLine(error.message)));
    });
    socket.connect(destination.port, destination.address, () => {
      socket.removeAllListeners('error');
      // RFC 3261 §18.4: an ICMP error on a connected socket is a transport error for the transaction.
      socket.on('error', (error: NodeJS.ErrnoException) => events.failure(failureOf(error)));
      socket.on('message', (bytes) => deliver(bytes, true, events));
      const local = socket.address();
      let closed = false;
      resolve({
        local: { address: unmapIpv4(local.address), port: local.port },
        channel: {
          transport: 'udp',
          send(bytes, onError) {
            if (closed) return;
            socket.send(bytes, (error) => error && onError(failureOf(error)));
          },
        },
        close() {
          if (closed) return;
          closed = true;
          socket.close();
        },
      });
    });
  });
}

function watchStream(socket: Socket, transport: 'tcp' | 'tls', events: ConnectionEvents): Connection {
  const flow = streamFlow(
    socket,
    transport,
    (inbound) => deliver(inbound.bytes, false, events),
    () => {},
  );
  socket.on('error', (error: NodeJS.ErrnoException) => events.failure(failureOf(error)));
  socket.once('close', () =>
    events.failure({ code: 'CLOSED', detail: `the ${transport.toUpperCase()} connection was closed` }),
  );
  return {
    local: flow.local,
    channel: {
      transport,
      // Socket errors arrive through the listener above, with their code; flow.send would drop it.
      send(bytes, onError) {
        if (socket.destroyed)
          onError({ code: 'CLOSED', detail: `the ${transport.toUpperCase()} connection is closed` });
        else socket.write(bytes);
      },
    },
    close: () => socket.destroy(),
  };
}

export function connectTcp(
  destination: Destination,
  timeoutMs: number,
  events: ConnectionEvents,
): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({
      host: destination.address,
      port: destination.port,
      noDelay: true,
      timeout: timeoutMs,
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new ConnectError('ETIMEDOUT', `no TCP connection within ${timeoutMs} ms`));
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConnectError(error.code, error.message)),
    );
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeAllListeners('timeout');
      socket.removeAllListeners('error');
      resolve(watchStream(socket, 'tcp', events));
    });
  });
}

export interface TlsConnectSpec {
  /** The name for SNI (RFC 6066 §3: host names only). */
  serverName: string;
  policy: TlsPeerPolicy;
}

export function connectTls(
  destination: Destination,
  spec: TlsConnectSpec,
  timeoutMs: number,
  events: ConnectionEvents,
): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const options = clientTlsOptions(
      { host: destination.address, port: destination.port, serverName: spec.serverName },
      spec.policy,
    );
    // The probe reports an untrusted or misnamed peer instead of refusing it silently: it checks
    // authorizationError and the name itself once the handshake is done.
    const socket = tlsConnect({
      ...options,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectError('ETIMEDOUT', `no TLS handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ConnectError(error.code, firstLine(error.message)));
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ ...watchStream(socket, 'tls', events), tls: socket });
    });
  });
}
