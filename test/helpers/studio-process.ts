// Starts the built `sbc-studio serve` (browser mode with its bundled engine) on free loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

export const STUDIO_CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'sbc-studio.mjs');

export interface StudioProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  engineDataDir: string;
  enginePort: number;
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

export async function startStudio(
  options: { dataDir?: string; enginePort?: number } = {},
): Promise<StudioProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sbc-studio-test-'));
  const enginePort = options.enginePort ?? (await freePort());
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
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      stopEngineByPidFile(engineDataDir);
    },
  };
}
