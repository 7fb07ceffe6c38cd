import { createServer, type TlsOptions } from 'node:tls';
import { DEFAULT_STREAM_LIMITS, listenServer, serveStream, type StreamLimits } from './stream.ts';
import type { InboundHandler, SipListener } from './types.ts';

export function listenTls(
  host: string,
  port: number,
  tls: TlsOptions,
  onMessage: InboundHandler,
  log: (line: string) => void,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): Promise<SipListener> {
  const server = createServer({ minVersion: 'TLSv1.2', ...tls });
  // Failed handshakes (scanners, clients that reject our certificate) are logged, not fatal.
  server.on('tlsClientError', (error, socket) =>
    log(`[sip/tls] handshake with ${socket.remoteAddress ?? '?'} failed: ${error.message}`),
  );
  const destroyAll = serveStream(server, 'tls', onMessage, log, limits, 'secureConnection');
  return listenServer(server, 'tls', host, port, destroyAll);
}
