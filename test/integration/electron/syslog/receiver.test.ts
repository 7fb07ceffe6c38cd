// The receiver on loopback sockets, fed by logger(1) and by hand-made clients: UDP, TCP with both
// framings, TLS; garbage, oversized and invalid UTF-8 input; a client that sends half a frame and
// hangs; 1,000 concurrent TCP senders. Every message must reach the raw files and the index.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { queryLogs, type LogRow } from '../../../../electron/services/syslog/query.ts';
import { SyslogReceiver } from '../../../../electron/services/syslog/receiver.ts';
import { createOpensslPki, type OpensslPki } from '../../../helpers/openssl-pki.ts';
import { freeTcpUdpPort } from '../../../helpers/ports.ts';

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
    } catch {
      value = undefined; // e.g. the index worker has not created the index yet
    }
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sendUdp(port: number, payload: Buffer | string): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve) =>
    socket.send(Buffer.from(payload), port, '127.0.0.1', () => socket.close(() => resolve())),
  );
}

function openTcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function frame(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from(`${body.length} `), body]);
}

describe('syslog receiver on loopback', () => {
  let dir: string;
  let port: number;
  let tlsPort: number;
  let receiver: SyslogReceiver;
  let pki: OpensslPki;
  const logged: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sbc-syslog-rx-'));
    pki = createOpensslPki('ec');
    const leaf = pki.leaf({ commonName: 'localhost', ips: ['127.0.0.1'] });
    port = await freeTcpUdpPort();
    tlsPort = await freeTcpUdpPort();
    receiver = new SyslogReceiver({
      dir,
      udp: [{ host: '127.0.0.1', port }],
      tcp: [{ host: '127.0.0.1', port }],
      tls: [
        {
          spec: { host: '127.0.0.1', port: tlsPort },
          cert: leaf.certPem + pki.intermediate.certPem,
          key: leaf.keyPem,
        },
      ],
      maxFrameBytes: 4096,
      statsIntervalMs: 100,
      log: (line) => logged.push(line),
    });
    await receiver.start();
  });
  after(async () => {
    await receiver?.stop();
    pki?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the index holds a message with `text`, and returns it. */
  const indexed = (text: string, timeoutMs?: number): Promise<LogRow> =>
    waitFor(`"${text}" in the index`, async () => (await queryLogs(dir, { text })).rows[0], timeoutMs);

  it('receives logger(1) over UDP and TCP (octet counting and newline framing), RFC 5424 and 3164', async () => {
    const run = (...args: string[]) =>
      execFileSync('logger', ['--server', '127.0.0.1', '--port', String(port), ...args]);
    run('--udp', '--rfc5424', '-p', 'local0.warning', '-t', 'udptest', '--msgid', 'M1', 'hello over udp');
    run('--tcp', '--octet-count', '--rfc5424', '-t', 'tcptest', 'hello octet counted');
    run('--tcp', '--rfc3164', '-p', 'user.err', '-t', 'bsdtest', 'hello newline framed');
    const udp = await indexed('hello over udp');
    assert.equal(udp.app, 'udptest');
    assert.equal(udp.msgId, 'M1');
    assert.equal(udp.severity, 4);
    assert.equal(udp.facility, 16);
    assert.match(udp.source!, /^udp:127\.0\.0\.1:\d+$/);
    assert.equal((await indexed('hello octet counted')).app, 'tcptest');
    const bsd = await indexed('hello newline framed');
    assert.equal(bsd.app, 'bsdtest');
    assert.equal(bsd.severity, 3);
    assert.match(bsd.source!, /^tcp:/);
  });

  it('keeps garbage, oversized and invalid UTF-8 datagrams and keeps receiving', async () => {
    await sendUdp(port, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]));
    await sendUdp(port, 'no header at all, just words');
    await sendUdp(port, `<13>1 - big - - - ${'z'.repeat(60_000)} end-of-big`);
    await sendUdp(
      port,
      Buffer.concat([Buffer.from('<13>1 - h a - - - latin1 '), Buffer.from([0xe4, 0xf6, 0xfc])]),
    );
    await sendUdp(port, '<13>1 - h a - - - after the garbage');
    await indexed('after the garbage');
    assert.equal((await indexed('no header at all')).flags & 1, 1, 'marked unparsed');
    assert.match((await indexed('end-of-big')).text, /z{60000} end-of-big$/, 'a 60 kB datagram whole');
    assert.equal((await indexed('latin1')).flags & 2, 2, 'marked invalid UTF-8');
    const stats = receiver.stats();
    assert.equal(stats.kernelDrops, process.platform === 'linux' ? 0 : null);
    assert.ok(stats.listeners.find((l) => l.transport === 'udp')!.recvBufferBytes! > 0);
  });

  it('a TCP client that sends half a frame and hangs does not hold up the others; its part is kept when it goes', async () => {
    const hanging = await openTcp(port);
    hanging.write('500 <13>1 - h a - - - half a frame from a stuck client');
    const others = await openTcp(port);
    others.write(
      Buffer.concat([frame('<13>1 - h a - - - meanwhile one'), frame('<13>1 - h a - - - meanwhile two')]),
    );
    await indexed('meanwhile two');
    assert.equal((await queryLogs(dir, { text: 'stuck client' })).rows.length, 0, 'not a message yet');
    others.end();
    hanging.destroy();
    const cut = await indexed('stuck client');
    assert.equal(cut.flags & 4, 4, 'marked as cut');
  });

  it('an oversized TCP frame is cut to the limit and marked; the next frame on the connection is whole', async () => {
    const socket = await openTcp(port);
    socket.write(Buffer.concat([frame(`<13>1 - h a - - - oversized ${'q'.repeat(10_000)}`), frame('<13>1 - h a - - - next after oversized')])); // prettier-ignore
    await indexed('next after oversized');
    const cut = await indexed('oversized q');
    assert.equal(cut.flags & 4, 4);
    assert.equal(Buffer.byteLength(cut.text), 4096);
    socket.end();
  });

  it('1,000 concurrent TCP senders: every message arrives', async () => {
    const sockets: Socket[] = [];
    try {
      for (let batch = 0; batch < 10; batch++)
        sockets.push(...(await Promise.all(Array.from({ length: 100 }, () => openTcp(port)))));
      await waitFor('1000 open connections', () => receiver.stats().connections.open >= 1000);
      sockets.forEach((socket, i) => socket.write(frame(`<13>1 - h crowd - - - crowd ${i} first`)));
      sockets.forEach((socket, i) => socket.write(`<13>1 - h crowd - - - crowd ${i} second\n`));
      await waitFor('2000 crowd messages indexed', async () => (await queryLogs(dir, { text: 'crowd', limit: 5000 })).rows.length === 2000); // prettier-ignore
      const texts = new Set(
        (await queryLogs(dir, { text: 'crowd', limit: 5000 })).rows.map((row) => row.text),
      );
      assert.ok(texts.has('<13>1 - h crowd - - - crowd 999 second'));
      assert.equal(texts.size, 2000);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('receives over TLS (RFC 5425 octet counting)', async () => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: tlsPort,
      ca: pki.root.certPem,
      servername: 'localhost',
    });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    socket.write(frame('<13>1 - tlshost a - - - hello over tls'));
    const row = await indexed('hello over tls');
    assert.match(row.source!, /^tls:127\.0\.0\.1:/);
    assert.equal(row.host, 'tlshost');
    socket.end();
  });

  it('says nothing went wrong', () => {
    const stats = receiver.stats();
    assert.equal(stats.raw.droppedQueueFull, 0);
    assert.equal(stats.raw.lostWriteFailed, 0);
    assert.deepEqual(logged, []);
  });
});
