// Builds everything `npm start` and the bins run: the renderer (Vite), the Electron main and
// preload scripts, the engine and the CLI (esbuild bundles, so the installed app needs no node_modules).
import { build, type BuildOptions } from 'esbuild';
import { rmSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const only = process.argv.slice(2);
const want = (part: string) => only.length === 0 || only.includes(part);

// Some dependencies are CommonJS and call require(): give ES module bundles a require of their own.
const esmRequireBanner =
  "import { createRequire as __sbcCreateRequire } from 'node:module'; const require = __sbcCreateRequire(import.meta.url);";

const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const jobs: Promise<unknown>[] = [];
if (want('engine')) {
  jobs.push(
    build({
      ...node,
      entryPoints: ['sbc-engine/cli.ts'],
      outfile: 'dist/engine/sbc-engine.mjs',
      format: 'esm',
      banner: { js: esmRequireBanner },
    }),
  );
}
if (want('cli')) {
  jobs.push(
    build({
      ...node,
      entryPoints: ['electron/cli/main.ts'],
      outfile: 'dist/cli/sbc-studio.mjs',
      format: 'esm',
      banner: { js: esmRequireBanner },
    }),
  );
}
if (want('electron')) {
  jobs.push(
    build({
      ...node,
      entryPoints: ['electron/main.ts'],
      outfile: 'dist/electron/main.cjs',
      format: 'cjs',
      external: ['electron'],
    }),
  );
  // A sandboxed preload cannot be an ES module nor require anything but 'electron': one CommonJS file.
  jobs.push(
    build({
      ...node,
      entryPoints: ['electron/preload.ts'],
      outfile: 'dist/electron/preload.cjs',
      format: 'cjs',
      external: ['electron'],
    }),
  );
}
if (want('renderer')) {
  rmSync('dist/renderer', { recursive: true, force: true });
  jobs.push(viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' }));
}
await Promise.all(jobs);
console.log(`[build] done: ${only.length ? only.join(', ') : 'renderer, electron, engine, cli'}`);
