// Browser mode's host on loopback: the token guards every request, the WebSocket answers the contract.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host.ts';
import { createAppServices } from '../../../electron/services/app-services.ts';
import { MemoryStore } from '../../../electron/services/settings/settings-store.ts';

const TOKEN = 'test-token-0123456789';

function socket(url: string, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

interface Reply {
  id: unknown;
  result: {
    ok: boolean;
    value?: { mode?: string; language?: string };
    error?: { message: string; field?: string };
  };
}

function ask(ws: WebSocket, message: unknown): Promise<Reply> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode host', () => {
  let host: BrowserHost;
  let base: string;

  before(async () => {
    const ui = mkdtempSync(join(tmpdir(), 'sbc-ui-'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>SBC Studio</title>');
    const { handlers } = createAppServices({
      mode: 'browser',
      store: new MemoryStore(),
      bundledEngine: null,
      locale: 'en',
      log: () => {},
    });
    host = await startBrowserHost({
      host: '127.0.0.1',
      port: 0,
      rendererDir: ui,
      handlers,
      token: TOKEN,
      log: () => {},
    });
    base = host.url.replace(/\/s\/.*$/, '');
  });
  after(() => host.close());

  it('prints a URL that carries the token in its path', () => assert.equal(host.url, `${base}/s/${TOKEN}/`));

  it('answers 401 without a token and 403 with a wrong one, on every path', async () => {
    for (const path of ['/', '/index.html', '/assets/x.js', '/api']) {
      assert.equal((await fetch(base + path)).status, 401, path);
      assert.equal((await fetch(`${base}/s/nope${path}`)).status, 403, path);
      assert.equal(
        (await fetch(`${base}${path}?token=${TOKEN}`)).status,
        401,
        `${path}: the token counts only in the path`,
      );
    }
  });

  it('serves the UI under the token path with the CSP and no cookie', async () => {
    const response = await fetch(host.url);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /SBC Studio/);
    assert.equal(response.headers.get('set-cookie'), null);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal((await fetch(`${base}/s/${TOKEN}/index.html`)).status, 200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request(host.url, { headers: { host: 'attacker.example:80' } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    assert.equal(status, 403);
  });

  it('refuses WebSocket upgrades without the token, with a wrong one, or from another origin', async () => {
    const origin = base;
    const ws = base.replace('http', 'ws');
    assert.equal(await socket(`${ws}/api`, { origin }), 401);
    assert.equal(await socket(`${ws}/api?token=${TOKEN}`, { origin }), 401);
    assert.equal(await socket(`${ws}/s/bad/api`, { origin }), 403);
    assert.equal(await socket(`${ws}/s/${TOKEN}/api`, { origin: 'http://evil.example' }), 403);
    assert.equal(await socket(`${ws}/s/${TOKEN}/other`, { origin }), 404);
  });

  it('answers contract calls over the WebSocket and survives garbage', async () => {
    const ws = await socket(`${base.replace('http', 'ws')}/s/${TOKEN}/api`, { origin: base });
    assert.ok(ws instanceof WebSocket);
    assert.deepEqual(await ask(ws, { id: 1, method: 'settings.get', input: {} }), {
      id: 1,
      result: { ok: true, value: { language: 'en' } },
    });
    const garbage = await ask(ws, '{not json');
    assert.equal(garbage.result.ok, false);
    assert.match(garbage.result.error!.message, /Malformed request/);
    const invalid = await ask(ws, { id: 2, method: 'settings.update', input: { language: 42 } });
    assert.equal(invalid.result.error!.field, 'language');
    assert.equal((await ask(ws, { id: 3, method: 'app.info', input: {} })).result.value!.mode, 'browser');
    ws.close();
  });
});
