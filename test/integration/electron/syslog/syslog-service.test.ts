// The app's syslog service end to end without a UI: it starts the receiver as its own process on
// loopback ports, a traced SIP call and OPTIONS keepalives arrive over UDP (and a logger(1) line),
// and the analyzer answers: tail, search in the query language, the call list (keepalives hidden
// unless asked), the call's ladder, one message, the pcap export read back by tshark, the CSV.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { callsCsv } from '../../../../electron/services/syslog/calls-csv.ts';
import { createAppServices } from '../../../../electron/services/app-services.ts';
import { dispatch } from '../../../../electron/services/dispatch.ts';
import { MemoryStore } from '../../../../electron/services/settings/settings-store.ts';
import { freeTcpUdpPort } from '../../../helpers/ports.ts';
import { STUDIO_CLI } from '../../../helpers/studio-process.ts';
import { sendUdpLines, tracedCall, tracedOptions } from '../../../helpers/syslog-sip-call.ts';
import { requireTshark, tsharkCallIds, tsharkSipStartLines } from '../../../helpers/tshark.ts';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('syslog service: receiver process, queries, exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sbc-syslog-service-'));
  let port: number;
  let services: ReturnType<typeof createAppServices>;
  const call = tracedCall({ start: new Date(Date.now() - 60_000), callId: 'svc-call-1@pbx.test', from: '+4930123456', to: '+4940987654' }); // prettier-ignore
  const keepalives = [
    ...tracedOptions(new Date(Date.now() - 50_000), 'ka-1@sbc1.test', 100),
    ...tracedOptions(new Date(Date.now() - 40_000), 'ka-2@sbc1.test', 102),
  ];
  const api = async (method: string, input: unknown = {}) => {
    const result = await dispatch(services.handlers, method, input);
    assert.ok(result.ok, `${method}: ${JSON.stringify(result)}`);
    return result.value as never;
  };

  before(async () => {
    port = await freeTcpUdpPort();
    services = createAppServices({
      mode: 'browser',
      store: new MemoryStore(),
      bundledEngine: null,
      locale: 'en',
      log: () => {},
      syslog: {
        dataDir: join(dir, 'syslog'),
        cliScript: STUDIO_CLI,
        autoStart: false,
        env: { SBC_STUDIO_SYSLOG_UDP: `127.0.0.1:${port}`, SBC_STUDIO_SYSLOG_TCP: `127.0.0.1:${port}` },
      },
    });
  });

  after(async () => {
    await services.syslog?.stop();
    services.syslog?.analyzer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the receiver as its own process and reports the bound sockets', async () => {
    const status = (await api('syslog.start')) as { state: string; pid: number; listeners: { transport: string; port: number }[] }; // prettier-ignore
    assert.equal(status.state, 'running', JSON.stringify(status));
    assert.notEqual(status.pid, process.pid);
    assert.deepEqual(status.listeners.map((l) => `${l.transport}:${l.port}`).sort(), [
      `tcp:${port}`,
      `udp:${port}`,
    ]);
  });

  it('receives the call, keepalives and a logger(1) line; the tail shows them in order', async () => {
    await sendUdpLines(port, [...call.lines.slice(0, 3), ...keepalives, ...call.lines.slice(3)]);
    execFileSync('logger', ['--udp', '--server', '127.0.0.1', '--port', String(port), '--rfc5424', '-t', 'pbx', 'hello from logger']); // prettier-ignore
    const tail = await waitFor('11 lines in the tail', async () => {
      const t = (await api('syslog.tail', { limit: 100 })) as { rows: { text: string; callId?: string }[]; lastId: number }; // prettier-ignore
      return t.rows.length >= 12 ? t : undefined;
    });
    assert.equal(tail.rows.length, 12);
    assert.match(tail.rows[0]!.text, /INVITE sip:\+4940987654/);
    assert.match(tail.rows[11]!.text, /hello from logger/);
    const after = (await api('syslog.tail', { after: tail.lastId })) as { rows: unknown[] };
    assert.equal(after.rows.length, 0, 'nothing new after the cursor');
    const status = (await api('syslog.status')) as { stats?: { received: { udp: number } } };
    await waitFor('the figures', async () => ((await api('syslog.status')) as { stats?: { received: { udp: number } } }).stats?.received.udp === 12 || undefined); // prettier-ignore
    assert.ok(status);
  });

  it('searches by partial number, method and status; reports a mistake with its position', async () => {
    const byNumber = (await api('syslog.query', { query: 'number:987654 method:INVITE' })) as { ok: true; rows: { text: string }[] }; // prettier-ignore
    assert.ok(byNumber.ok);
    // INVITE, 100, 180, 200 (responses belong to their request's method) and the ACK is not INVITE.
    assert.equal(byNumber.rows.length, 4, byNumber.rows.map((r) => r.text.slice(0, 60)).join('\n'));
    const noOptions = (await api('syslog.query', { query: '-method:OPTIONS' })) as {
      ok: true;
      rows: unknown[];
    };
    assert.equal(noOptions.rows.length, 8, 'the call and the logger line');
    const bye = (await api('syslog.query', { query: 'callid:svc-call status:2xx "BYE"' })) as { ok: true; rows: unknown[] }; // prettier-ignore
    assert.equal(bye.rows.length, 1);
    const wrong = (await api('syslog.query', { query: 'method:INVITE calid:x' })) as { ok: false; error: { position: number; message: string } }; // prettier-ignore
    assert.equal(wrong.ok, false);
    assert.equal(wrong.error.position, 14);
    assert.match(wrong.error.message, /calid/);
  });

  it('lists the call with its summary; OPTIONS only when asked', async () => {
    const { calls } = (await api('syslog.calls')) as { calls: { kind: string; from?: string; to?: string; state: string; finalStatus?: number; durationMs?: number; callIds: string[] }[] }; // prettier-ignore
    assert.equal(calls.length, 1, JSON.stringify(calls));
    assert.deepEqual(
      { kind: calls[0]!.kind, from: calls[0]!.from, to: calls[0]!.to, state: calls[0]!.state, final: calls[0]!.finalStatus, duration: calls[0]!.durationMs }, // prettier-ignore
      { kind: 'call', from: '+4930123456', to: '+4940987654', state: 'ended', final: 200, duration: 200 },
    );
    const all = (await api('syslog.calls', { includeKeepalives: true })) as { calls: { kind: string }[] };
    assert.deepEqual(all.calls.map((c) => c.kind).sort(), ['call', 'options', 'options']);
  });

  it("draws the call's ladder: the seven arrows in order, between the PBX and the engine", async () => {
    const detail = (await api('syslog.call', { callIds: [call.callId] })) as {
      messages: { id: number; firstLine: string }[];
      ladder: { columns: { label: string }[]; arrows: { label: string; from: number; to: number; messageId: number }[] };
    }; // prettier-ignore
    assert.deepEqual(
      detail.ladder.arrows.map((a) => a.label),
      ['INVITE (SDP)', '100 Trying', '180 Ringing', '200 OK (SDP)', 'ACK', 'BYE', '200 OK'],
    );
    const [pbx, sbc] = [detail.ladder.arrows[0]!.from, detail.ladder.arrows[0]!.to];
    assert.deepEqual(
      detail.ladder.arrows.map((a) => (a.from === pbx && a.to === sbc ? '→' : a.from === sbc && a.to === pbx ? '←' : '?')),
      ['→', '←', '←', '←', '→', '→', '←'],
    ); // prettier-ignore
    assert.deepEqual(
      detail.messages.map((m) => m.firstLine),
      call.startLines,
    );
    const message = (await api('syslog.message', { id: detail.ladder.arrows[0]!.messageId })) as { text: string; sip: { text: string } }; // prettier-ignore
    assert.match(message.sip.text, /^INVITE sip:\+4940987654@sbc1\.test SIP\/2\.0\r\n/);
    assert.match(message.sip.text, /m=audio 40000 RTP\/AVP 8/);
  });

  it('exports the call as pcap that tshark decodes as the same SIP messages', async () => {
    requireTshark();
    const exported = (await api('syslog.exportPcap', { callIds: [call.callId] })) as { base64: string; packets: number; fileName: string }; // prettier-ignore
    assert.equal(exported.packets, 7);
    assert.match(exported.fileName, /\.pcap$/);
    const file = join(dir, exported.fileName);
    writeFileSync(file, Buffer.from(exported.base64, 'base64'));
    assert.deepEqual(tsharkSipStartLines(file), call.startLines);
    assert.deepEqual(tsharkCallIds(file), Array(7).fill(call.callId));
  });

  it('exports the call list as CSV', async () => {
    const exported = (await api('syslog.exportCalls')) as { csv: string; calls: number };
    assert.equal(exported.calls, 1);
    const [header, row] = exported.csv.trimEnd().split('\r\n');
    assert.match(header!, /^start,end,from,to,state,final code/);
    assert.match(row!, /,'\+4930123456,'\+4940987654,ended,200,OK,0\.2,/);
    assert.equal(callsCsv([]).trimEnd(), header);
  });

  it('stops the receiver process', async () => {
    const pid = ((await api('syslog.status')) as { pid: number }).pid;
    const status = (await api('syslog.stop')) as { state: string; listeners: unknown[] };
    assert.equal(status.state, 'stopped');
    assert.deepEqual(status.listeners, []);
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
  });
});
