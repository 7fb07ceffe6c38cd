import { createServer } from 'node:net';
import { DEFAULT_STREAM_LIMITS, listenServer, serveStream, type StreamLimits } from './stream.ts';
import type { InboundHandler, SipListener } from './types.ts';

export function listenTcp(
  host: string,
  port: number,
  onMessage: InboundHandler,
  log: (line: string) => void,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): Promise<SipListener> {
  const server = createServer({ noDelay: true });
  const destroyAll = serveStream(server, 'tcp', onMessage, log, limits, 'connection');
  return listenServer(server, 'tcp', host, port, destroyAll);
}
