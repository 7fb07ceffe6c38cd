// The engine's SIP core sending requests through client transactions: to sipp answering over UDP
// and TCP, to a UDP port where nothing listens (ICMP makes it fail fast, not after 32 s), and over
// a connection a peer offered with RFC 5923 "alias". Also: a retransmitted request is absorbed by
// its server transaction. Real sockets on loopback, real timers.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createNodeTimerHost } from '../../sbc-engine/transport/node-timer-host.ts';
import { SipCore } from '../../sbc-engine/runtime/sip-core.ts';
import { getHeader } from '../../sbc-engine/sip/headers.ts';
import type { SipResponse } from '../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../sbc-engine/sip/parser.ts';
import { createRequest } from '../../sbc-engine/sip/request.ts';
import { createResponse } from '../../sbc-engine/sip/response.ts';
import { serializeMessage } from '../../sbc-engine/sip/serializer.ts';
import { SipStreamFramer } from '../../sbc-engine/sip/stream-framer.ts';
import { ConnectionPool } from '../../sbc-engine/transport/connection-pool.ts';
import type { Destination } from '../../sbc-engine/transport/flow.ts';
import { listenTcp } from '../../sbc-engine/transport/tcp.ts';
import type { SipListener } from '../../sbc-engine/transport/types.ts';
import { listenUdp } from '../../sbc-engine/transport/udp.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { sip } from '../helpers/sip-messages.ts';

const UAS_SCENARIO = join(import.meta.dirname, 'scenarios', 'options-uas.xml');
let counter = 0;

function options(to: string) {
  counter++;
  return createRequest({
    method: 'OPTIONS',
    uri: `sip:${to}`,
    from: '<sip:sbc@127.0.0.1>',
    to: `<sip:${to}>`,
    fromTag: `t${counter}`,
    callId: `c${counter}-${process.pid}@test`,
    cseq: 1,
    branch: `b${counter}x${Date.now()}`,
  });
}

type Outcome =
  | { kind: 'response'; response: SipResponse; ms: number }
  | { kind: 'timeout' | 'transport-error'; ms: number };

function exchange(core: SipCore, destination: Destination, to: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    core
      .sendRequest(options(to), destination, {
        passToUser: (response) =>
          response.status >= 200 && resolve({ kind: 'response', response, ms: Date.now() - started }),
        onTimeout: () => resolve({ kind: 'timeout', ms: Date.now() - started }),
        onTransportError: () => resolve({ kind: 'transport-error', ms: Date.now() - started }),
      })
      .catch(reject);
  });
}

function startSippUas(port: number, transport: 'u1' | 't1'): ChildProcess {
  return spawn(
    'sipp',
    [
      '-sf',
      UAS_SCENARIO,
      '-i',
      '127.0.0.1',
      '-p',
      String(port),
      '-t',
      transport,
      '-m',
      '1',
      '-timeout',
      '20s',
      '-nostdin',
    ],
    {
      stdio: 'ignore',
    },
  );
}

describe('SIP core: client transactions over real flows', () => {
  let core: SipCore;
  const listeners: SipListener[] = [];
  let udpPort: number;
  let tcpPort: number;

  before(async () => {
    core = new SipCore({
      timers: createNodeTimerHost(),
      pool: new ConnectionPool(),
      log: () => {},
      server: 'test',
      newTag: () => `tag${Math.random().toString(16).slice(2, 10)}`,
      outbound: { tlsPolicy: () => ({ nameCheck: 'exact' }) },
    });
    udpPort = await freeTcpUdpPort();
    tcpPort = await freeTcpUdpPort();
    const handle = core.handleInbound.bind(core);
    listeners.push(await listenUdp('127.0.0.1', udpPort, handle, () => {}));
    listeners.push(await listenTcp('127.0.0.1', tcpPort, handle, () => {}));
  });
  after(() => Promise.all(listeners.map((l) => l.close())));

  for (const transport of ['udp', 'tcp'] as const) {
    it(`sends OPTIONS to sipp over ${transport.toUpperCase()} and gets its 200`, async () => {
      const port = await freeTcpUdpPort();
      const sipp = startSippUas(port, transport === 'udp' ? 'u1' : 't1');
      await new Promise((r) => setTimeout(r, 700));
      try {
        const outcome = await exchange(core, { transport, address: '127.0.0.1', port }, `127.0.0.1:${port}`);
        assert.equal(outcome.kind, 'response');
        assert.equal(outcome.kind === 'response' && outcome.response.status, 200);
        assert.match(
          outcome.kind === 'response' ? (getHeader(outcome.response, 'Allow') ?? '') : '',
          /OPTIONS/,
        );
      } finally {
        sipp.kill('SIGTERM');
      }
    });
  }

  it('fails fast on a UDP port where nothing listens (ICMP through a connected socket)', async () => {
    const closed = await freeTcpUdpPort();
    const outcome = await exchange(
      core,
      { transport: 'udp', address: '127.0.0.1', port: closed },
      `127.0.0.1:${closed}`,
    );
    assert.equal(outcome.kind, 'transport-error');
    assert.ok(outcome.ms < 5000, `took ${outcome.ms} ms; Timer F would take 32 s`);
  });

  it('refuses a TCP destination where nothing listens', async () => {
    const closed = await freeTcpUdpPort();
    await assert.rejects(
      exchange(core, { transport: 'tcp', address: '127.0.0.1', port: closed }, 'x'),
      /nothing listens/,
    );
  });

  it('sends over the connection a peer offered with "alias" (RFC 5923), to a port nobody listens on', async () => {
    const aliasPort = await freeTcpUdpPort(); // nothing listens here: only the offered connection reaches the peer
    const socket = connect({ host: '127.0.0.1', port: tcpPort });
    await new Promise((resolve) => socket.once('connect', resolve));
    const framer = new SipStreamFramer();
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      for (const item of framer.push(chunk)) if (item.kind === 'message') received.push(item.bytes);
    });
    const offer = sip([
      'OPTIONS sip:127.0.0.1 SIP/2.0',
      `Via: SIP/2.0/TCP 127.0.0.1:${aliasPort};branch=z9hG4bKalias1;alias`,
      'Max-Forwards: 70',
      'From: <sip:peer@127.0.0.1>;tag=p1',
      'To: <sip:127.0.0.1>',
      'Call-ID: alias-1@test',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
    ]);
    socket.write(offer);
    while (received.length < 1) await new Promise((r) => setTimeout(r, 20));
    const pending = exchange(
      core,
      { transport: 'tcp', address: '127.0.0.1', port: aliasPort },
      `127.0.0.1:${aliasPort}`,
    );
    while (received.length < 2) await new Promise((r) => setTimeout(r, 20));
    const request = parseMessage(received[1]!);
    assert.ok(request.ok && request.message.type === 'request' && request.message.method === 'OPTIONS');
    socket.write(
      serializeMessage(createResponse(request.message, 200, 'OK', { toTag: 'peer' }), {
        setContentLength: true,
      }),
    );
    const outcome = await pending;
    assert.equal(outcome.kind === 'response' && outcome.response.status, 200);
    socket.destroy();
  });

  it('absorbs a retransmitted request: the same answer, with the same To tag, twice', async () => {
    const bye = sip([
      'BYE sip:a@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP client.example.com:5999;branch=z9hG4bKretrans1',
      'From: <sip:b@example.com>;tag=1',
      'To: <sip:a@example.com>',
      'Call-ID: retrans@test',
      'CSeq: 2 BYE',
      'Content-Length: 0',
    ]);
    const socket = createSocket('udp4');
    const answers: string[] = [];
    socket.on('message', (m) => answers.push(m.toString()));
    socket.send(bye, udpPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 200));
    socket.send(bye, udpPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 300));
    socket.close();
    assert.equal(answers.length, 2);
    const tags = answers.map((a) => /\nTo: [^\r]*tag=([^;\r]+)/.exec(a)?.[1]);
    assert.ok(tags[0] && tags[0] === tags[1], `To tags ${tags.join(' / ')}`);
    assert.match(answers[0]!, /^SIP\/2\.0 481 /);
  });
});
