#!/usr/bin/env node
// Runs the built sbc-engine; tells the user what to do when it has not been built yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../dist/engine/sbc-engine.mjs', import.meta.url));
if (!existsSync(target)) {
  process.stderr.write(
    'sbc-engine: not built yet. Run "npm ci && npm run build" in the SBC Studio folder first.\n',
  );
  process.exit(1);
}
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(
    `sbc-engine: needs Node 22 or newer (this is ${process.version}). Run it through npx or npm, which use the Node the project pins.\n`,
  );
  process.exit(1);
}
await import(target);
