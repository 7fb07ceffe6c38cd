// rsyslogd as a real syslog receiver for integration tests: run in the foreground from a temp folder,
// listening with imudp and imtcp on one free loopback port, writing the fields it parsed out of each
// RFC 5424 message to a file. Stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeTcpUdpPort } from './ports.ts';

export const RSYSLOGD = '/usr/sbin/rsyslogd';

/** One message as rsyslog parsed it. */
export interface RsyslogLine {
  severity: string;
  facility: string;
  msgId: string;
  appName: string;
  procId: string;
  structuredData: string;
  msg: string;
}

export interface RsyslogPeer {
  /** imudp and imtcp both listen on this port of 127.0.0.1. */
  port: number;
  dir: string;
  lines(): RsyslogLine[];
  /** Waits (bounded) for a line that matches; throws with rsyslog's output when none comes. */
  waitFor(match: (line: RsyslogLine) => boolean, timeoutMs?: number): Promise<RsyslogLine>;
  stop(): Promise<void>;
}

const FIELDS = ['syslogseverity-text', 'syslogfacility-text', 'msgid', 'app-name', 'procid', 'structured-data', 'msg']; // prettier-ignore

function config(dir: string, port: number): string {
  const properties = FIELDS.map(
    (name, i) => `  property(name="${name}") constant(value="${i === FIELDS.length - 1 ? '\\n' : '\\t'}")`,
  ).join('\n');
  // rsyslog writes control characters in MSG as #011 and the like, so a tab still separates fields.
  return `global(workDirectory="${dir}" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="${port}" ruleset="test")
input(type="imtcp" address="127.0.0.1" port="${port}" ruleset="test")
template(name="fields" type="list") {
${properties}
}
ruleset(name="test") {
  action(type="omfile" file="${join(dir, 'received.log')}" template="fields")
}
`;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function sendUdp(port: number, text: string): Promise<void> {
  const socket = createSocket('udp4');
  return new Promise((resolve) =>
    socket.send(Buffer.from(text), port, '127.0.0.1', () => socket.close(() => resolve())),
  );
}

export async function startRsyslog(): Promise<RsyslogPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'sbc-rsyslog-'));
  const port = await freeTcpUdpPort();
  const confPath = join(dir, 'rsyslog.conf');
  writeFileSync(confPath, config(dir, port));
  const child: ChildProcess = spawn(RSYSLOGD, ['-n', '-f', confPath, '-i', join(dir, 'rsyslogd.pid')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const outFile = join(dir, 'received.log');

  const lines = (): RsyslogLine[] => {
    if (!existsSync(outFile)) return [];
    return readFileSync(outFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [severity, facility, msgId, appName, procId, structuredData, ...msg] = line.split('\t');
        return {
          severity: severity!,
          facility: facility!,
          msgId: msgId!,
          appName: appName!,
          procId: procId!,
          structuredData: structuredData!,
          msg: msg.join('\t'),
        };
      });
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const waitFor = async (match: (line: RsyslogLine) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines().find(match);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(
          `rsyslog received no matching message.\nreceived:\n${JSON.stringify(lines(), null, 1)}\nrsyslogd:\n${output}`,
        );
      await sleep(50);
    }
  };

  try {
    // Ready when TCP accepts and a UDP probe has made it to the file.
    const deadline = Date.now() + 15_000;
    while (!(await tcpAccepts(port))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`rsyslogd did not start:\n${output}`);
      await sleep(50);
    }
    for (let i = 0; !lines().some((line) => line.msgId === 'PROBE'); i++) {
      if (Date.now() > deadline) throw new Error(`rsyslogd does not receive UDP:\n${output}`);
      if (i % 4 === 0) await sendUdp(port, '<13>1 - - test - PROBE - ready');
      await sleep(50);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, dir, lines, waitFor, stop };
}
