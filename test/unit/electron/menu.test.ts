// The application menu as data: the engine item calls back, devtools only in unpackaged builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../electron/menu.ts';

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

test('"Stop bundled engine" calls the callback it was given', () => {
  let stops = 0;
  const items = allItems(
    appMenuTemplate({ isPackaged: true, isMac: false, stopBundledEngine: () => stops++ }),
  );
  const stop = items.find((item) => item.label === 'Stop bundled engine');
  assert.ok(stop?.click, 'the item exists');
  (stop.click as () => void)();
  assert.equal(stops, 1);
});

test('without a bundled engine there is no engine item', () => {
  const items = allItems(appMenuTemplate({ isPackaged: true, isMac: false }));
  assert.equal(
    items.find((item) => item.label === 'Stop bundled engine'),
    undefined,
  );
});

test('developer tools only in unpackaged builds; standard Edit and View items always', () => {
  const roles = (isPackaged: boolean) =>
    allItems(appMenuTemplate({ isPackaged, isMac: false })).map((item) => item.role);
  assert.ok(!roles(true).includes('toggleDevTools'));
  assert.ok(roles(false).includes('toggleDevTools'));
  for (const role of ['editMenu', 'reload', 'zoomIn', 'quit'] as const)
    assert.ok(roles(true).includes(role), role);
});
