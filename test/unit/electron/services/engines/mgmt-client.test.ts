import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { createServer, type Server } from 'node:tls';
import { callMgmt, MgmtClientError } from '../../../../../electron/services/engines/mgmt-client.ts';
import { fingerprintOfPem } from '../../../../../sbc-engine/certs/fingerprint.ts';
import { createSelfSignedCertificate } from '../../../../../sbc-engine/certs/self-signed.ts';

// A TLS server that records every byte a client sends after the handshake.
let server: Server;
let port: number;
let received = '';
let fingerprint: string;

before(async () => {
  const { keyPem, certPem } = await createSelfSignedCertificate({
    commonName: 'impostor',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  fingerprint = fingerprintOfPem(certPem);
  server = createServer({ key: keyPem, cert: certPem }, (socket) => {
    socket.on('data', (d) => {
      received += d.toString();
      socket.end(
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}',
      );
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

it('sends no byte of a login to a server whose certificate is not the pinned one', async () => {
  received = '';
  const error = await callMgmt(
    { host: '127.0.0.1', port },
    'login',
    { password: 'secret password' },
    {
      checkFingerprint: (seen) => {
        if (seen !== 'AA:BB') throw new Error('not pinned');
      },
    },
  ).catch((e: unknown) => e);
  assert.ok(error instanceof MgmtClientError);
  assert.equal(error.detail.kind, 'rejected-certificate');
  assert.equal(error.detail.kind === 'rejected-certificate' && error.detail.fingerprint, fingerprint);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(received, '');
});

it('sends the request once the certificate matches, over the same connection', async () => {
  received = '';
  const { response } = await callMgmt(
    { host: '127.0.0.1', port },
    'logout',
    {},
    { checkFingerprint: () => {}, token: 'tok' },
  );
  assert.deepEqual(response, {});
  assert.match(received, /^POST \/api\/v1\/logout HTTP\/1.1/);
  assert.match(received, /authorization: Bearer tok/i);
});
