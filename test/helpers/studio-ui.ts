// Steps a user takes in the Engines page, shared by the end-to-end tests.
import type { Page } from 'playwright-core';

export type StateText =
  'Not set up' | 'Log in required' | 'Connected' | 'Unreachable' | 'Certificate changed' | 'Starting';

function engineItem(page: Page, name: string) {
  return page.locator('[data-testid^="engine-item-"]').filter({ hasText: name }).first();
}

export async function expectEngineState(
  page: Page,
  name: string,
  state: StateText,
  timeoutMs = 15_000,
): Promise<void> {
  await engineItem(page, name)
    .getByTestId('engine-state')
    .filter({ hasText: state })
    .waitFor({ timeout: timeoutMs });
}

export async function selectEngine(page: Page, name: string): Promise<void> {
  await engineItem(page, name).click();
  await page.getByRole('heading', { name }).waitFor();
}

/** The first-time setup wizard for the bundled engine, as a new user walks through it. */
export async function completeSetupInUi(page: Page, password: string): Promise<void> {
  await selectEngine(page, 'Bundled engine');
  await page.getByRole('button', { name: 'Set up', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'Set up Bundled engine' });
  await wizard.getByTestId('fingerprint-verdict').and(page.locator('[data-verdict="match"]')).waitFor();
  await wizard.getByRole('checkbox', { name: 'The fingerprints match' }).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('button', { name: 'Read from this computer' }).click();
  await wizard.getByLabel('New admin password').fill(password);
  await wizard.getByLabel('Repeat password', { exact: true }).fill(password);
  await wizard.getByRole('button', { name: 'Set up engine' }).click();
  await wizard.waitFor({ state: 'hidden' });
}

export async function logIn(page: Page, password: string): Promise<void> {
  const field = page.getByLabel('Password', { exact: true });
  await field.fill(password);
  await field.press('Enter');
}
