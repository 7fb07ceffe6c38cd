// Every security setting of the desktop window in one file, so a review reads one page.
// The values and predicates at the top are plain data (tested in plain Node); the functions at the
// bottom take Electron objects as parameters and only wire those values in. Electron is imported
// for its types only, so this file loads without the Electron runtime.
// Background: https://www.electronjs.org/docs/latest/tutorial/security (the checklist numbers
// below refer to it).
import type { CustomScheme, Protocol, Session, Shell, WebContents, WebPreferences } from 'electron';
import { readStatic, resolveInside } from './host/static-files.ts';

// --- Where the UI comes from -------------------------------------------------------------------

// The renderer is served from a custom standard scheme instead of file:// (checklist #18): file://
// pages can read any file the user can, share one opaque origin, and cannot be told apart.
export const APP_SCHEME = 'app';
export const APP_HOST = 'sbc-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

// 'standard' gives the scheme a real origin (so CSP 'self', relative URLs and storage work) and
// 'secure' makes it a secure context. Deliberately NOT bypassCSP, corsEnabled or serviceWorkers.
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const satisfies NonNullable<CustomScheme['privileges']>;

// --- Content Security Policy (checklist #7) ----------------------------------------------------

// No inline script and no eval anywhere; inline styles only because Fluent UI (Griffel) injects
// them at run time. form-action is stricter than the issue asks: the UI never submits forms.
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Headers every response of the app:// scheme and of the window's session carries. */
export const RESPONSE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

// --- The window ---------------------------------------------------------------------------------

/**
 * webPreferences of every window (checklist #2, #3, #4, #6, #8, #9, #12). Most are Electron's
 * defaults today; they are spelled out so a future default change or a careless edit shows in
 * the test.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  };
}

// --- Predicates ---------------------------------------------------------------------------------

function parseUrl(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True only for a page of the app's own origin (app://sbc-studio/...). IPC senders and
 * navigation targets are checked with this (checklist #17). Compared part by part because Node's
 * URL gives non-special schemes an opaque 'null' origin.
 */
export function isTrustedSenderUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Links the user clicks may open in the system browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== undefined &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

// --- Serving the renderer's files ----------------------------------------------------------------

/**
 * The file under rootDir that an app:// URL names, or undefined for another origin, a path that
 * would leave rootDir (also through %2e%2e or %5c), a NUL byte or an unknown file type.
 */
export function resolveAppFile(rootDir: string, url: string): string | undefined {
  const parsed = parseUrl(url);
  if (!parsed || !isTrustedSenderUrl(url)) return undefined;
  return resolveInside(rootDir, parsed.pathname);
}

/**
 * The app:// handler: only GET/HEAD, only files under rootDir, every answer with the CSP. Reads
 * with fs (which also reads inside app.asar) rather than net.fetch('file://...'), so the file
 * protocol needs no extra privileges.
 */
export function createAppFileHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async function serveAppFile(request: Request): Promise<Response> {
    const headers = { ...RESPONSE_SECURITY_HEADERS };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers });
    }
    const parsed = parseUrl(request.url);
    const file =
      parsed && isTrustedSenderUrl(request.url) ? await readStatic(rootDir, parsed.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: { ...headers, 'Content-Type': file.type },
    });
  };
}

// --- Applying the settings to Electron objects ---------------------------------------------------

/** Must run before app 'ready' (Electron's rule for registerSchemesAsPrivileged). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

export function serveAppFiles(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppFileHandler(rendererDir));
}

/**
 * Session-wide: the CSP header on every response (checklist #7) and every permission request and
 * check denied (checklist #5): the UI needs no camera, notifications, USB or anything else.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Our policy replaces any other, whatever its spelling.
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Per web contents: no navigation away from the app (checklist #13), no new windows (#14; https
 * links go to the system browser, #15), no <webview> (#12). main applies it to every web contents
 * through app 'web-contents-created', so no window can be created without it.
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event) => {
    if (!isTrustedSenderUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedSenderUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedSenderUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => {});
    return { action: 'deny' };
  });
}
