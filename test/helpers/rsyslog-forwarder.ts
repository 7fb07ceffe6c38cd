// rsyslogd as a relay in front of SBC Studio's receiver: it takes messages on a UDP port of
// 127.0.0.1 (imudp) and forwards them with omfwd over TCP, octet counted, in RFC 5424 — the way a
// site's existing rsyslog would pass logs on. Runs in the foreground from a temp folder; stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RSYSLOGD } from './rsyslog.ts';
import { freeTcpUdpPort } from './ports.ts';

export interface RsyslogForwarder {
  /** imudp listens here on 127.0.0.1. */
  port: number;
  output(): string;
  stop(): Promise<void>;
}

export async function startRsyslogForwarder(targetPort: number): Promise<RsyslogForwarder> {
  const dir = mkdtempSync(join(tmpdir(), 'sbc-rsyslog-fwd-'));
  const port = await freeTcpUdpPort();
  const conf = join(dir, 'rsyslog.conf');
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="64k")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="${port}" ruleset="forward")
ruleset(name="forward") {
  action(type="omfwd" target="127.0.0.1" port="${targetPort}" protocol="tcp" TCP_Framing="octet-counted"
         template="RSYSLOG_SyslogProtocol23Format")
}
`,
  );
  const child: ChildProcess = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  return {
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
