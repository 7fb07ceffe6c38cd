// Offline archive editing in Chromium (browser mode), no engine involved: open an archive in the
// Backups page, edit its config in the Configuration page, save it as a new archive, and find the
// new file in the Backups list with the edited value; the original stays as it was.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openBackup, packBackup } from '../../sbc-engine/backup/archive.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { FAST_KDF, sampleSource, TELEKOM_PASSWORD } from '../unit/sbc-engine/backup/sample-source.ts';

const PASSPHRASE = 'archive edit passphrase';
const ORIGINAL = 'lab.sbcbackup';

describe('Backups → Configuration: edit an archive offline and save it as a new one (Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let folder: string;
  let original: Buffer;
  const pageErrors: string[] = [];

  before(async () => {
    studio = await startStudio();
    // The app's backups folder in browser mode: next to the bundled engine's data folder.
    folder = join(studio.dataDir, 'backups');
    mkdirSync(folder, { recursive: true });
    original = await packBackup(await sampleSource(), { passphrase: PASSPHRASE, kdfCost: FAST_KDF });
    writeFileSync(join(folder, ORIGINAL), original, { mode: 0o600 });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(studio.url);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('opens the archive and hands its config to the editor', async () => {
    await page.getByTestId('nav-backups').click();
    await page
      .getByTestId('backup-file')
      .filter({ hasText: ORIGINAL })
      .getByTestId('backup-file-open')
      .click();
    const archive = page.getByTestId('backup-archive');
    await archive.getByTestId('backup-archive-passphrase').fill(PASSPHRASE);
    await archive.getByTestId('backup-archive-unlock').click();
    await archive.getByTestId('backup-archive-secrets').filter({ hasText: 'opened with the passphrase' }).waitFor(); // prettier-ignore
    await archive.getByTestId('backup-archive-edit').click();
    await page.getByTestId('configuration-page').waitFor();
    await page.getByTestId('config-archive-source').filter({ hasText: ORIGINAL }).waitFor();
    assert.equal(await page.getByTestId('field-system.fqdn').inputValue(), 'sbc.contoso.de');
  });

  it('edits a field and saves a new archive; the original is unchanged', async () => {
    await page.getByTestId('field-system.fqdn').fill('edited.contoso.de');
    await page.getByTestId('config-save-archive').click();
    const notice = page.getByTestId('config-notice');
    await notice.filter({ hasText: 'new archive' }).waitFor();
    const created = readdirSync(folder).filter((name) => name !== ORIGINAL);
    assert.equal(created.length, 1, created.join(', '));
    assert.match((await notice.textContent()) ?? '', new RegExp(created[0]!.replace(/\./g, '\\.')));
    assert.equal(await page.getByTestId('config-archive-missing').count(), 0, 'nothing missing');
    assert.deepEqual(readFileSync(join(folder, ORIGINAL)), original);

    const bytes = readFileSync(join(folder, created[0]!));
    assert.equal(bytes.includes(Buffer.from(TELEKOM_PASSWORD)), false, 'no plain-text secret');
    const opened = await openBackup(bytes, { passphrase: PASSPHRASE });
    assert.equal(opened.current.config.system.fqdn, 'edited.contoso.de');
    assert.ok(
      JSON.stringify(opened.current.config).includes(TELEKOM_PASSWORD),
      'the trunk password came along, sealed with the same passphrase',
    );
  });

  it('lists the new archive in the Backups page with the edited value', async () => {
    const name = readdirSync(folder).find((n) => n !== ORIGINAL)!;
    await page.getByTestId('nav-backups').click();
    const row = page.getByTestId('backup-file').filter({ hasText: name });
    await row.waitFor();
    await row.getByTestId('backup-file-open').click();
    const archive = page.getByTestId('backup-archive');
    await archive.filter({ hasText: name }).waitFor();
    await archive.getByText('SBC FQDN: edited.contoso.de').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
