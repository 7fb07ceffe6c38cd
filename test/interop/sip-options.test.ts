// A freshly started engine answers SIP OPTIONS from real peers: sipp (Debian's sip-tester) over
// UDP and TCP, a TLS client over TLS; it answers bad requests as the RFC says and survives garbage.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { getHeader } from '../../sbc-engine/sip/headers.ts';
import type { SipResponse } from '../../sbc-engine/sip/message.ts';
import { parseMessage } from '../../sbc-engine/sip/parser.ts';
import { SipStreamFramer } from '../../sbc-engine/sip/stream-framer.ts';
import { mgmtRequest, startEngineProcess, type EngineProcess } from '../helpers/engine-process.ts';
import { mutate, seededRandom } from '../helpers/mutate.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { INVITE, OPTIONS, REGISTER, sip } from '../helpers/sip-messages.ts';

const SCENARIO = join(import.meta.dirname, 'scenarios', 'options-uac.xml');

function options(edit: (text: string) => string = (t) => t): Buffer {
  return Buffer.from(edit(OPTIONS.toString('utf8')), 'utf8');
}

/** Sends one datagram from 127.0.0.1 and waits for the final answer (or none within the time). */
function udpExchange(port: number, bytes: Buffer, waitMs = 1000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, waitMs);
    socket.on('message', (answer) => {
      // Provisional responses (100 Trying from an INVITE transaction) are not the answer.
      if (/^SIP\/2\.0 1\d\d /.test(answer.toString('latin1', 0, 12))) return;
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    });
    socket.send(bytes, port, '127.0.0.1');
  });
}

function response(bytes: Buffer | undefined): SipResponse {
  assert.ok(bytes, 'no answer');
  const parsed = parseMessage(bytes);
  assert.ok(parsed.ok && parsed.message.type === 'response', 'not a SIP response');
  return parsed.message as SipResponse;
}

describe('engine answers SIP OPTIONS (interop)', () => {
  let engine: EngineProcess;
  let sipPort: number;
  let tlsPort: number;

  before(async () => {
    sipPort = await freeTcpUdpPort();
    tlsPort = await freeTcpUdpPort();
    engine = await startEngineProcess({
      args: [
        '--sip',
        `udp:127.0.0.1:${sipPort}`,
        '--sip',
        `tcp:127.0.0.1:${sipPort}`,
        '--sip',
        `tls:127.0.0.1:${tlsPort}`,
      ],
    });
  });
  after(() => engine.stop());

  for (const transport of ['u1', 't1']) {
    it(`sipp sends 50 OPTIONS over ${transport === 'u1' ? 'UDP' : 'TCP'} and gets 200 with Allow, Accept and Supported`, () => {
      const run = spawnSync(
        'sipp',
        [
          `127.0.0.1:${sipPort}`,
          '-sf',
          SCENARIO,
          '-m',
          '50',
          '-r',
          '100',
          '-t',
          transport,
          '-i',
          '127.0.0.1',
          '-timeout',
          '20s',
          '-timeout_error',
          '-nostdin',
          '-max_recv_loops',
          '100',
        ],
        { encoding: 'utf8', timeout: 30_000, cwd: engine.dataDir },
      );
      assert.equal(run.status, 0, `sipp failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
      assert.match(run.stdout, /Successful call\s*\|\s*\d+\s*\|\s*50\b/);
    });
  }

  it('answers OPTIONS over TLS and a CRLF keepalive ping with a pong', async () => {
    const socket = connect({ host: '127.0.0.1', port: tlsPort, rejectUnauthorized: false });
    await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const framer = new SipStreamFramer();
    const items: ReturnType<SipStreamFramer['push']> = [];
    socket.on('data', (chunk: Buffer) => items.push(...framer.push(chunk)));
    socket.write('\r\n\r\n');
    socket.write(options((t) => t.replace('SIP/2.0/UDP', 'SIP/2.0/TLS')));
    const deadline = Date.now() + 5000;
    while (items.filter((i) => i.kind !== 'pong').length < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    socket.end();
    assert.equal(items[0]?.kind, 'pong');
    const message = items.find((i) => i.kind === 'message');
    const answer = response(message?.kind === 'message' ? message.bytes : undefined);
    assert.equal(answer.status, 200);
    assert.match(getHeader(answer, 'Allow') ?? '', /OPTIONS/);
  });

  const errors: [string, Buffer, number, RegExp?][] = [
    ['SIP/7.0 gets 505', options((t) => t.replace('SIP/2.0\r\n', 'SIP/7.0\r\n')), 505],
    [
      'an unknown URI scheme gets 416',
      options((t) => t.replace('OPTIONS sip:sbc.example.com', 'OPTIONS xmpp:sbc@example.com')),
      416,
    ],
    [
      'an unknown Require gets 420 with Unsupported',
      options((t) => t.replace('Max-Forwards', 'Require: foo\r\nMax-Forwards')),
      420,
      /Unsupported: foo/,
    ],
    [
      'an unknown method gets 501',
      options((t) => t.replace('OPTIONS sip:', 'FROB sip:').replace('63104 OPTIONS', '63104 FROB')),
      501,
      /Allow: INVITE, ACK, BYE, CANCEL, OPTIONS/,
    ],
    // Calls are routed now: an INVITE from a source outside every connection is refused.
    ['an INVITE from outside every connection gets 403', INVITE, 403, /Warning: 399 /],
    ['a REGISTER gets 405', REGISTER, 405],
    [
      'a BYE outside any dialog gets 481',
      sip([
        'BYE sip:a@127.0.0.1 SIP/2.0',
        'Via: SIP/2.0/UDP client.example.com:5999;branch=z9hG4bKbye',
        'From: <sip:b@example.com>;tag=1',
        'To: <sip:a@example.com>;tag=2',
        'Call-ID: bye@x',
        'CSeq: 2 BYE',
        'Content-Length: 0',
      ]),
      481,
    ],
  ];
  for (const [name, bytes, status, header] of errors) {
    it(`UDP: ${name}`, async () => {
      const answer = await udpExchange(sipPort, bytes);
      assert.ok(answer, 'no answer');
      assert.equal(response(answer).status, status);
      if (header) assert.match(answer.toString(), header);
      // RFC 3581: the source port is noted in the answered Via.
      assert.match(getHeader(response(answer), 'Via') ?? '', /received=127\.0\.0\.1/);
    });
  }

  it('drops what it cannot answer and keeps answering after 5,000 garbage datagrams', async () => {
    assert.equal(await udpExchange(sipPort, Buffer.from('\u0000\u00ff garbage'), 300), undefined);
    const random = seededRandom(7);
    const socket = createSocket('udp4');
    for (let i = 0; i < 5000; i++) {
      socket.send(mutate(i % 2 ? OPTIONS : INVITE, random), sipPort, '127.0.0.1');
      if (i % 500 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 300));
    socket.close();
    assert.equal(response(await udpExchange(sipPort, options(), 2000)).status, 200);
    assert.equal(engine.child.exitCode, null, 'the engine is still running');
    assert.doesNotMatch(engine.output(), /internal error/);
  });

  it('reports its SIP sockets in /identity', async () => {
    const identity = await mgmtRequest(engine.port, 'GET', '/identity');
    assert.deepEqual(identity.body.sipListen, [
      { transport: 'udp', host: '127.0.0.1', port: sipPort },
      { transport: 'tcp', host: '127.0.0.1', port: sipPort },
      { transport: 'tls', host: '127.0.0.1', port: tlsPort },
    ]);
  });
});

describe('engine answers SIP OPTIONS over IPv6 (interop)', () => {
  let engine: EngineProcess;
  let port: number;

  before(async () => {
    port = await freeTcpUdpPort();
    engine = await startEngineProcess({ args: ['--sip', `udp:[::1]:${port}`, '--sip', `tcp:[::1]:${port}`] });
  });
  after(() => engine.stop());

  for (const transport of ['u1', 't1']) {
    it(`sipp sends 20 OPTIONS to [::1] over ${transport === 'u1' ? 'UDP' : 'TCP'} and gets 200`, () => {
      const run = spawnSync(
        'sipp',
        [
          `[::1]:${port}`,
          '-sf',
          SCENARIO,
          '-m',
          '20',
          '-r',
          '50',
          '-t',
          transport,
          '-i',
          '::1',
          '-timeout',
          '20s',
          '-timeout_error',
          '-nostdin',
        ],
        { encoding: 'utf8', timeout: 30_000, cwd: engine.dataDir },
      );
      assert.equal(run.status, 0, `sipp failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
      assert.match(run.stdout, /Successful call\s*\|\s*\d+\s*\|\s*20\b/);
    });
  }
});
