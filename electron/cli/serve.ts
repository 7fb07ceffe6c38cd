// `sbc-studio serve`: browser mode with the bundled engine, the way `npm start` runs without Electron.
import { join } from 'node:path';
import { findResourcesDir } from '../../sbc-engine/resources/resources-dir.ts';
import Conf from 'conf';
import { mkdirSync } from 'node:fs';
import { isLoopbackHost } from './loopback.ts';
import { createAccessToken } from '../host/access-token.ts';
import { startBrowserHost } from '../host/browser-host.ts';
import { createAppServices } from '../services/app-services.ts';
import { bundledEngineDataDir } from '../services/app-paths.ts';
import { distPaths } from './package-paths.ts';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  /** Management address of the bundled engine, or null to run without one. */
  engineMgmt: { host: string; port: number } | null;
  log: (line: string) => void;
}

export async function serve(options: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { log } = options;
  const paths = distPaths();
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = new Conf<Record<string, unknown>>({
    cwd: options.dataDir,
    configName: 'settings',
    projectName: 'sbc-studio',
  });
  const services = createAppServices({
    mode: 'browser',
    store,
    resourcesDir: findResourcesDir(import.meta.url),
    // The syslog receiver runs as its own process from the CLI bundle, with its files beside the app's.
    syslog: { cliScript: paths.cliScript, dataDir: join(options.dataDir, 'syslog') },
    log,
    bundledEngine: options.engineMgmt && {
      dataDir: bundledEngineDataDir(options.dataDir),
      execPath: process.execPath,
      execArgs: [paths.engineScript],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      mgmtHost: options.engineMgmt.host,
      mgmtPort: options.engineMgmt.port,
    },
  });
  if (!isLoopbackHost(options.host)) {
    log(
      `[host] WARNING: serving on ${options.host}: browser mode speaks plain HTTP. Prefer 127.0.0.1 with an SSH tunnel.`,
    );
  }
  const host = await startBrowserHost({
    host: options.host,
    port: options.port,
    rendererDir: paths.renderer,
    handlers: services.handlers,
    token: createAccessToken(),
    log,
  });
  // The UI comes up at once; the engine may take a few seconds on its first start (key generation).
  if (services.bundled) {
    services.bundled
      .ensureRunning()
      .catch((error: Error) => log(`[engines] the bundled engine did not start: ${error.message}`));
  }
  return { url: host.url, close: () => host.close() };
}
