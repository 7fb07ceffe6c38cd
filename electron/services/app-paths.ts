import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'SBC Studio';

/**
 * The app's data folder: the same one Electron's app.getPath('userData') names for this product,
 * so the desktop app and browser mode share settings, pins and the bundled engine.
 */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SBC_STUDIO_DATA_DIR) return env.SBC_STUDIO_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The bundled engine keeps its own folder inside the app's. */
export function bundledEngineDataDir(appDataDir: string): string {
  return join(appDataDir, 'engine');
}
