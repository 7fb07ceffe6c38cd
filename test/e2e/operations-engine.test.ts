// The Operations page against the bundled engine, in Chromium: with a config of a PBX, a callee and a
// registering trunk applied, it shows each connection's counters, the trunk's registration and its
// OPTIONS target; a live call between sipp peers appears with both Call-IDs and is torn down from
// the page after a confirmation, and the counters then show the answered call.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { json, mgmtRequest } from '../helpers/engine-process.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { startSippUac, type SippUacRun } from '../helpers/sipp-uac.ts';
import { startSippUas, type SippUas } from '../helpers/sipp-uas.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { completeSetupInUi, expectEngineState, logIn } from '../helpers/studio-ui.ts';

const PASSWORD = 'end to end password';
const SCENARIOS = join(import.meta.dirname, '..', 'interop', 'scenarios');

async function applyConfig(studio: StudioProcess, sipPort: number, calleePort: number, closedPort: number) {
  const login = await mgmtRequest(studio.enginePort, 'POST', '/login', { body: json({ password: PASSWORD }) });
  const token = login.body.token as string;
  const read = await mgmtRequest(studio.enginePort, 'GET', '/config', { token });
  assert.equal(read.status, 200, JSON.stringify(read.body));
  const config = read.body.config;
  config.system.fqdn = 'sbc.example.com';
  config.voip.listeners = [{ transport: 'udp', address: '127.0.0.1', port: sipPort }];
  config.connections = [
    {
      id: 'pbx',
      name: 'PBX',
      targets: [{ host: '127.0.0.2', port: 5060, transport: 'udp' }],
      options: { enabled: false },
      allowedSources: ['127.0.0.2/32'],
    },
    {
      id: 'callee',
      name: 'Callee',
      targets: [{ host: '127.0.0.1', port: calleePort, transport: 'udp' }],
      options: { enabled: false },
      allowedSources: ['127.0.0.1/32'],
    },
    {
      // Nothing listens at its port: the registration and the keepalive stay unanswered.
      id: 'trunk',
      name: 'Trunk',
      targets: [{ host: '127.0.0.1', port: closedPort, transport: 'udp' }],
      registration: { user: '+4930123456', password: 'trunk-Secret-1' },
      allowedSources: ['127.0.0.0/8'],
    },
  ];
  config.routes = [
    { id: 'to-callee', sourceConnections: ['pbx'], called: { match: '1001' }, target: { connection: 'callee' } },
  ];
  const put = await mgmtRequest(studio.enginePort, 'PUT', '/config', {
    token,
    headers: { 'if-match': read.headers.etag as string },
    body: json({ config, comment: 'operations e2e', overrideReason: 'lab peers on loopback' }),
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
} // prettier-ignore

describe('Operations page on the bundled engine (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let callee: SippUas;
  let caller: SippUacRun | undefined;
  let sipPort: number;
  const pageErrors: string[] = [];

  before(async () => {
    callee = await startSippUas(join(SCENARIOS, 'call-uas.xml'), 'udp');
    sipPort = await freeTcpUdpPort();
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(studio.url);
    await expectEngineState(page, 'Bundled engine', 'Not set up', 30_000);
    await completeSetupInUi(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Log in required');
    await logIn(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Connected');
    await applyConfig(studio, sipPort, callee.port, await freeTcpUdpPort());
  });

  after(async () => {
    await caller?.stop();
    await callee?.stop();
    await browser?.close();
    await studio?.stop();
  });

  it("shows every connection's counters, with no call yet", async () => {
    await page.getByTestId('nav-operations').click();
    await page.getByTestId('operations-page').waitFor();
    await page.getByTestId('operations-no-calls').waitFor();
    const trunk = page.locator('[data-testid="operations-counter"][data-connection="trunk"]');
    await trunk.first().waitFor();
    assert.equal(await trunk.count(), 2, 'inbound and outbound');
    const rows = page.locator('[data-testid="operations-counter"][data-direction="inbound"]');
    const names = await rows.evaluateAll((cells) => cells.map((row) => row.firstElementChild?.textContent));
    assert.deepEqual(names, ['Callee', 'PBX', 'Trunk'], 'sorted by name');
    assert.equal(await trunk.first().getByTestId('operations-attempts').textContent(), '0');
    assert.equal(await trunk.first().getByTestId('operations-asr').textContent(), '–');
  });

  it("shows the trunk's registration and its OPTIONS target", async () => {
    const registration = page.locator('[data-testid="operations-registration"][data-connection="trunk"]');
    await registration.waitFor();
    assert.match(
      (await registration.getAttribute('data-state')) ?? '',
      /^(unregistered|registering|failed)$/,
      'nothing answers at the registrar',
    );
    const target = page.locator('[data-testid="operations-target"][data-connection="trunk"]');
    await target.waitFor();
    assert.match((await target.getAttribute('data-target')) ?? '', /^udp:127\.0\.0\.1:\d+$/);
    assert.notEqual(await target.getAttribute('data-state'), 'up');
    const off = page.locator('[data-testid="operations-target"][data-connection="pbx"]');
    assert.match((await off.textContent()) ?? '', /keepalives are off/);
  });

  it('shows a live call with both legs and tears it down after a confirmation', async () => {
    caller = await startSippUac(join(SCENARIOS, 'call-uac-callee-bye.xml'), 'udp', sipPort, '1001', [], 30);
    const row = page.locator('[data-testid="operations-call"][data-state="confirmed"]');
    await row.waitFor({ timeout: 15_000 });
    const text = (await row.textContent()) ?? '';
    assert.match(text, /1001/);
    assert.match(text, /pbx → callee/);
    assert.match(text, /Connected/);
    assert.match(
      (await page.getByTestId('operations-call-count').textContent()) ?? '',
      /^1 call in progress$/,
    );
    // Cancelling leaves the call up.
    await row.getByTestId('operations-teardown').click();
    const dialog = page.getByRole('alertdialog', { name: 'Tear down this call?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await row.count(), 1);

    await row.getByTestId('operations-teardown').click();
    await dialog.getByRole('button', { name: 'Tear down' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('operations-no-calls').waitFor({ timeout: 10_000 });
    const ended = await caller.done;
    assert.equal(ended.code, 0, `the caller got the engine's BYE:\n${ended.output}`);
  });

  it('counts the answered call on both connections', async () => {
    const pbx = page.locator('[data-testid="operations-counter"][data-connection="pbx"][data-direction="inbound"]');
    const out = page.locator('[data-testid="operations-counter"][data-connection="callee"][data-direction="outbound"]');
    await pbx.getByTestId('operations-attempts').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await pbx.getByTestId('operations-asr').textContent(), '100 %');
    assert.equal(await out.getByTestId('operations-attempts').textContent(), '1');
    assert.deepEqual(pageErrors, []);
  }); // prettier-ignore
});
