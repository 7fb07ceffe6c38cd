// Finding engines: DNS-SD browsing (live, while the UI asks) and scans of addresses and ranges.
// What is found is checked with GET /identity and tied to the engine list; adding one goes through
// the engines service's normal add flow, where the admin confirms its certificate.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { DiscoveredEngine, DiscoveryListing, ScanResults } from '../../api/contract.ts';
import { DEFAULT_MGMT_PORT } from '../../../sbc-engine/config/defaults.ts';
import { formatHostPort } from '../../../sbc-engine/config/host-port.ts';
import type { KnownEngine } from '../engines/engine-registry.ts';
import { ServiceError } from '../service-error.ts';
import { parseAnnouncementTxt, type Announcement } from './announcement-txt.ts';
import {
  createDnsSdBrowser,
  type DnsSdBrowser,
  type DnsSdBrowserFactory,
  type FoundInstance,
} from './dns-sd-browser.ts';
import { foundByProbe, knownEngineFor } from './found-engine.ts';
import { probeIdentity, type IdentityProbe } from './identity-probe.ts';
import { ScanJob } from './scan-job.ts';
import { parseScanTargets } from './scan-targets.ts';

export type MdnsSetting = 'off' | { interface?: string };

export interface DiscoveryServiceOptions {
  /** The engine list, to mark what is known already; nothing is known when absent (the CLI). */
  knownEngines?: () => KnownEngine[];
  mdns?: MdnsSetting;
  browserFactory?: DnsSdBrowserFactory;
  probe?: IdentityProbe;
  /** Probes in flight at once per scan. */
  parallelism?: number;
  probeTimeoutMs?: number;
  scanTimeLimitMs?: number;
  /** How old a check of a browsed engine may get before the next browse() checks it again. */
  recheckMs?: number;
  /** Browsing stops this long after the last browse(): a closed window does not multicast on. */
  idleStopMs?: number;
  /** Called whenever a browsed engine is added or changes. */
  onBrowsed?: (engine: DiscoveredEngine) => void;
  log?: (line: string) => void;
}

export const DEFAULT_PARALLELISM = 32;
const MAX_RUNNING_SCANS = 2;
const KEPT_SCANS = 10;

interface BrowsedEntry {
  instance: string;
  announcement: Announcement;
  view: DiscoveredEngine;
  checkedAt: number;
  checking: boolean;
  fingerprint?: string;
}

export class DiscoveryService {
  private readonly options: DiscoveryServiceOptions;
  private readonly probe: IdentityProbe;
  private readonly browsed = new Map<string, BrowsedEntry>();
  private readonly scans = new Map<string, ScanJob>();
  private browser: DnsSdBrowser | undefined;
  private mdnsProblem: string | undefined;
  private lastBrowseCall = 0;
  private idleTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: DiscoveryServiceOptions = {}) {
    this.options = options;
    this.probe = options.probe ?? probeIdentity;
  }

  /** Starts browsing when it is not running, re-checks stale entries, and returns what is known. */
  browse(): DiscoveryListing {
    this.lastBrowseCall = Date.now();
    if (this.options.mdns !== 'off' && !this.browser) this.startBrowsing();
    else this.browser?.query();
    const recheckMs = this.options.recheckMs ?? 10_000;
    for (const entry of this.browsed.values()) {
      if (!entry.checking && Date.now() - entry.checkedAt > recheckMs) void this.check(entry);
    }
    return this.listing();
  }

  listing(): DiscoveryListing {
    const mdns =
      this.options.mdns === 'off'
        ? 'off'
        : this.browser
          ? 'browsing'
          : this.mdnsProblem
            ? 'failed'
            : 'stopped';
    const engines = [...this.browsed.values()]
      .map((entry) => this.decorate(entry.view, entry.fingerprint))
      .sort((a, b) => (a.name ?? a.address).localeCompare(b.name ?? b.address));
    return { mdns, ...(this.mdnsProblem ? { problem: this.mdnsProblem } : {}), engines };
  }

  async stopBrowsing(): Promise<void> {
    clearInterval(this.idleTimer);
    this.idleTimer = undefined;
    const browser = this.browser;
    this.browser = undefined;
    await browser?.close();
  }

  scan(input: { targets: string; port?: number }): { scanId: string; total: number } {
    const parsed = parseScanTargets(input.targets, input.port ?? DEFAULT_MGMT_PORT);
    if (!parsed.ok) throw new ServiceError('invalid-input', parsed.error, { field: 'targets' });
    if ([...this.scans.values()].filter((job) => job.running).length >= MAX_RUNNING_SCANS) {
      throw new ServiceError('busy', 'Two scans are running already. Wait for one to finish or cancel it.');
    }
    const job = new ScanJob({
      id: randomUUID(),
      targets: parsed.targets,
      probe: this.probe,
      parallelism: this.options.parallelism ?? DEFAULT_PARALLELISM,
      probeTimeoutMs: this.options.probeTimeoutMs ?? 2000,
      timeLimitMs: this.options.scanTimeLimitMs ?? 5 * 60_000,
      decorate: (engine, fingerprint) => this.decorate(engine, fingerprint),
    });
    this.scans.set(job.id, job);
    for (const old of [...this.scans.values()]) {
      if (this.scans.size <= KEPT_SCANS) break;
      if (!old.running) this.scans.delete(old.id);
    }
    return { scanId: job.id, total: parsed.targets.length };
  }

  results(scanId: string): ScanResults {
    return this.job(scanId).results();
  }

  /** For the CLI: waits until the scan has finished, was cancelled or ran out of time. */
  async finished(scanId: string): Promise<ScanResults> {
    const job = this.job(scanId);
    await job.finished;
    return job.results();
  }

  cancel(scanId: string): void {
    this.job(scanId).cancel();
  }

  async close(): Promise<void> {
    for (const job of this.scans.values()) job.cancel();
    await this.stopBrowsing();
    await Promise.all([...this.scans.values()].map((job) => job.finished));
  }

  private job(scanId: string): ScanJob {
    const job = this.scans.get(scanId);
    if (!job) throw new ServiceError('not-found', 'This scan is no longer known; start it again.');
    return job;
  }

  private decorate(engine: DiscoveredEngine, fingerprint: string | undefined): DiscoveredEngine {
    const known = knownEngineFor(engine, fingerprint, this.options.knownEngines?.() ?? []);
    return known ? { ...engine, knownEngineId: known } : engine;
  }

  private startBrowsing(): void {
    const log = this.options.log ?? (() => {});
    this.mdnsProblem = undefined;
    const setting = this.options.mdns === 'off' ? {} : (this.options.mdns ?? {});
    try {
      this.browser = (this.options.browserFactory ?? createDnsSdBrowser)(
        {
          ...(setting.interface ? { interface: setting.interface } : {}),
          onError: (error) => {
            this.mdnsProblem = `mDNS: ${error.message}`;
            log(`[discovery] ${this.mdnsProblem}`);
          },
        },
        { up: (instance) => this.onUp(instance), down: (name) => this.onDown(name) },
      );
    } catch (error) {
      this.mdnsProblem = `mDNS: ${(error as Error).message}`;
      log(`[discovery] ${this.mdnsProblem}`);
      return;
    }
    const idleStopMs = this.options.idleStopMs ?? 30_000;
    this.idleTimer = setInterval(
      () => {
        if (Date.now() - this.lastBrowseCall > idleStopMs) void this.stopBrowsing();
      },
      Math.min(5000, idleStopMs),
    );
    this.idleTimer.unref?.();
  }

  private onUp(found: FoundInstance): void {
    const announcement = parseAnnouncementTxt(found.txt, found.port);
    if (!announcement.ok) {
      this.options.log?.(`[discovery] ignored "${found.instance}": ${announcement.error}`);
      return;
    }
    const host = chooseAddress(found);
    if (!host) return;
    const address = formatHostPort({ host, port: announcement.value.mgmtPort });
    const previous = this.browsed.get(found.instance);
    const entry: BrowsedEntry = {
      instance: found.instance,
      announcement: announcement.value,
      checkedAt: 0,
      checking: false,
      ...(previous?.fingerprint && previous.view.address === address
        ? { fingerprint: previous.fingerprint }
        : {}),
      view: {
        ...(previous?.view.address === address ? previous.view : {}),
        address,
        source: 'mdns',
        state:
          previous?.view.state === 'reachable' && previous.view.address === address
            ? 'reachable'
            : 'checking',
        engineId: announcement.value.id,
        version: announcement.value.version,
        provisioned: announcement.value.provisioned,
        fingerprintPrefix: announcement.value.fingerprintPrefix,
        lastSeen: new Date().toISOString(),
      },
    };
    this.browsed.set(found.instance, entry);
    this.changed(entry);
    void this.check(entry);
  }

  /** A goodbye: the engine stays in the list, unreachable, until it announces itself again. */
  private onDown(instance: string): void {
    const entry = this.browsed.get(instance);
    if (!entry) return;
    entry.view = {
      ...entry.view,
      state: 'unreachable',
      lastError: 'The engine withdrew its announcement (it stopped or left the network).',
    };
    entry.checkedAt = Date.now();
    this.changed(entry);
  }

  private async check(entry: BrowsedEntry): Promise<void> {
    entry.checking = true;
    const [host, port] = splitAddress(entry.view.address);
    const outcome = await this.probe({ host, port }, this.options.probeTimeoutMs ?? 2000).catch(
      (error: Error) => ({ ok: false as const, reason: 'other' as const, message: error.message }),
    );
    entry.checking = false;
    entry.checkedAt = Date.now();
    if (this.browsed.get(entry.instance) !== entry) return; // re-announced meanwhile
    if (outcome.ok) {
      const view = foundByProbe({ host, port }, 'mdns', outcome, new Date());
      const mismatch =
        !outcome.fingerprint.startsWith(entry.announcement.fingerprintPrefix) ||
        outcome.identity.id !== entry.announcement.id;
      entry.fingerprint = outcome.fingerprint;
      entry.view = {
        ...view,
        ...(mismatch
          ? {
              fingerprintMismatch: true,
              lastError:
                'What answers at this address is not the engine that announced itself (its certificate or id differs).',
            }
          : {}),
      };
    } else {
      entry.view = { ...entry.view, state: 'unreachable', lastError: outcome.message };
    }
    this.changed(entry);
  }

  private changed(entry: BrowsedEntry): void {
    this.options.onBrowsed?.(this.decorate(entry.view, entry.fingerprint));
  }
}

/**
 * The address the answer came from reaches the engine's host on this link; the A records list
 * every interface of that host, some perhaps not reachable from here.
 */
export function chooseAddress(found: FoundInstance): string | undefined {
  if (found.sourceAddress && isIP(found.sourceAddress)) return found.sourceAddress;
  return found.addresses.find((a) => isIP(a) === 4) ?? found.addresses[0];
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return [host, Number(address.slice(at + 1))];
}
