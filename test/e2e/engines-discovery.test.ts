// "Find engines" in a real browser against browser mode: a range scan finds engines on 127.0.0.2
// and 127.0.0.3 with progress and a summary of the closed addresses, "Add" puts one into the
// engine list (where its certificate is confirmed as for any added engine), and the network search
// says it is off (the test studio runs with SBC_STUDIO_MDNS=off: no multicast from the suite).
// mDNS itself is tested in a network namespace (test/integration/electron/discovery/mdns.test.ts):
// Chromium would have to run inside that namespace too, which this suite's helpers do not do.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startEngineProcess, type EngineProcess } from '../helpers/engine-process.ts';
import { freePort } from '../helpers/ports.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { expectEngineState } from '../helpers/studio-ui.ts';

describe('Find engines (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let port: number;
  const engines: EngineProcess[] = [];

  before(async () => {
    port = await freePort();
    for (const host of ['127.0.0.2', '127.0.0.3'])
      engines.push(await startEngineProcess({ mgmtHost: host, port }));
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(studio.url);
    await expectEngineState(page, 'Bundled engine', 'Not set up', 30_000);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
    await Promise.all(engines.map((engine) => engine.stop()));
  });

  it('scans a range and lists the engines it found, with the closed addresses counted', async () => {
    const panel = page.getByTestId('find-engines');
    await panel.getByLabel('Hosts, IPs or ranges').fill('127.0.0.0/29');
    await panel.getByLabel('Management port').fill(String(port));
    await panel.getByRole('button', { name: 'Scan', exact: true }).click();
    await panel.locator('[data-testid="scan-state"][data-state="finished"]').waitFor({ timeout: 30_000 });
    const rows = panel.getByTestId('discovered-engine');
    assert.deepEqual(
      (await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-address')))).sort(),
      [`127.0.0.2:${port}`, `127.0.0.3:${port}`],
    );
    assert.match(await panel.getByTestId('scan-state').innerText(), /Scan finished\. 2 engines found\./);
    assert.match(
      await panel.getByTestId('scan-failures').innerText(),
      /4 addresses without an engine: 4 closed/,
    );
    assert.match(await rows.first().innerText(), /not set up/);
  });

  it('adds a found engine into the engine list, where its certificate is confirmed as usual', async () => {
    const panel = page.getByTestId('find-engines');
    await panel.getByRole('button', { name: `Add 127.0.0.2:${port} to the engine list` }).click();
    const item = page.locator('[data-testid^="engine-item-"]').filter({ hasText: `127.0.0.2:${port}` });
    await item.getByTestId('engine-state').filter({ hasText: 'Not set up' }).waitFor({ timeout: 15_000 });
    // The added engine is selected, with the setup that starts by comparing its fingerprint.
    await page.getByRole('button', { name: 'Set up', exact: true }).waitFor();
  });

  it('says that the network search is off in this SBC Studio', async () => {
    const panel = page.getByTestId('find-engines');
    await panel.getByRole('button', { name: 'Search the network' }).click();
    await panel.getByText('Searching the local network is turned off in this SBC Studio.').waitFor();
  });
});
