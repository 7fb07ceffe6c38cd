// When the bundled engine cannot start (its port is taken by another program), the user sees why
// on the Engines page instead of an endless "unreachable", and nothing is sent to that program.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import type { EngineView } from '../../../electron/api/contract.ts';
import { createAppServices } from '../../../electron/services/app-services.ts';
import { dispatch } from '../../../electron/services/dispatch.ts';
import { engineEnvironment } from '../../../electron/services/engines/bundled-engine.ts';
import { MemoryStore } from '../../../electron/services/settings/settings-store.ts';
import { ENGINE_SCRIPT } from '../../helpers/engine-process.ts';

const squatter = createServer((socket) => socket.destroy());
after(() => squatter.close());

it('reports that the bundled engine did not start, and why', { timeout: 40_000 }, async () => {
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const port = (squatter.address() as { port: number }).port;
  const services = createAppServices({
    mode: 'browser',
    store: new MemoryStore(),
    locale: 'en',
    log: () => {},
    bundledEngine: {
      dataDir: join(mkdtempSync(join(tmpdir(), 'sbc-squat-')), 'engine'),
      execPath: process.execPath,
      execArgs: [ENGINE_SCRIPT],
      env: process.env,
      mgmtHost: '127.0.0.1',
      mgmtPort: port,
    },
  });
  const start = await dispatch(services.handlers, 'engines.startBundled', {});
  assert.equal(start.ok, false);
  assert.match(!start.ok ? start.error.message : '', /in use/);
  const list = await dispatch(services.handlers, 'engines.list', {});
  assert.ok(list.ok);
  const bundled = (list.value as EngineView[]).find((e) => e.bundled)!;
  assert.equal(bundled.state, 'unreachable');
  assert.match(bundled.lastError ?? '', /did not start: .*in use/);
  const stop = await dispatch(services.handlers, 'engines.stopBundled', {});
  assert.equal(!stop.ok && stop.error.message, 'The bundled engine was not running.');
});

it('never hands test hooks to a real engine, but passes the loopback sandbox (it only restricts)', () => {
  const env = engineEnvironment({
    PATH: '/bin',
    SBC_ENGINE_TEST_CLOCK_FILE: '/tmp/x',
    SBC_ENGINE_TEST_DNS: '198.51.100.1:53',
    SBC_ENGINE_SANDBOX: 'loopback',
  });
  assert.deepEqual(env, { PATH: '/bin', SBC_ENGINE_SANDBOX: 'loopback' });
});
