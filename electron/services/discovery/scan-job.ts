// One scan: /identity probes over a list of addresses with bounded parallelism and a time limit;
// results are kept as they arrive so the UI (polling) and the CLI (listening) see them at once.
import type { DiscoveredEngine, ScanFailure, ScanResults } from '../../api/contract.ts';
import { formatHostPort } from '../../../sbc-engine/config/host-port.ts';
import { runBounded } from './bounded-pool.ts';
import { foundByProbe } from './found-engine.ts';
import type { IdentityProbe } from './identity-probe.ts';
import type { ScanTarget } from './scan-targets.ts';

/** A /20 full of silence would otherwise send 4094 rows to the UI on every poll. */
export const MAX_LISTED_FAILURES = 256;

export interface ScanJobOptions {
  id: string;
  targets: ScanTarget[];
  probe: IdentityProbe;
  parallelism: number;
  probeTimeoutMs: number;
  timeLimitMs: number;
  /** Ties a found engine to the engine list (and gives the full fingerprint for that). */
  decorate?: (engine: DiscoveredEngine, fingerprint: string) => DiscoveredEngine;
  onFound?: (engine: DiscoveredEngine) => void;
  onFailure?: (failure: ScanFailure) => void;
}

export class ScanJob {
  readonly id: string;
  readonly finished: Promise<void>;
  private readonly options: ScanJobOptions;
  private state: ScanResults['state'] = 'running';
  private done = 0;
  private started = 0;
  private readonly found: DiscoveredEngine[] = [];
  private readonly failures: ScanFailure[] = [];
  private failureCount = 0;
  private stopReason: 'cancelled' | 'time-limit' | undefined;

  constructor(options: ScanJobOptions) {
    this.options = options;
    this.id = options.id;
    this.finished = this.run();
  }

  cancel(): void {
    this.stopReason ??= 'cancelled';
  }

  get running(): boolean {
    return this.state === 'running';
  }

  results(): ScanResults {
    return {
      scanId: this.id,
      state: this.state,
      total: this.options.targets.length,
      done: this.done,
      found: [...this.found],
      failures: [...this.failures],
      failureCount: this.failureCount,
      notTried: this.state === 'running' ? 0 : this.options.targets.length - this.started,
    };
  }

  private async run(): Promise<void> {
    const { options } = this;
    // Probes in flight finish within their own timeout; no new one starts after the limit.
    const limit = setTimeout(() => (this.stopReason ??= 'time-limit'), options.timeLimitMs);
    limit.unref?.();
    try {
      await runBounded(
        options.targets,
        async (target) => {
          this.started++;
          const outcome = await options.probe(target, options.probeTimeoutMs).catch((error: Error) => ({
            ok: false as const,
            reason: 'other' as const,
            message: error.message,
          }));
          this.done++;
          if (outcome.ok) {
            const row = foundByProbe(target, 'scan', outcome, new Date());
            const engine = options.decorate ? options.decorate(row, outcome.fingerprint) : row;
            this.found.push(engine);
            options.onFound?.(engine);
            return;
          }
          const failure: ScanFailure = {
            address: formatHostPort(target),
            reason: outcome.reason,
            message: outcome.message,
          };
          this.failureCount++;
          if (this.failures.length < MAX_LISTED_FAILURES) this.failures.push(failure);
          options.onFailure?.(failure);
        },
        { parallelism: options.parallelism, shouldStop: () => this.stopReason !== undefined },
      );
    } finally {
      clearTimeout(limit);
      this.state = this.stopReason ?? 'finished';
    }
  }
}
