// The Health page in Chromium against the bundled engine: a connection toward a sipp peer on
// loopback shows OK with its round trip; when the peer stops it turns to a warning whose side panel
// names the cause and the fix, then down (thresholds shortened in the page's settings, as a lab
// would); a desktop notification says so (the Notification API is recorded in the page).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { json, mgmtRequest } from '../helpers/engine-process.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { startSippUas, type SippUas } from '../helpers/sipp-uas.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { completeSetupInUi, expectEngineState, logIn } from '../helpers/studio-ui.ts';

const PASSWORD = 'end to end password';
const SCENARIO = join(import.meta.dirname, '..', 'interop', 'scenarios', 'options-uas.xml');

// Stands in for the Notification API: granted, and every notification is kept for the test to read.
const RECORD_NOTIFICATIONS = `
  window.__notifications = [];
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); }
  };
`;

async function applyConnection(studio: StudioProcess, peerPort: number): Promise<void> {
  const login = await mgmtRequest(studio.enginePort, 'POST', '/login', {
    body: json({ password: PASSWORD }),
  });
  const token = login.body.token as string;
  const read = await mgmtRequest(studio.enginePort, 'GET', '/config', { token });
  const config = read.body.config;
  const sipPort = await freeTcpUdpPort();
  config.voip.listeners = [{ transport: 'tcp', address: '127.0.0.1', port: sipPort }];
  config.connections = [
    { id: 'pbx', name: 'PBX', targets: [{ host: '127.0.0.1', port: peerPort, transport: 'tcp' }], options: { intervalSeconds: 10 } },
  ]; // prettier-ignore
  const put = await mgmtRequest(studio.enginePort, 'PUT', '/config', {
    token,
    headers: { 'if-match': read.headers.etag as string },
    body: json({ config, comment: 'health e2e', overrideReason: 'lab peer on loopback' }),
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
}

describe('Health page on the bundled engine (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let peer: SippUas;
  const pageErrors: string[] = [];
  const row = () => page.locator('[data-testid="health-connection"][data-connection="pbx"]');

  before(async () => {
    peer = await startSippUas(SCENARIO, 'tcp', 1000);
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.addInitScript(RECORD_NOTIFICATIONS);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(studio.url);
    await expectEngineState(page, 'Bundled engine', 'Not set up', 30_000);
    await completeSetupInUi(page, PASSWORD);
    await logIn(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Connected');
    await applyConnection(studio, peer.port);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
    await peer?.stop();
  });

  it('reads the engines every 5 s and calls a target down after 20 s, as set in the settings dialog', async () => {
    await page.getByTestId('nav-health').click();
    await page.getByTestId('health-page').waitFor();
    await page.getByTestId('health-settings').click();
    await page.getByTestId('health-setting-pollSeconds').fill('5');
    await page.getByTestId('health-setting-downAfterSeconds').fill('20');
    await page.getByTestId('health-settings-save').click();
    await page.getByTestId('health-settings-dialog').waitFor({ state: 'detached' });
  });

  it('shows the connection OK with its last answer and round trip', async () => {
    await row().and(page.locator('[data-state="ok"]')).waitFor({ timeout: 30_000 });
    assert.equal(await row().getByTestId('health-last-code').textContent(), '200');
    assert.match((await row().getByTestId('health-rtt').textContent()) ?? '', /ms$/);
    await row().getByTestId('health-show').click();
    const panel = page.getByTestId('health-panel');
    await panel.waitFor();
    assert.equal(await panel.getByTestId('health-panel-state').getAttribute('data-state'), 'ok');
    await panel.getByTestId('health-chart').or(panel.getByTestId('health-chart-empty')).first().waitFor();
  });

  it('turns to a warning when the peer stops; the side panel names the cause and the fix', async () => {
    await peer.stop();
    await row().and(page.locator('[data-state="warning"]')).waitFor({ timeout: 30_000 });
    const issue = page
      .getByTestId('health-panel')
      .locator('[data-testid="health-issue"][data-code="OPTIONS_MISSED"]');
    await issue.waitFor();
    assert.match((await issue.getByTestId('health-issue-cause').textContent()) ?? '', new RegExp(`tcp:127\\.0\\.0\\.1:${peer.port} did not answer the last OPTIONS`)); // prettier-ignore
    assert.match((await issue.getByTestId('health-issue-fix').textContent()) ?? '', /firewall/);
  });

  it('turns down after the threshold, and a desktop notification says so', async () => {
    await row().and(page.locator('[data-state="down"]')).waitFor({ timeout: 40_000 });
    await page
      .getByTestId('health-panel')
      .locator('[data-testid="health-issue"][data-code="OPTIONS_DOWN"]')
      .waitFor();
    await page.waitForFunction(
      () => (window as unknown as { __notifications: { title: string }[] }).__notifications.some((n) => /PBX is down/.test(n.title)),
      undefined,
      { timeout: 20_000 },
    ); // prettier-ignore
    assert.deepEqual(pageErrors, []);
  });
});
