// The bundled engine lives on its own: SBC Studio starts it when none runs, attaches when one
// does, leaves it running when the UI closes, and stops it only when asked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { isProcessAlive } from '../../../sbc-engine/runtime/pid-file.ts';
import { mgmtRequest } from '../../helpers/engine-process.ts';
import { startStudio, STUDIO_CLI, type StudioProcess } from '../../helpers/studio-process.ts';

let studio: StudioProcess | undefined;
after(() => studio?.stop());

function enginePid(engineDataDir: string): number {
  return Number(readFileSync(join(engineDataDir, 'engine.pid'), 'utf8'));
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(
  'starts the engine, keeps it when the UI closes, attaches to it next time, stops it on request',
  { timeout: 60_000 },
  async () => {
    studio = await startStudio();
    const { dataDir, engineDataDir, enginePort } = studio;
    await waitFor(
      async () =>
        (await mgmtRequest(enginePort, 'GET', '/identity').catch(() => ({ status: 0 }))).status === 200,
      20_000,
    );
    const pid = enginePid(engineDataDir);
    assert.match(studio.output(), /started the bundled engine/);

    // Closing the UI host must not stop the engine (calls would drop).
    studio.child.kill('SIGTERM');
    await new Promise((resolve) => studio!.child.once('exit', resolve));
    assert.ok(isProcessAlive(pid), 'the engine outlives the UI');
    assert.equal((await mgmtRequest(enginePort, 'GET', '/identity')).status, 200);

    studio = await startStudio({ dataDir, enginePort });
    await waitFor(() => /attached to the bundled engine/.test(studio!.output()), 10_000);
    assert.equal(enginePid(engineDataDir), pid, 'no second engine was started');

    const stopped = execFileSync(
      process.execPath,
      [STUDIO_CLI, 'engine', 'stop', '--data-dir', dataDir, '--engine-mgmt', `127.0.0.1:${enginePort}`],
      { encoding: 'utf8' },
    );
    assert.match(stopped, /stopped/);
    assert.ok(!isProcessAlive(pid));
    const again = execFileSync(
      process.execPath,
      [STUDIO_CLI, 'engine', 'status', '--data-dir', dataDir, '--engine-mgmt', `127.0.0.1:${enginePort}`],
      { encoding: 'utf8' },
    );
    assert.match(again, /No engine answers/);
  },
);
