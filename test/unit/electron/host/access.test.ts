import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkPathToken } from '../../../../electron/host/access-token.ts';
import { resolveInside } from '../../../../electron/host/static-files.ts';

it('takes the token from the path and tells missing from wrong', () => {
  assert.deepEqual(checkPathToken('/s/abc/', 'abc'), { verdict: 'valid', rest: '/' });
  assert.deepEqual(checkPathToken('/s/abc/assets/app.js', 'abc'), {
    verdict: 'valid',
    rest: '/assets/app.js',
  });
  assert.deepEqual(checkPathToken('/s/abc', 'abc'), { verdict: 'valid', rest: '/' });
  assert.deepEqual(checkPathToken('/', 'abc'), { verdict: 'missing' });
  assert.deepEqual(checkPathToken('/s//x', 'abc'), { verdict: 'missing' });
  assert.deepEqual(checkPathToken('/s/abd/', 'abc'), { verdict: 'wrong' });
  assert.deepEqual(checkPathToken('/s/ab/', 'abc'), { verdict: 'wrong' });
  assert.deepEqual(checkPathToken('/assets/s/abc/', 'abc'), { verdict: 'missing' });
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
