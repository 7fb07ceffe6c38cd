// The connections of the applied config at run time: it follows each applied config, touching only
// the connections (and within them only the keepalive or the registration) that changed; it answers
// OPTIONS from outside by connection; it reports state changes to the log and to syslog, and holds
// the counters and states GET /connections/status shows.
import type { Decision } from '../b2bua/stateless-responder.ts';
import type { Config } from '../config/schema/index.ts';
import type { Connection } from '../config/schema/connections.ts';
import type { DnsResolver } from '../sip/locate/types.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import type { PeerAddress } from '../sip/via-stamp.ts';
import { optionsStateEvent, regStateEvent, type SyslogEvent } from '../syslog/events.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';
import { ConnectionRuntime, type ConnectionSettings } from './connection-runtime.ts';
import type { TargetState, TargetStatus } from './keepalive.ts';
import { answerOptions, type UnknownSourcePolicy } from './options-responder.ts';
import type { RegistrationState, RegistrationStatus } from './registration.ts';
import { SourceMatcher } from './source-match.ts';
import type { SenderDeps, SipWay } from './target-sender.ts';
import { ipFamily } from '../sip/locate/target.ts';

export interface ConnectionCounters {
  /** OPTIONS from this connection's peers. */
  optionsReceived: number;
  /** Answered 200. */
  optionsAnswered: number;
  /** Answered 503: the connection was at its call limit. */
  optionsRefused: number;
}

export interface ConnectionStatus {
  id: string;
  name: string;
  options: { enabled: boolean; intervalSeconds: number; targets: TargetStatus[] };
  registration: RegistrationStatus | null;
  counters: ConnectionCounters;
}

export interface ConnectionsStatus {
  connections: ConnectionStatus[];
  /** OPTIONS from sources outside every connection's networks. */
  unknownSources: { policy: UnknownSourcePolicy; optionsRefused: number; optionsDropped: number };
}

export interface ConnectionsRuntimeDeps {
  sip: SipWay;
  timers: TimerHost;
  random: () => number;
  newToken: () => string;
  /** A resolver for the config's DNS servers (empty: the system's). */
  resolver(servers: readonly string[]): DnsResolver;
  /** The TLS of a profile of the config; throws with a plain reason when it cannot be had. */
  tlsPolicy(config: Config, profileId: string | null): TlsPeerPolicy;
  log: (line: string) => void;
  syslog?: (event: SyslogEvent) => void;
  /** Calls in progress on a connection (the call limit answers OPTIONS with 503). */
  activeCalls: (connectionId: string) => number;
  allowAddress?: (address: string) => boolean;
  unknownSource?: UnknownSourcePolicy;
  backoffBaseMs?: number;
}

/** Longest the engine waits for the Expires: 0 answers when it stops. */
const STOP_GRACE_MS = 3000;

function settingsFor(config: Config, connection: Connection): ConnectionSettings {
  const listeners: ConnectionSettings['listeners'] = {};
  for (const listener of config.voip.listeners)
    listeners[listener.transport] ??= { address: listener.address, port: listener.port };
  const profileId = connection.tlsProfile ?? 'default';
  return {
    connection,
    intervalMs: (connection.options.intervalSeconds ?? config.voip.optionsIntervalSeconds) * 1000,
    fqdn: config.system.fqdn,
    userAgent: config.voip.userAgent,
    listeners,
    tlsProfileKey: JSON.stringify(config.tlsProfiles.find((p) => p.id === profileId) ?? null),
  };
}

export class ConnectionsRuntime {
  private readonly deps: ConnectionsRuntimeDeps;
  private readonly running = new Map<string, ConnectionRuntime>();
  private readonly counters = new Map<string, ConnectionCounters>();
  private readonly unknown = { optionsRefused: 0, optionsDropped: 0 };
  private config: Config | undefined;
  private resolver: { servers: string; resolver: DnsResolver } | undefined;
  private matcher: SourceMatcher | undefined;
  private readonly stopping = new Set<Promise<void>>();

  constructor(deps: ConnectionsRuntimeDeps) {
    this.deps = deps;
  }

  /** Follows an applied config. */
  apply(config: Config): void {
    this.config = config;
    const servers = JSON.stringify(config.system.dnsServers);
    if (this.resolver?.servers !== servers)
      this.resolver = { servers, resolver: this.deps.resolver(config.system.dnsServers) };
    const wanted = new Map(config.connections.map((c) => [c.id, c]));
    for (const [id, runtime] of this.running) {
      if (wanted.has(id)) continue;
      this.running.delete(id);
      this.counters.delete(id);
      this.track(runtime.stop());
    }
    for (const connection of config.connections) {
      let runtime = this.running.get(connection.id);
      if (!runtime) {
        runtime = this.create(connection, config);
        this.running.set(connection.id, runtime);
        this.counters.set(connection.id, { optionsReceived: 0, optionsAnswered: 0, optionsRefused: 0 });
      }
      this.track(runtime.update(settingsFor(config, connection)));
    }
    this.matcher = undefined;
  }

  /** The answer to an OPTIONS from outside (SipCore's OptionsPolicy). */
  answerOptions(source: PeerAddress, base: Decision): Decision {
    this.matcher ??= this.buildMatcher();
    const connectionId = this.matcher.match(source.address);
    const connection = connectionId === undefined ? undefined : this.running.get(connectionId)?.connection;
    const limit = connection?.maxConcurrentCalls ?? null;
    const answer = answerOptions(base, {
      connectionId,
      anyConnection: this.running.size > 0,
      atCallLimit:
        connectionId !== undefined && limit !== null && this.deps.activeCalls(connectionId) >= limit,
      unknownSource: this.deps.unknownSource ?? 'refuse',
    });
    const counters = connectionId === undefined ? undefined : this.counters.get(connectionId);
    if (counters) {
      counters.optionsReceived++;
      if (answer.outcome === 'answered') counters.optionsAnswered++;
      if (answer.outcome === 'busy') counters.optionsRefused++;
    } else if (answer.outcome === 'refused') this.unknown.optionsRefused++;
    else if (answer.outcome === 'dropped' && this.running.size > 0) this.unknown.optionsDropped++;
    return answer.decision;
  }

  /** The connection a request from this address belongs to (config order decides between overlaps). */
  matchSource(address: string): string | undefined {
    this.matcher ??= this.buildMatcher();
    return this.matcher.match(address);
  }

  /** How a call reaches a target of a connection: location, flows, TLS of its profile. */
  outbound(
    connectionId: string,
    target: Connection['targets'][number],
  ): { sender: SenderDeps; tlsPolicy: () => TlsPeerPolicy | undefined } | undefined {
    const runtime = this.running.get(connectionId);
    if (!runtime) return undefined;
    return {
      sender: runtime.senderFor(target),
      tlsPolicy: () => this.deps.tlsPolicy(this.config!, runtime.connection.tlsProfile),
    };
  }

  status(): ConnectionsStatus {
    return {
      connections: [...this.running.values()].map((runtime) => ({
        id: runtime.connection.id,
        name: runtime.connection.name,
        options: {
          enabled: runtime.connection.options.enabled,
          intervalSeconds: runtime.intervalSeconds,
          targets: runtime.targetStatuses(),
        },
        registration: runtime.registrationStatus(),
        counters: { ...this.counters.get(runtime.connection.id)! },
      })),
      unknownSources: { policy: this.deps.unknownSource ?? 'refuse', ...this.unknown },
    };
  }

  /** Stops every keepalive and unregisters every registration, waiting at most STOP_GRACE_MS. */
  async stop(): Promise<void> {
    for (const runtime of this.running.values()) this.track(runtime.stop());
    this.running.clear();
    let timer: ReturnType<typeof this.deps.timers.start> | undefined;
    await Promise.race([
      Promise.all([...this.stopping]),
      new Promise<void>(
        (resolve) => (timer = this.deps.timers.start('connections-stop', STOP_GRACE_MS, resolve)),
      ),
    ]);
    if (timer) this.deps.timers.cancel(timer);
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) =>
      this.deps.log(`[connections] !!! ${(error as Error).stack ?? String(error)}`),
    );
    this.stopping.add(tracked);
    void tracked.finally(() => this.stopping.delete(tracked));
  }

  private create(connection: Connection, config: Config): ConnectionRuntime {
    const runtime = new ConnectionRuntime(settingsFor(config, connection), {
      timers: this.deps.timers,
      random: this.deps.random,
      newToken: this.deps.newToken,
      sender: {
        sip: this.deps.sip,
        resolver: () => this.resolver!.resolver,
        now: () => this.deps.timers.now(),
        random: this.deps.random,
        ...(this.deps.allowAddress ? { allowAddress: this.deps.allowAddress } : {}),
      },
      tlsPolicy: (profileId) => this.deps.tlsPolicy(this.config!, profileId),
      onTargetState: (c, status, previous) => this.reportTarget(c, status, previous),
      onRegistrationState: (c, status, previous) => this.reportRegistration(c, status, previous),
      ...(this.deps.backoffBaseMs !== undefined ? { backoffBaseMs: this.deps.backoffBaseMs } : {}),
    });
    runtime.onAddresses = () => (this.matcher = undefined);
    return runtime;
  }

  private buildMatcher(): SourceMatcher {
    return new SourceMatcher(
      [...this.running.values()].map((runtime) => ({
        connectionId: runtime.connection.id,
        allowedSources: runtime.connection.allowedSources,
        targetAddresses: [
          ...runtime.connection.targets.filter((t) => ipFamily(t.host) !== undefined).map((t) => t.host),
          ...[...runtime.addresses.values()].flat(),
        ],
      })),
    );
  }

  private reportTarget(connection: Connection, status: TargetStatus, previous: TargetState): void {
    if (status.state === 'unknown') return;
    const how =
      status.state === 'up'
        ? `up (${status.lastCode}${status.refusing ? ', refusing calls' : ''}, ${status.rttMs} ms)`
        : `down (${status.lastError})`;
    const text = `OPTIONS to ${status.target} of connection "${connection.name}": ${how}`;
    this.deps.log(`[connections] ${text}`);
    this.deps.syslog?.(
      optionsStateEvent({
        connection: connection.id,
        target: status.target,
        state: status.state,
        previous,
        code: status.lastCode,
        rttMs: status.rttMs,
        reason: status.lastError,
        text,
      }),
    );
  }

  private reportRegistration(
    connection: Connection,
    status: RegistrationStatus,
    previous: RegistrationState,
  ): void {
    // "registering" is a passage, not news; the outcome is.
    if (status.state === 'registering') return;
    if (status.state === 'unregistered' && previous === 'failed') return;
    const how =
      status.state === 'registered'
        ? `registered for ${status.expires} s`
        : status.state === 'failed'
          ? `failed (${status.detail})`
          : 'unregistered';
    const text = `registration of connection "${connection.name}" at ${status.registrar}: ${how}`;
    this.deps.log(`[connections] ${text}`);
    this.deps.syslog?.(
      regStateEvent({
        connection: connection.id,
        registrar: status.registrar,
        state: status.state,
        code: status.lastCode,
        expires: status.expires,
        reason: status.reason,
        text,
      }),
    );
  }
}
