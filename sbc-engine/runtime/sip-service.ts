// Opens the SIP sockets and connects them to the (for now stateless) request handling.
import { randomBytes } from 'node:crypto';
import { respondStatelessly } from '../b2bua/stateless-responder.ts';
import type { ListenSpec } from '../config/listen-spec.ts';
import { listenTcp } from '../transport/tcp.ts';
import { listenTls } from '../transport/tls.ts';
import type { Inbound, SipListener } from '../transport/types.ts';
import { listenUdp } from '../transport/udp.ts';
import { createLogLimiter } from './log-limiter.ts';
import { ENGINE_VERSION } from './version.ts';

export interface SipService {
  listeners: SipListener[];
  close(): Promise<void>;
}

export async function startSipService(
  specs: ListenSpec[],
  tls: { key: string; cert: string },
  log: (line: string) => void,
): Promise<SipService> {
  const limited = createLogLimiter(log, 20, 10_000);
  const server = `SBC Studio engine ${ENGINE_VERSION}`;
  const handle = (inbound: Inbound) => {
    let outcome;
    try {
      outcome = respondStatelessly(inbound.bytes, {
        transport: inbound.transport,
        source: inbound.source,
        newTag: () => randomBytes(6).toString('hex'),
        server,
      });
    } catch (error) {
      // Never let one message take the engine down; the message is logged for a bug report.
      limited(
        `[sip/${inbound.transport}] internal error on a message from ${inbound.source.address}: ${(error as Error).stack}`,
      );
      return;
    }
    if (outcome.action === 'reply') inbound.reply(outcome.bytes);
    else if (outcome.action === 'drop')
      limited(
        `[sip/${inbound.transport}] dropped ${inbound.bytes.length} bytes from ${inbound.source.address}:${inbound.source.port}: ${outcome.why}`,
      );
  };
  const listeners: SipListener[] = [];
  try {
    for (const spec of specs) {
      const listener =
        spec.transport === 'udp'
          ? await listenUdp(spec.host, spec.port, handle, log)
          : spec.transport === 'tcp'
            ? await listenTcp(spec.host, spec.port, handle, log)
            : await listenTls(spec.host, spec.port, tls, handle, log);
      listeners.push(listener);
      log(
        `[sip/${spec.transport}] listening on ${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${listener.port}`,
      );
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `a SIP port is already in use: ${(error as Error).message}`
        : (error as Error).message,
    );
  }
  return { listeners, close: async () => void (await Promise.all(listeners.map((l) => l.close()))) };
}
