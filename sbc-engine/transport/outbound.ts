// Flows we open towards a peer: connected UDP sockets (so an ICMP "port unreachable" surfaces as
// an error at once instead of 32 s of retransmissions) and TCP/TLS connections, kept in the pool.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as tcpConnect, isIPv6, type Socket } from 'node:net';
import type { ConnectionPool } from './connection-pool.ts';
import type { Destination, Flow } from './flow.ts';
import { connectTls, type TlsPeerPolicy } from './tls-policy.ts';
import { streamFlow } from './stream-flow.ts';
import { unmapIpv4, type InboundHandler } from './types.ts';

export interface OutboundOptions {
  pool: ConnectionPool;
  onMessage: InboundHandler;
  log: (line: string) => void;
  tlsPolicy: (destination: Destination) => TlsPeerPolicy;
  /** Connected UDP sockets close after this long without traffic. */
  udpIdleMs?: number;
  connectTimeoutMs?: number;
}

const UDP_IDLE_MS = 64 * 500;

export function openUdpFlow(destination: Destination, options: OutboundOptions): Promise<Flow> {
  const socket: UdpSocket = createSocket(isIPv6(destination.address) ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    let onError: ((reason: string) => void) | undefined;
    let idle: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => socket.close(), options.udpIdleMs ?? UDP_IDLE_MS);
      idle.unref();
    };
    socket.once('error', reject);
    socket.connect(destination.port, destination.address, () => {
      socket.off('error', reject);
      const local = socket.address();
      const remote = { address: destination.address, port: destination.port };
      socket.on('error', (error: NodeJS.ErrnoException) => {
        // A connected socket learns of ICMP errors (RFC 3261 §18.4: a transport error).
        const reason =
          error.code === 'ECONNREFUSED'
            ? `nothing listens on udp:${destination.address}:${destination.port} (ICMP port unreachable)`
            : error.message;
        onError?.(reason);
      });
      socket.on('message', (bytes) => {
        touch();
        options.onMessage({
          transport: 'udp',
          bytes,
          source: remote,
          reply: (answer) => socket.send(answer),
          flow,
        });
      });
      touch();
      const flow: Flow = {
        transport: 'udp',
        remote,
        local: { address: unmapIpv4(local.address), port: local.port },
        send(bytes, errorCallback) {
          onError = errorCallback;
          touch();
          socket.send(bytes, (error) => error && errorCallback?.(error.message));
        },
      };
      resolve(flow);
    });
  });
}

export function openStreamFlow(destination: Destination, options: OutboundOptions): Promise<Flow> {
  return options.pool.getOrOpen(destination.transport, destination.address, destination.port, () =>
    connectStream(destination, options),
  );
}

async function connectStream(destination: Destination, options: OutboundOptions): Promise<Flow> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let socket: Socket;
  if (destination.transport === 'tls') {
    socket = await connectTls(
      {
        host: destination.address,
        port: destination.port,
        ...(destination.serverName ? { serverName: destination.serverName } : {}),
      },
      options.tlsPolicy(destination),
      timeoutMs,
    );
  } else {
    socket = await new Promise<Socket>((resolve, reject) => {
      const s = tcpConnect({
        host: destination.address,
        port: destination.port,
        noDelay: true,
        timeout: timeoutMs,
      });
      s.once('connect', () => resolve(s));
      s.once('timeout', () => {
        s.destroy();
        reject(
          new Error(
            `no TCP connection to ${destination.address}:${destination.port} within ${timeoutMs / 1000} s`,
          ),
        );
      });
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'ECONNREFUSED'
              ? `nothing listens on tcp:${destination.address}:${destination.port}`
              : error.message,
          ),
        ),
      );
    });
    socket.setTimeout(0);
  }
  const flow = streamFlow(
    socket,
    destination.transport === 'tls' ? 'tls' : 'tcp',
    options.onMessage,
    options.log,
  );
  const forget = options.pool.add(destination.transport, destination.address, destination.port, flow);
  socket.once('close', forget);
  return flow;
}
