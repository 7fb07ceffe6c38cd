// The application menu. Built as plain data from a few callbacks, so main stays short; Electron's
// roles supply the standard Edit and View items. Developer tools only in unpackaged builds.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  isPackaged: boolean;
  isMac: boolean;
  /** Absent when this app runs without a bundled engine. */
  stopBundledEngine?: () => void;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const engine: MenuItemConstructorOptions[] = options.stopBundledEngine
    ? [{ label: 'Stop bundled engine', click: options.stopBundledEngine }, { type: 'separator' }]
    : [];
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [...engine, options.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
