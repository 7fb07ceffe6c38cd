// Debian's dnsmasq as a throw-away authoritative DNS server on 127.0.0.1, for server-location tests.
// It answers only the records given on its command line: --no-resolv and no --server mean it never
// forwards a query, so no traffic leaves loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { freeTcpUdpPort } from '../../../helpers/ports.ts';

export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface Dnsmasq {
  port: number;
  pid: number;
  /** "127.0.0.1:PORT", for Resolver.setServers. */
  server: string;
  args: string[];
  output(): string;
  stop(): Promise<void>;
}

/** The command line: listen on 127.0.0.1 only, no config files, no upstream, logs to stderr. */
export function dnsmasqArgs(port: number, zone: string, records: readonly string[]): string[] {
  return [
    '--no-daemon',
    '--no-resolv',
    '--no-hosts',
    '--bind-interfaces',
    '--listen-address=127.0.0.1',
    `--port=${port}`,
    '--conf-file=/dev/null',
    '--pid-file=',
    '--log-facility=-',
    '--log-queries',
    // Names in the test zone that have no records answer NXDOMAIN instead of REFUSED.
    `--local=/${zone}/`,
    ...records,
  ];
}

/**
 * Starts dnsmasq on a free port and waits until it answers `probeName` (an A record in `records`).
 * Retries on another port if the one chosen was taken in between.
 */
export async function startDnsmasq(
  zone: string,
  records: readonly string[],
  probeName: string,
): Promise<Dnsmasq> {
  if (!existsSync(DNSMASQ)) {
    throw new Error(
      `${DNSMASQ} is missing: the server-location test needs a real DNS server. ` +
        'Install it with: apt-get install -y dnsmasq-base',
    );
  }
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeTcpUdpPort();
    const args = dnsmasqArgs(port, zone, records);
    const child = spawn(DNSMASQ, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('error', (error) => (output += `\n${error.message}`));
    const ready = await waitUntilAnswering(port, probeName, exited);
    if (ready && child.pid !== undefined) return handle(child, child.pid, port, args, () => output, exited);
    lastError = new Error(`dnsmasq did not start on 127.0.0.1:${port}:\n${output}`);
    await stopChild(child, exited);
  }
  throw lastError!;
}

async function waitUntilAnswering(port: number, name: string, exited: Promise<unknown>): Promise<boolean> {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 5000;
  while (!gone && Date.now() < deadline) {
    try {
      if ((await resolver.resolve4(name)).length > 0) return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}

function handle(
  child: ChildProcess,
  pid: number,
  port: number,
  args: string[],
  output: () => string,
  exited: Promise<unknown>,
): Dnsmasq {
  return { port, pid, server: `127.0.0.1:${port}`, args, output, stop: () => stopChild(child, exited) };
}

/** Ends this one process by its PID: SIGTERM, then SIGKILL if it lingers. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGKILL');
    }
  }, 3000);
  await exited;
  clearTimeout(timer);
}
