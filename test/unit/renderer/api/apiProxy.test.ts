import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Result } from '../../../../electron/api/contract.ts';
import { createApiProxy } from '../../../../renderer/api/apiProxy.ts';

function recording() {
  const calls: [string, unknown][] = [];
  const api = createApiProxy(async (method, input) => {
    calls.push([method, input]);
    return { ok: true, value: method } as Result<unknown>;
  });
  return { api, calls };
}

it('turns api.area.verb(input) into the method "area.verb"', async () => {
  const { api, calls } = recording();
  await api.engines.setup({ engineId: 'e', setupKey: 'k', password: 'p'.repeat(12), trustFingerprint: 'AA' });
  await api.settings.get({});
  assert.deepEqual(calls, [
    ['engines.setup', { engineId: 'e', setupKey: 'k', password: 'pppppppppppp', trustFingerprint: 'AA' }],
    ['settings.get', {}],
  ]);
});

it('returns the transport result unchanged', async () => {
  const { api } = recording();
  assert.deepEqual(await api.engines.list({}), { ok: true, value: 'engines.list' });
});

it('sends {} when called without input', async () => {
  const { api, calls } = recording();
  await (api.engines.stopBundled as () => Promise<unknown>)();
  assert.deepEqual(calls, [['engines.stopBundled', {}]]);
});

it('is not mistaken for a promise (no "then"), so it can be returned from async code', async () => {
  const { api } = recording();
  assert.equal((api as unknown as { then?: unknown }).then, undefined);
  assert.equal((api.engines as unknown as { then?: unknown }).then, undefined);
  assert.equal(await Promise.resolve(api), api);
});

it('gives one stable function per method', () => {
  const { api } = recording();
  assert.equal(api.engines.list, api.engines.list);
  assert.equal(typeof api.engines.list, 'function');
});
