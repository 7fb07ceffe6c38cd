// sipp (Debian's sip-tester) as a caller on 127.0.0.2 (so the engine can tell it from the callees on
// 127.0.0.1 by source address): runs one scenario against the engine and reports how it ended.
import { spawn } from 'node:child_process';
import { freeTcpUdpPort } from './ports.ts';

export interface SippUacResult {
  /** sipp's exit code: 0 when every call passed its scenario, 1 when one failed. */
  code: number | null;
  output: string;
}

export interface SippUacRun {
  done: Promise<SippUacResult>;
  stop(): Promise<void>;
}

/** Starts `scenario` toward the engine at 127.0.0.1:`port`, calling `service` (the dialled number). */
export async function startSippUac(
  scenario: string,
  transport: 'udp' | 'tcp',
  port: number,
  service: string,
  extra: string[] = [],
  /** sipp gives up after this long (and fails the call). */
  timeoutSeconds = 20,
): Promise<SippUacRun> {
  const localPort = await freeTcpUdpPort();
  const child = spawn(
    'sipp',
    [
      `127.0.0.1:${port}`, '-sf', scenario, '-i', '127.0.0.2', '-p', String(localPort),
      '-t', transport === 'udp' ? 'u1' : 't1', '-m', '1', '-s', service,
      '-timeout', `${timeoutSeconds}s`, '-timeout_error', '-nostdin', '-recv_timeout', `${timeoutSeconds * 1000}`,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  ); // prettier-ignore
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const done = new Promise<SippUacResult>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  return {
    done,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await done;
      }
    },
  };
}

/** Runs a caller scenario to its end. */
export async function runSippUac(...args: Parameters<typeof startSippUac>): Promise<SippUacResult> {
  const run = await startSippUac(...args);
  return run.done;
}
