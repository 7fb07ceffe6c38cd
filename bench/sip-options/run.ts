// OPTIONS over UDP from sipp against sbc-engine and, in the same run, against kamailio answering
// statelessly (sl_send_reply). Prints both rates and their ratio, with one and with two sipp
// instances (to show whether sipp is the ceiling). Loopback only, bounded in count and time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeTcpUdpPort } from '../../test/helpers/ports.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
// The floor the issue sets (10,000/s with < 0.1 % failures), then an offered load above capacity.
const OFFERED_RATES = (process.env.BENCH_RATES ?? '10000,30000').split(',').map(Number);
const SCENARIO = join(import.meta.dirname, 'options-load.xml');
const ENGINE = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'sbc-engine.mjs');
const KAMAILIO_MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules/';
const work = mkdtempSync(join(tmpdir(), 'bench-sip-options-'));

interface Run {
  target: string;
  offered: number;
  instances: number;
  successful: number;
  failed: number;
  seconds: number;
}

function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}: ${text}`)), ms);
    const onData = (d: Buffer) => {
      text += d;
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

function sipp(port: number, calls: number, rate: number): Promise<{ successful: number; failed: number }> {
  return new Promise((resolve) => {
    const child = spawn(
      'sipp',
      [
        `127.0.0.1:${port}`,
        '-sf',
        SCENARIO,
        '-m',
        String(calls),
        '-r',
        String(rate),
        '-rp',
        '1000',
        '-t',
        'u1',
        '-i',
        '127.0.0.1',
        '-timeout',
        '120s',
        '-recv_timeout',
        '5000',
        '-nostdin',
      ],
      { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.on('exit', () => {
      const cumulative = (label: string) =>
        Number(new RegExp(`${label}\\s*\\|[^|]*\\|\\s*(\\d+)`).exec(out)?.[1] ?? 0);
      resolve({ successful: cumulative('Successful call'), failed: cumulative('Failed call') });
    });
  });
}

async function measure(target: string, port: number, instances: number, offered: number): Promise<Run> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: instances }, () =>
      sipp(port, Math.floor(CALLS / instances), Math.floor(offered / instances)),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    target,
    offered,
    instances,
    successful: results.reduce((n, r) => n + r.successful, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    seconds,
  };
}

async function main(): Promise<void> {
  for (const tool of ['sipp', 'kamailio']) {
    if (spawnSync('which', [tool]).status !== 0)
      throw new Error(`${tool} is missing: apt-get install sip-tester kamailio`);
  }
  const enginePort = await freeTcpUdpPort();
  const kamailioPort = await freeTcpUdpPort();
  const engine = spawn(
    process.execPath,
    [
      ENGINE,
      'run',
      '--data-dir',
      join(work, 'engine'),
      '--mgmt',
      `127.0.0.1:${await freeTcpUdpPort()}`,
      '--sip',
      `udp:127.0.0.1:${enginePort}`,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const config = join(work, 'kamailio.cfg');
  writeFileSync(
    config,
    [
      '#!KAMAILIO',
      'debug=0',
      'log_stderror=yes',
      'children=2',
      `listen=udp:127.0.0.1:${kamailioPort}`,
      `mpath="${KAMAILIO_MODULES}"`,
      'loadmodule "sl.so"',
      'request_route {',
      '  if (method=="OPTIONS") { sl_send_reply("200", "OK"); exit; }',
      '  sl_send_reply("405", "Method Not Allowed");',
      '}',
      '',
    ].join('\n'),
  );
  const pidFile = join(work, 'kamailio.pid');
  const kamailio = spawn('kamailio', ['-f', config, '-DD', '-E', '-P', pidFile, '-m', '64', '-M', '8'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await Promise.all([
      waitForLine(engine, /\[sip\/udp\] listening/, 20_000),
      new Promise((r) => setTimeout(r, 1500)),
    ]);
    const runs: Run[] = [];
    for (const offered of OFFERED_RATES) {
      for (const instances of [1, 2]) {
        runs.push(await measure('sbc-engine', enginePort, instances, offered));
        runs.push(await measure('kamailio (sl_send_reply)', kamailioPort, instances, offered));
      }
    }
    console.log(
      `OPTIONS over UDP on loopback, ${CALLS} requests per run, ${process.env.CI ? 'CI' : 'dev'} machine (${cpus().length} cores)`,
    );
    console.log('target                     offered/s  sipp  answered/s  failures');
    for (const run of runs) {
      const rate = run.successful / run.seconds;
      const failures = (100 * run.failed) / Math.max(1, run.successful + run.failed);
      console.log(
        `${run.target.padEnd(26)} ${String(run.offered).padStart(9)}  ${String(run.instances).padStart(4)}  ${rate.toFixed(0).padStart(10)}  ${failures.toFixed(3)} %`,
      );
    }
    for (const offered of OFFERED_RATES) {
      for (const instances of [1, 2]) {
        const pick = (engine: boolean) =>
          runs.find(
            (r) =>
              (r.target === 'sbc-engine') === engine && r.instances === instances && r.offered === offered,
          )!;
        const ratio =
          pick(true).successful / pick(true).seconds / (pick(false).successful / pick(false).seconds);
        console.log(
          `ratio sbc-engine / kamailio at ${offered}/s offered with ${instances} sipp: ${ratio.toFixed(2)}`,
        );
      }
    }
  } finally {
    engine.kill('SIGTERM');
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      kamailio.kill('SIGTERM');
    }
  }
}

await main();
