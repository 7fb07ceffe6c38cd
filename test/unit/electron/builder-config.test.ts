// electron-builder.yml cannot be built into an installer here (no Windows, no Electron runtime),
// so it is checked the way electron-builder itself checks it before a build: loaded with its own
// loader and validated against its own JSON schema; then the values main.ts relies on.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  directories: { output: string };
  files: (string | { filter: string[] })[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  win: { target: unknown };
  nsis: Record<string, unknown>;
}
// app-builder-lib has no exports map; these are the functions `electron-builder` calls first.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, cliConfig: null): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = await getConfig(root, `${root}electron-builder.yml`, null);

test('the config matches electron-builder 26’s schema', async () => {
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(
    validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } }, new DebugLogger(false)),
    /does not match the API schema/,
    'the schema check is live: a misspelt key fails',
  );
});

test('an assisted NSIS installer for SBC Studio', () => {
  assert.equal(config.appId, 'com.sbcstudio.app');
  assert.equal(config.productName, 'SBC Studio');
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.equal(config.nsis.oneClick, false);
  assert.equal(config.nsis.allowToChangeInstallationDirectory, true);
  assert.equal(config.nsis.deleteAppDataOnUninstall, false);
  assert.equal(config.directories.output, 'release');
});

test('the archive holds dist/ and package.json only; the engine and resources ship beside it', () => {
  assert.equal(config.asar, true);
  const files = config.files.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
  assert.deepEqual(files.filter((f) => !f.startsWith('!')).sort(), ['dist/**/*', 'package.json']);
  assert.ok(files.includes('!node_modules/**'));
  // electron/main.ts runs process.resourcesPath/engine/sbc-engine.mjs when packaged.
  const extra = config.extraResources.map((e) => `${e.from} -> ${e.to}`);
  assert.deepEqual(extra.sort(), ['dist/engine -> engine', 'resources -> resources']);
  // The engine is started as `SBC Studio.exe` with ELECTRON_RUN_AS_NODE=1.
  assert.equal(config.electronFuses.runAsNode, true);
  assert.equal(config.electronFuses.enableNodeCliInspectArguments, false);
  assert.equal(config.electronFuses.grantFileProtocolExtraPrivileges, false);
});
