// Syslog receive bench: SBC Studio's receiver (`sbc-studio syslog`, index worker running) and
// rsyslog (imudp/imtcp → omfile) side by side, under the same load from bench/syslog/load.ts, on
// loopback. Figures: messages written to the raw files per second and messages lost.
//   node bench/syslog-receive.ts            short run (about 1 minute in all)
//   node bench/syslog-receive.ts --full     the 50,000/s × 1 KB loss test for 60 s (≈ 3 GB per receiver,
//                                           deleted after each run)
// Env: BENCH_UDP_COUNT (300000), BENCH_TCP_COUNT (1000000), BENCH_STEADY_S (10 or 60 with --full).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeTcpUdpPort } from '../test/helpers/ports.ts';
import { RSYSLOGD } from '../test/helpers/rsyslog.ts';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'sbc-studio.mjs');
const LOAD = join(import.meta.dirname, 'syslog', 'load.ts');
const full = process.argv.includes('--full');
const UDP_COUNT = Number(process.env.BENCH_UDP_COUNT ?? 300_000);
const TCP_COUNT = Number(process.env.BENCH_TCP_COUNT ?? 1_000_000);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? (full ? 60 : 10));

interface Target {
  name: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lines in the files of a folder (only files named *.log), counted by LF bytes. */
function countLines(dir: string): number {
  let lines = 0;
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.log'))) {
    const fd = openSync(join(dir, name), 'r');
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
        for (let at = buffer.indexOf(10); at >= 0 && at < n; at = buffer.indexOf(10, at + 1)) lines++;
    } finally {
      closeSync(fd);
    }
  }
  return lines;
}

/** Waits until the line count has not changed for a second (bounded); the count and when it last grew. */
async function settle(dir: string, expected: number): Promise<{ lines: number; at: number }> {
  let lines = countLines(dir);
  let at = performance.now();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && lines < expected) {
    await sleep(250);
    const now = countLines(dir);
    if (now !== lines) {
      lines = now;
      at = performance.now();
    } else if (performance.now() - at > 1500) break;
  }
  return { lines, at };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

async function startOurs(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sbc-syslog-'));
  const port = await freeTcpUdpPort();
  const entry = existsSync(CLI) ? [CLI] : [join(ROOT, 'electron', 'cli', 'main.ts')];
  const child = spawn(process.execPath, [...entry, 'syslog', '--udp', `127.0.0.1:${port}`, '--tcp', `127.0.0.1:${port}`, '--dir', dir, '--stats-interval', '0'], { stdio: ['ignore', 'pipe', 'inherit'] }); // prettier-ignore
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  for (let i = 0; !output.includes('writing to') && i < 200; i++) await sleep(50);
  return {
    name: 'sbc-studio',
    port,
    dir,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startRsyslog(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rsyslog-'));
  const port = await freeTcpUdpPort();
  const conf = join(dir, 'rsyslog.conf');
  // The same receive buffer ours gets (Linux doubles 4 MiB to 8 MiB); one line per message to a file.
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="${port}" rcvbufSize="4m" ruleset="out")
input(type="imtcp" address="127.0.0.1" port="${port}" ruleset="out")
template(name="raw" type="string" string="%timegenerated:::date-rfc3339% %fromhost-ip% %rawmsg%\\n")
ruleset(name="out") { action(type="omfile" file="${join(dir, 'out.log')}" template="raw") }
`,
  );
  const child = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', join(dir, 'pid')], { stdio: 'ignore' });
  await sleep(1500);
  return {
    name: 'rsyslog',
    port,
    dir,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function load(
  transport: string,
  port: number,
  count: number,
  rate: number,
  size: number,
): { sent: number; seconds: number } {
  const run = spawnSync(process.execPath, [LOAD, transport, String(port), String(count), String(rate), String(size), '4'], { encoding: 'utf8', timeout: 600_000 }); // prettier-ignore
  if (run.status !== 0) throw new Error(`load generator failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { sent: number; seconds: number };
}

interface Row {
  scenario: string;
  receiver: string;
  sent: number;
  written: number;
  lost: number;
  perSecond: number;
}

async function scenario(
  name: string,
  transport: string,
  count: number,
  rate: number,
  size: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const start of [startOurs, startRsyslog]) {
    const target = await start();
    try {
      const begin = performance.now();
      const { sent } = load(transport, target.port, count, rate, size);
      const { lines, at } = await settle(target.dir, sent);
      const seconds = (at - begin) / 1000;
      rows.push({ scenario: name, receiver: target.name, sent, written: lines, lost: sent - lines, perSecond: Math.round(lines / seconds) }); // prettier-ignore
      console.log(`${name.padEnd(34)} ${target.name.padEnd(10)} sent ${sent}, written ${lines}, lost ${sent - lines}, ${Math.round(lines / seconds)}/s`); // prettier-ignore
    } finally {
      await target.stop();
    }
  }
  return rows;
}

console.log(`syslog receive bench on ${process.platform}, ${(await import('node:os')).cpus().length} cores; load ${readFileSyncSafe('/proc/loadavg')}`); // prettier-ignore
const results = [
  ...(await scenario(`UDP as fast as possible, 200 B`, 'udp', UDP_COUNT, 0, 200)),
  ...(await scenario(`UDP 50,000/s × 1 KB for ${STEADY_S} s`, 'udp', 50_000 * STEADY_S, 50_000, 1024)),
  ...(await scenario(`TCP octet counting, 200 B`, 'tcp', TCP_COUNT, 0, 200)),
];
console.table(results);

function readFileSyncSafe(path: string): string {
  try {
    return spawnSync('cat', [path], { encoding: 'utf8' }).stdout.trim();
  } catch {
    return 'unknown';
  }
}
