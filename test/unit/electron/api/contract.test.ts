import assert from 'node:assert/strict';
import { it } from 'node:test';
import { contract } from '../../../../electron/api/contract.ts';
import { createAppServices } from '../../../../electron/services/app-services.ts';
import { dispatch } from '../../../../electron/services/dispatch.ts';
import { MemoryStore } from '../../../../electron/services/settings/settings-store.ts';

function services() {
  return createAppServices({
    mode: 'browser',
    store: new MemoryStore(),
    bundledEngine: null,
    locale: 'de-DE',
    log: () => {},
  });
}

it('every contract method is named area.verb and has a handler, and no handler is extra', () => {
  const { handlers } = services();
  for (const name of Object.keys(contract)) assert.match(name, /^[a-z]+\.[a-zA-Z]+$/);
  assert.deepEqual(Object.keys(handlers).sort(), Object.keys(contract).sort());
});

it('refuses unknown methods and invalid input with the field named, without calling a handler', async () => {
  const { handlers } = services();
  assert.deepEqual(await dispatch(handlers, 'engines.explode', {}), {
    ok: false,
    error: { code: 'invalid-input', message: 'Unknown API method: engines.explode' },
  });
  assert.deepEqual(await dispatch(handlers, '__proto__', {}), {
    ok: false,
    error: { code: 'invalid-input', message: 'Unknown API method: __proto__' },
  });
  const missing = await dispatch(handlers, 'engines.login', { password: 'x' });
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.error.field, 'engineId');
  const extra = await dispatch(handlers, 'settings.update', { language: 'de', nodeIntegration: true });
  assert.equal(extra.ok, false);
  const wrongType = await dispatch(handlers, 'settings.update', { language: 'fr' });
  assert.equal(!wrongType.ok && wrongType.error.field, 'language');
});

it('turns a service failure into a typed error a user can act on', async () => {
  const { handlers } = services();
  const result = await dispatch(handlers, 'engines.status', { engineId: 'nope' });
  assert.deepEqual(result, {
    ok: false,
    error: { code: 'not-found', message: 'This engine is no longer in the list.', field: 'engineId' },
  });
  const bundled = await dispatch(handlers, 'engines.stopBundled', {});
  assert.equal(!bundled.ok && bundled.error.code, 'not-bundled');
});

it('keeps settings, starting from the system language', async () => {
  const { handlers } = services();
  assert.deepEqual(await dispatch(handlers, 'settings.get', {}), { ok: true, value: { language: 'de' } });
  await dispatch(handlers, 'settings.update', { language: 'en' });
  assert.deepEqual(await dispatch(handlers, 'settings.get', {}), { ok: true, value: { language: 'en' } });
});
