// The built `sbc-studio syslog` and `sbc-studio logs query` as a user runs them, with real senders:
// rsyslog relaying over TCP, the engine's own RFC 5424 syslog, a bulk TCP sender. SIGTERM writes
// what is queued; kill -9 loses nothing that was written and the index catches up on restart;
// a taken port 514 moves to the fallback with a message. Needs `node scripts/build.ts cli engine`.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { json, mgmtRequest, startEngineProcess, type EngineProcess } from '../../helpers/engine-process.ts';
import { createOpensslPki, daysFromNow, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { freeTcpUdpPort } from '../../helpers/ports.ts';
import { startRsyslogForwarder, type RsyslogForwarder } from '../../helpers/rsyslog-forwarder.ts';
import { STUDIO_CLI } from '../../helpers/studio-process.ts';

interface Receiver {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

async function startReceiver(args: string[]): Promise<Receiver> {
  const child = spawn(process.execPath, [STUDIO_CLI, 'syslog', '--stats-interval', '0.2', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null)
        assert.fail(`no ${pattern} in:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await waitFor(/\[syslog\] writing to/);
  return {
    child,
    output: () => output,
    waitFor,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

function query(dir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [STUDIO_CLI, 'logs', 'query', '--dir', dir, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 30 }); // prettier-ignore
  return { ...run, json: () => JSON.parse(run.stdout) as { rows: { text: string; msgId: string | null; sequenceId: number | null; host: string | null; app: string | null; severity: number | null }[]; notIndexedBytes: number } }; // prettier-ignore
}

async function waitForQuery(dir: string, args: string[], count: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = query(dir, '--json', '--limit', '1000000', ...args);
    if (run.status === 0 && run.json().rows.length >= count) return run.json();
    if (Date.now() > deadline) assert.fail(`expected ${count} rows for ${args.join(' ')}:\n${run.stdout.slice(0, 2000)}${run.stderr}`); // prettier-ignore
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function rawLines(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean));
}

/** `count` octet-counted messages over one TCP connection, written at once. */
function sendTcpBulk(port: number, count: number, tag: string): Promise<void> {
  const frames: Buffer[] = [];
  for (let i = 1; i <= count; i++) {
    const body = Buffer.from(`<134>1 2026-03-10T09:00:00.000Z bulk ${tag} 1 BULK [meta sequenceId="${i}"] message ${i} of ${tag}`); // prettier-ignore
    frames.push(Buffer.from(`${body.length} `), body);
  }
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () =>
      socket.end(Buffer.concat(frames), () => resolve()),
    );
    socket.once('error', reject);
  });
}

describe('sbc-studio syslog and logs query', () => {
  const dirs: string[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbc-syslog-cli-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM writes what is queued, brings the index up to date and exits 0', async () => {
    const dir = tempDir();
    const port = await freeTcpUdpPort();
    const receiver = await startReceiver(['--tcp', `127.0.0.1:${port}`, '--dir', dir]);
    stops.push(receiver.stop);
    assert.match(receiver.output(), new RegExp(`listening on tcp 127\\.0\\.0\\.1:${port}`));
    await sendTcpBulk(port, 20_000, 'term');
    await receiver.waitFor(/received 20000 /);
    assert.equal(await receiver.stop(), 0);
    assert.match(receiver.output(), /\[syslog\] stopped/);
    assert.equal(rawLines(dir).length, 20_000);
    const result = query(dir, '--json', '--limit', '100000', '--text', 'of term').json();
    assert.equal(result.rows.length, 20_000);
    assert.equal(result.notIndexedBytes, 0);
  });

  it('kill -9 loses nothing that was written; on restart the index catches up without duplicates', async () => {
    const dir = tempDir();
    const port = await freeTcpUdpPort();
    const first = await startReceiver(['--tcp', `127.0.0.1:${port}`, '--dir', dir]);
    stops.push(first.stop);
    await sendTcpBulk(port, 30_000, 'crash');
    const deadline = Date.now() + 30_000;
    while (rawLines(dir).length < 30_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    assert.equal(rawLines(dir).length, 30_000, 'every received message was on disk');
    const second = await startReceiver(['--tcp', `127.0.0.1:${port}`, '--dir', dir]);
    stops.push(second.stop);
    const result = await waitForQuery(dir, ['--text', 'of crash'], 30_000);
    assert.equal(result.rows.length, 30_000);
    assert.equal(new Set(result.rows.map((row) => row.text)).size, 30_000, 'no message indexed twice');
    assert.equal(await second.stop(), 0);
  });

  describe('with real senders', () => {
    let dir: string;
    let port: number;
    let receiver: Receiver;
    let forwarder: RsyslogForwarder;
    let engine: EngineProcess | undefined;
    let pki: OpensslPki;
    before(async () => {
      dir = tempDir();
      port = await freeTcpUdpPort();
      receiver = await startReceiver([
        '--udp',
        `127.0.0.1:${port}`,
        '--tcp',
        `127.0.0.1:${port}`,
        '--dir',
        dir,
      ]);
      stops.push(receiver.stop);
      forwarder = await startRsyslogForwarder(port);
      stops.push(forwarder.stop);
      pki = createOpensslPki('rsa');
    });
    after(async () => {
      await engine?.stop();
      if (engine) rmSync(join(engine.dataDir, '..'), { recursive: true, force: true });
      pki?.cleanup();
    });

    it('rsyslog relays over TCP (omfwd, octet counted): host, app and severity indexed', async () => {
      const socket = createSocket('udp4');
      // rsyslog needs a moment to start listening: send until it is through (bounded).
      const deadline = Date.now() + 20_000;
      for (let found = false; !found;) {
        await new Promise((resolve) => socket.send('<12>1 2026-03-10T09:00:00Z pbx7 asterisk 99 - - relayed by rsyslog', forwarder.port, '127.0.0.1', resolve)); // prettier-ignore
        found = query(dir, '--text', 'relayed by rsyslog').status === 0;
        if (!found && Date.now() > deadline)
          assert.fail(`nothing relayed:\n${forwarder.output()}\n${receiver.output()}`);
        if (!found) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      socket.close();
      const [row] = query(dir, '--json', '--text', 'relayed by rsyslog').json().rows;
      assert.equal(row!.host, 'pbx7');
      assert.equal(row!.app, 'asterisk');
      assert.equal(row!.severity, 4);
      assert.match(receiver.output(), /tcp [1-9]/);
    });

    it("the engine's RFC 5424 syslog: CERT_EXPIRY for a certificate expiring in 20 days, with its sequence id", async () => {
      engine = await startEngineProcess({ args: ['--syslog', `udp:127.0.0.1:${port}`] });
      const setupKey = readFileSync(`${engine.dataDir}/setup-key`, 'utf8').trim();
      const password = 'correct horse battery';
      assert.equal(
        (await mgmtRequest(engine.port, 'POST', '/setup', { body: json({ setupKey, password }) })).status,
        200,
      );
      const token = (await mgmtRequest(engine.port, 'POST', '/login', { body: json({ password }) })).body
        .token as string;
      const leaf = pki.leaf({ commonName: 'sbc.example.com', notAfter: daysFromNow(20) });
      const pfx = readFileSync(pki.pkcs12('soon.pfx', leaf, [pki.intermediate], 'pfx-secret'));
      const imported = await mgmtRequest(engine.port, 'POST', '/certificates/pkcs12', {
        token,
        body: json({ label: 'Teams SBC', dataBase64: pfx.toString('base64'), password: 'pfx-secret' }),
      });
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      const notAfter = new X509Certificate(leaf.certPem).validToDate.toISOString();
      const { rows } = await waitForQuery(dir, ['--text', 'CERT_EXPIRY'], 1);
      const row = rows.find((r) => r.msgId === 'CERT_EXPIRY')!;
      assert.equal(row.app, 'sbc-engine');
      assert.equal(row.severity, 4);
      assert.equal(row.sequenceId, 1);
      assert.ok(row.text.includes(`notAfter="${notAfter}"`));
      assert.match(row.text, /expires in 19 days/);
    });
  });

  it('moves to port 5514 with a clear message when 514 is taken', async (t) => {
    const blocker = createSocket('udp4');
    const blocked = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.bind(514, '127.0.0.1', () => resolve(true));
    });
    if (!blocked) {
      blocker.close();
      return t.skip('cannot occupy 127.0.0.1:514 here (the receiver would get EACCES, the same fallback)');
    }
    try {
      const receiver = await startReceiver(['--udp', '127.0.0.1:514', '--dir', tempDir()]);
      stops.push(receiver.stop);
      assert.match(receiver.output(), /UDP port 514 on 127\.0\.0\.1 is in use by another program .*: listening on port 5514 instead/); // prettier-ignore
      assert.match(receiver.output(), /listening on udp 127\.0\.0\.1:5514/);
      assert.equal(await receiver.stop(), 0);
    } finally {
      blocker.close();
    }
  });

  it('logs query: exit 1 when nothing matches, 2 naming the folder without an index, 2 for a bad time', () => {
    const empty = tempDir();
    const missing = query(empty);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no log index in .*sbc-syslog-cli-/);
    const dir = dirs[0]!;
    assert.equal(query(dir, '--text', 'nothing like this anywhere').status, 1);
    const bad = query(dir, '--since', 'yesterday-ish');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--since: "yesterday-ish" is not a time/);
  });
});
