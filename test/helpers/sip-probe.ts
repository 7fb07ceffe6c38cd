// Sends SIP OPTIONS to a real engine over an open TCP/TLS connection or over UDP, for tests that
// check a socket still answers.
import { createSocket } from 'node:dgram';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { parseMessage } from '../../sbc-engine/sip/parser.ts';
import { SipStreamFramer } from '../../sbc-engine/sip/stream-framer.ts';
import { OPTIONS } from './sip-messages.ts';

export function openTcp(port: number): Promise<Socket> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  return new Promise((resolve, reject) =>
    socket.once('connect', () => resolve(socket)).once('error', reject),
  );
}

export function openTls(port: number): Promise<Socket> {
  const socket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false });
  return new Promise((resolve, reject) =>
    socket.once('secureConnect', () => resolve(socket)).once('error', reject),
  );
}

function options(transport: 'UDP' | 'TCP' | 'TLS', branch: string): Buffer {
  return Buffer.from(
    OPTIONS.toString('utf8')
      .replace('SIP/2.0/UDP', `SIP/2.0/${transport}`)
      .replace('z9hG4bK776asdhds', `z9hG4bK${branch}`),
    'utf8',
  );
}

/** OPTIONS on an open connection; the status of the answer, or undefined when none came in 3 s. */
export async function optionsOverStream(
  socket: Socket,
  transport: 'TCP' | 'TLS',
): Promise<number | undefined> {
  if (socket.destroyed) return undefined;
  const framer = new SipStreamFramer();
  const items: ReturnType<SipStreamFramer['push']> = [];
  const onData = (chunk: Buffer) => items.push(...framer.push(chunk));
  socket.on('data', onData);
  socket.write(options(transport, `s${Math.random().toString(36).slice(2)}`));
  const deadline = Date.now() + 3000;
  while (!items.some((item) => item.kind === 'message') && !socket.destroyed && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  socket.off('data', onData);
  const item = items.find((i) => i.kind === 'message');
  if (!item || item.kind !== 'message') return undefined;
  const parsed = parseMessage(item.bytes);
  return parsed.ok && parsed.message.type === 'response' ? parsed.message.status : undefined;
}

/** OPTIONS over UDP; the status of the answer, or undefined when none came within `waitMs`. */
export function optionsOverUdp(port: number, waitMs = 1500): Promise<number | undefined> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    const done = (status: number | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolve(status);
    };
    const timer = setTimeout(() => done(undefined), waitMs);
    socket.on('message', (bytes) => {
      const parsed = parseMessage(bytes);
      done(parsed.ok && parsed.message.type === 'response' ? parsed.message.status : undefined);
    });
    socket.on('error', () => done(undefined));
    socket.send(options('UDP', `u${Math.random().toString(36).slice(2)}`), port, '127.0.0.1');
  });
}
