// "Send this engine's logs here": which of this workstation's addresses the engine can reach, which
// bound listener to name, and the config change that points the engine's syslog at it (read with
// its etag, applied with If-Match, so a change made meanwhile by someone else is never overwritten).
import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { ServiceError } from '../service-error.ts';
import type { BoundSocket } from './syslog-service.ts';

export interface SyslogTarget {
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * This workstation's address as the engine at `engineHost` sees it: loopback for an engine on this
 * machine (the bundled one), else the local IPv4 address in the engine's subnet, else the first
 * external IPv4 address (routed networks, or an engine known by name).
 */
export function reachableAddress(engineHost: string, bundled: boolean, interfaces: Interfaces): string {
  if (bundled || isLoopback(engineHost)) return '127.0.0.1';
  const external = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => !i.internal && i.family === 'IPv4');
  if (isIP(engineHost) === 4) {
    const engine = ipv4Number(engineHost);
    const same = external.find((i) => {
      const mask = ipv4Number(i.netmask);
      return (ipv4Number(i.address) & mask) >>> 0 === (engine & mask) >>> 0;
    });
    if (same) return same.address;
  }
  const first = external[0];
  if (!first)
    throw new ServiceError(
      'conflict',
      'This computer has no network address the engine could send syslog to.',
    );
  return first.address;
}

/** The bound listener to name: UDP first (what SBCs send by default), on an address that covers `host`. */
export function pickListener(listeners: BoundSocket[], host: string): SyslogTarget {
  const covers = (l: BoundSocket) =>
    l.address === '0.0.0.0' || l.address === '::' || l.address === host || (isLoopback(host) && isLoopback(l.address)); // prettier-ignore
  for (const transport of ['udp', 'tcp'] as const) {
    const listener = listeners.find((l) => l.transport === transport && covers(l));
    if (listener) return { host, port: listener.port, transport };
  }
  throw new ServiceError(
    'conflict',
    listeners.length
      ? `The syslog receiver does not listen on ${host}: add a UDP or TCP listener on 0.0.0.0 or ${host} first.`
      : 'The syslog receiver is not running: start it first.',
  );
}

/** The engine's config with its syslog pointed at `target` (other logging settings kept). */
export function withSyslogTarget(
  config: Record<string, unknown>,
  target: SyslogTarget,
  sipTrace: boolean | undefined,
): Record<string, unknown> {
  const logging = (config.logging ?? {}) as Record<string, unknown>;
  const syslog = (logging.syslog ?? {}) as Record<string, unknown>;
  return {
    ...config,
    logging: {
      ...logging,
      syslog: { ...syslog, host: target.host, port: target.port, transport: target.transport },
      ...(sipTrace !== undefined ? { sipTrace } : {}),
    },
  };
}
