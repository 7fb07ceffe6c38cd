// The SIP core and the sockets that feed it. Sockets open and close one by one while the core keeps
// running, so that an applied config changes only the listeners it names (sip-listeners.ts).
import type { ListenSpec } from '../config/listen-spec.ts';
import { ConnectionPool } from '../transport/connection-pool.ts';
import { listenTcp } from '../transport/tcp.ts';
import { listenTls, type TlsSipListener } from '../transport/tls.ts';
import type { Inbound, SipListener } from '../transport/types.ts';
import { listenUdp } from '../transport/udp.ts';
import { createLogLimiter } from './log-limiter.ts';
import { createNodeTimerHost } from '../transport/node-timer-host.ts';
import { createTokenSource } from './random-tokens.ts';
import { SipCore } from './sip-core.ts';
import { ENGINE_VERSION } from './version.ts';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/** What a TLS listener serves: its key and chain, and the handshake limits of its TLS profile. */
export interface ListenerTls {
  material: TlsMaterial;
  minVersion: 'TLSv1.2' | 'TLSv1.3';
  /** OpenSSL names, TLS 1.3 suites included; empty for Node's defaults. */
  ciphers: string[];
  /** True when it serves the engine's SIP TLS choice (sip-tls.json, else the management certificate). */
  followsDefault: boolean;
}

export interface OpenListener {
  key: string;
  listener: SipListener;
  tls: ListenerTls | undefined;
  /** Opened for --sip on the command line: an applied config neither closes nor changes it. */
  pinned: boolean;
}

export interface SipService {
  core: SipCore;
  /** Every open SIP socket, in the order they were opened. */
  readonly listeners: SipListener[];
  openListeners(): OpenListener[];
  /** Binds one socket; rejects with the OS error (code EADDRINUSE ...) and leaves nothing open. */
  open(spec: ListenSpec, tls: ListenerTls | undefined, pinned: boolean): Promise<OpenListener>;
  /** Closes one socket and the connections it accepted. */
  close(key: string): Promise<void>;
  /** New handshake settings for one TLS listener; its open connections keep going. */
  retls(key: string, tls: ListenerTls): void;
  /** The SIP TLS choice changed: every listener that follows it serves the new material; returns their count. */
  setTlsMaterial(material: TlsMaterial): number;
  closeAll(): Promise<void>;
}

/** One socket per transport, address and port; the key an applied config compares listeners by. */
export function listenerKey(spec: ListenSpec): string {
  return `${spec.transport}|${spec.host.toLowerCase()}|${spec.port}`;
}

export function describeListener(spec: ListenSpec): string {
  return `${spec.transport}:${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
}

function secureContextOptions(tls: ListenerTls) {
  return {
    ...tls.material,
    minVersion: tls.minVersion,
    ...(tls.ciphers.length ? { ciphers: tls.ciphers.join(':') } : {}),
  };
}

export function createSipService(log: (line: string) => void): SipService {
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
  const open = new Map<string, OpenListener>();

  function tlsListener(key: string): TlsSipListener {
    const entry = open.get(key);
    if (!entry || entry.listener.transport !== 'tls') throw new Error(`no TLS listener ${key}`);
    return entry.listener as TlsSipListener;
  }

  return {
    core,
    get listeners() {
      return [...open.values()].map((entry) => entry.listener);
    },
    openListeners: () => [...open.values()],
    async open(spec, tls, pinned) {
      const key = listenerKey(spec);
      if (open.has(key)) throw new Error(`${describeListener(spec)} is already open`);
      let listener: SipListener;
      if (spec.transport === 'udp') listener = await listenUdp(spec.host, spec.port, handle, log);
      else if (spec.transport === 'tcp') listener = await listenTcp(spec.host, spec.port, handle, log);
      else {
        if (!tls) throw new Error(`${describeListener(spec)} needs TLS material`);
        listener = await listenTls(spec.host, spec.port, secureContextOptions(tls), handle, log);
      }
      const entry = { key, listener, tls: spec.transport === 'tls' ? tls : undefined, pinned };
      open.set(key, entry);
      log(`[sip/${spec.transport}] listening on ${describeListener({ ...spec, port: listener.port })}`);
      return entry;
    },
    async close(key) {
      const entry = open.get(key);
      if (!entry) return;
      open.delete(key);
      await entry.listener.close();
      log(`[sip/${entry.listener.transport}] closed ${describeListener(entry.listener)}`);
    },
    retls(key, tls) {
      tlsListener(key).setSecureContext(secureContextOptions(tls));
      open.get(key)!.tls = tls;
    },
    setTlsMaterial(material) {
      let count = 0;
      for (const entry of open.values()) {
        if (!entry.tls?.followsDefault) continue;
        entry.tls = { ...entry.tls, material };
        tlsListener(entry.key).setSecureContext(secureContextOptions(entry.tls));
        count++;
      }
      return count;
    },
    async closeAll() {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map((entry) => entry.listener.close()));
    },
  };
}
