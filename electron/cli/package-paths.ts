import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found by walking up from this file: works from source and from dist/. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sbc-studio'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the sbc-studio package root');
    dir = parent;
  }
}

export function distPaths(root = packageRoot()) {
  const dist = join(root, 'dist');
  return {
    dist,
    renderer: join(dist, 'renderer'),
    engineScript: join(dist, 'engine', 'sbc-engine.mjs'),
    cliScript: join(dist, 'cli', 'sbc-studio.mjs'),
    electronMain: join(dist, 'electron', 'main.cjs'),
  };
}
