// The first-run slice in a real browser against browser mode: see the bundled engine, compare
// the fingerprint, set it up, log in, see identity; wrong password; an unreachable engine; and a
// Content Security Policy that blocks inline script and string evaluation without ever firing
// during normal use.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fingerprintOfPem, fingerprintPrefix } from '../../sbc-engine/certs/fingerprint.ts';
import { launchChromium } from '../helpers/browser.ts';
import { ENGINE_SCRIPT, json, mgmtRequest, startEngineProcess } from '../helpers/engine-process.ts';
import { freePort } from '../helpers/ports.ts';
import { startStudio, type StudioProcess } from '../helpers/studio-process.ts';
import { completeSetupInUi, expectEngineState, logIn, selectEngine } from '../helpers/studio-ui.ts';

const PASSWORD = 'end to end password';

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

describe('Engines page (browser mode, Chromium)', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    page = await browser.newPage();
    // Runs before the page's own scripts, so every violation during normal use is recorded.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(studio.url);
  });

  after(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it('shows the bundled engine waiting for first-time setup', async () => {
    await expectEngineState(page, 'Bundled engine', 'Not set up', 30_000);
  });

  it('shows the fingerprint from the handshake, equal to the one the engine printed', async () => {
    const certificate = fingerprintOfPem(readFileSync(join(studio.engineDataDir, 'mgmt-cert.pem'), 'utf8'));
    const printed = readFileSync(join(studio.engineDataDir, 'engine.log'), 'utf8');
    assert.ok(printed.includes(fingerprintPrefix(certificate)), 'the engine printed the fingerprint prefix');
    await selectEngine(page, 'Bundled engine');
    await page.getByRole('button', { name: 'Set up', exact: true }).click();
    const wizard = page.getByRole('dialog', { name: 'Set up Bundled engine' });
    assert.equal(await wizard.getByTestId('seen-fingerprint').getAttribute('data-fingerprint'), certificate);
    assert.equal(await wizard.getByTestId('fingerprint-verdict').getAttribute('data-verdict'), 'match');
    await page.keyboard.press('Escape');
    await wizard.waitFor({ state: 'hidden' });
  });

  it('sets the engine up with the setup key and a new password', async () => {
    await completeSetupInUi(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Log in required');
    const identity = JSON.parse(readFileSync(join(studio.engineDataDir, 'admin.json'), 'utf8'));
    assert.equal(identity.password.algorithm, 'scrypt');
  });

  it('refuses a wrong password with a message', async () => {
    await logIn(page, 'this is not the password');
    const alert = page.getByTestId('api-error');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-error-code'), 'wrong-password');
    assert.match((await alert.textContent()) ?? '', /wrong password/i);
    await expectEngineState(page, 'Bundled engine', 'Log in required');
  });

  it('logs in and shows identity and status', async () => {
    await logIn(page, PASSWORD);
    await expectEngineState(page, 'Bundled engine', 'Connected');
    const identity = page.getByTestId('engine-identity');
    await identity.waitFor();
    const engineJson = JSON.parse(readFileSync(join(studio.engineDataDir, 'engine.json'), 'utf8'));
    assert.equal((await identity.getByTestId('identity-id').textContent())?.trim(), engineJson.id);
    const fingerprint = fingerprintOfPem(readFileSync(join(studio.engineDataDir, 'mgmt-cert.pem'), 'utf8'));
    assert.equal(
      await identity.getByTestId('identity-fingerprint').getAttribute('data-fingerprint'),
      fingerprint,
    );
    assert.match((await identity.getByTestId('identity-sip-listen').textContent()) ?? '', /none yet/);
    await page.getByTestId('status-uptime').waitFor();
  });

  it('shows an engine at an address where nothing answers as unreachable, with what to check', async () => {
    const closedPort = await freePort();
    await page.getByLabel('Address').fill(`127.0.0.1:${closedPort}`);
    await page.getByLabel('Address').press('Enter');
    await expectEngineState(page, `127.0.0.1:${closedPort}`, 'Unreachable');
    await selectEngine(page, `127.0.0.1:${closedPort}`);
    await page.getByTestId('engine-unreachable').waitFor();
    assert.match((await page.getByTestId('engine-unreachable').textContent()) ?? '', /refused/);
  });

  it('logs in to an engine added by address only after the typed fingerprint prefix matches', async () => {
    const remote = await startEngineProcess();
    try {
      const setupKey = readFileSync(join(remote.dataDir, 'setup-key'), 'utf8').trim();
      assert.equal(
        (await mgmtRequest(remote.port, 'POST', '/setup', { body: json({ setupKey, password: PASSWORD }) }))
          .status,
        200,
      );
      const identity = await mgmtRequest(remote.port, 'GET', '/identity');
      const printed = fingerprintPrefix(identity.body.managementFingerprint);
      const address = `127.0.0.1:${remote.port}`;
      await page.getByLabel('Address').fill(address);
      await page.getByLabel('Address').press('Enter');
      await expectEngineState(page, address, 'Log in required');
      await selectEngine(page, address);
      await page.getByLabel('Fingerprint the engine printed').fill('AA:BB:CC:DD:EE:FF:00:11');
      await page.getByRole('checkbox', { name: 'The fingerprints match' }).check();
      await logIn(page, PASSWORD);
      await page.getByText('Confirm the certificate before you log in.').waitFor();
      await expectEngineState(page, address, 'Log in required');
      await page.getByLabel('Fingerprint the engine printed').fill(printed.toLowerCase());
      await logIn(page, PASSWORD);
      await expectEngineState(page, address, 'Connected');
    } finally {
      await remote.stop();
    }
  });

  it('switches the whole UI to German and back', async () => {
    await page.getByTestId('language-switch').selectOption('de');
    const bundled = page.getByTestId('engine-item-bundled');
    await bundled.filter({ hasText: 'Lokale Engine' }).waitFor();
    await bundled.getByTestId('engine-state').filter({ hasText: 'Verbunden' }).waitFor();
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('engine-item-bundled').filter({ hasText: 'Bundled engine' }).waitFor();
  });

  it('resets a forgotten password with a new setup key from the engine console', async () => {
    const output = execFileSync(
      process.execPath,
      [ENGINE_SCRIPT, 'reset-password', '--data-dir', studio.engineDataDir],
      { encoding: 'utf8' },
    );
    assert.match(output, /New setup key: /);
    await selectEngine(page, 'Bundled engine');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expectEngineState(page, 'Bundled engine', 'Log in required');
    await page.getByRole('button', { name: 'Forgot the password?' }).click();
    await page.getByRole('button', { name: 'Enter the new setup key' }).click();
    const wizard = page.getByRole('dialog', { name: 'Set up Bundled engine' });
    await wizard.getByRole('checkbox', { name: 'The fingerprints match' }).check();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Read from this computer' }).click();
    await wizard.getByLabel('New admin password').fill('a brand new password');
    await wizard.getByLabel('Repeat password', { exact: true }).fill('a brand new password');
    await wizard.getByRole('button', { name: 'Set up engine' }).click();
    await wizard.waitFor({ state: 'hidden' });
    await logIn(page, 'a brand new password');
    await expectEngineState(page, 'Bundled engine', 'Connected');
  });

  it('fired no Content Security Policy violation and logged no error during normal use', async () => {
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(
      consoleErrors.filter((e) => !/Failed to load resource.*40[13]/.test(e)),
      [],
    );
  });

  it('blocks inline script, inline handlers and string evaluation from within the page', async () => {
    // page.evaluate itself is exempt from the CSP, so the attempts are planted in the page: an
    // inline <script> element, an inline event handler and a timer given a string of code all
    // run (or are refused) under the page's own policy.
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__handlerRan = true');
      document.body.append(button);
      button.click();
      button.remove();
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__stringRan = true', 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return {
        inline: w.__inlineRan,
        handler: w.__handlerRan,
        string: w.__stringRan,
        violations: window.__cspViolations,
      };
    });
    assert.equal(outcome.inline, undefined, 'inline script ran');
    assert.equal(outcome.handler, undefined, 'inline handler ran');
    assert.equal(outcome.string, undefined, 'string evaluation ran');
    assert.ok(
      outcome.violations.some((v) => v.startsWith('script-src-elem inline')),
      outcome.violations.join(),
    );
    assert.ok(
      outcome.violations.some((v) => v.startsWith('script-src-attr inline')),
      outcome.violations.join(),
    );
    assert.ok(
      outcome.violations.some((v) => v.startsWith('script-src eval')),
      outcome.violations.join(),
    );
  });
});
