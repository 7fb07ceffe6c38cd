import assert from 'node:assert/strict';
import { it } from 'node:test';
import { browserApiUrl } from '../../../../renderer/api/apiUrl.ts';

it('puts the API socket beside the page, under the same secret path', () => {
  assert.equal(
    browserApiUrl({ protocol: 'http:', host: '127.0.0.1:4000', pathname: '/s/abc/' }),
    'ws://127.0.0.1:4000/s/abc/api',
  );
  assert.equal(
    browserApiUrl({ protocol: 'https:', host: 'jump:443', pathname: '/s/abc/index.html' }),
    'wss://jump:443/s/abc/api',
  );
});
