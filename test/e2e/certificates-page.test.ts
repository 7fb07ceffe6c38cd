// The read-only Certificates page in a real browser against browser mode: no engine connected
// yet, then the bundled engine with a pending request put in its store through the management API,
// then the same entry after a CA signed it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { json, mgmtRequest } from '../helpers/engine-process.ts';
import { createOpensslPki, signRequest, type OpensslPki } from '../helpers/openssl-pki.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { completeSetupInUi, expectEngineState, logIn } from '../helpers/studio-ui.ts';

const PASSWORD = 'end to end password';

describe('Certificates page (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let pki: OpensslPki;
  let token: string;
  let requestId: string;
  const consoleErrors: string[] = [];

  before(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    pki = createOpensslPki('ec');
    await page.goto(studio.url);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
    pki?.cleanup();
  });

  it('asks to log in to an engine first while none is connected', async () => {
    await expectEngineState(page, 'Bundled engine', 'Not set up', 30_000);
    await page.getByTestId('nav-certificates').click();
    const hint = page.getByTestId('certificates-no-engine');
    await hint.waitFor();
    assert.match((await hint.textContent()) ?? '', /Log in to an engine on the Engines page first/);
    assert.match(
      (await page.getByTestId('certificates-coming-next').textContent()) ?? '',
      /not available yet/,
    );
    await hint.getByRole('button', { name: 'Go to Engines' }).click();
    await expectEngineState(page, 'Bundled engine', 'Not set up');
  });

  it('lists a pending request of the bundled engine', async () => {
    await completeSetupInUi(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Log in required');
    await logIn(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Connected');

    const login = await mgmtRequest(studio.enginePort, 'POST', '/login', {
      body: json({ password: PASSWORD }),
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    token = login.body.token;
    const created = await mgmtRequest(studio.enginePort, 'POST', '/certificates/requests', {
      token,
      body: json({
        label: 'SIP TLS',
        algorithm: 'ecdsa-p256',
        commonName: 'sbc.example.com',
        dnsNames: ['sbc.example.com'],
      }),
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    requestId = created.body.id;

    await page.getByTestId('nav-certificates').click();
    const select = page.getByTestId('certificates-engine');
    await select.waitFor();
    const bundled = select.locator('option').filter({ hasText: 'Bundled engine' });
    await select.selectOption((await bundled.getAttribute('value'))!);
    const row = page.getByTestId(`own-certificate-${requestId}`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'pending');
    assert.equal((await row.getByTestId('own-label').textContent())?.trim(), 'SIP TLS');
    assert.equal((await row.getByTestId('own-common-name').textContent())?.trim(), 'sbc.example.com');
    await row.getByTestId('own-pending').waitFor();
    await page.getByTestId('trusted-empty').waitFor();
  });

  it('shows subject and days left once the signed certificate is imported', async () => {
    const listing = await mgmtRequest(studio.enginePort, 'GET', '/certificates', { token });
    const csrPem = listing.body.own.find((entry: { id: string }) => entry.id === requestId).csrPem;
    const signed = await mgmtRequest(studio.enginePort, 'POST', '/certificates/signed', {
      token,
      body: json({ id: requestId, pem: signRequest(pki, csrPem).toString('utf8') }),
    });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));

    await page.reload();
    const row = page.getByTestId(`own-certificate-${requestId}`).and(page.locator('[data-state="issued"]'));
    await row.waitFor();
    assert.equal((await row.getByTestId('own-common-name').textContent())?.trim(), 'sbc.example.com');
    // The fixture CA issues for 30 days: under the 30-day mark, so the badge warns.
    const badge = row.getByTestId('expiry-badge');
    assert.match((await badge.textContent()) ?? '', /^(29|30) days left$/);
    assert.equal(await badge.getAttribute('data-color'), 'warning');
    assert.match(
      (await row.getByTestId('own-sha256').textContent()) ?? '',
      /SHA-256: ([0-9A-F]{2}:){31}[0-9A-F]{2}/,
    );
    assert.deepEqual(consoleErrors, []);
  });
});
