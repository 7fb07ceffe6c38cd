// window.sbc: built from the contract, verbs only, each verb invoking exactly its own channel.
// The preload itself is bundled the way scripts/build.ts bundles it and run in a VM with a fake
// `electron`, which is as close to a sandboxed preload as plain Node gets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { buildSbcApi } from '../../../electron/api/build-api.ts';
import { contract, IPC_CHANNEL_PREFIX } from '../../../electron/api/contract.ts';

const methods = Object.keys(contract);

function recordingInvoke() {
  const calls: { channel: string; input: unknown }[] = [];
  const invoke = async (channel: string, input: unknown) => {
    calls.push({ channel, input });
    return { ok: true, value: `answer from ${channel}` };
  };
  return { calls, invoke };
}

function verbsOf(api: object): string[] {
  return Object.entries(api).flatMap(([area, verbs]) =>
    Object.keys(verbs as object).map((v) => `${area}.${v}`),
  );
}

test('every contract method, and nothing else, is a verb on window.sbc', () => {
  const api = buildSbcApi(recordingInvoke().invoke);
  assert.deepEqual(verbsOf(api).sort(), [...methods].sort());
  for (const area of Object.values(api)) {
    for (const verb of Object.values(area as object)) assert.equal(typeof verb, 'function');
  }
});

test('each verb invokes its own channel with the input and returns the answer', async () => {
  const { calls, invoke } = recordingInvoke();
  const api = buildSbcApi(invoke) as unknown as Record<
    string,
    Record<string, (i?: unknown) => Promise<unknown>>
  >;
  for (const method of methods) {
    const [area, verb] = method.split('.') as [string, string];
    const input = { probe: method };
    const answer = await api[area]![verb]!(input);
    assert.deepEqual(answer, { ok: true, value: `answer from ${IPC_CHANNEL_PREFIX}${method}` });
    assert.deepEqual(calls.at(-1), { channel: `${IPC_CHANNEL_PREFIX}${method}`, input });
  }
  assert.equal(calls.length, methods.length);
});

test('a verb called without input sends an empty object', async () => {
  const { calls, invoke } = recordingInvoke();
  const api = buildSbcApi(invoke) as unknown as { app: { info(): Promise<unknown> } };
  await api.app.info();
  assert.deepEqual(calls, [{ channel: `${IPC_CHANNEL_PREFIX}app.info`, input: {} }]);
});

test('the preload source exposes only window.sbc and never a generic send', () => {
  const source = readFileSync(new URL('../../../electron/preload.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /sendSync|\.send\(|ipcRenderer\.on\(|exposeInMainWorld\(\s*'(?!sbc')/);
});

test('the bundled preload is CommonJS, requires only electron, and exposes only invoking verbs', async () => {
  const result = await build({
    entryPoints: [new URL('../../../electron/preload.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => (invoked.push({ channel, args }), 'done'),
      send: () => assert.fail('preload used ipcRenderer.send'),
      sendSync: () => assert.fail('preload used ipcRenderer.sendSync'),
      on: () => assert.fail('preload subscribed to a raw channel'),
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  // A sandboxed preload gets a require() limited to a few modules; we allow only 'electron'.
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
  });
  assert.deepEqual([...new Set(required)], ['electron']);
  assert.deepEqual([...exposed.keys()], ['sbc']);
  const sbc = exposed.get('sbc') as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  assert.deepEqual(verbsOf(sbc).sort(), [...methods].sort());
  assert.equal(await sbc.engines!.setup!({ engineId: 'x' }), 'done');
  assert.deepEqual(invoked, [{ channel: `${IPC_CHANNEL_PREFIX}engines.setup`, args: [{ engineId: 'x' }] }]);
});
