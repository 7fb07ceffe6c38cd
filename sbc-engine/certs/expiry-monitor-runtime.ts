// The expiry warnings inside a running engine: certificates from the store, a check after every
// change to the store, real timers, and each warning written to the engine's log and to syslog.
import { createNodeTimerHost } from '../transport/node-timer-host.ts';
import type { Clock } from '../runtime/clock.ts';
import { certExpiryEvent } from '../syslog/events.ts';
import type { SyslogSender } from '../syslog/sender.ts';
import { ExpiryMonitor, type ExpiryCertificate } from './expiry-monitor.ts';
import type { CertificateStore } from './store/index.ts';

/** Own certificates with a leaf, as the monitor needs them. */
export function expiryCertificates(store: CertificateStore): ExpiryCertificate[] {
  return store.list().own.flatMap((entry) =>
    entry.certificate
      ? [
          {
            id: entry.id,
            label: entry.label,
            subject: entry.certificate.subject,
            notAfter: entry.certificate.notAfter,
            fingerprint: entry.certificate.sha256Fingerprint,
          },
        ]
      : [],
  );
}

export interface ExpiryWarnings {
  /** Call after the store changed (an import, a removal): checks again at once. */
  changed(): void;
  start(): void;
  stop(): void;
}

export function createExpiryWarnings(options: {
  store: CertificateStore;
  clock: Clock;
  log: (line: string) => void;
  syslog?: SyslogSender;
}): ExpiryWarnings {
  const { log, syslog } = options;
  const monitor = new ExpiryMonitor({
    certificates: () => expiryCertificates(options.store),
    clock: options.clock,
    timers: createNodeTimerHost(),
    report(finding) {
      log(`[certs] ${finding.text}`);
      syslog?.send(certExpiryEvent(finding));
    },
    onError: (error) =>
      log(`[certs] the expiry check could not read the certificate store: ${error.message}`),
  });
  let started = false;
  return {
    changed() {
      if (started) monitor.check();
    },
    start() {
      started = true;
      monitor.start();
    },
    stop() {
      started = false;
      monitor.stop();
    },
  };
}
