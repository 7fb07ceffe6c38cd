// A real sbc-engine process as a B2BUA between sipp peers on loopback: a caller (sipp UAC on
// 127.0.0.2, connection "pbx") calls through the engine to callees (sipp UAS on 127.0.0.1), over UDP
// and over TCP: a basic call, a busy callee, a CANCEL while it rings, a re-INVITE, BYE from either
// side. Each callee is its own connection, picked by the dialled number in the routes.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../helpers/engine-process.ts';
import { freeTcpUdpPort } from '../helpers/ports.ts';
import { runSippUac } from '../helpers/sipp-uac.ts';
import { startSippUas, type SippUas } from '../helpers/sipp-uas.ts';

const PASSWORD = 'correct horse battery';
const SCENARIOS = join(import.meta.dirname, 'scenarios');
const scenario = (name: string) => join(SCENARIOS, name);

async function provision(engine: EngineProcess): Promise<string> {
  const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
  const setup = await mgmtRequest(engine.port, 'POST', '/setup', { body: json({ setupKey, password: PASSWORD }) });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const login = await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password: PASSWORD }) });
  return login.body.token as string;
} // prettier-ignore

/** The callee scenarios, each reached by its own number. */
const CALLEES = [
  { name: 'answer', number: '1001', file: 'call-uas.xml', extra: [] },
  { name: 'busy', number: '1002', file: 'call-uas-486.xml', extra: [] },
  { name: 'ring', number: '1003', file: 'call-uas-ring.xml', extra: [] },
  { name: 'reinvite', number: '1004', file: 'call-uas-reinvite.xml', extra: [] },
  { name: 'hangup', number: '1005', file: 'call-uas-bye.xml', extra: [] },
] as const; // prettier-ignore

describe('b2bua: calls between sipp peers (interop)', () => {
  let engine: EngineProcess;
  let token: string;
  let sipPort: number;
  const callees = new Map<string, SippUas>();
  const syslogLines: string[] = [];
  const syslog = createSocket('udp4');

  before(async () => {
    for (const transport of ['udp', 'tcp'] as const)
      for (const callee of CALLEES)
        callees.set(
          `${transport}-${callee.name}`,
          await startSippUas(scenario(callee.file), transport, 1, [...callee.extra]),
        );
    syslog.on('message', (bytes) => syslogLines.push(bytes.toString('utf8')));
    await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve));
    engine = await startEngineProcess({ args: ['--syslog', `udp:127.0.0.1:${syslog.address().port}`] });
    token = await provision(engine);
    sipPort = await freeTcpUdpPort();
    const read = await mgmtRequest(engine.port, 'GET', '/config', { token });
    const config = read.body.config;
    config.system.fqdn = 'sbc.example.com';
    config.logging.sipTrace = true;
    config.voip.listeners = [
      { transport: 'udp', address: '127.0.0.1', port: sipPort },
      { transport: 'tcp', address: '127.0.0.1', port: sipPort },
    ];
    config.connections = [
      {
        id: 'pbx',
        name: 'PBX',
        targets: [{ host: '127.0.0.2', port: 5060, transport: 'udp' }],
        options: { enabled: false },
        allowedSources: ['127.0.0.2/32'],
      },
    ];
    config.routes = [];
    for (const transport of ['udp', 'tcp'] as const) {
      for (const callee of CALLEES) {
        const id = `${transport}-${callee.name}`;
        config.connections.push({
          id,
          name: id,
          targets: [{ host: '127.0.0.1', port: callees.get(id)!.port, transport }],
          options: { enabled: false },
          allowedSources: ['127.0.0.1/32'],
          // Teams-like header rules on the first callee; the others pass headers as received.
          ...(id === 'udp-answer'
            ? {
                headers: {
                  fqdnInContact: true,
                  fqdnInFrom: true,
                  identity: 'p-asserted-identity',
                  callHistory: 'remove',
                  xMsSbc: true,
                },
                sdp: { stripRtcpMux: true },
                numberBlock: { first: '+4940555000', last: '+4940555099' },
              }
            : {}),
        });
        // udp numbers 1001..., tcp numbers 2001...
        const number = transport === 'udp' ? callee.number : `2${callee.number.slice(1)}`;
        config.routes.push({
          id: `to-${id}`,
          sourceConnections: ['pbx'],
          called: { match: number },
          target: { connection: id },
        });
      }
    }
    const put = await mgmtRequest(engine.port, 'PUT', '/config', {
      token,
      headers: { 'if-match': read.headers.etag as string },
      body: json({ config, comment: 'b2bua test', overrideReason: 'lab peers on loopback' }),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  });

  after(async () => {
    if (process.env.DEBUG_ENGINE) console.log(engine?.output(), syslogLines.join('\n'));
    syslog.close();
    await engine?.stop();
    for (const callee of callees.values()) await callee.stop();
  });

  const calleeDone = async (id: string) => {
    const callee = callees.get(id)!;
    const exited = await new Promise<number | null>((resolve) => {
      if (callee.child.exitCode !== null) return resolve(callee.child.exitCode);
      const timer = setTimeout(() => resolve(null), 10_000);
      callee.child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    assert.equal(exited, 0, `callee ${id} did not finish its scenario:\n${callee.output()}`);
  };

  /** The b-leg INVITE as the engine's SIP_TRACE shows it. */
  const checkUdpAnswerTrace = () => {
    const start = syslogLines.find((l) => / CALL_START /.test(l) && /connection="udp-answer"/.test(l));
    assert.ok(start, 'a CALL_START for the b leg');
    const bCallId = /callId="([^"]+)"/.exec(start!)![1]!;
    const aCallId = /linkedCallId="([^"]+)"/.exec(start!)![1]!;
    assert.match(aCallId, /@127\.0\.0\.2$/, "the b leg names the caller's Call-ID as linkedCallId");
    const invite = syslogLines.find(
      (l) =>
        / SIP_TRACE /.test(l) &&
        l.includes(`callId="${bCallId}"`) &&
        /dir="out"/.test(l) &&
        /method="INVITE"/.test(l),
    );
    assert.ok(invite, `the b-leg INVITE is traced:\n${syslogLines.join('\n')}`);
    assert.match(invite!, /linkedCallId="[^"]+@127\.0\.0\.2"/);
    const sip = invite!.slice(invite!.indexOf('INVITE sip:'));
    const head = sip.slice(0, sip.indexOf('\r\n\r\n'));
    // Topology hiding: no header shows the caller's side (its address, Call-ID, Record-Route,
    // History-Info); the SDP still carries its media address until the media relay exists.
    assert.doesNotMatch(head, /127\.0\.0\.2/);
    assert.doesNotMatch(head, /Record-Route|pbx\.inside|History-Info/);
    assert.match(sip, /\r\nContact: <sip:\+4930123456@sbc\.example\.com:\d+>\r\n/);
    assert.match(sip, /\r\nFrom: "PBX user" <sip:\+4930123456@sbc\.example\.com>;tag=/);
    assert.match(sip, /\r\nX-MS-SBC: SBC Studio\/sbc-engine\/0\.1\.0\r\n/);
    // The calling number is outside the trunk's block: the asserted identity is the block's first number.
    assert.match(sip, /\r\nP-Asserted-Identity: <sip:\+4940555000@sbc\.example\.com;user=phone>\r\n/);
    assert.match(sip, /Supported: 100rel\r\n/, 'replaces is not offered');
    assert.doesNotMatch(sip, /a=rtcp-mux/, "stripped by the callee connection's SDP rules");
    assert.match(sip, /m=audio \d+ RTP\/AVP 8 0 101\r\n/, 'codecs in the allow list order; G.729 left out');
  };

  for (const transport of ['udp', 'tcp'] as const) {
    const number = (n: string) => (transport === 'udp' ? n : `2${n.slice(1)}`);

    it(`${transport}: a call is answered and the caller hangs up`, async () => {
      const caller = await runSippUac(scenario('call-uac.xml'), transport, sipPort, number('1001'));
      assert.equal(caller.code, 0, caller.output);
      await calleeDone(`${transport}-answer`);
      if (transport === 'udp') checkUdpAnswerTrace();
    });

    it(`${transport}: a busy callee's 486 reaches the caller`, async () => {
      const caller = await runSippUac(scenario('call-uac-486.xml'), transport, sipPort, number('1002'));
      assert.equal(caller.code, 0, caller.output);
      await calleeDone(`${transport}-busy`);
    });

    it(`${transport}: the caller's CANCEL while it rings cancels the callee's INVITE`, async () => {
      const caller = await runSippUac(scenario('call-uac-cancel.xml'), transport, sipPort, number('1003'));
      assert.equal(caller.code, 0, caller.output);
      await calleeDone(`${transport}-ring`);
    });

    it(`${transport}: a re-INVITE in the call reaches the callee and its answer the caller`, async () => {
      const caller = await runSippUac(scenario('call-uac-reinvite.xml'), transport, sipPort, number('1004'));
      assert.equal(caller.code, 0, caller.output);
      await calleeDone(`${transport}-reinvite`);
    });

    it(`${transport}: the callee hangs up and the caller gets the BYE`, async () => {
      const caller = await runSippUac(
        scenario('call-uac-callee-bye.xml'),
        transport,
        sipPort,
        number('1005'),
      );
      assert.equal(caller.code, 0, caller.output);
      await calleeDone(`${transport}-hangup`);
    });
  }

  it('shows no call left once they all ended', async () => {
    const answer = await mgmtRequest(engine.port, 'GET', '/calls', { token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.calls, []);
  });
});
