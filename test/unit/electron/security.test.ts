// The desktop window's security settings (electron/security.ts), checked in plain Node: the
// values, the CSP, the predicates, the file server, and, with fake Electron objects, that the
// handlers it installs deny.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Session, WebContents } from 'electron';
import { SECURITY_HEADERS as BROWSER_MODE_HEADERS } from '../../../electron/host/security-headers.ts';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppFileHandler,
  hardenSession,
  hardenWebContents,
  isSafeExternalUrl,
  isTrustedSenderUrl,
  registerAppScheme,
  resolveAppFile,
  secureWebPreferences,
} from '../../../electron/security.ts';

function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!directives.has(name), `directive ${name} appears twice`);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

test('webPreferences isolate the renderer', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
  assert.equal(prefs.preload, '/app/dist/electron/preload.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.devTools, false);
  assert.equal(secureWebPreferences('/p', { devTools: true }).devTools, true);
  assert.ok(!('enableBlinkFeatures' in prefs), 'no extra Blink features');
});

test('the CSP is the issue’s policy or stricter', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);
  const required: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  for (const [name, allowed] of required) {
    const sources = csp.get(name);
    assert.ok(sources, `${name} is set`);
    for (const source of sources)
      assert.ok(allowed.includes(source), `${name} allows only ${allowed.join(' ')}`);
  }
  for (const [name, sources] of csp) {
    assert.ok(!sources.includes("'unsafe-eval'"), `${name} has no 'unsafe-eval'`);
    assert.ok(!sources.includes('*'), `${name} has no wildcard`);
    assert.ok(
      !sources.some((s) => /^(https?:|ws:|wss:|blob:|filesystem:)$/.test(s)),
      `${name} names no scheme`,
    );
  }
  for (const name of ['script-src', 'default-src']) {
    assert.ok(!csp.get(name)!.includes("'unsafe-inline'"), `${name} has no 'unsafe-inline'`);
  }
});

test('browser mode sends the same CSP as the desktop window', () => {
  assert.deepEqual(
    parseCsp(BROWSER_MODE_HEADERS['content-security-policy']!),
    parseCsp(CONTENT_SECURITY_POLICY),
  );
});

test('the app scheme is standard and secure but never bypasses the CSP', () => {
  const registered: unknown[] = [];
  registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
  assert.deepEqual(registered, [{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  const privileges: Record<string, unknown> = APP_SCHEME_PRIVILEGES;
  assert.equal(privileges.standard, true);
  assert.equal(privileges.secure, true);
  for (const risky of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers', 'allowExtensions']) {
    assert.ok(!privileges[risky], `${risky} is not granted`);
  }
});

test('only the app’s own pages are trusted senders', () => {
  const trusted = [APP_INDEX_URL, 'app://sbc-studio/', 'app://sbc-studio/index.html#/engines'];
  const untrusted = [
    'https://evil.example/',
    'http://sbc-studio/index.html',
    'file:///other/index.html',
    'file:///C:/Program%20Files/SBC%20Studio/resources/app.asar/dist/renderer/index.html',
    'app://evil.example/index.html',
    'app://sbc-studio.evil.example/index.html',
    'app://user:pw@sbc-studio/index.html',
    'app://sbc-studio:8080/index.html',
    'APP://SBC-STUDIO/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    '',
    'not a url',
    undefined,
    null,
    42,
    `app://sbc-studio/${'a'.repeat(3000)}`,
  ];
  for (const url of trusted) assert.equal(isTrustedSenderUrl(url), true, String(url));
  for (const url of untrusted) assert.equal(isTrustedSenderUrl(url), false, String(url));
});

test('only https links without credentials may open in the system browser', () => {
  assert.equal(isSafeExternalUrl('https://learn.microsoft.com/microsoftteams/direct-routing-plan'), true);
  for (const url of [
    'http://example.com/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://host/share',
    'ms-msdt:/id',
    'javascript:alert(1)',
    'https://user:pw@example.com/',
    'app://sbc-studio/index.html',
    'not a url',
    undefined,
  ]) {
    assert.equal(isSafeExternalUrl(url), false, String(url));
  }
});

const root = mkdtempSync(join(tmpdir(), 'sbc-renderer-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>SBC Studio</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.key'), 'not for the renderer');
writeFileSync(join(root, '..', 'sbc-outside.html'), 'outside');
after(() => rmSync(join(root, '..', 'sbc-outside.html'), { force: true }));

test('app:// URLs resolve to files inside the renderer folder only', () => {
  assert.equal(resolveAppFile(root, 'app://sbc-studio/'), join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://sbc-studio/index.html?x=1#y'), join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://sbc-studio/assets/app.js'), join(root, 'assets', 'app.js'));
  // URL parsing folds '..' and '%2e%2e' back into the root: those may name a (missing) file inside it.
  for (const url of [
    'app://sbc-studio/../sbc-outside.html',
    'app://sbc-studio/%2e%2e/sbc-outside.html',
    'app://sbc-studio/assets/%2e%2e%2f%2e%2e%2fsbc-outside.html',
  ]) {
    const file = resolveAppFile(root, url);
    assert.ok(file === undefined || file.startsWith(join(root, '/')), `${url} stays inside: ${file}`);
  }
  // Everything else here is refused outright.
  for (const url of [
    'app://sbc-studio/assets/..%2f..%2fsbc-outside.html',
    'app://sbc-studio/..%5csbc-outside.html',
    'app://sbc-studio/%2e%2e%5csbc-outside.html',
    'app://sbc-studio/index.html%00.js',
    'app://sbc-studio/%E0%A4%A',
    'app://sbc-studio/secret.key',
    'app://evil.example/index.html',
    'https://sbc-studio/index.html',
  ]) {
    assert.equal(resolveAppFile(root, url), undefined, url);
  }
});

test('the app:// handler serves files with the CSP and refuses everything else', async () => {
  const serve = createAppFileHandler(root);
  const index = await serve(new Request('app://sbc-studio/index.html'));
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await index.text(), /SBC Studio/);
  const script = await serve(new Request('app://sbc-studio/assets/app.js'));
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');

  for (const url of [
    'app://sbc-studio/%2e%2e/sbc-outside.html',
    'app://sbc-studio/missing.js',
    'app://sbc-studio/secret.key',
  ]) {
    const response = await serve(new Request(url));
    assert.equal(response.status, 404, url);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  }
  const post = await serve(new Request('app://sbc-studio/index.html', { method: 'POST', body: 'x' }));
  assert.equal(post.status, 405);
});

test('the session sets the CSP on every response and denies every permission', () => {
  let headersListener: ((details: unknown, callback: (response: unknown) => void) => void) | undefined;
  let requestHandler: ((...args: unknown[]) => void) | undefined;
  let checkHandler: ((...args: unknown[]) => boolean) | undefined;
  let deviceHandler: ((...args: unknown[]) => boolean) | undefined;
  const fakeSession = {
    webRequest: { onHeadersReceived: (listener: typeof headersListener) => (headersListener = listener) },
    setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
    setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    setDevicePermissionHandler: (handler: typeof deviceHandler) => (deviceHandler = handler),
  };
  hardenSession(fakeSession as unknown as Session);

  let answer: { responseHeaders: Record<string, string[]> } | undefined;
  headersListener!(
    {
      url: APP_INDEX_URL,
      responseHeaders: { 'content-security-policy': ['script-src *'], 'Content-Type': ['text/html'] },
    },
    (response) => (answer = response as typeof answer),
  );
  assert.deepEqual(answer!.responseHeaders['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
  assert.equal(answer!.responseHeaders['content-security-policy'], undefined, 'a weaker policy is dropped');
  assert.deepEqual(answer!.responseHeaders['Content-Type'], ['text/html']);

  for (const permission of [
    'media',
    'notifications',
    'geolocation',
    'openExternal',
    'clipboard-read',
    'usb',
  ]) {
    let granted: boolean | undefined;
    requestHandler!({}, permission, (value: boolean) => (granted = value), {});
    assert.equal(granted, false, `request for ${permission}`);
    assert.equal(checkHandler!(null, permission, APP_INDEX_URL, {}), false, `check of ${permission}`);
  }
  assert.equal(deviceHandler!({ deviceType: 'usb', origin: APP_INDEX_URL }), false);
});

function fakeWebContents() {
  const listeners = new Map<string, (event: unknown, ...rest: unknown[]) => void>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: unknown) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof windowOpenHandler) => (windowOpenHandler = handler),
  };
  function fire(name: string, url?: string): boolean {
    let prevented = false;
    const listener = listeners.get(name);
    assert.ok(listener, `${name} is handled`);
    listener({ url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  return {
    contents: contents as unknown as WebContents,
    fire,
    open: (url: string) => windowOpenHandler!({ url }),
  };
}

test('web contents cannot navigate away, open windows or attach webviews', () => {
  const opened: string[] = [];
  const { contents, fire, open } = fakeWebContents();
  hardenWebContents(contents, { openExternal: async (url: string) => void opened.push(url) });

  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    assert.equal(fire(event, 'https://evil.example/'), true, `${event} to the web`);
    assert.equal(fire(event, 'file:///etc/passwd'), true, `${event} to a file`);
    assert.equal(fire(event, 'app://sbc-studio/index.html'), false, `${event} inside the app`);
  }
  assert.equal(fire('will-attach-webview'), true);

  assert.deepEqual(open('https://learn.microsoft.com/'), { action: 'deny' });
  assert.deepEqual(open('http://example.com/'), { action: 'deny' });
  assert.deepEqual(open('file:///C:/Windows/System32/calc.exe'), { action: 'deny' });
  assert.deepEqual(open('app://sbc-studio/index.html'), { action: 'deny' });
  assert.deepEqual(
    opened,
    ['https://learn.microsoft.com/'],
    'only the https link went to the system browser',
  );
});
