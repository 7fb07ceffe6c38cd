// Opens the SIP sockets and connects them to the SIP core (transactions, request handling).
import type { ListenSpec } from '../config/listen-spec.ts';
import { ConnectionPool } from '../transport/connection-pool.ts';
import { listenTcp } from '../transport/tcp.ts';
import { listenTls, type TlsSipListener } from '../transport/tls.ts';
import type { Inbound, SipListener } from '../transport/types.ts';
import { listenUdp } from '../transport/udp.ts';
import { createLogLimiter } from './log-limiter.ts';
import { createNodeTimerHost } from './node-timer-host.ts';
import { createTokenSource } from './random-tokens.ts';
import { SipCore } from './sip-core.ts';
import { ENGINE_VERSION } from './version.ts';

export interface SipService {
  listeners: SipListener[];
  core: SipCore;
  /** New key material for every TLS listener, without dropping their connections; returns their count. */
  setTlsMaterial(material: { key: string; cert: string }): number;
  close(): Promise<void>;
}

export async function startSipService(
  specs: ListenSpec[],
  tls: { key: string; cert: string },
  log: (line: string) => void,
): Promise<SipService> {
  const limited = createLogLimiter(log, 20, 10_000);
  const core = new SipCore({
    timers: createNodeTimerHost(),
    pool: new ConnectionPool(),
    log: limited,
    server: `SBC Studio engine ${ENGINE_VERSION}`,
    newTag: createTokenSource(),
    // Until trust is configured per peer (certificates issue), outbound TLS checks names the SIP way.
    outbound: { tlsPolicy: () => ({ nameCheck: 'rfc5922' }) },
  });
  const handle = (inbound: Inbound) => {
    try {
      core.handleInbound(inbound);
    } catch (error) {
      // Never let one message take the engine down; the stack goes to the log for a bug report.
      limited(
        `[sip/${inbound.transport}] internal error on a message from ${inbound.source.address}: ${(error as Error).stack}`,
      );
    }
  };
  const listeners: SipListener[] = [];
  const tlsListeners: TlsSipListener[] = [];
  try {
    for (const spec of specs) {
      let listener: SipListener;
      if (spec.transport === 'udp') listener = await listenUdp(spec.host, spec.port, handle, log);
      else if (spec.transport === 'tcp') listener = await listenTcp(spec.host, spec.port, handle, log);
      else {
        const tlsListener = await listenTls(spec.host, spec.port, tls, handle, log);
        tlsListeners.push(tlsListener);
        listener = tlsListener;
      }
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
  return {
    listeners,
    core,
    setTlsMaterial(material) {
      for (const listener of tlsListeners) listener.setSecureContext(material);
      return tlsListeners.length;
    },
    close: async () => void (await Promise.all(listeners.map((l) => l.close()))),
  };
}
