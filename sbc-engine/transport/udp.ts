// SIP over UDP: one socket per listen address; every datagram is one message (RFC 3261 §18.3).
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { unmapIpv4, type InboundHandler, type SipListener } from './types.ts';

const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

export function listenUdp(
  host: string,
  port: number,
  onMessage: InboundHandler,
  log: (line: string) => void,
): Promise<SipListener> {
  const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      // Bursts of keepalives from many trunks arrive together: a larger queue loses fewer of them
      // (the kernel caps it at net.core.rmem_max).
      socket.setRecvBufferSize(UDP_BUFFER_BYTES);
      socket.setSendBufferSize(UDP_BUFFER_BYTES);
      socket.on('error', (error) => log(`[sip/udp] ${error.message}`));
      const local = socket.address();
      const localAddress = { address: unmapIpv4(local.address), port: local.port };
      socket.on('message', (bytes, remote) => {
        const source = { address: unmapIpv4(remote.address), port: remote.port };
        const reply = (answer: Buffer) => socket.send(answer, remote.port, remote.address);
        onMessage({
          transport: 'udp',
          bytes,
          source,
          reply,
          flow: {
            transport: 'udp',
            remote: source,
            local: localAddress,
            send: (answer, onError) =>
              socket.send(answer, remote.port, remote.address, (error) => error && onError?.(error.message)),
          },
        });
      });
      resolve({
        transport: 'udp',
        host,
        port: socket.address().port,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
