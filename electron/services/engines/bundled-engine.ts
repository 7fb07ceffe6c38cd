// The engine that ships with the app: started as a detached background process when none answers
// on its management port, attached to when one does. Its lifetime is its own: closing the window
// never stops it, only an explicit stop does.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../../../sbc-engine/config/data-files.ts';
import { callMgmt } from './mgmt-client.ts';

export interface BundledEngineOptions {
  /** The engine's own data folder. */
  dataDir: string;
  host: string;
  port: number;
  /** How to run `sbc-engine`: Node (or Electron as Node) and the engine script. */
  execPath: string;
  execArgs: string[];
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  startTimeoutMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class BundledEngine {
  private readonly options: BundledEngineOptions;
  private starting: Promise<'attached' | 'started'> | undefined;
  private lastStartError: string | undefined;

  constructor(options: BundledEngineOptions) {
    this.options = options;
  }

  get logFile(): string {
    return join(this.options.dataDir, DATA_FILES.log);
  }

  /** True when something answers /identity on the engine's management port. */
  async isRunning(): Promise<boolean> {
    return (await this.identityId()) !== undefined;
  }

  /** The id of the engine answering on the port, if anything answers. */
  private async identityId(): Promise<string | undefined> {
    try {
      const { response } = await callMgmt(
        this.options,
        'identity',
        {},
        { checkFingerprint: () => {}, timeoutMs: 1500 },
      );
      return response.id;
    } catch {
      return undefined;
    }
  }

  /** What a person should know about the bundled engine right now. */
  get status(): { starting: boolean; lastStartError?: string } {
    return {
      starting: this.starting !== undefined,
      ...(this.lastStartError ? { lastStartError: this.lastStartError } : {}),
    };
  }

  ensureRunning(): Promise<'attached' | 'started'> {
    this.starting ??= this.startIfNeeded()
      .then(
        (how) => {
          this.lastStartError = undefined;
          return how;
        },
        (error: Error) => {
          this.lastStartError = error.message;
          throw error;
        },
      )
      .finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startIfNeeded(): Promise<'attached' | 'started'> {
    const { host, port, dataDir, log } = this.options;
    if (await this.isRunning()) {
      log(`[engines] attached to the bundled engine on ${host}:${port}`);
      return 'attached';
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // The engine prints its setup key on first start: its log is as private as the key file.
    const logFd = openSync(this.logFile, 'a', 0o600);
    let exited: string | undefined;
    try {
      const child = spawn(
        this.options.execPath,
        [
          ...this.options.execArgs,
          'run',
          '--data-dir',
          dataDir,
          '--mgmt',
          `${host.includes(':') ? `[${host}]` : host}:${port}`,
        ],
        {
          detached: true,
          stdio: ['ignore', logFd, logFd],
          env: engineEnvironment(this.options.env),
          windowsHide: true,
        },
      );
      child.once('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
      child.once('error', (error) => (exited = error.message));
      child.unref();
      log(`[engines] started the bundled engine (pid ${child.pid}); its log is ${this.logFile}`);
    } finally {
      closeSync(logFd);
    }
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 20_000);
    while (Date.now() < deadline) {
      if (exited) throw new Error(`The bundled engine ${exited}: ${this.lastLogLines()}`);
      if (await this.isRunning()) return 'started';
      await sleep(200);
    }
    throw new Error(`The bundled engine did not answer on ${host}:${port} in time: ${this.lastLogLines()}`);
  }

  /** Stops the engine that holds the data folder, by the PID it wrote there. */
  async stop(): Promise<boolean> {
    // A PID file left behind by a crash may name an unrelated process by now: only when the engine
    // answering on the port is the one of this data folder is its PID signalled.
    const answering = await this.identityId();
    if (answering === undefined || answering !== this.folderEngineId()) return false;
    let pid: number;
    try {
      pid = Number(readFileSync(join(this.options.dataDir, DATA_FILES.pid), 'utf8').trim());
    } catch {
      return false;
    }
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return false; // already gone
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        process.kill(pid, 0);
      } catch {
        this.options.log(`[engines] the bundled engine (pid ${pid}) stopped`);
        return true;
      }
      await sleep(100);
    }
    throw new Error(`The bundled engine (pid ${pid}) did not stop within 10 s`);
  }

  private folderEngineId(): string | undefined {
    try {
      return (
        JSON.parse(readFileSync(join(this.options.dataDir, DATA_FILES.engine), 'utf8')) as { id?: string }
      ).id;
    } catch {
      return undefined;
    }
  }

  private lastLogLines(): string {
    try {
      return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-3).join(' | ');
    } catch {
      return 'no log written';
    }
  }
}

/** The engine gets the app's environment minus test hooks, which must never reach a real engine. */
export function engineEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('SBC_ENGINE_TEST_')));
}
