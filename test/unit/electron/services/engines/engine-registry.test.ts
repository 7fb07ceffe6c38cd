import assert from 'node:assert/strict';
import { it } from 'node:test';
import { EngineRegistry } from '../../../../../electron/services/engines/engine-registry.ts';
import { MemoryStore } from '../../../../../electron/services/settings/settings-store.ts';

it('keeps pins across instances and skips only a damaged entry', () => {
  const store = new MemoryStore();
  const first = new EngineRegistry(store);
  const a = first.add({ name: 'a', host: 'a.example', port: 8743, bundled: false });
  first.update(a.id, { pinnedFingerprint: 'AA:BB' });
  store.set('engines', [...(store.get('engines') as unknown[]), { id: 'broken', port: 'x' }]);
  const second = new EngineRegistry(store);
  assert.deepEqual(second.list(), [{ ...a, pinnedFingerprint: 'AA:BB' }]);
  second.remove(a.id);
  assert.deepEqual(second.list(), []);
});
