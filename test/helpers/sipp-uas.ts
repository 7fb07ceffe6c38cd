// sipp (Debian's sip-tester) as a SIP server on 127.0.0.1 that answers OPTIONS by a scenario file.
// Started per test on a free port and stopped by its own PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { waitUntilListening } from './listening.ts';
import { freeTcpUdpPort } from './ports.ts';

export interface SippUas {
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Answers `calls` requests by `scenario` over UDP or TCP, then exits. */
export async function startSippUas(
  scenario: string,
  transport: 'udp' | 'tcp',
  calls = 1,
  /** More sipp arguments, e.g. ['-set', 'user', 'alice'] for a scenario's [$user]. */
  extra: string[] = [],
): Promise<SippUas> {
  const port = await freeTcpUdpPort();
  const child = spawn(
    'sipp',
    [
      '-sf', scenario, '-i', '127.0.0.1', '-p', String(port), '-t', transport === 'udp' ? 'u1' : 't1',
      '-m', String(calls), '-timeout', '60s', '-nostdin', ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  ); // prettier-ignore
  let output = '';
  // sipp redraws its statistics screen; keep the tail only.
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await waitUntilListening(transport, port, 10_000, () => child.exitCode === null);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { port, child, output: () => output, stop };
}
