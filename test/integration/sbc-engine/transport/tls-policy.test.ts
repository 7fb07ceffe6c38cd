// TLS between the engine and a peer on loopback, with a test CA: name checks per policy, mutual
// authentication, minimum version, and the explanation an admin gets when a handshake fails.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import {
  connectTls,
  explainTlsError,
  serverTlsOptions,
  type TlsPeerPolicy,
} from '../../../../sbc-engine/transport/tls-policy.ts';
import { TestCa, type Issued } from '../../../helpers/test-pki.ts';

interface Peer {
  server: Server;
  port: number;
  clientNames: (string | undefined)[];
}

async function startPeer(options: Parameters<typeof createServer>[0]): Promise<Peer> {
  const clientNames: (string | undefined)[] = [];
  const server = createServer(options, (socket: TLSSocket) => {
    clientNames.push(socket.getPeerCertificate()?.subject?.CN as string | undefined);
    socket.end();
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, clientNames };
}

async function outcome(port: number, serverName: string, policy: TlsPeerPolicy): Promise<string> {
  try {
    const socket = await connectTls({ host: '127.0.0.1', port, serverName }, policy);
    // The peer closes after serving; waiting for that lets a TLS 1.3 server finish its side.
    await new Promise((resolve) => {
      socket.once('close', resolve);
      socket.once('error', resolve);
      socket.resume();
      setTimeout(resolve, 1000);
    });
    socket.destroy();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('TLS peer policy', () => {
  let ca: TestCa;
  let otherCa: TestCa;
  let exactLeaf: Issued;
  let wildcardLeaf: Issued;
  let clientLeaf: Issued;
  const peers: Peer[] = [];

  before(async () => {
    ca = await TestCa.create();
    otherCa = await TestCa.create('Another Root');
    exactLeaf = await ca.issue('sbc.example.com', [{ type: 'dns', value: 'sbc.example.com' }]);
    wildcardLeaf = await ca.issue('*.example.com', [{ type: 'dns', value: '*.example.com' }]);
    clientLeaf = await ca.issue('pbx.example.com', [{ type: 'dns', value: 'pbx.example.com' }], 'client');
  });
  after(() => peers.forEach((p) => p.server.close()));

  async function peer(options: Parameters<typeof createServer>[0]): Promise<number> {
    const started = await startPeer(options);
    peers.push(started);
    return started.port;
  }

  it('checks names per policy: a wildcard passes "wildcard" and fails RFC 5922, saying why', async () => {
    const port = await peer({ cert: wildcardLeaf.certPem, key: wildcardLeaf.keyPem });
    const trust = { trustedCAs: [ca.certPem] };
    assert.equal(await outcome(port, 'sbc.example.com', { ...trust, nameCheck: 'wildcard' }), 'connected');
    assert.match(
      await outcome(port, 'sbc.example.com', { ...trust, nameCheck: 'rfc5922' }),
      /does not accept wildcards/,
    );
    assert.match(
      await outcome(port, 'sbc.example.com', { ...trust, nameCheck: 'exact' }),
      /not sbc\.example\.com/,
    );
  });

  it('accepts the exact name and refuses another host name', async () => {
    const port = await peer({ cert: exactLeaf.certPem, key: exactLeaf.keyPem });
    assert.equal(
      await outcome(port, 'sbc.example.com', { trustedCAs: [ca.certPem], nameCheck: 'rfc5922' }),
      'connected',
    );
    assert.match(
      await outcome(port, 'other.example.com', { trustedCAs: [ca.certPem], nameCheck: 'exact' }),
      /not other\.example\.com/,
    );
  });

  it('refuses a chain that does not lead to a trusted root, in words an admin understands', async () => {
    const port = await peer({ cert: exactLeaf.certPem, key: exactLeaf.keyPem });
    assert.match(
      await outcome(port, 'sbc.example.com', { trustedCAs: [otherCa.certPem], nameCheck: 'exact' }),
      /trusted root/,
    );
  });

  it('mutual TLS: "require" refuses a client without a certificate and accepts one from the trusted CA', async () => {
    const port = await peer({
      ...serverTlsOptions(
        { certChain: exactLeaf.certPem, key: exactLeaf.keyPem, trustedCAs: [ca.certPem], nameCheck: 'exact' },
        'require',
      ),
    });
    const server = peers.at(-1)!;
    // With TLS 1.3 the client finishes its handshake before the server judges the client
    // certificate; a refused client then sees the connection closed. So ask the server whom it served.
    await outcome(port, 'sbc.example.com', { trustedCAs: [ca.certPem], nameCheck: 'exact' }).catch(() => '');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(server.clientNames, [], 'a client without certificate was served');
    const withCert = await outcome(port, 'sbc.example.com', {
      trustedCAs: [ca.certPem],
      nameCheck: 'exact',
      certChain: clientLeaf.certPem,
      key: clientLeaf.keyPem,
    });
    assert.equal(withCert, 'connected');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(server.clientNames, ['pbx.example.com']);
  });

  it('minimum version: a TLS 1.3-only peer and a client capped at 1.2 share nothing, and the error says so', async () => {
    const port = await peer({ cert: exactLeaf.certPem, key: exactLeaf.keyPem, minVersion: 'TLSv1.3' });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port,
        ca: [ca.certPem],
        servername: 'sbc.example.com',
        maxVersion: 'TLSv1.2',
      });
      socket.once('error', resolve);
      socket.once('secureConnect', () => resolve(Object.assign(new Error('connected'), { code: 'none' })));
    });
    assert.match(explainTlsError(error), /no TLS version/);
  });
});
