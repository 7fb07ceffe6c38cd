// The Electron main process: thin glue. It wires Electron's objects to the security settings
// (security.ts), the IPC bridge (ipc.ts) and the services, which do all the work and are shared
// with browser mode. Built to dist/electron/main.cjs; cannot run where the Electron runtime is
// missing, so everything worth testing lives in the modules it calls.
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { appMenuTemplate } from './menu.ts';
import { registerIpcHandlers } from './ipc.ts';
import {
  APP_INDEX_URL,
  hardenSession,
  hardenWebContents,
  registerAppScheme,
  secureWebPreferences,
  serveAppFiles,
} from './security.ts';
import { bundledEngineDataDir } from './services/app-paths.ts';
import { createAppServices } from './services/app-services.ts';

function log(line: string): void {
  console.log(line);
}

// Browser mode honours the same override, so both modes can share one data folder in tests.
if (process.env.SBC_STUDIO_DATA_DIR) app.setPath('userData', process.env.SBC_STUDIO_DATA_DIR);
app.enableSandbox(); // every renderer, whatever its webPreferences
registerAppScheme(protocol); // must happen before 'ready'

/** The built files: dist/ inside the app (app.asar when packaged), the engine beside it. */
function appPaths() {
  const root = app.getAppPath();
  return {
    renderer: join(root, 'dist', 'renderer'),
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    // Packaged, the engine ships as an extraResource (electron-builder.yml): a real file on disk
    // that Electron-as-Node can run by path, outside app.asar.
    engineScript: app.isPackaged
      ? join(process.resourcesPath, 'engine', 'sbc-engine.mjs')
      : join(root, 'dist', 'engine', 'sbc-engine.mjs'),
    // Profiles and CA roots: an extraResource when packaged, the checkout's resources/ otherwise.
    resources: app.isPackaged ? join(process.resourcesPath, 'resources') : join(root, 'resources'),
  };
}

function createWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'SBC Studio',
    show: false,
    webPreferences: secureWebPreferences(preload, { devTools: !app.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  return window;
}

async function start(): Promise<void> {
  const paths = appPaths();
  const dataDir = app.getPath('userData');
  hardenSession(session.defaultSession);
  serveAppFiles(protocol, paths.renderer);

  // Same file name and folder as browser mode's conf store: both modes see the same engines.
  const store = new Store<Record<string, unknown>>({ name: 'settings' });
  const services = await createAppServices({
    mode: 'electron',
    store,
    resourcesDir: paths.resources,
    // The syslog receiver is its own process: Electron-as-Node runs the CLI bundle.
    syslog: {
      cliScript: join(app.getAppPath(), 'dist', 'cli', 'sbc-studio.mjs'),
      dataDir: join(dataDir, 'syslog'),
    },
    log,
    locale: app.getLocale(),
    bundledEngine: {
      dataDir: bundledEngineDataDir(dataDir),
      execPath: process.execPath,
      execArgs: [paths.engineScript],
      // Electron's own binary runs the engine as plain Node. The engine is detached, so it
      // outlives this process: closing the window never drops calls.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    },
  });
  registerIpcHandlers(ipcMain, services.handlers, log);

  const bundled = services.bundled;
  const menu = appMenuTemplate({
    isPackaged: app.isPackaged,
    isMac: process.platform === 'darwin',
    ...(bundled && {
      stopBundledEngine: () => {
        bundled
          .stop()
          .catch((error: Error) => log(`[engines] stopping the bundled engine failed: ${error.message}`));
      },
    }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  createWindow(paths.preload);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(paths.preload);
  });
  // The window comes up at once; the engine may take seconds on its first start (key generation).
  bundled
    ?.ensureRunning()
    .catch((error: Error) => log(`[engines] the bundled engine did not start: ${error.message}`));
}

// One instance per user: a second start focuses the first window instead of racing for the
// settings file and the engine's port.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  // Every web contents, including any a bug might create, gets the navigation and window rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));
  // Quit with the last window, but leave the bundled engine running: it serves calls on its own.
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(`[app] start failed: ${(error as Error).stack ?? String(error)}`);
      app.exit(1);
    });
}
