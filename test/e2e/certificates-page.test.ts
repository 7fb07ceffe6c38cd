// The Certificates page in a real browser against browser mode and the bundled engine: the request
// wizard end to end (create the request, save it, the test's CA signs it, import it, add the
// missing intermediate, use it for SIP TLS), a PFX import with a wrong and a right password, a
// bundled root added by name, a wrong certificate refused, and an entry removed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { json, mgmtRequest } from '../helpers/engine-process.ts';
import { createOpensslPki, signRequest, type OpensslPki } from '../helpers/openssl-pki.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { completeSetupInUi, expectEngineState, logIn } from '../helpers/studio-ui.ts';

const PASSWORD = 'end to end password';

async function ownRows(page: Page): Promise<Array<{ id: string; label: string; state: string }>> {
  return page.locator('[data-testid^="own-certificate-"]').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-testid')!.replace('own-certificate-', ''),
      label: row.querySelector('[data-testid="own-label"]')?.textContent?.trim() ?? '',
      state: row.getAttribute('data-state') ?? '',
    })),
  );
}

function wizardAt(page: Page, step: string): Locator {
  return page.locator(`[data-testid="certificate-wizard"][data-step="${step}"]`);
}

async function openRowAction(page: Page, row: Locator, action: string): Promise<void> {
  await row.getByTestId('own-actions').click();
  await page.getByTestId(`own-action-${action}`).click();
}

describe('Certificates page (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let pki: OpensslPki;
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
    assert.equal(await page.getByTestId('certificates-create-request').count(), 0);
    await hint.getByRole('button', { name: 'Go to Engines' }).click();
    await expectEngineState(page, 'Bundled engine', 'Not set up');
  });

  it('creates a request in the wizard, checks the form first, and saves the CSR', async () => {
    await completeSetupInUi(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Log in required');
    await logIn(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Connected');
    await page.getByTestId('nav-certificates').click();
    await page.getByTestId('own-empty').waitFor();

    await page.getByTestId('certificates-create-request').click();
    const wizard = wizardAt(page, 'request');
    await wizard.waitFor();
    assert.match((await wizard.textContent()) ?? '', /Step 1 of 5: Create the request/);
    await page.getByTestId('wizard-common-name').fill('192.0.2.10');
    await page.getByTestId('wizard-create').click();
    await wizard.getByText('Enter a full host name such as sbc.example.com').waitFor();
    assert.equal(await wizardAt(page, 'request').count(), 1, 'nothing was sent for a bad form');

    await page.getByTestId('wizard-common-name').fill('sbc.example.com');
    await page.getByTestId('wizard-dns-names').fill('sbc2.example.com');
    await page.getByTestId('wizard-algorithm').selectOption('ecdsa-p256');
    await page.getByTestId('wizard-create').click();
    const send = wizardAt(page, 'send');
    await send.waitFor();
    const csr = await page.getByTestId('wizard-csr').inputValue();
    assert.match(csr, /^-----BEGIN CERTIFICATE REQUEST-----/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('wizard-save-csr').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'SIP-TLS.csr');
    assert.equal(readFileSync((await download.path())!, 'utf8'), csr);
    const shown = openssl(['req', '-noout', '-subject', '-text'], csr);
    assert.match(shown, /CN\s*=\s*sbc\.example\.com/);
    assert.match(shown, /DNS:sbc\.example\.com, DNS:sbc2\.example\.com/);

    // Leave the wizard: the request waits on the engine, listed as pending.
    await page.getByTestId('wizard-close').click();
    await page.locator('[data-testid^="own-certificate-"]').first().waitFor();
    const rows = await ownRows(page);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.state, 'pending');
    requestId = rows[0]!.id;
  });

  it('continues from the list: imports the signed certificate, names the missing intermediate, then adds it with its root set aside', async () => {
    const row = page.getByTestId(`own-certificate-${requestId}`);
    await openRowAction(page, row, 'continue');
    await wizardAt(page, 'signed').waitFor();
    const csr = (await mgmtCsr(studio, requestId))!;
    // The CA sends back the leaf alone; the intermediate is missing.
    await page.getByTestId('wizard-signed-file').setInputFiles({
      name: 'sbc.example.com.cer',
      mimeType: 'application/x-x509-ca-cert',
      buffer: signRequest(pki, csr),
    });
    await page.getByTestId('wizard-signed-picked').waitFor();
    await page.getByTestId('wizard-import').click();

    const intermediates = wizardAt(page, 'intermediates');
    await intermediates.waitFor();
    const missing = intermediates.locator('[data-testid="chain-problem"][data-code="missing-issuer"]');
    assert.match((await missing.textContent()) ?? '', /Intermediate/i);
    // The CA's bundle holds the intermediate and its root: the root is set aside, and said so.
    await page.getByTestId('wizard-intermediates-paste').fill(pki.intermediate.certPem + pki.root.certPem);
    await page.getByTestId('wizard-import').click();

    const use = wizardAt(page, 'use');
    await use.waitFor();
    assert.equal(await use.locator('[data-code="missing-issuer"]').count(), 0, 'the chain is complete now');
    assert.match(
      (await use.getByTestId('chain-set-aside').textContent()) ?? '',
      /root certificate .*was set aside/,
    );
    await page.getByTestId('wizard-use').click();
    const done = page.getByTestId('wizard-done');
    await done.waitFor();
    assert.match((await done.textContent()) ?? '', /chosen for SIP TLS/);
    await page.getByTestId('wizard-close').click();

    const issued = page
      .getByTestId(`own-certificate-${requestId}`)
      .and(page.locator('[data-state="issued"]'));
    await issued.waitFor();
    assert.equal(await issued.getByTestId('own-sip-tls').getAttribute('data-used'), 'true');
    // The fixture CA issues for 30 days: under the 30-day mark, so the badge warns.
    const badge = issued.getByTestId('expiry-badge');
    assert.match((await badge.textContent()) ?? '', /^(29|30) days left$/);
    assert.equal(await badge.getAttribute('data-color'), 'warning');
    assert.match(
      (await issued.getByTestId('own-sha256').textContent()) ?? '',
      /SHA-256: ([0-9A-F]{2}:){31}[0-9A-F]{2}/,
    );
    // What SIP TLS serves cannot be removed from the menu.
    await issued.getByTestId('own-actions').click();
    await page.getByTestId('own-action-export').waitFor();
    assert.equal(await page.getByTestId('own-action-remove').count(), 0);
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('own-action-export').click(),
    ]);
    const pem = readFileSync((await exported.path())!, 'utf8');
    assert.equal(
      pem.match(/BEGIN CERTIFICATE/g)?.length,
      2,
      'the export holds the leaf and its intermediate',
    );
    assert.doesNotMatch(pem, /PRIVATE KEY/);
  });

  it('refuses a certificate that belongs to another key, and keeps the request as it was', async () => {
    await page.getByTestId('certificates-create-request').click();
    await wizardAt(page, 'request').waitFor();
    await page.getByTestId('wizard-label').fill('Second');
    await page.getByTestId('wizard-common-name').fill('sbc3.example.com');
    await page.getByTestId('wizard-create').click();
    await page.getByTestId('wizard-next').click();
    await wizardAt(page, 'signed').waitFor();
    const stranger = pki.leaf({ commonName: 'sbc3.example.com' });
    await page.getByTestId('wizard-signed-paste').fill(stranger.certPem);
    await page.getByTestId('wizard-import').click();
    const error = page.getByTestId('api-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /key/i);
    assert.equal(await wizardAt(page, 'signed').count(), 1, 'the wizard stays on the import step');
    await page.getByTestId('wizard-close').click();
    await page.locator('[data-testid^="own-certificate-"]').filter({ hasText: 'Second' }).waitFor();
    const second = (await ownRows(page)).find((row) => row.label === 'Second');
    assert.equal(second?.state, 'pending');

    await openRowAction(page, page.getByTestId(`own-certificate-${second!.id}`), 'remove');
    assert.match(
      (await page.getByTestId('remove-warning').textContent()) ?? '',
      /cannot be imported anymore/,
    );
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByTestId(`own-certificate-${second!.id}`).waitFor({ state: 'detached' });
  });

  it('imports a PFX: a wrong password is refused without echoing it, the right one imports', async () => {
    const leaf = pki.leaf({ commonName: 'pfx.example.com' });
    const pfx = readFileSync(pki.pkcs12('pfx.pfx', leaf, [pki.intermediate], 'right-Pfx-9'));
    await page.getByTestId('certificates-import-pfx').click();
    await page.getByTestId('pkcs12-label').fill('From Windows');
    await page.getByTestId('pkcs12-file').setInputFiles({
      name: 'sbc.pfx',
      mimeType: 'application/x-pkcs12',
      buffer: pfx,
    });
    await page.getByTestId('pkcs12-password').fill('wrong-Pfx-1');
    await page.getByTestId('pkcs12-import').click();
    const error = page.getByTestId('pkcs12-dialog').getByTestId('api-error');
    await error.waitFor();
    assert.doesNotMatch((await error.textContent()) ?? '', /wrong-Pfx-1/);
    await page.getByTestId('pkcs12-password').fill('right-Pfx-9');
    await page.getByTestId('pkcs12-import').click();
    await page.getByTestId('pkcs12-imported').waitFor();
    await page.getByTestId('pkcs12-close').click();
    // The list reloads after the import; wait for the new row rather than reading the old list.
    const row = page.locator('[data-testid^="own-certificate-"]').filter({ hasText: 'From Windows' });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'issued');
    assert.ok(!studio.output().includes('right-Pfx-9'), 'the PFX password never reaches the log');
  });

  it('trusts a root shipped with the engine by its name, and says so when it is there already', async () => {
    await page.getByTestId('trusted-empty').waitFor();
    await page.getByTestId('certificates-add-trusted').click();
    const g2 = page.locator('[data-testid="bundled-root"][data-name="DigiCert Global Root G2"]');
    await g2.waitFor();
    await g2.check();
    await page.getByTestId('trusted-add').click();
    assert.match((await page.getByTestId('trusted-added').textContent()) ?? '', /1 CA added/);
    await page.getByTestId('trusted-close').click();
    const labels = await page.getByTestId('trusted-label-cell').allTextContents();
    assert.deepEqual(
      labels.map((label) => label.trim()),
      ['DigiCert Global Root G2'],
    );

    await page.getByTestId('certificates-add-trusted').click();
    await g2.waitFor();
    assert.equal(await g2.isDisabled(), true, 'a trusted root cannot be picked again');
    await page.keyboard.press('Escape');
    await page.getByTestId('trusted-ca-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(consoleErrors, []);
  });
});

async function mgmtCsr(studio: StudioProcess, id: string): Promise<string | undefined> {
  const login = await mgmtRequest(studio.enginePort, 'POST', '/login', {
    body: json({ password: PASSWORD }),
  });
  const listing = await mgmtRequest(studio.enginePort, 'GET', '/certificates', { token: login.body.token });
  return listing.body.own.find((entry: { id: string }) => entry.id === id)?.csrPem;
}

function openssl(args: string[], input: string): string {
  const run = spawnSync('openssl', args, { input, encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}
