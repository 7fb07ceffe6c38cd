// A new user's first minutes: clone the repository, run the README's start command, open the
// printed address, see the bundled engine waiting for setup and complete it.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { it } from 'node:test';
import { launchChromium } from '../helpers/browser.ts';
import { freePort } from '../helpers/ports.ts';
import { readmeCommands } from '../helpers/readme-commands.ts';
import { completeSetupInUi, expectEngineState } from '../helpers/studio-ui.ts';
import { stopEngineByPidFile, waitForOutput } from '../helpers/studio-process.ts';

const root = join(import.meta.dirname, '..', '..');

/** The environment of a fresh shell: nothing inherited from the npm run that started this test. */
function freshEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') && key !== 'INIT_CWD' && key !== 'NODE') env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.includes('node_modules'))
    .join(delimiter);
  return { ...env, ...extra };
}

it('README: the test command is what CI runs', () => {
  const { test } = readmeCommands(root);
  assert.ok(
    readFileSync(join(root, '.ci', 'run'), 'utf8')
      .split('\n')
      .includes(test),
    `.ci/run must run "${test}"`,
  );
});

it(
  'a new user clones, runs the start command and sets up the bundled engine',
  { timeout: 600_000 },
  async (t) => {
    const work = mkdtempSync(join(tmpdir(), 'sbc-new-user-'));
    const clone = join(work, 'sbc-studio');
    const dataDir = join(work, 'data');
    execFileSync('git', ['clone', '--quiet', root, clone]);
    const { start } = readmeCommands(clone);
    const enginePort = await freePort();
    const started = Date.now();
    // Its own process group, so the whole npm → node chain stops together at the end.
    const child = spawn('bash', ['-c', start], {
      cwd: clone,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: freshEnvironment({
        SBC_STUDIO_DATA_DIR: dataDir,
        SBC_STUDIO_ENGINE_MGMT: `127.0.0.1:${enginePort}`,
        SBC_STUDIO_PORT: '0',
        CI: 'true',
      }),
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    const browser = await launchChromium();
    try {
      const [url] = await waitForOutput(
        child,
        () => output,
        /http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]+\//,
        540_000,
      );
      const ready = Date.now();
      t.diagnostic(`install + build + start: ${((ready - started) / 1000).toFixed(0)} s`);
      assert.match(output, /Electron runtime is not installed/);
      const page = await browser.newPage();
      await page.goto(url!);
      await expectEngineState(page, 'Bundled engine', 'Not set up', 60_000);
      t.diagnostic(
        `bundled engine seen unprovisioned ${((Date.now() - ready) / 1000).toFixed(1)} s after the address was printed`,
      );
      await completeSetupInUi(page, 'a password for the new user');
      await expectEngineState(page, 'Bundled engine', 'Log in required', 20_000);
    } finally {
      await browser.close();
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      stopEngineByPidFile(join(dataDir, 'engine'));
      rmSync(work, { recursive: true, force: true, maxRetries: 3 });
    }
  },
);
