// Shared by the package's commands: run a built bundle, or say plainly what is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function launch(name, bundle) {
  const target = fileURLToPath(new URL(`../dist/${bundle}`, import.meta.url));
  if (!existsSync(target)) {
    process.stderr.write(
      `${name}: not built yet. Run "npm ci && npm run build" in the SBC Studio folder first.\n`,
    );
    process.exit(1);
  }
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 22) {
    process.stderr.write(
      `${name}: needs Node 22 or newer (this is ${process.version}). Run it through npx or npm, which use the Node the project pins.\n`,
    );
    process.exit(1);
  }
  await import(target);
}
