// SIP over a byte stream (TCP or TLS): framing by Content-Length, RFC 5626 keepalive answers,
// idle timeout and a cap on connections per source so one peer cannot exhaust the engine.
import type { Server, Socket } from 'node:net';
import { streamFlow } from './stream-flow.ts';
import { unmapIpv4, type InboundHandler, type SipListener, type TransportName } from './types.ts';

export interface StreamLimits {
  maxConnections: number;
  maxConnectionsPerSource: number;
  idleTimeoutMs: number;
  maxMessageBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxConnections: 4096,
  maxConnectionsPerSource: 64,
  idleTimeoutMs: 10 * 60 * 1000,
  maxMessageBytes: 1024 * 1024,
};

export function serveStream(
  server: Server,
  transport: Exclude<TransportName, 'udp'>,
  onMessage: InboundHandler,
  log: (line: string) => void,
  limits: StreamLimits,
  secureEvent: 'connection' | 'secureConnection',
): () => void {
  const perSource = new Map<string, number>();
  const open = new Set<Socket>();
  let total = 0;
  server.on(secureEvent, (socket: Socket) => {
    const address = unmapIpv4(socket.remoteAddress ?? '');
    const count = perSource.get(address) ?? 0;
    if (total >= limits.maxConnections || count >= limits.maxConnectionsPerSource) {
      log(`[sip/${transport}] refused a connection from ${address}: connection limit`);
      socket.destroy();
      return;
    }
    perSource.set(address, count + 1);
    total++;
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      total--;
      const left = (perSource.get(address) ?? 1) - 1;
      if (left > 0) perSource.set(address, left);
      else perSource.delete(address);
    });
    socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    streamFlow(socket, transport, onMessage, log, limits.maxMessageBytes);
  });
  return () => {
    for (const socket of open) socket.destroy();
  };
}

export function listenServer(
  server: Server,
  transport: TransportName,
  host: string,
  port: number,
  destroyAll: () => void,
): Promise<SipListener> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        transport,
        host,
        port: typeof address === 'object' && address ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Open connections would keep close() waiting: end them.
            destroyAll();
          }),
      });
    });
  });
}
