// Main's IPC bridge with a fake ipcMain: every contract method gets a channel, only the app's own
// top frame is answered, and answers come from dispatch() (schema-checked, typed Results).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IpcMain } from 'electron';
import { contract, IPC_CHANNEL_PREFIX } from '../../../electron/api/contract.ts';
import { isTrustedSender, registerIpcHandlers } from '../../../electron/ipc.ts';
import type { Handlers } from '../../../electron/services/dispatch.ts';

type Listener = (event: unknown, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const channels = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => {
      assert.ok(!channels.has(channel), `${channel} registered twice`);
      channels.set(channel, listener);
    },
    removeHandler: (channel: string) => channels.delete(channel),
  };
  return { channels, ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'> };
}

function recordingHandlers() {
  const calls: { method: string; input: unknown }[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, method: string) => async (input: unknown) => {
      calls.push({ method, input });
      if (method === 'app.info') return { version: '1.2.3', mode: 'electron', platform: 'win32' };
      throw new Error('not used in this test');
    },
  });
  return { calls, handlers };
}

const appFrame = { url: 'app://sbc-studio/index.html', parent: null };
const event = (senderFrame: unknown) => ({ senderFrame });

test('one channel per contract method, removable again', () => {
  const { channels, ipcMain } = fakeIpcMain();
  const unregister = registerIpcHandlers(ipcMain, recordingHandlers().handlers, () => {});
  assert.deepEqual(
    [...channels.keys()].sort(),
    Object.keys(contract)
      .map((m) => IPC_CHANNEL_PREFIX + m)
      .sort(),
  );
  unregister();
  assert.equal(channels.size, 0);
});

test('the app’s own window gets dispatched answers', async () => {
  const { channels, ipcMain } = fakeIpcMain();
  const { calls, handlers } = recordingHandlers();
  registerIpcHandlers(ipcMain, handlers, () => {});
  const answer = await channels.get(`${IPC_CHANNEL_PREFIX}app.info`)!(event(appFrame), {});
  assert.deepEqual(answer, { ok: true, value: { version: '1.2.3', mode: 'electron', platform: 'win32' } });
  assert.deepEqual(calls, [{ method: 'app.info', input: {} }]);
});

test('input is parsed with the schema before any handler runs', async () => {
  const { channels, ipcMain } = fakeIpcMain();
  const { calls, handlers } = recordingHandlers();
  registerIpcHandlers(ipcMain, handlers, () => {});
  const answer = (await channels.get(`${IPC_CHANNEL_PREFIX}engines.remove`)!(event(appFrame), {
    engineId: 42,
  })) as { ok: boolean; error?: { code: string } };
  assert.equal(answer.ok, false);
  assert.equal(answer.error?.code, 'invalid-input');
  assert.equal(calls.length, 0);
});

test('other senders are refused before dispatch and logged', async () => {
  const { channels, ipcMain } = fakeIpcMain();
  const { calls, handlers } = recordingHandlers();
  const lines: string[] = [];
  registerIpcHandlers(ipcMain, handlers, (line) => lines.push(line));
  const listener = channels.get(`${IPC_CHANNEL_PREFIX}app.info`)!;
  for (const frame of [
    null,
    { url: 'https://evil.example/', parent: null },
    { url: 'file:///other/index.html', parent: null },
    { url: 'app://sbc-studio/index.html', parent: appFrame }, // an iframe, even of our origin
  ]) {
    await assert.rejects(listener(event(frame), {}), /Refused/);
  }
  assert.equal(calls.length, 0);
  assert.equal(lines.length, 4);
  assert.match(lines[1]!, /^\[ipc\] refused app\.info from https:\/\/evil\.example\//);
});

test('isTrustedSender accepts only the top frame of the app origin', () => {
  assert.equal(isTrustedSender(event(appFrame) as never), true);
  assert.equal(isTrustedSender(event({ url: 'app://evil/index.html', parent: null }) as never), false);
});
