// The Configuration page offline, in a real browser against browser mode: open a config file, see
// its problems at the fields and in the list, jump to a problem, fix it, undo, test a number
// against the routes, save the file, and get the draft back after a reload (without the password).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';

const CONFIG = {
  schemaVersion: 1,
  system: { name: 'Lab SBC', fqdn: 'sbc.example.com' },
  connections: [
    {
      id: 'pbx',
      name: 'Asterisk',
      targets: [{ host: '192.0.2.10', port: 5060, transport: 'udp' }],
      registration: { user: '+4930123456', password: 'typed-trunk-secret' },
    },
  ],
  routes: [
    { id: 'national', called: { match: '^0(\\d{9,11})$', replace: '+49$1' }, target: { connection: 'pbx' } },
  ],
};

/** The draft has no error left (notes of the linter, such as "no syslog target", may remain). */
async function noErrors(page: Page): Promise<void> {
  await page.getByTestId('configuration-page').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="problem"][data-severity="error"]'));
}

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByTestId('config-file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('Configuration page (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(studio.url);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('starts from a valid default configuration', async () => {
    await page.getByTestId('nav-configuration').click();
    await noErrors(page);
    assert.equal(await page.getByTestId('field-system.name').inputValue(), 'SBC');
  });

  it('refuses a file that is not JSON, and says why', async () => {
    await openFile(page, 'broken.json', '{ "schemaVersion": 1,');
    const error = page.getByTestId('config-file-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /broken\.json cannot be opened: not a JSON file/);
  });

  it('opens a file with a problem, lists it, and jumps to the field', async () => {
    const bad = structuredClone(CONFIG) as typeof CONFIG & {
      connections: { targets: { port: unknown }[] }[];
    };
    bad.connections[0]!.targets[0]!.port = 70000;
    await openFile(page, 'lab.json', JSON.stringify(bad));
    await page.getByTestId('config-source').filter({ hasText: 'lab' }).waitFor();
    const problem = page.locator('[data-testid="problem"][data-path="connections[0].targets[0].port"]');
    await problem.waitFor();
    assert.equal(await page.getByTestId('section-connections').getAttribute('data-severity'), 'error');
    await problem.click();
    const port = page.getByTestId('field-connections[0].targets[0].port');
    await port.waitFor();
    assert.equal(
      await port.evaluate((element) => element === document.activeElement),
      true,
      'the field has the focus',
    );
    await port.fill('5060');
    await noErrors(page);
  });

  it('undoes and redoes with the keyboard', async () => {
    const name = page.getByTestId('field-connections[0].name');
    await name.fill('Asterisk Lab');
    await page.keyboard.press('Control+z');
    assert.equal(await name.inputValue(), 'Asterisk');
    await page.keyboard.press('Control+y');
    assert.equal(await name.inputValue(), 'Asterisk Lab');
  });

  it('tests a number against the routes, and refuses a pattern that cannot run', async () => {
    assert.deepEqual(consoleErrors, []);
    await page.getByTestId('section-routes').click();
    await page.getByTestId('tester-called').fill('0301234567');
    const outcome = page.getByTestId('tester-outcome');
    await outcome.waitFor();
    assert.match((await outcome.textContent()) ?? '', /Goes to connection "pbx"/);
    assert.equal(await page.getByTestId('tester-final-called').textContent(), '+49301234567');

    await page.getByTestId('open-routes[0]').click();
    const match = page.getByTestId('field-routes[0].called.match');
    await match.fill('^0(\\d+$');
    const problem = page.locator('[data-testid="problem"][data-path="routes[0].called.match"]');
    assert.match((await problem.textContent()) ?? '', /character \d+/);
    assert.equal(await page.getByTestId('tester-result').count(), 0, 'the tester runs only a valid config');
    await page.keyboard.press('Control+z');
    await noErrors(page);
  });

  it('saves the file as edited', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('config-save').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'lab.json');
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    assert.equal(saved.connections[0].name, 'Asterisk Lab');
    assert.equal(saved.connections[0].targets[0].port, 5060);
    assert.equal(
      saved.connections[0].registration.password,
      'typed-trunk-secret',
      'the file is what the admin edited',
    );
    await page.getByTestId('config-secret-warning').waitFor();
  });

  it('keeps the draft across a reload, without the typed password', async () => {
    await page.getByTestId('draft-saved').waitFor();
    await page.reload();
    await page.getByTestId('draft-restore').waitFor();
    await page.getByTestId('draft-restore-button').click();
    await page.getByTestId('section-connections').click();
    await page.getByTestId('open-connections[0]').click();
    assert.equal(await page.getByTestId('field-connections[0].name').inputValue(), 'Asterisk Lab');
    assert.equal(await page.getByTestId('field-connections[0].registration.password').inputValue(), '');
    const problem = page.locator('[data-testid="problem"][data-path="connections[0].registration.password"]');
    await problem.waitFor();
    const stored = readFileSync(`${studio.dataDir}/settings.json`, 'utf8');
    assert.doesNotMatch(stored, /typed-trunk-secret/, 'the password never reached the settings file');
    assert.deepEqual(consoleErrors, []);
  });
});
