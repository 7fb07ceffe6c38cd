// Where the engine finds resources/ (the bundled CA roots, later the provider profiles). The engine
// runs from three places: its TypeScript source (tests), dist/engine/ in a checkout, and
// <app>/resources/engine/ when installed next to <app>/resources/resources/. Each has the folder
// a few levels up from the running module, so the first ancestor that holds it wins.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file every complete resources folder has: its presence tells a real folder from a namesake. */
const MARKER = join('ca', 'index.json');

export function findResourcesDir(fromModuleUrl: string, maxLevels = 4): string | undefined {
  let dir = dirname(fileURLToPath(fromModuleUrl));
  for (let level = 0; level <= maxLevels; level++) {
    for (const candidate of [join(dir, 'resources'), join(dir, 'resources', 'resources')]) {
      if (existsSync(join(candidate, MARKER))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The resources folder, or an error that says what to do when this installation has none. */
export function resourcesDir(fromModuleUrl: string): string {
  const dir = findResourcesDir(fromModuleUrl);
  if (!dir) {
    throw new Error(
      'cannot find the resources folder (resources/ca/index.json) next to this program; reinstall SBC Studio',
    );
  }
  return dir;
}
