// Monitoring: every connected engine is asked for its connections' keepalive state and its
// certificates on an interval, and probes OPTIONS from the engine to every target on a slower one.
// Samples go to the history store; the overview derives OK / warning / down / unknown per
// connection with a cause and a fix for each issue, and records the changes worth a notification.
import { Resolver } from 'node:dns/promises';
import type { EngineView } from '../../api/contract.ts';
import { parseConfig } from '../../../sbc-engine/config/schema/parse.ts';
import type { DiagnosisCode } from '../../../sbc-engine/diag/diagnosis.ts';
import type { MgmtBody, MgmtResponse, MgmtRouteName } from '../../../sbc-engine/mgmt/contract.ts';
import { ServiceError } from '../service-error.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { worstFirst } from './derive-state.ts';
import { bucketSize, RANGE_MS } from './downsample.ts';
import type {
  HealthEvent,
  HealthHistory,
  HealthOverview,
  HealthSettings,
  HistoryRange,
  TeamsCheckResult,
} from '../../api/health-views.ts';
import { readHealthSettings, writeHealthSettings } from './health-settings.ts';
import { probeUriOf } from './probe-target.ts';
import { key, type ConnectionsStatus, type EngineMemory, type ProbeMemory } from './engine-memory.ts';
import { engineHealth } from './health-view.ts';
import { SampleStore, type Sample } from './sample-store.ts';
import { DEFAULT_SIP_SIGNALING_PORT, runTeamsCheck, TEAMS_PROXIES, type TeamsProxy } from './teams-check.ts';

type ProbeResult = MgmtResponse<'diagnosticsOptions'>;

/** What the monitor needs of the engines service (the real one, or a double in tests). */
export interface HealthEngines {
  list(): Promise<EngineView[]>;
  /** A fresh look at one engine (its open SIP sockets after an apply). */
  refresh(id: string, fresh?: boolean): Promise<EngineView>;
  forward<N extends MgmtRouteName>(id: string, name: N, body: MgmtBody<N>): Promise<MgmtResponse<N>>;
}

export interface HealthServiceOptions {
  engines: HealthEngines;
  store: SettingsStore;
  /** The history database file (under the app's data folder), or ':memory:'. */
  databaseFile: string;
  now?: () => number;
  log?: (line: string) => void;
  /** The Teams proxies the Teams check probes; tests put loopback stand-ins here. */
  teamsProxies?: readonly TeamsProxy[];
  /** DNS servers for the Teams check's look-up of the SBC FQDN ("127.0.0.1:5353"); default the system's. */
  dnsServers?: string[];
}

const MAX_EVENTS = 100;
/** Probes one engine runs for the monitor at once (the engine allows 4; the rest is for the admin). */
const PROBE_CONCURRENCY = 2;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class HealthService {
  private readonly engines: HealthEngines;
  private readonly store: SettingsStore;
  private readonly databaseFile: string;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly teamsProxies: readonly TeamsProxy[];
  private readonly dnsServers: string[] | undefined;
  private readonly memory = new Map<string, EngineMemory>();
  private readonly events: HealthEvent[] = [];
  private eventSeq = 0;
  private database: Promise<SampleStore> | undefined;
  private polling: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastPruneAt = 0;
  private readonly probeQueues = new Map<string, { active: number; queue: (() => Promise<void>)[] }>();

  constructor(options: HealthServiceOptions) {
    this.engines = options.engines;
    this.store = options.store;
    this.databaseFile = options.databaseFile;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.teamsProxies = options.teamsProxies ?? TEAMS_PROXIES;
    this.dnsServers = options.dnsServers;
  }

  settings(): HealthSettings {
    return readHealthSettings(this.store);
  }

  async updateSettings(changes: Partial<HealthSettings>): Promise<HealthSettings> {
    const before = this.settings();
    const next = writeHealthSettings(this.store, changes);
    if (next.retentionDays < before.retentionDays) await this.prune();
    if (this.running && next.pollSeconds !== before.pollSeconds) this.schedule(next.pollSeconds * 1000);
    return next;
  }

  /**
   * Polls every pollSeconds; the first round comes one interval after the start (nobody is logged
   * in to an engine when the app starts; the dashboard asks for a round when it opens). The timer
   * does not keep the process alive.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(this.settings().pollSeconds * 1000);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling?.catch(() => undefined);
    for (const queue of this.probeQueues.values()) queue.queue.length = 0;
    if (this.database) (await this.database).close();
    this.database = undefined;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.pollNow()
        .catch((error: Error) => this.log(`[health] poll failed: ${error.message}`))
        .finally(() => {
          if (this.running) this.schedule(this.settings().pollSeconds * 1000);
        });
    }, ms);
    this.timer.unref();
  }

  /** Store of samples, opened on first use so an app without engines writes no file. */
  db(): Promise<SampleStore> {
    this.database ??= SampleStore.open(this.databaseFile);
    return this.database;
  }

  /** One round: every connected engine polled, due probes queued. Concurrent callers share it. */
  pollNow(): Promise<void> {
    this.polling ??= this.pollAll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollAll(): Promise<void> {
    const views = await this.engines.list();
    const listed = new Set(views.map((v) => v.id));
    for (const id of this.memory.keys()) if (!listed.has(id)) this.memory.delete(id);
    await Promise.all(
      views.map(async (view) => {
        if (view.state === 'connected') return this.pollEngine(view);
        const mem = this.memory.get(view.id);
        // An engine never watched is not on the dashboard; one that was stays, as unknown.
        if (mem) {
          mem.reachable = false;
          mem.lastError =
            view.state === 'needs-login'
              ? 'not logged in (log in on the Engines page)'
              : (view.lastError ?? view.state);
        }
      }),
    );
    if (this.now() - this.lastPruneAt > PRUNE_EVERY_MS) await this.prune();
  }

  async prune(): Promise<number> {
    this.lastPruneAt = this.now();
    const before = this.now() - this.settings().retentionDays * 24 * 60 * 60 * 1000;
    return (await this.db()).prune(before);
  }

  private engineMemory(view: EngineView): EngineMemory {
    let mem = this.memory.get(view.id);
    if (!mem) {
      mem = {
        engineId: view.id,
        name: view.name,
        address: view.address,
        reachable: false,
        lastPollAt: null,
        lastError: null,
        listening: [],
        targets: new Map(),
        refused: new Map(),
        refusedSinceLastPoll: new Map(),
        connectionStates: new Map(),
        certificatesNotified: new Set(),
      };
      this.memory.set(view.id, mem);
    }
    mem.name = view.name;
    mem.address = view.address;
    mem.listening = view.identity?.sipListen ?? [];
    return mem;
  }

  private async pollEngine(view: EngineView): Promise<void> {
    const mem = this.engineMemory(view);
    const db = await this.db();
    let connections: ConnectionsStatus;
    try {
      const [c, status, document] = await Promise.all([
        this.engines.forward(view.id, 'connectionsStatus', {}),
        this.engines.forward(view.id, 'status', {}),
        this.engines.forward(view.id, 'configGet', {}),
      ]);
      connections = c;
      mem.status = status;
      const parsed = parseConfig(document.config);
      if (parsed.ok) mem.config = parsed.config;
      mem.reachable = true;
      mem.lastError = null;
    } catch (error) {
      mem.reachable = false;
      mem.lastError = (error as Error).message;
      return;
    }
    const now = this.now();
    mem.lastPollAt = now;
    mem.connections = connections;
    const samples: Sample[] = [];
    const seen = new Set<string>();
    for (const connection of connections.connections) {
      const refused = connection.counters.optionsRefused;
      const previous = mem.refused.get(connection.id);
      mem.refusedSinceLastPoll.set(
        connection.id,
        previous === undefined ? 0 : Math.max(0, refused - previous),
      );
      mem.refused.set(connection.id, refused);
      for (const target of connection.options.targets) {
        const k = key(connection.id, target.target);
        seen.add(k);
        let t = mem.targets.get(k);
        if (!t) {
          t = {
            lastAnswerAt: db.lastAnswer(view.id, connection.id, target.target),
            watchingSince: now,
            nextProbeAt: now,
          };
          mem.targets.set(k, t);
        }
        if (target.state === 'up') t.lastAnswerAt = now;
        if (target.state !== 'unknown') {
          samples.push({
            engineId: view.id,
            connectionId: connection.id,
            target: target.target,
            t: now,
            source: 'poll',
            ok: target.state === 'up',
            code: target.lastCode,
            rttMs: target.rttMs,
            tlsDaysLeft: null,
            detail: target.state,
          });
        }
      }
    }
    for (const k of mem.targets.keys()) if (!seen.has(k)) mem.targets.delete(k);
    db.insert(samples);
    this.recordEvents(mem, now);
    this.queueDueProbes(mem, now);
  }

  private queueDueProbes(mem: EngineMemory, now: number): void {
    const settings = this.settings();
    if (!settings.probesEnabled || !mem.connections) return;
    for (const connection of mem.connections.connections) {
      for (const target of connection.options.targets) {
        const t = mem.targets.get(key(connection.id, target.target));
        if (!t || t.nextProbeAt > now) continue;
        t.nextProbeAt = now + settings.probeMinutes * 60 * 1000;
        this.enqueueProbe(mem.engineId, () =>
          this.probe(mem.engineId, connection.id, target.target).then(
            () => undefined,
            (error: Error) => this.log(`[health] probe of ${target.target} failed: ${error.message}`),
          ),
        );
      }
    }
  }

  private enqueueProbe(engineId: string, job: () => Promise<void>): void {
    let q = this.probeQueues.get(engineId);
    if (!q) {
      q = { active: 0, queue: [] };
      this.probeQueues.set(engineId, q);
    }
    q.queue.push(job);
    this.drain(q);
  }

  private drain(q: { active: number; queue: (() => Promise<void>)[] }): void {
    while (q.active < PROBE_CONCURRENCY && q.queue.length) {
      const job = q.queue.shift()!;
      q.active++;
      void job().finally(() => {
        q.active--;
        this.drain(q);
      });
    }
  }

  /** An OPTIONS probe from the engine to one target of a connection, now; stored like a scheduled one. */
  async probe(engineId: string, connectionId: string, target: string): Promise<ProbeResult> {
    const mem = this.memory.get(engineId);
    const uri = probeUriOf(target);
    if (!uri) throw new ServiceError('invalid-input', `Not a target of the form transport:host:port: ${target}`, { field: 'target' }); // prettier-ignore
    const config = mem?.config;
    const connection = config?.connections.find((c) => c.id === connectionId);
    const profile = config?.tlsProfiles.find((p) => p.id === (connection?.tlsProfile ?? 'default'));
    const storeIds = (profile?.trustedCas ?? []).flatMap((ref) => (ref.source === 'store' ? [ref.id] : []));
    const allStore = storeIds.length > 0 && storeIds.length === profile?.trustedCas.length;
    const body: MgmtBody<'diagnosticsOptions'> = {
      target: uri,
      timeoutSeconds: 5,
      count: 1,
      slowMs: this.settings().slowMs,
      ...(config?.system.fqdn ? { contactHost: config.system.fqdn } : {}),
      nameCheck: profile?.peerNameCheck ?? 'wildcard',
      trust: allStore ? storeIds : 'store',
      clientCertificate: profile?.ownCertificate ?? 'sip-tls',
    };
    // Until a certificate is chosen for SIP TLS the engine refuses "sip-tls": probe without one.
    const result = await this.engines
      .forward(engineId, 'diagnosticsOptions', body)
      .catch((error: { field?: string }) => {
        if (body.clientCertificate !== 'sip-tls' || error.field !== 'clientCertificate') throw error;
        return this.engines.forward(engineId, 'diagnosticsOptions', { ...body, clientCertificate: 'none' });
      });
    const now = this.now();
    const peerDays = (result.tls?.chain ?? [])
      .filter((cert) => !cert.inTrustStore)
      .reduce<number | null>(
        (min, cert) => (min === null ? cert.daysLeft : Math.min(min, cert.daysLeft)),
        null,
      );
    const memory: ProbeMemory = {
      at: now,
      code: result.diagnosis.code as DiagnosisCode,
      severity: result.severity,
      message: result.diagnosis.message,
      tlsVersion: result.tls?.version ?? null,
      verified: result.tls ? result.tls.verified : null,
      peerDaysLeft: peerDays,
    };
    const t = mem?.targets.get(key(connectionId, target));
    if (t) t.probe = memory;
    (await this.db()).insert([
      {
        engineId,
        connectionId,
        target,
        t: now,
        source: 'probe',
        ok: result.answer !== undefined,
        code: result.answer?.status ?? null,
        rttMs: result.answer?.rttMs ?? null,
        tlsDaysLeft: peerDays,
        detail: result.diagnosis.code,
      },
    ]);
    return result;
  }

  /** The dashboard: every watched engine and connection, derived as of now. */
  async overview(refresh = false): Promise<HealthOverview> {
    if (refresh) await this.pollNow();
    const now = this.now();
    const engines = [...this.memory.values()].map((mem) => engineHealth(mem, now, this.settings()));
    const worst = worstFirst(
      engines.flatMap((engine) => [
        ...engine.issues.map((issue) => ({ ...issue, engineId: engine.engineId, connectionId: null })),
        ...engine.connections.flatMap((c) =>
          c.issues.map((issue) => ({ ...issue, engineId: engine.engineId, connectionId: c.connectionId })),
        ),
      ]),
    ).slice(0, 10);
    return {
      generatedAt: new Date(now).toISOString(),
      engines,
      worstIssues: worst,
      events: [...this.events],
      quiet: this.settings().quiet,
    };
  }

  private recordEvents(mem: EngineMemory, now: number): void {
    const engine = engineHealth(mem, now, this.settings());
    for (const connection of engine.connections) {
      const before = mem.connectionStates.get(connection.connectionId);
      mem.connectionStates.set(connection.connectionId, connection.state);
      const values = { engine: engine.name, connection: connection.name };
      if (connection.state === 'down' && before !== 'down') {
        const cause = connection.issues[0]?.cause ?? '';
        this.pushEvent(now, 'connection-down', mem.engineId, connection.connectionId, `${connection.name} is down`, cause, { ...values, cause }); // prettier-ignore
      } else if (before === 'down' && connection.state === 'ok') {
        this.pushEvent(now, 'connection-recovered', mem.engineId, connection.connectionId, `${connection.name} answers again`, `${engine.name}: ${connection.name} answers OPTIONS again.`, values); // prettier-ignore
      }
    }
    const warnDays = this.settings().certificateWarningDays;
    for (const cert of engine.certificates) {
      if (cert.daysLeft > warnDays || mem.certificatesNotified.has(cert.id)) continue;
      mem.certificatesNotified.add(cert.id);
      const days = Math.floor(cert.daysLeft);
      this.pushEvent(now, 'certificate-expiring', mem.engineId, null, `Certificate "${cert.label}" expires in ${days} days`, `${engine.name}: renew it on the Certificates page before it expires.`, { engine: engine.name, label: cert.label, days }); // prettier-ignore
    }
  }

  private pushEvent(
    now: number,
    kind: HealthEvent['kind'],
    engineId: string,
    connectionId: string | null,
    title: string,
    body: string,
    values: HealthEvent['values'],
  ): void {
    this.events.push({ seq: ++this.eventSeq, at: new Date(now).toISOString(), kind, engineId, connectionId, title, body, values }); // prettier-ignore
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  /** One connection's response times over a range, in at most ~1000 buckets. */
  async history(input: {
    engineId: string;
    connectionId: string;
    target?: string | undefined;
    range: HistoryRange;
    to?: number | undefined;
  }): Promise<HealthHistory> {
    const to = input.to ?? this.now();
    const span = RANGE_MS[input.range];
    const bucketMs = bucketSize(span, this.settings().pollSeconds * 1000);
    // Buckets on round boundaries, so a reload draws the same points.
    const from = Math.floor((to - span) / bucketMs) * bucketMs;
    const points = (await this.db()).history(
      input.engineId,
      input.connectionId,
      from,
      to,
      bucketMs,
      input.target,
    );
    return { from, to, bucketMs, points };
  }

  async teamsCheck(engineId: string, sipSignalingPort?: number): Promise<TeamsCheckResult> {
    const view = await this.engines.refresh(engineId, true);
    if (view.state !== 'connected') throw new ServiceError('session-expired', 'Log in to this engine first.');
    const [document, certificates] = await Promise.all([
      this.engines.forward(engineId, 'configGet', {}),
      this.engines.forward(engineId, 'certificatesList', {}),
    ]);
    const parsed = parseConfig(document.config);
    if (!parsed.ok) throw new ServiceError('internal', "The engine's configuration could not be read.");
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (this.dnsServers) resolver.setServers(this.dnsServers);
    return runTeamsCheck({
      engineId,
      config: parsed.config,
      listening: view.identity?.sipListen ?? [],
      certificates,
      sipSignalingPort: sipSignalingPort ?? DEFAULT_SIP_SIGNALING_PORT,
      proxies: this.teamsProxies,
      probe: (body) => this.engines.forward(engineId, 'diagnosticsOptions', body),
      resolve: async (name) => {
        const v4 = await resolver.resolve4(name).catch((error: NodeJS.ErrnoException) => error);
        const v6 = await resolver.resolve6(name).catch((error: NodeJS.ErrnoException) => error);
        const addresses = [...(Array.isArray(v4) ? v4 : []), ...(Array.isArray(v6) ? v6 : [])];
        if (!addresses.length) throw Array.isArray(v4) ? v6 : v4;
        return addresses;
      },
      now: this.now,
    });
  }
}
