// Warns before the engine's own certificates expire: at 30 days, more urgently at 7, and once
// expired (issue 4). Checks run at start, once a day and after each change to the store; each
// threshold is reported once per certificate per UTC day, however often it is checked.
import type { Clock } from '../runtime/clock.ts';
import type { TimerHandle, TimerHost } from '../sip/transaction/clock.ts';

export const DAY_MS = 86_400_000;

export interface ExpiryCertificate {
  /** The store entry's id. */
  id: string;
  label: string;
  /** One-line subject DN, "O=Contoso, CN=sbc.contoso.com". */
  subject: string;
  /** ISO 8601. */
  notAfter: string;
  /** Tells a renewed leaf in the same entry from the old one. */
  fingerprint?: string;
}

export type ExpiryThreshold = '30d' | '7d' | 'expired';

export interface ExpiryFinding {
  threshold: ExpiryThreshold;
  /**
   * syslog severity: 'warning' at 30 days; 'err' at 7, because the admin must act now; 'crit' once
   * expired, because every TLS peer (Teams, the carrier) refuses the handshake and calls fail.
   */
  severity: 'warning' | 'err' | 'crit';
  certId: string;
  label: string;
  subject: string;
  notAfter: string;
  /** Whole days until notAfter, as /status shows them; negative once expired. */
  daysLeft: number;
  /** One plain sentence for the log and the syslog MSG. */
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(cert: ExpiryCertificate, threshold: ExpiryThreshold, daysLeft: number): string {
  const name = `certificate "${cert.label}" (${cert.subject})`;
  if (threshold === 'expired')
    return `${name} expired on ${cert.notAfter}; TLS peers refuse it: import a renewed certificate`;
  const when = daysLeft < 1 ? 'within a day' : `in ${plural(daysLeft, 'day')}`;
  const act = threshold === '7d' ? 'renew it now' : 'renew it soon';
  return `${name} expires ${when}, on ${cert.notAfter}; ${act}`;
}

/** The threshold a certificate has reached at `now`, or undefined while it has more than 30 days. */
export function expiryFinding(cert: ExpiryCertificate, now: number): ExpiryFinding | undefined {
  const notAfter = Date.parse(cert.notAfter);
  if (Number.isNaN(notAfter)) return undefined;
  const daysLeft = Math.floor((notAfter - now) / DAY_MS);
  let threshold: ExpiryThreshold;
  let severity: ExpiryFinding['severity'];
  // RFC 5280 §4.1.2.5: notAfter is the last moment of validity.
  if (now > notAfter) [threshold, severity] = ['expired', 'crit'];
  else if (daysLeft <= 7) [threshold, severity] = ['7d', 'err'];
  else if (daysLeft <= 30) [threshold, severity] = ['30d', 'warning'];
  else return undefined;
  return {
    threshold,
    severity,
    certId: cert.id,
    label: cert.label,
    subject: cert.subject,
    notAfter: cert.notAfter,
    daysLeft,
    text: describe(cert, threshold, daysLeft),
  };
}

/** Remembers what was reported on which UTC day, so a check repeats nothing already said today. */
export class ExpiryReportLog {
  private readonly lastDay = new Map<string, number>();

  /** The findings of this check that were not yet reported today. */
  due(certificates: readonly ExpiryCertificate[], now: number): ExpiryFinding[] {
    const day = Math.floor(now / DAY_MS);
    const present = new Set<string>();
    const due: ExpiryFinding[] = [];
    for (const cert of certificates) {
      const finding = expiryFinding(cert, now);
      if (!finding) continue;
      const key = `${cert.id}|${cert.fingerprint ?? cert.notAfter}|${finding.threshold}`;
      present.add(key);
      if (this.lastDay.get(key) === day) continue;
      this.lastDay.set(key, day);
      due.push(finding);
    }
    // Removed or renewed certificates are forgotten; the map never grows beyond the store.
    for (const key of this.lastDay.keys()) if (!present.has(key)) this.lastDay.delete(key);
    return due;
  }
}

export interface ExpiryMonitorOptions {
  /** Own certificates that have a leaf. */
  certificates: () => readonly ExpiryCertificate[];
  clock: Clock;
  timers: TimerHost;
  report: (finding: ExpiryFinding) => void;
  /** Reading the store failed; the next check tries again. */
  onError?: (error: Error) => void;
  intervalMs?: number;
}

export class ExpiryMonitor {
  private readonly options: ExpiryMonitorOptions;
  private readonly reported = new ExpiryReportLog();
  private timer: TimerHandle | undefined;
  private running = false;

  constructor(options: ExpiryMonitorOptions) {
    this.options = options;
  }

  /** Checks now, then once per interval (a day) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.check();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.options.timers.cancel(this.timer);
    this.timer = undefined;
  }

  /** Checks now (after a store change); returns what it reported. Never throws. */
  check(): ExpiryFinding[] {
    let due: ExpiryFinding[];
    try {
      due = this.reported.due(this.options.certificates(), this.options.clock.now());
    } catch (error) {
      this.options.onError?.(error as Error);
      return [];
    }
    for (const finding of due) {
      try {
        this.options.report(finding);
      } catch (error) {
        this.options.onError?.(error as Error);
      }
    }
    return due;
  }

  private schedule(): void {
    this.timer = this.options.timers.start('certExpiryCheck', this.options.intervalMs ?? DAY_MS, () => {
      this.timer = undefined;
      if (!this.running) return;
      this.check();
      this.schedule();
    });
  }
}
