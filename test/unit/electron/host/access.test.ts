import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { it } from 'node:test';
import { checkRequestToken } from '../../../../electron/host/access-token.ts';
import { resolveInside } from '../../../../electron/host/static-files.ts';

function request(cookie?: string): IncomingMessage {
  return { headers: cookie ? { cookie } : {} } as IncomingMessage;
}

it('accepts the token from the URL or the cookie and tells missing from wrong', () => {
  const url = (q: string) => new URL(`http://h/${q}`);
  assert.equal(checkRequestToken(request(), url('?token=abc'), 'abc'), 'valid-url');
  assert.equal(checkRequestToken(request('a=1; sbc_token=abc'), url(''), 'abc'), 'valid-cookie');
  assert.equal(checkRequestToken(request(), url(''), 'abc'), 'missing');
  assert.equal(checkRequestToken(request(), url('?token=abd'), 'abc'), 'wrong');
  assert.equal(checkRequestToken(request('sbc_token=abc'), url('?token=old'), 'abc'), 'wrong');
  assert.equal(checkRequestToken(request('sbc_token=ab'), url(''), 'abc'), 'wrong');
});

const outside = [
  '/../secret',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2fpackage.json',
  '/a/../../b',
  '/%00',
  '/%E0%A4%A',
];
for (const path of outside) {
  it(`never serves a file outside the UI folder: ${path}`, () => {
    const resolved = resolveInside('/srv/ui', path);
    assert.ok(resolved === undefined || resolved.startsWith('/srv/ui/'), String(resolved));
  });
}

it('maps / to index.html and keeps sub-paths inside', () => {
  assert.equal(resolveInside('/srv/ui', '/'), '/srv/ui/index.html');
  assert.equal(resolveInside('/srv/ui', '/assets/app.js'), '/srv/ui/assets/app.js');
});
