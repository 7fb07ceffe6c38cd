// Load generator for the syslog bench, run as its own process so it does not share a thread with
// the receiver: RFC 5424 messages of a given size with [meta sequenceId] (so each message is
// distinct and loss shows), over UDP (several sockets) or TCP with octet counting (several
// connections, frames batched into large writes). Paced in 1 ms ticks; bounded by count.
// Usage: node load.ts udp|tcp PORT COUNT RATE SIZE [SOCKETS]   (RATE 0 = as fast as it can)
// Prints one JSON line: {sent, seconds}.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';

const [transport, portText, countText, rateText, sizeText, socketsText] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const rate = Number(rateText);
const size = Number(sizeText);
const sockets = Number(socketsText ?? 4);

function message(seq: number): Buffer {
  const head = `<134>1 2026-03-10T09:00:00.412+01:00 bench.example.com loadgen 4242 BENCH [meta sequenceId="${seq}"] `;
  return Buffer.from(head.padEnd(size, 'x').slice(0, Math.max(size, head.length)));
}

async function sendUdp(): Promise<number> {
  const pool: UdpSocket[] = [];
  for (let i = 0; i < sockets; i++) {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
    pool.push(socket);
  }
  let sent = 0;
  let inFlight = 0;
  const start = performance.now();
  while (sent < count) {
    const due =
      rate > 0 ? Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate) + 1) : count;
    // Keep the libuv send queue bounded: wait for callbacks when too many are pending.
    while (sent < due && inFlight < 2000) {
      inFlight++;
      pool[sent % pool.length]!.send(message(++sent), () => inFlight--);
    }
    await new Promise((resolve) =>
      rate > 0 && sent >= due ? setTimeout(resolve, 1) : setImmediate(resolve),
    );
  }
  while (inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
  const seconds = (performance.now() - start) / 1000;
  for (const socket of pool) socket.close();
  return seconds;
}

async function sendTcp(): Promise<number> {
  const pool: Socket[] = [];
  for (let i = 0; i < sockets; i++) {
    const socket = connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    pool.push(socket);
  }
  let sent = 0;
  const start = performance.now();
  const BATCH = 256;
  while (sent < count) {
    const due =
      rate > 0 ? Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate) + 1) : count;
    let waits: Promise<unknown>[] = [];
    while (sent < due) {
      const n = Math.min(BATCH, due - sent);
      const frames: Buffer[] = [];
      for (let k = 0; k < n; k++) {
        const body = message(++sent);
        frames.push(Buffer.from(`${body.length} `), body);
      }
      const socket = pool[sent % pool.length]!;
      if (!socket.write(Buffer.concat(frames)))
        waits.push(new Promise((resolve) => socket.once('drain', resolve)));
      if (waits.length >= pool.length) {
        await Promise.all(waits);
        waits = [];
      }
    }
    await Promise.all(waits);
    await new Promise((resolve) => (rate > 0 ? setTimeout(resolve, 1) : setImmediate(resolve)));
  }
  await Promise.all(pool.map((socket) => new Promise<void>((resolve) => socket.end(() => resolve()))));
  return (performance.now() - start) / 1000;
}

const seconds = transport === 'tcp' ? await sendTcp() : await sendUdp();
process.stdout.write(`${JSON.stringify({ sent: count, seconds })}\n`);
