import { createServer, type SecureContextOptions, type TlsOptions } from 'node:tls';
import { DEFAULT_STREAM_LIMITS, listenServer, serveStream, type StreamLimits } from './stream.ts';
import type { InboundHandler, SipListener } from './types.ts';

export interface TlsSipListener extends SipListener {
  /**
   * Serves other key material from the next handshake on. Established connections keep the
   * context they were made with (tls.Server.setSecureContext), so no call drops.
   */
  setSecureContext(material: SecureContextOptions): void;
}

export async function listenTls(
  host: string,
  port: number,
  tls: TlsOptions,
  onMessage: InboundHandler,
  log: (line: string) => void,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): Promise<TlsSipListener> {
  const server = createServer({ minVersion: 'TLSv1.2', ...tls });
  // Failed handshakes (scanners, clients that reject our certificate) are logged, not fatal.
  server.on('tlsClientError', (error, socket) =>
    log(`[sip/tls] handshake with ${socket.remoteAddress ?? '?'} failed: ${error.message}`),
  );
  const destroyAll = serveStream(server, 'tls', onMessage, log, limits, 'secureConnection');
  const listener = await listenServer(server, 'tls', host, port, destroyAll);
  return {
    ...listener,
    setSecureContext: (material) => server.setSecureContext({ minVersion: 'TLSv1.2', ...tls, ...material }),
  };
}
