import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable if its runtime is installed, else undefined. This reads the files the
 * electron package leaves behind instead of requiring it: requiring it downloads the runtime.
 */
export function findElectronExecutable(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const packageDir = join(root, 'node_modules', 'electron');
  let relative: string | undefined;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = undefined;
  }
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  if (!relative) return undefined;
  const executable = join(distDir, relative);
  return existsSync(executable) ? executable : undefined;
}
