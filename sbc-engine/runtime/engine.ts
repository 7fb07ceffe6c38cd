// Starts an engine on a data folder: first-start provisioning, then the management API.
import type { AddressInfo } from 'node:net';
import { fingerprintOfPem, fingerprintPrefix } from '../certs/fingerprint.ts';
import { createExpiryWarnings } from '../certs/expiry-monitor-runtime.ts';
import { CertificateStore, type TlsMaterial } from '../certs/store/index.ts';
import { AdminService } from '../mgmt/admin-service.ts';
import { CertificatesService, certificatePaths, readSipTlsChoice } from '../mgmt/certificates-service.ts';
import { DiagnosticsService } from '../mgmt/diagnostics-service.ts';
import { createMgmtServer } from '../mgmt/http-server.ts';
import type { Clock } from './clock.ts';
import { DataDir } from './data-dir.ts';
import { findResourcesDir } from '../resources/resources-dir.ts';
import { claimPidFile, releasePidFile } from './pid-file.ts';
import { ENGINE_VERSION } from './version.ts';
import type { ListenSpec } from '../config/listen-spec.ts';
import { startSipService, type SipService } from './sip-service.ts';
import { createNodeSyslogSender } from '../syslog/node-io.ts';
import type { SyslogTarget } from '../syslog/target.ts';

export interface EngineOptions {
  dataDir: string;
  mgmtHost: string;
  mgmtPort: number;
  /** SIP sockets; TLS serves the management certificate until a store certificate is chosen. */
  sip?: ListenSpec[];
  clock: Clock;
  log: (line: string) => void;
  /** Where RFC 5424 messages go (certificate expiry today); none when absent. */
  syslog?: SyslogTarget;
  /** True when a person reads the output (a terminal): only then is the setup key printed. */
  console: boolean;
}

export interface RunningEngine {
  mgmtAddress: AddressInfo;
  fingerprint: string;
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const { log } = options;
  const dataDir = new DataDir(options.dataDir);
  // Claimed before first-start provisioning, so two engines never both create keys in one folder.
  dataDir.ensureExists();
  claimPidFile(dataDir.file('pid'));
  let firstStart;
  try {
    firstStart = await dataDir.initialize();
  } catch (error) {
    releasePidFile(dataDir.file('pid'));
    throw error;
  }
  const tls = dataDir.readManagementTls();
  const fingerprint = fingerprintOfPem(tls.cert);
  const certPaths = certificatePaths(dataDir.path);
  let store: CertificateStore;
  let sip: SipService;
  let sipTlsId: string | undefined;
  try {
    store = CertificateStore.open(certPaths.folder, { keyFile: certPaths.keyFile });
    let sipTls: TlsMaterial = tls;
    sipTlsId = readSipTlsChoice(certPaths.sipTlsChoice);
    if (sipTlsId) {
      try {
        sipTls = store.tlsMaterial(sipTlsId);
      } catch (error) {
        log(`[certs] the certificate chosen for SIP TLS cannot be used (${(error as Error).message}); serving the management certificate`); // prettier-ignore
        sipTlsId = undefined;
      }
    }
    sip = await startSipService(options.sip ?? [], sipTls, log);
  } catch (error) {
    releasePidFile(dataDir.file('pid'));
    throw error;
  }
  const syslog = options.syslog ? createNodeSyslogSender(options.syslog, { log }) : undefined;
  const expiry = createExpiryWarnings({ store, clock: options.clock, log, syslog });
  const certificates = new CertificatesService({
    store,
    onChange: () => expiry.changed(),
    sipTlsChoiceFile: certPaths.sipTlsChoice,
    sipTlsCertificateId: sipTlsId,
    applySipTls: (material) => sip.setTlsMaterial(material),
    resourcesDir: findResourcesDir(import.meta.url),
  });
  const service = new AdminService({
    dataDir,
    clock: options.clock,
    version: ENGINE_VERSION,
    managementFingerprint: fingerprint,
    sipListen: () => sip.listeners.map(({ transport, host, port }) => ({ transport, host, port })),
    certificates: () => certificates.statusCertificates(),
  });
  const diagnostics = new DiagnosticsService({
    store,
    sipTlsCertificateId: () => certificates.list().sipTlsCertificateId ?? undefined,
    log,
  });
  const server = createMgmtServer(tls, service, certificates, log, diagnostics);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.mgmtPort, options.mgmtHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await syslog?.close(0);
    await sip.close();
    releasePidFile(dataDir.file('pid'));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `management port ${options.mgmtHost}:${options.mgmtPort} is in use; choose another with --mgmt HOST:PORT`,
      );
    }
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  log(`[engine] sbc-engine ${ENGINE_VERSION}, data folder ${dataDir.path}`);
  log(`[mgmt] listening on https://${shownHost}:${address.port}/api/v1`);
  log(`[mgmt] management certificate SHA-256 begins ${fingerprintPrefix(fingerprint)}`);
  const pendingKey = firstStart.newSetupKey ?? dataDir.readSetupKey();
  if (pendingKey && !dataDir.readAdmin()) {
    // On a console the key is shown; into a log file (the bundled engine's) only its location goes:
    // logs get zipped and mailed, and a setup key is a secret (CONVENTIONS.md).
    const shown = options.console
      ? `Setup key: ${pendingKey}  (also in ${dataDir.file('setupKey')})`
      : `The setup key is in ${dataDir.file('setupKey')}`;
    log(`[setup] not set up yet. ${shown}`);
    log(`[setup] compare the certificate fingerprint above with the one SBC Studio shows.`);
  } else if (pendingKey) {
    log(`[setup] a password reset is pending; its setup key is in ${dataDir.file('setupKey')}`);
  }
  expiry.start();
  return {
    mgmtAddress: address,
    fingerprint,
    async stop() {
      expiry.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sip.close();
      await syslog?.close();
      releasePidFile(dataDir.file('pid'));
    },
  };
}
