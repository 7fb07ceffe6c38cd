// The Syslog page in Chromium against a real studio: a traced SIP call and OPTIONS keepalives reach
// the app's receiver over UDP; the call appears in the list with OPTIONS hidden until the switch,
// its ladder shows the seven arrows in order, an arrow opens the SIP message, search by a partial
// number finds it, and the exported pcap reads back in tshark as the same SIP messages.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { sendUdpLines, tracedCall, tracedOptions } from '../helpers/syslog-sip-call.ts';
import { requireTshark, tsharkCallIds, tsharkSipStartLines } from '../helpers/tshark.ts';

describe('Syslog page (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const call = tracedCall({
    start: new Date(Date.now() - 120_000),
    callId: 'e2e-call-7@pbx.test',
    from: '+4930123456',
    to: '+4940987654',
  });

  before(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(studio.url);
    await page.getByTestId('nav-syslog').click();
    await page.locator('[data-testid="syslog-state"]', { hasText: 'Receiving' }).waitFor({ timeout: 20_000 });
    const keepalives = [
      ...tracedOptions(new Date(Date.now() - 110_000), 'ka-1@sbc1.test', 100),
      ...tracedOptions(new Date(Date.now() - 50_000), 'ka-2@sbc1.test', 102),
    ];
    await sendUdpLines(studio.syslogPort, [...keepalives.slice(0, 2), ...call.lines, ...keepalives.slice(2)]);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('lists the call; OPTIONS keepalives appear only with the switch', async () => {
    const row = page.locator('[data-testid="call-row"][data-kind="call"]');
    await row.waitFor({ timeout: 15_000 });
    const text = (await row.textContent()) ?? '';
    assert.match(text, /\+4930123456/);
    assert.match(text, /\+4940987654/);
    assert.match(text, /Ended/);
    assert.match(text, /200 OK/);
    assert.equal(await page.locator('[data-testid="call-row"][data-kind="options"]').count(), 0);
    await page.getByRole('switch', { name: 'Show OPTIONS and REGISTER' }).check();
    await page.locator('[data-testid="call-row"][data-kind="options"]').nth(1).waitFor();
    assert.equal(await page.locator('[data-testid="call-row"]').count(), 3);
    await page.getByRole('switch', { name: 'Show OPTIONS and REGISTER' }).uncheck();
    await page
      .locator('[data-testid="call-row"][data-kind="options"]')
      .first()
      .waitFor({ state: 'detached' });
  });

  it("shows the call's ladder with the arrows in order, and an arrow opens the SIP message", async () => {
    await page.locator('[data-testid="call-row"][data-kind="call"]').click();
    await page.getByTestId('ladder-svg').waitFor();
    const labels = await page.getByTestId('ladder-arrow').evaluateAll((arrows) => arrows.map((a) => a.getAttribute('data-label'))); // prettier-ignore
    assert.deepEqual(labels, [
      'INVITE (SDP)',
      '100 Trying',
      '180 Ringing',
      '200 OK (SDP)',
      'ACK',
      'BYE',
      '200 OK',
    ]);
    const columns = await page.getByTestId('ladder-column').allTextContents();
    assert.equal(columns.length, 2, columns.join(' | '));
    assert.ok(
      columns.some((c) => /sbc1\.test/.test(c)),
      columns.join(' | '),
    );
    await page.getByTestId('ladder-arrow').first().click();
    const sip = page.getByTestId('syslog-message-sip');
    await sip.waitFor();
    assert.match((await sip.textContent()) ?? '', /^INVITE sip:\+4940987654@sbc1\.test SIP\/2\.0/);
    assert.match((await sip.textContent()) ?? '', /m=audio 40000 RTP\/AVP 8/);
    await page.getByRole('button', { name: 'Close' }).click();
    await sip.waitFor({ state: 'detached' });
    // Keyboard: an arrow is a button.
    await page.getByTestId('ladder-arrow').nth(5).focus();
    await page.keyboard.press('Enter');
    await sip.waitFor();
    assert.match((await sip.textContent()) ?? '', /^BYE sip:/);
    await page.getByRole('button', { name: 'Close' }).click();
    await sip.waitFor({ state: 'detached' });
  });

  it('exports the call as pcap that tshark reads back as the same SIP messages', async () => {
    requireTshark();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ladder-export-pcap').click()]); // prettier-ignore
    assert.match(download.suggestedFilename(), /^call-.*\.pcap$/);
    const file = join(mkdtempSync(join(tmpdir(), 'sbc-pcap-')), download.suggestedFilename());
    await download.saveAs(file);
    assert.deepEqual(tsharkSipStartLines(file), call.startLines);
    assert.deepEqual(new Set(tsharkCallIds(file)), new Set([call.callId]));
  });

  it('finds the call by a partial number; a mistake in the query is shown at its position', async () => {
    await page.getByTestId('syslog-tab-search').click();
    await page.getByTestId('search-input').fill('number:987654 method:INVITE');
    await page.getByTestId('search-run').click();
    await page.getByTestId('search-count').filter({ hasText: '4 lines found' }).waitFor();
    const rows = await page.getByTestId('search-row').allTextContents();
    assert.match(rows[0]!, /INVITE sip:\+4940987654/);
    await page.getByTestId('search-input').fill('method:INVITE calid:x');
    await page.keyboard.press('Enter');
    await page.getByText(/At position 14: .*calid/).waitFor();
    assert.match((await page.getByTestId('search-error-marker').textContent()) ?? '', /\n {14}\^$/);
  });

  it('shows the receiver bound to its port, with every loss counter', async () => {
    await page.getByTestId('syslog-tab-receiver').click();
    const listeners = (await page.getByTestId('receiver-listeners').textContent()) ?? '';
    assert.match(listeners, new RegExp(`UDP 127\\.0\\.0\\.1:${studio.syslogPort}`));
    assert.match((await page.getByTestId('loss-queueFull').textContent()) ?? '', /^0$/);
    await page.getByTestId('syslog-tab-live').click();
    await page.getByTestId('tail-row').filter({ hasText: 'BYE sip:' }).first().waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
