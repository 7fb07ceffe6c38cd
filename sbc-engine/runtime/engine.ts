// Starts an engine on a data folder: first-start provisioning, then the management API.
import type { AddressInfo } from 'node:net';
import { fingerprintOfPem, fingerprintPrefix } from '../certs/fingerprint.ts';
import { createExpiryWarnings } from '../certs/expiry-monitor-runtime.ts';
import { CertificateStore, type TlsMaterial } from '../certs/store/index.ts';
import { AdminService } from '../mgmt/admin-service.ts';
import { CertificatesService, certificatePaths, readSipTlsChoice } from '../mgmt/certificates-service.ts';
import { DiagnosticsService } from '../mgmt/diagnostics-service.ts';
import { BackupService } from '../mgmt/backup-service.ts';
import { ConfigService, type LintConfig } from '../mgmt/config-service.ts';
import type { CertificateListing } from '../mgmt/certificates-routes.ts';
import { bundledRootFacts, engineLint } from './engine-lint.ts';
import { createMgmtServer } from '../mgmt/http-server.ts';
import type { Clock } from './clock.ts';
import { DataDir } from './data-dir.ts';
import { findResourcesDir } from '../resources/resources-dir.ts';
import { claimPidFile, releasePidFile } from './pid-file.ts';
import { ENGINE_VERSION } from './version.ts';
import type { ListenSpec } from '../config/listen-spec.ts';
import { ConfigStore, type BootReport } from './config-store/store.ts';
import { initialConfig } from './initial-config.ts';
import { createListenerControl } from './sip-listeners.ts';
import { createSipService, describeListener, type ListenerTls, type SipService } from './sip-service.ts';
import { createNodeSyslogSender } from '../syslog/node-io.ts';
import { createEngineConnections, followingConfigs } from '../connections/engine-connections.ts';
import { statusBody } from '../connections/status-body.ts';
import type { B2bua } from '../b2bua/b2bua.ts';
import { createEngineCalls } from '../b2bua/engine-calls.ts';
import { callsApi } from '../b2bua/calls-api.ts';
import type { SyslogTarget } from '../syslog/target.ts';
import { announceDecision } from '../discovery/announcement.ts';
import { startAnnouncer, type Announcer } from '../discovery/announcer.ts';
import { createMdnsPublisher } from '../discovery/mdns-publisher.ts';

export interface EngineOptions {
  dataDir: string;
  mgmtHost: string;
  mgmtPort: number;
  /**
   * SIP sockets from the command line (--sip), open in addition to the config's listeners for as
   * long as the engine runs; an applied config neither closes nor changes them. TLS ones serve the
   * SIP TLS choice (the management certificate until a store certificate is chosen).
   */
  sip?: ListenSpec[];
  /** Test hook between fsync and rename of config writes (SBC_ENGINE_TEST_PAUSE_BEFORE_RENAME). */
  beforeConfigRename?: () => void;
  /** The config linter; finds nothing when absent. */
  lint?: LintConfig;
  clock: Clock;
  log: (line: string) => void;
  /** Where RFC 5424 messages go (certificate expiry today); none when absent. */
  syslog?: SyslogTarget;
  /** True when a person reads the output (a terminal): only then is the setup key printed. */
  console: boolean;
  /**
   * DNS-SD announcement (sbc-engine/discovery/DISCOVERY.md): false turns it off; `interface` picks
   * the IPv4 address of the interface to announce on. Loopback management is never announced.
   */
  announce?: false | { interface?: string };
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
  let sip: SipService | undefined;
  let sipTlsId: string | undefined;
  let sipTls: TlsMaterial = tls;
  let configStore: ConfigStore;
  let configBoot: BootReport;
  try {
    store = CertificateStore.open(certPaths.folder, { keyFile: certPaths.keyFile });
    sipTlsId = readSipTlsChoice(certPaths.sipTlsChoice);
    if (sipTlsId) {
      try {
        sipTls = store.tlsMaterial(sipTlsId);
      } catch (error) {
        log(`[certs] the certificate chosen for SIP TLS cannot be used (${(error as Error).message}); serving the management certificate`); // prettier-ignore
        sipTlsId = undefined;
      }
    }
    sip = createSipService(log);
    for (const spec of options.sip ?? []) await openCommandLineListener(sip, spec, sipTls);
    ({ store: configStore, boot: configBoot } = ConfigStore.open({
      folder: dataDir.file('config'),
      now: () => options.clock.now(),
      log,
      initialConfig,
      beforeRename: options.beforeConfigRename,
    }));
  } catch (error) {
    await sip?.closeAll();
    releasePidFile(dataDir.file('pid'));
    throw error;
  }
  const sipService = sip;
  const resourcesDir = findResourcesDir(import.meta.url);
  const syslog = options.syslog ? createNodeSyslogSender(options.syslog, { log }) : undefined;
  // The connections answer OPTIONS by the B2BUA's call count; the B2BUA needs the connections.
  const calls: { b2bua?: B2bua } = {};
  const connections = await createEngineConnections({
    core: sipService.core,
    store,
    sipTls: () => sipTls,
    resourcesDir,
    log,
    syslog,
    env: process.env,
    activeCalls: (id) => calls.b2bua?.activeCalls(id) ?? 0,
  });
  sipService.core.setOptionsPolicy((_request, source, base) => connections.answerOptions(source, base));
  const b2bua = createEngineCalls({ core: sipService.core, connections, log, syslog });
  calls.b2bua = b2bua;
  const listeners = followingConfigs(
    createListenerControl(
      sipService,
      { defaultMaterial: () => sipTls, storeMaterial: (id) => store.tlsMaterial(id) },
      log,
    ),
    connections,
    (config) => b2bua.apply(config),
  );
  // A listener of the config that cannot be had (port taken) is logged and left out: the engine
  // and its management API come up, so the admin can fix the config instead of facing a crash loop.
  await (await listeners.prepare(configStore.current.config, true)).commit();
  log(`[config] running version ${configStore.current.info.version}`);
  const expiry = createExpiryWarnings({ store, clock: options.clock, log, syslog });
  const certificates = new CertificatesService({
    store,
    onChange: () => expiry.changed(),
    sipTlsChoiceFile: certPaths.sipTlsChoice,
    sipTlsCertificateId: sipTlsId,
    configuredFqdn: () => configStore.current.config.system.fqdn,
    applySipTls: (material) => {
      sipTls = material;
      return sipService.setTlsMaterial(material);
    },
    resourcesDir,
  });
  const bundledRoots = await bundledRootFacts(resourcesDir, log);
  const lintWith = (listing: () => CertificateListing): LintConfig =>
    options.lint ??
    engineLint({ certificates: listing, bundledRoots, now: () => new Date(options.clock.now()) });
  const config = new ConfigService({
    store: configStore,
    lint: lintWith(() => certificates.list()),
    listeners,
    clock: options.clock,
    log,
    author: () => dataDir.readAdmin()?.user ?? 'admin',
    boot: configBoot,
  });
  const service = new AdminService({
    dataDir,
    clock: options.clock,
    version: ENGINE_VERSION,
    managementFingerprint: fingerprint,
    sipListen: () => sipService.listeners.map(({ transport, host, port }) => ({ transport, host, port })),
    certificates: () => certificates.statusCertificates(),
  });
  const diagnostics = new DiagnosticsService({
    store,
    sipTlsCertificateId: () => certificates.list().sipTlsCertificateId ?? undefined,
    log,
    ...(process.env.SBC_ENGINE_SANDBOX === 'loopback' ? { sandbox: { dnsServers: ['127.0.0.1:9'] } } : {}),
  });
  const backup = new BackupService({
    engine: () => {
      const { id, name } = dataDir.readEngine();
      return { id, name, version: ENGINE_VERSION };
    },
    configStore,
    config,
    store,
    certificates,
    lintWith: (listing) => lintWith(() => listing),
    author: () => dataDir.readAdmin()?.user ?? 'admin',
    readAdmin: () => dataDir.readAdmin(),
    writeAdmin: (admin) => dataDir.writeAdmin(admin.user, admin.password),
    onCertificatesChanged: () => expiry.changed(),
    now: () => options.clock.now(),
    log,
  });
  const server = createMgmtServer(
    tls,
    service,
    certificates,
    config,
    log,
    diagnostics,
    () => statusBody(connections.status()),
    callsApi(b2bua, () => Date.now()),
    backup,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.mgmtPort, options.mgmtHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await connections.stop();
    await syslog?.close(0);
    await sipService.closeAll();
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
  config.start();
  const announcer = await announce(
    options,
    address.port,
    () => service.identity(),
    () => configStore.current.config.system.announce,
  );
  return {
    mgmtAddress: address,
    fingerprint,
    async stop() {
      // The goodbye goes out first: a browser marks the engine gone before its port closes.
      await announcer?.stop();
      expiry.stop();
      config.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Registrations end with Expires: 0 while the sockets are still open.
      await connections.stop();
      await sipService.closeAll();
      await syslog?.close();
      releasePidFile(dataDir.file('pid'));
    },
  };
}

async function announce(
  options: EngineOptions,
  mgmtPort: number,
  identity: () => {
    id: string;
    name: string;
    version: string;
    provisioned: boolean;
    managementFingerprint: string;
  },
  /** The config's system.announce, read at every check (within 15 s of an apply). */
  enabled: () => boolean,
): Promise<Announcer | undefined> {
  const { log } = options;
  if (options.announce === false) {
    log('[discovery] not announcing: turned off');
    return undefined;
  }
  const decision = announceDecision(options.mgmtHost);
  if (!decision.announce) {
    log(`[discovery] not announcing: ${decision.reason}`);
    return undefined;
  }
  const networkInterface = options.announce?.interface ?? decision.interface;
  try {
    const announcer = await startAnnouncer({
      publisher: createMdnsPublisher({
        ...(networkInterface ? { interface: networkInterface } : {}),
        onError: (error) => log(`[discovery] mDNS: ${error.message}`),
      }),
      facts: () => {
        const facts = identity();
        return { ...facts, fingerprint: facts.managementFingerprint, mgmtPort };
      },
      enabled,
      log,
    });
    log(`[discovery] announcing _sbc-studio._tcp on ${networkInterface ?? 'every interface'}`);
    return announcer;
  } catch (error) {
    // Finding the engine by address still works; the announcement is a convenience.
    log(`[discovery] not announcing: ${(error as Error).message}`);
    return undefined;
  }
}

async function openCommandLineListener(
  sip: SipService,
  spec: ListenSpec,
  material: TlsMaterial,
): Promise<void> {
  const tls: ListenerTls = { material, minVersion: 'TLSv1.2', ciphers: [], followsDefault: true };
  try {
    await sip.open(spec, spec.transport === 'tls' ? tls : undefined, true);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `a SIP port is already in use: ${describeListener(spec)} (--sip)`
        : `--sip ${describeListener(spec)}: ${(error as Error).message}`,
    );
  }
}
