// The Backups page in Chromium: back up the bundled engine with a passphrase, open the archive,
// and restore it onto a second engine (added by address) after the preview, then confirm.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fingerprintPrefix } from '../../sbc-engine/certs/fingerprint.ts';
import { launchChromium } from '../helpers/browser.ts';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../helpers/engine-process.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { completeSetupInUi, expectEngineState, logIn, selectEngine } from '../helpers/studio-ui.ts';

const PASSWORD = 'end to end password';
const PASSPHRASE = 'backup passphrase 1';
const TRUNK_SECRET = 'trunk-Secret-backup-1';

async function token(port: number): Promise<string> {
  const login = await mgmtRequest(port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return login.body.token as string;
}

describe('Backups page: back up one engine, restore onto another (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let second: EngineProcess;
  let browser: Browser;
  let page: Page;
  let address: string;
  const pageErrors: string[] = [];

  before(async () => {
    studio = await startStudio();
    second = await startEngineProcess();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(studio.url);
    await expectEngineState(page, 'Bundled engine', 'Not set up', 30_000);
    await completeSetupInUi(page, PASSWORD);
    await logIn(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Connected');

    // The bundled engine gets a trunk with a password, the thing a backup must carry safely.
    const bundledToken = await token(studio.enginePort);
    const read = await mgmtRequest(studio.enginePort, 'GET', '/config', { token: bundledToken });
    const config = {
      ...read.body.config,
      system: { ...read.body.config.system, fqdn: 'sbc.example.com' },
      connections: [
        {
          id: 'telekom',
          name: 'Telekom',
          targets: [{ host: 'reg.sip-trunk.telekom.de', transport: 'tcp' }],
          registration: { user: '+4930123456', password: TRUNK_SECRET },
        },
      ],
    };
    const put = await mgmtRequest(studio.enginePort, 'PUT', '/config', {
      token: bundledToken,
      body: json({ config, comment: 'trunk', ifMatch: read.body.etag, overrideReason: 'test on loopback' }),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    // The second engine, after its first-time setup, added by address with its fingerprint.
    const setupKey = readFileSync(join(second.dataDir, 'setup-key'), 'utf8').trim();
    await mgmtRequest(second.port, 'POST', '/setup', { body: json({ setupKey, password: PASSWORD }) });
    const identity = await mgmtRequest(second.port, 'GET', '/identity');
    address = `127.0.0.1:${second.port}`;
    await page.getByLabel('Address').fill(address);
    await page.getByLabel('Address').press('Enter');
    await expectEngineState(page, address, 'Log in required');
    await selectEngine(page, address);
    await page.getByLabel('Fingerprint the engine printed').fill(fingerprintPrefix(identity.body.managementFingerprint)); // prettier-ignore
    await page.getByRole('checkbox', { name: 'The fingerprints match' }).check();
    await logIn(page, PASSWORD);
    await expectEngineState(page, address, 'Connected');
  });

  after(async () => {
    await browser?.close();
    await second?.stop();
    await studio?.stop();
  });

  it('backs up the bundled engine with a passphrase typed twice', async () => {
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backups-page').waitFor();
    const choices = await page.getByTestId('backups-engine').locator('option').allTextContents();
    await page.getByTestId('backups-engine').selectOption({ label: choices.find((o) => o.startsWith('Bundled engine'))! }); // prettier-ignore
    await page.getByTestId('backup-passphrase').fill(PASSPHRASE);
    await page.getByTestId('backup-passphrase-repeat').fill(PASSPHRASE.toUpperCase());
    assert.equal(await page.getByTestId('backup-create').isDisabled(), true, 'different passphrases');
    await page.getByTestId('backup-passphrase-repeat').fill(PASSPHRASE);
    await page.getByTestId('backup-create').click();
    await page.getByTestId('backup-created').waitFor();
    await page.getByTestId('backup-file').first().waitFor();
  });

  it('opens the archive: the secrets are locked until the passphrase is given', async () => {
    await page.getByTestId('backup-file-open').first().click();
    const archive = page.getByTestId('backup-archive');
    await archive.getByTestId('backup-archive-secrets').filter({ hasText: 'encrypted' }).waitFor();
    assert.doesNotMatch((await archive.textContent()) ?? '', new RegExp(TRUNK_SECRET));
    await archive.getByTestId('backup-archive-passphrase').fill(PASSPHRASE);
    await archive.getByTestId('backup-archive-unlock').click();
    await archive
      .getByTestId('backup-archive-secrets')
      .filter({ hasText: 'opened with the passphrase' })
      .waitFor();
  });

  it('previews the restore onto the second engine, restores and confirms', async () => {
    const restore = page.getByTestId('backup-restore');
    const options = await restore.getByTestId('backup-restore-engine').locator('option').allTextContents();
    await restore.getByTestId('backup-restore-engine').selectOption({ label: options.find((o) => o.includes(address))! }); // prettier-ignore
    await restore.getByTestId('backup-restore-preview').click();
    await restore.getByTestId('backup-restore-nothing-missing').waitFor();
    const paths = await restore.getByTestId('diff-change').evaluateAll((items) => items.map((i) => i.getAttribute('data-path'))); // prettier-ignore
    assert.ok(paths.includes('system.fqdn'), paths.join(', '));
    const reason = restore.getByTestId('backup-restore-reason');
    if (await reason.count()) await reason.fill('restored for the test on loopback');
    await restore.getByTestId('backup-restore-apply').click();
    await restore.getByTestId('backup-restore-done').waitFor();
    await restore.getByTestId('backup-restore-confirm').click();
    await restore.getByTestId('backup-restore-confirmed').waitFor();

    const secondToken = await token(second.port);
    const config = await mgmtRequest(second.port, 'GET', '/config', { token: secondToken });
    assert.equal(config.body.pending, null);
    assert.equal(config.body.config.system.fqdn, 'sbc.example.com');
    const stored = JSON.parse(readFileSync(join(second.dataDir, 'config', 'current.json'), 'utf8'));
    assert.equal(
      stored.config.connections[0].registration.password,
      TRUNK_SECRET,
      'the trunk password came along',
    );
    assert.deepEqual(pageErrors, []);
  });
});
