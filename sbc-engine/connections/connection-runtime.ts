// One connection at run time: an OPTIONS keepalive per target (when enabled) and its registration
// (when configured). An applied config that changes only one of the two restarts only that one;
// a registration that ends sends Expires: 0 first.
import type { Connection } from '../config/schema/connections.ts';
import type { TimerHost } from '../sip/transaction/clock.ts';
import type { Flow } from '../transport/flow.ts';
import type { TlsPeerPolicy } from '../transport/tls-policy.ts';
import { buildKeepalive, targetUri, type KeepaliveTarget } from './keepalive-request.ts';
import { TargetKeepalive, type TargetState, type TargetStatus } from './keepalive.ts';
import { buildRegister, uriHost } from './register-request.ts';
import { Registration, type RegistrationState, type RegistrationStatus } from './registration.ts';
import { sendToTarget, type SenderDeps } from './target-sender.ts';
import type { SendOutcome } from './probe-outcome.ts';

type Transport = KeepaliveTarget['transport'];

/** What of the whole config a connection depends on, resolved at apply. */
export interface ConnectionSettings {
  connection: Connection;
  intervalMs: number;
  fqdn: string | null;
  userAgent: string;
  /** The first listener of each transport: Contact carries its port (and its address without an FQDN). */
  listeners: Partial<Record<Transport, { address: string; port: number }>>;
  /** Serialized TLS profile, so that a changed profile restarts what uses it. */
  tlsProfileKey: string;
}

export interface ConnectionDeps {
  timers: TimerHost;
  random: () => number;
  newToken: () => string;
  sender: Omit<SenderDeps, 'onResolved'>;
  /** The TLS of this connection's profile; throws with a plain reason when it cannot be had. */
  tlsPolicy(profileId: string | null): TlsPeerPolicy;
  onTargetState(connection: Connection, status: TargetStatus, previous: TargetState): void;
  onRegistrationState(connection: Connection, status: RegistrationStatus, previous: RegistrationState): void;
  /** Registration backoff, shortened by tests. */
  backoffBaseMs?: number;
}

export function describeTarget(target: KeepaliveTarget): string {
  return `${target.transport}:${uriHost(target.host)}${target.port === null ? '' : `:${target.port}`}`;
}

function byPriority(connection: Connection): Connection['targets'] {
  return [...connection.targets].sort((a, b) => a.priority - b.priority);
}

function keepaliveKey(settings: ConnectionSettings): string {
  const { connection } = settings;
  return JSON.stringify([connection.targets, connection.options, settings.intervalMs, settings.fqdn, settings.userAgent, settings.listeners, connection.tlsProfile, settings.tlsProfileKey]); // prettier-ignore
}

function registrationKey(settings: ConnectionSettings): string {
  const { connection } = settings;
  if (!connection.registration) return '';
  return JSON.stringify([connection.registration, byPriority(connection), settings.fqdn, settings.userAgent, settings.listeners, connection.tlsProfile, settings.tlsProfileKey]); // prettier-ignore
}

export class ConnectionRuntime {
  private settings: ConnectionSettings;
  private readonly deps: ConnectionDeps;
  private keepalives: TargetKeepalive[] = [];
  private registration: Registration | undefined;
  private kKey = '';
  private rKey = '';
  /** Addresses each target resolved to, by target text. */
  readonly addresses = new Map<string, string[]>();
  /** Called when a target resolves to other addresses than before. */
  onAddresses: () => void = () => {};

  constructor(settings: ConnectionSettings, deps: ConnectionDeps) {
    this.settings = settings;
    this.deps = deps;
  }

  get connection(): Connection {
    return this.settings.connection;
  }

  get intervalSeconds(): number {
    return this.settings.intervalMs / 1000;
  }

  /** Brings keepalive and registration in line with the settings; returns the stop of a replaced registration. */
  update(settings: ConnectionSettings): Promise<void> {
    this.settings = settings;
    const k = keepaliveKey(settings);
    if (k !== this.kKey) {
      this.kKey = k;
      for (const keepalive of this.keepalives) keepalive.stop();
      this.keepalives = settings.connection.options.enabled
        ? settings.connection.targets.map((target) => this.newKeepalive(target))
        : [];
      for (const keepalive of this.keepalives) keepalive.start();
    }
    const r = registrationKey(settings);
    if (r === this.rKey) return Promise.resolve();
    this.rKey = r;
    const old = this.registration;
    this.registration = settings.connection.registration ? this.newRegistration() : undefined;
    const stopped = old ? old.stop() : Promise.resolve();
    // The new binding starts after the old one is removed, so the registrar never holds both.
    void stopped.then(() => this.registration?.start());
    return stopped;
  }

  /** Stops the keepalives and ends the registration (Expires: 0). */
  async stop(): Promise<void> {
    for (const keepalive of this.keepalives) keepalive.stop();
    this.keepalives = [];
    const registration = this.registration;
    this.registration = undefined;
    await registration?.stop();
  }

  targetStatuses(): TargetStatus[] {
    return this.keepalives.map((keepalive) => keepalive.status());
  }

  registrationStatus(): RegistrationStatus | null {
    return this.registration?.status() ?? null;
  }

  /** How requests reach a target (calls use it too); resolved addresses feed the source matching. */
  senderFor(target: KeepaliveTarget): SenderDeps {
    const key = describeTarget(target);
    return {
      ...this.deps.sender,
      onResolved: (addresses) => {
        const before = this.addresses.get(key);
        if (before && before.join() === addresses.join()) return;
        this.addresses.set(key, addresses);
        this.onAddresses();
      },
    };
  }

  /** Contact host and port: the SBC FQDN and the listener's port, else what the flow shows. */
  private contact(transport: Transport, flow: Flow): { host: string; port: number } {
    const listener = this.settings.listeners[transport];
    const wildcard = !listener || listener.address === '0.0.0.0' || listener.address === '::';
    return {
      host: this.settings.fqdn ?? (wildcard ? flow.local.address : listener.address),
      port: listener?.port ?? flow.local.port,
    };
  }

  private newKeepalive(target: KeepaliveTarget): TargetKeepalive {
    const connection = this.settings.connection;
    const sender = this.senderFor(target);
    const probe = (): Promise<SendOutcome> =>
      sendToTarget(
        sender,
        target,
        () => this.deps.tlsPolicy(connection.tlsProfile),
        (flow) => {
          const { host, port } = this.contact(target.transport, flow);
          return buildKeepalive({
            target,
            contactHost: host,
            contactPort: port,
            userAgent: this.settings.userAgent,
            callId: `${this.deps.newToken()}${this.deps.newToken()}`,
            fromTag: this.deps.newToken(),
            branch: `${this.deps.newToken()}${this.deps.newToken()}`,
          });
        },
      );
    return new TargetKeepalive({
      target: describeTarget(target),
      timers: this.deps.timers,
      intervalMs: this.settings.intervalMs,
      random: this.deps.random,
      probe,
      onStateChange: (status, previous) => this.deps.onTargetState(connection, status, previous),
    });
  }

  private newRegistration(): Registration {
    const connection = this.settings.connection;
    const registration = connection.registration!;
    const targets = byPriority(connection);
    const first = targets[0]!;
    const domain = registration.domain ?? first.host;
    const registrarUri = `sip:${uriHost(domain)}`;
    const aor = `sip:${registration.user}@${uriHost(domain)}`;
    let contactUri: string | undefined;
    const send = async (parts: Parameters<ConstructorParameters<typeof Registration>[0]['send']>[0]) => {
      let outcome: SendOutcome = { kind: 'transport', reason: 'no target' };
      // The targets are the registrar or its outbound proxies, tried in priority order.
      for (const target of targets) {
        const viaProxy = target.host.toLowerCase() !== domain.toLowerCase();
        outcome = await sendToTarget(
          this.senderFor(target),
          target,
          () => this.deps.tlsPolicy(connection.tlsProfile),
          (flow) => {
            const { host, port } = this.contact(target.transport, flow);
            const transport = target.transport === 'udp' ? '' : `;transport=${target.transport}`;
            contactUri = `sip:${registration.user}@${uriHost(host)}:${port}${transport}`;
            return buildRegister({
              ...parts,
              registrarUri,
              aor,
              contact: `<${contactUri}>`,
              userAgent: this.settings.userAgent,
              ...(viaProxy ? { route: `<${targetUri(target)};lr>` } : {}),
            });
          },
        );
        if (outcome.kind !== 'transport') break;
      }
      return outcome;
    };
    return new Registration({
      timers: this.deps.timers,
      random: this.deps.random,
      newToken: this.deps.newToken,
      registrar: registrarUri,
      requestUri: registrarUri,
      username: registration.authUser ?? registration.user,
      password: registration.password,
      realm: registration.realm,
      expires: registration.expirySeconds,
      contactUri: () => contactUri,
      send,
      onStateChange: (status, previous) => this.deps.onRegistrationState(connection, status, previous),
      ...(this.deps.backoffBaseMs !== undefined ? { backoffBaseMs: this.deps.backoffBaseMs } : {}),
    });
  }
}
