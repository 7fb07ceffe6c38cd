// Starts the built `sbc-studio serve` (browser mode with its bundled engine) on free loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freeTcpUdpPort } from './ports.ts';

export const STUDIO_CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'sbc-studio.mjs');

export interface StudioProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  engineDataDir: string;
  enginePort: number;
  /** The syslog receiver's UDP and TCP port on 127.0.0.1 (set through SBC_STUDIO_SYSLOG_UDP/TCP). */
  syslogPort: number;
  output(): string;
  /** Stops the UI host and the bundled engine it started, each by its own PID. */
  stop(): Promise<void>;
}

export function waitForOutput(
  child: ChildProcess,
  read: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}:\n${read()}`)),
      timeoutMs,
    );
    const check = () => {
      const match = read().match(pattern);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(match);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${read()}`));
    });
    check();
  });
}

export function stopEngineByPidFile(engineDataDir: string): void {
  try {
    const pid = Number(readFileSync(join(engineDataDir, 'engine.pid'), 'utf8'));
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    // not running
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The app's syslog receiver stops by itself when the app goes; waits for that (bounded), else ends it. */
async function stopReceiver(output: string): Promise<void> {
  const pid = Number(/\[syslog\] receiver process started \(pid (\d+)\)/.exec(output)?.[1]);
  if (!pid) return;
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid)) process.kill(pid, 'SIGTERM');
}

export async function startStudio(
  options: { dataDir?: string; enginePort?: number; syslogPort?: number } = {},
): Promise<StudioProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sbc-studio-test-'));
  const enginePort = options.enginePort ?? (await freePort());
  // The app starts its syslog receiver; on loopback and a free port, never on 0.0.0.0:514.
  const syslogPort = options.syslogPort ?? (await freeTcpUdpPort());
  const child = spawn(
    process.execPath,
    [STUDIO_CLI, 'serve', '--port', '0', '--data-dir', dataDir, '--engine-mgmt', `127.0.0.1:${enginePort}`],
    {
      // The bundled engine inherits this: whatever profile a test applies, SIP and DNS stay on loopback.
      // Neither the bundled engine nor the app's discovery multicasts on the machine's real interfaces.
      env: {
        ...process.env,
        SBC_ENGINE_SANDBOX: 'loopback',
        SBC_ENGINE_ANNOUNCE: 'off',
        SBC_STUDIO_MDNS: 'off',
        SBC_STUDIO_SYSLOG_UDP: `127.0.0.1:${syslogPort}`,
        SBC_STUDIO_SYSLOG_TCP: `127.0.0.1:${syslogPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const [url] = await waitForOutput(child, () => output, /http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]+\//, 20_000);
  const engineDataDir = join(dataDir, 'engine');
  return {
    child,
    url: url!,
    dataDir,
    engineDataDir,
    enginePort,
    syslogPort,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      stopEngineByPidFile(engineDataDir);
      await stopReceiver(output);
    },
  };
}
