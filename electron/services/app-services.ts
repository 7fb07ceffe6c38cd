// Wires the services once; both transports (Electron IPC, browser-mode WebSocket) get the same
// handler table from here.
import { dirname, join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { DEFAULT_MGMT_HOST, DEFAULT_MGMT_PORT } from '../../sbc-engine/config/defaults.ts';
import type { Handlers } from './dispatch.ts';
import { BundledEngine } from './engines/bundled-engine.ts';
import { BUNDLED_ENGINE_ID, EngineRegistry } from './engines/engine-registry.ts';
import { EnginesService } from './engines/engines-service.ts';
import { BackupsService } from './backups/backups-service.ts';
import { DraftsService } from './drafts/drafts-service.ts';
import { DiscoveryService, type MdnsSetting } from './discovery/discovery-service.ts';
import { defaultAppDataDir } from './app-paths.ts';
import { HealthService } from './health/health-service.ts';
import { ProfilesService } from './profiles/profiles-service.ts';
import { ServiceError } from './service-error.ts';
import { SettingsService } from './settings/settings-service.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import { createSyslogHandlers, defaultSyslogService } from './syslog/syslog-handlers.ts';
import type { SyslogService, SyslogServiceOptions } from './syslog/syslog-service.ts';

export interface BundledEngineCommand {
  /** The engine's data folder (by convention `<app data>/engine`). */
  dataDir: string;
  execPath: string;
  execArgs: string[];
  env: NodeJS.ProcessEnv;
  mgmtHost?: string;
  mgmtPort?: number;
}

export interface AppServicesOptions {
  mode: 'electron' | 'browser';
  store: SettingsStore;
  bundledEngine: BundledEngineCommand | null;
  locale?: string;
  /** resources/ (profiles, CA roots); found from the running module when not given. */
  resourcesDir?: string;
  log: (line: string) => void;
  /** Environment for SBC_STUDIO_MDNS (off) and SBC_STUDIO_MDNS_INTERFACE (an IPv4 address); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** The app's data folder (health history); found from the settings store's file when not given. */
  dataDir?: string;
  /**
   * The syslog receiver: the CLI bundle that runs it as its own process (the host knows where it
   * is), its data folder (default `<app data>/syslog`), whether it starts with the app (default yes).
   * Absent or null: no receiver (services wired by tests).
   */
  syslog?: (Partial<SyslogServiceOptions> & { autoStart?: boolean }) | null;
  /** Where backups go by default; next to the bundled engine's folder unless given. */
  backupsDir?: string;
}

export interface AppServices {
  handlers: Handlers;
  bundled: BundledEngine | null;
  engines: EnginesService;
  discovery: DiscoveryService;
  health: HealthService;
  syslog: SyslogService | null;
  backups: BackupsService;
}

/** Tests turn mDNS off, or keep it on one interface inside a network namespace they created. */
export function mdnsSetting(env: NodeJS.ProcessEnv): MdnsSetting {
  if (env.SBC_STUDIO_MDNS === 'off') return 'off';
  return env.SBC_STUDIO_MDNS_INTERFACE ? { interface: env.SBC_STUDIO_MDNS_INTERFACE } : {};
}

function appDataDir(options: AppServicesOptions): string {
  if (options.dataDir) return options.dataDir;
  const storePath = (options.store as { path?: unknown }).path;
  if (typeof storePath === 'string') return dirname(storePath);
  return options.bundledEngine ? dirname(options.bundledEngine.dataDir) : defaultAppDataDir();
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const { log } = options;
  const settings = new SettingsService(
    options.store,
    options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
  );
  const command = options.bundledEngine;
  const host = command?.mgmtHost ?? DEFAULT_MGMT_HOST;
  const port = command?.mgmtPort ?? DEFAULT_MGMT_PORT;
  const bundled = command
    ? new BundledEngine({
        dataDir: command.dataDir,
        host,
        port,
        execPath: command.execPath,
        execArgs: command.execArgs,
        env: command.env,
        log,
      })
    : null;
  const registry = new EngineRegistry(options.store);
  const engines = new EnginesService(
    registry,
    command && bundled ? { dataDir: command.dataDir, host, port, status: () => bundled.status } : null,
  );

  const discovery = new DiscoveryService({
    knownEngines: () => registry.list(),
    mdns: mdnsSetting(options.env ?? process.env),
    log,
  });
  const drafts = new DraftsService(options.store);
  const syslog = defaultSyslogService(options);
  const profiles = new ProfilesService(options.resourcesDir);
  const health = new HealthService({
    engines,
    store: options.store,
    databaseFile: join(appDataDir(options), 'health', 'health.sqlite'),
    log,
  });
  health.start();
  const backups = new BackupsService({
    engines,
    store: options.store,
    defaultFolder:
      options.backupsDir ?? join(command ? dirname(command.dataDir) : defaultAppDataDir(), 'backups'),
    log,
  });
  backups.start();

  function requireBundled(): BundledEngine {
    if (!bundled) throw new ServiceError('not-bundled', 'This SBC Studio runs without a bundled engine.');
    return bundled;
  }

  const handlers: Handlers = {
    'app.info': async () => ({
      version: packageJson.version,
      mode: options.mode,
      platform: process.platform,
    }),
    'settings.get': async () => settings.get(),
    'settings.update': async (input) => settings.update(input),
    'engines.list': () => engines.list(),
    'engines.add': (input) => engines.add(input.address, input.name),
    'engines.remove': async (input) => (engines.remove(input.engineId), {}),
    'engines.refresh': (input) => engines.refresh(input.engineId),
    'engines.setup': (input) =>
      engines.setup(input.engineId, input.setupKey, input.password, input.trustFingerprint),
    'engines.login': (input) => engines.login(input.engineId, input.password, input.trustFingerprint),
    'engines.logout': (input) => engines.logout(input.engineId),
    'engines.acceptCertificate': (input) => engines.acceptCertificate(input.engineId, input.fingerprint),
    'engines.status': (input) => engines.status(input.engineId),
    'engines.changePassword': async (input) => {
      await engines.changePassword(input.engineId, input.currentPassword, input.newPassword);
      return {};
    },
    'engines.readLocalSetupKey': async (input) => ({ setupKey: engines.readLocalSetupKey(input.engineId) }),
    'engines.stopBundled': async () => {
      if (!(await requireBundled().stop())) {
        throw new ServiceError('unreachable', 'The bundled engine was not running.');
      }
      return {};
    },
    'engines.startBundled': async () => {
      try {
        await requireBundled().ensureRunning();
      } catch (error) {
        throw new ServiceError('unreachable', (error as Error).message);
      }
      return engines.refresh(BUNDLED_ENGINE_ID);
    },
    'certificates.list': (input) => engines.listCertificates(input.engineId),
    'certificates.createRequest': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesCreateRequest', body),
    'certificates.importSigned': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesImportSigned', body),
    'certificates.importIntermediates': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesImportIntermediates', body),
    'certificates.importPfx': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesImportPkcs12', body),
    'certificates.addTrusted': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesAddTrusted', body),
    'certificates.bundledRoots': ({ engineId }) => engines.forward(engineId, 'certificatesBundledRoots', {}),
    'certificates.addBundledRoot': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesAddBundledRoot', body),
    'certificates.remove': ({ engineId, ...body }) => engines.forward(engineId, 'certificatesRemove', body),
    'config.get': ({ engineId }) => engines.forward(engineId, 'configGet', {}),
    'config.apply': ({ engineId, ...body }) => engines.applyConfig(engineId, body),
    'config.confirm': ({ engineId, ...body }) => engines.forward(engineId, 'configConfirm', body),
    'config.history': ({ engineId }) => engines.forward(engineId, 'configHistory', {}),
    'config.version': ({ engineId, ...body }) => engines.forward(engineId, 'configVersion', body),
    'config.rollback': ({ engineId, ...body }) => engines.forward(engineId, 'configRollback', body),
    'config.diff': ({ engineId, ...body }) => engines.forward(engineId, 'configDiff', body),
    'operations.calls': ({ engineId }) => engines.forward(engineId, 'callsList', {}),
    'operations.teardown': ({ engineId, ...body }) => engines.forward(engineId, 'callsTeardown', body),
    'operations.counters': ({ engineId }) => engines.forward(engineId, 'callsCounters', {}),
    'operations.connections': ({ engineId }) => engines.forward(engineId, 'connectionsStatus', {}),
    'profiles.list': async () => ({ profiles: await profiles.list() }),
    'drafts.get': async () => ({ draft: drafts.get() }),
    'drafts.save': async (input) => drafts.save(input.name, input.config),
    'drafts.clear': async () => (drafts.clear(), {}),
    'certificates.useForSipTls': ({ engineId, ...body }) =>
      engines.forward(engineId, 'certificatesUseForSipTls', body),
    'discovery.browse': async () => discovery.browse(),
    'discovery.stopBrowsing': async () => (await discovery.stopBrowsing(), {}),
    'discovery.scan': async (input) => discovery.scan(input),
    'discovery.results': async (input) => discovery.results(input.scanId),
    'discovery.cancel': async (input) => (discovery.cancel(input.scanId), {}),
    'health.overview': (input) => health.overview(input.refresh ?? false),
    'health.history': (input) => health.history(input),
    'health.probe': (input) => health.probe(input.engineId, input.connectionId, input.target),
    'health.teamsCheck': (input) => health.teamsCheck(input.engineId, input.sipSignalingPort),
    'health.getSettings': async () => health.settings(),
    'health.updateSettings': (input) => health.updateSettings(input),
    ...createSyslogHandlers(syslog, engines, registry),
    'backups.list': async () => ({ ...backups.list(), settings: backups.settings() }),
    'backups.create': (input) => backups.create(input.engineId, input.passphrase),
    'backups.open': (input) => backups.open(input.source, input.passphrase),
    'backups.saveEdited': (input) => backups.saveEdited(input.source, input.config, input.passphrase),
    'backups.diff': (input) => backups.diff(input.a, input.b, input.passphrase),
    'backups.preview': (input) => backups.preview(input.engineId, input.source, input.passphrase),
    'backups.restore': ({ engineId, source, ...body }) => backups.restore(engineId, source, body),
    'backups.updateSettings': async (input) => backups.updateSettings(input),
  };
  return { handlers, bundled, engines, discovery, health, syslog, backups };
}
