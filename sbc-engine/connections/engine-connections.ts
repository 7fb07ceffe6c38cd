// The connections runtime as the engine runs it: the SIP core to send with, real timers, the DNS
// servers of the config, TLS from the certificate store and the bundled roots, and an apply hook
// that follows each config the listeners commit.
import { loadBundledRoots } from '../certs/bundled-roots.ts';
import type { CertificateStore } from '../certs/store/index.ts';
import type { Config } from '../config/schema/index.ts';
import { createNodeTimerHost } from '../transport/node-timer-host.ts';
import { createTokenSource } from '../runtime/random-tokens.ts';
import type { ListenerControl } from '../runtime/sip-listeners.ts';
import type { SipCore } from '../runtime/sip-core.ts';
import type { SyslogSender } from '../syslog/sender.ts';
import { createDnsResolver } from '../transport/dns-resolver.ts';
import { ConnectionsRuntime } from './connections-runtime.ts';
import { tlsPolicyFor } from './tls-for-connection.ts';

/**
 * Test hooks, unset in production (the bundled engine strips SBC_ENGINE_TEST_*): keep a test engine's
 * traffic on loopback whatever config a test applies (the network rule of the test suite), point
 * its DNS at a server of the test's own, and shorten the registration backoff.
 *
 * SBC_ENGINE_SANDBOX=loopback is the one switch that does pass through SBC Studio to its bundled
 * engine: it only restricts (SIP to 127.0.0.0/8 and ::1, DNS to a loopback port where nothing
 * answers), so a lab or an end-to-end test can apply real provider profiles without traffic leaving
 * the machine.
 */
export function connectionsTestHooks(env: NodeJS.ProcessEnv): {
  loopbackOnly: boolean;
  dnsServers?: string[];
  backoffBaseMs?: number;
} {
  const sandbox = env.SBC_ENGINE_SANDBOX === 'loopback';
  const dns = (env.SBC_ENGINE_TEST_DNS ?? (sandbox ? '127.0.0.1:9' : undefined))?.split(',').filter(Boolean);
  const backoff = Number(env.SBC_ENGINE_TEST_REGISTER_BACKOFF_MS);
  return {
    loopbackOnly: env.SBC_ENGINE_TEST_LOOPBACK_ONLY === '1' || sandbox,
    ...(dns?.length ? { dnsServers: dns } : {}),
    ...(Number.isFinite(backoff) && backoff > 0 ? { backoffBaseMs: backoff } : {}),
  };
}

function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1';
}

export async function createEngineConnections(options: {
  core: SipCore;
  store: CertificateStore;
  /** The SIP TLS choice (or the management certificate): the client certificate without a profile one. */
  sipTls: () => { key: string; cert: string };
  resourcesDir: string | undefined;
  log: (line: string) => void;
  syslog: SyslogSender | undefined;
  env: NodeJS.ProcessEnv;
  /** Calls in progress on a connection (the B2BUA's count); none without it. */
  activeCalls?: (connectionId: string) => number;
}): Promise<ConnectionsRuntime> {
  const hooks = connectionsTestHooks(options.env);
  const bundled = new Map<string, string>();
  if (options.resourcesDir) {
    try {
      for (const root of (await loadBundledRoots(options.resourcesDir)).roots)
        bundled.set(root.name.trim().toLowerCase(), root.pem);
    } catch (error) {
      options.log(`[connections] TLS profiles cannot use the bundled roots: ${(error as Error).message}`);
    }
  }
  const { store } = options;
  return new ConnectionsRuntime({
    sip: options.core,
    timers: createNodeTimerHost(),
    random: Math.random,
    newToken: createTokenSource(),
    resolver: (servers) => createDnsResolver({ servers: hooks.dnsServers ?? servers }),
    tlsPolicy: (config, profileId) =>
      tlsPolicyFor(config, profileId, {
        storeMaterial: (id) => store.tlsMaterial(id),
        defaultMaterial: options.sipTls,
        trustedCaPem: (id) => store.list().trustedCas.find((entry) => entry.id === id)?.certificate.pem,
        trustedCaPems: () => store.trustedCaPems(),
        bundledRootPem: (name) => bundled.get(name.trim().toLowerCase()),
      }),
    log: options.log,
    ...(options.syslog ? { syslog: (event) => options.syslog!.send(event) } : {}),
    activeCalls: options.activeCalls ?? (() => 0),
    ...(hooks.loopbackOnly ? { allowAddress: isLoopback } : {}),
    ...(hooks.backoffBaseMs ? { backoffBaseMs: hooks.backoffBaseMs } : {}),
  });
}

/** The listeners' control, with the connections following every config it commits. */
export function followingConfigs(
  listeners: ListenerControl,
  connections: ConnectionsRuntime,
  /** Others that follow the committed config after the connections (the B2BUA). */
  also: (config: Config) => void = () => {},
): ListenerControl {
  return {
    async prepare(config: Config, lenient?: boolean) {
      const prepared = await listeners.prepare(config, lenient);
      return {
        async commit() {
          const change = await prepared.commit();
          connections.apply(config);
          also(config);
          return change;
        },
        rollback: () => prepared.rollback(),
      };
    },
  };
}
