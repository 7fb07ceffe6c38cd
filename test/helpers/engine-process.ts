// Starts the built sbc-engine as a real process on loopback, for integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

export const ENGINE_SCRIPT = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'sbc-engine.mjs');

export interface EngineProcess {
  child: ChildProcess;
  port: number;
  dataDir: string;
  clockFile: string;
  output(): string;
  advanceClock(ms: number): void;
  stop(): Promise<void>;
}

export async function startEngineProcess(
  options: {
    dataDir?: string;
    port?: number;
    args?: string[];
    env?: Record<string, string>;
    /** Management host (default 127.0.0.1); another 127.0.0.0/8 address for range scans. */
    mgmtHost?: string;
    /** Engines in tests never announce on real interfaces unless a test asks (inside its namespace). */
    announce?: boolean;
    /** Prefix for the command, e.g. ['ip', 'netns', 'exec', NAME] to run inside a namespace. */
    wrap?: string[];
  } = {},
): Promise<EngineProcess> {
  const dataDir = options.dataDir ?? join(mkdtempSync(join(tmpdir(), 'sbc-engine-test-')), 'data');
  const port = options.port ?? (await freePort());
  const clockFile = join(dataDir, '..', 'clock-offset');
  let offset = 0;
  writeFileSync(clockFile, '0');
  const command = [
    process.execPath,
    ENGINE_SCRIPT,
    'run',
    '--data-dir',
    dataDir,
    '--mgmt',
    `${options.mgmtHost ?? '127.0.0.1'}:${port}`,
    '--print-setup-key',
    ...(options.announce ? [] : ['--no-announce']),
    ...(options.args ?? []),
  ];
  const [file, ...args] = [...(options.wrap ?? []), ...command];
  const child = spawn(file!, args, {
    env: {
      ...process.env,
      SBC_ENGINE_TEST_CLOCK_FILE: clockFile,
      // Whatever config a test applies, the engine's keepalives and registrations stay on loopback,
      // and its DNS questions go to a loopback port where nothing answers (the suite's network rule).
      SBC_ENGINE_TEST_LOOPBACK_ONLY: '1',
      SBC_ENGINE_TEST_DNS: '127.0.0.1:9',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start:\n${output}`)), 20_000);
    const check = () => {
      if (output.includes('[mgmt] listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    port,
    dataDir,
    clockFile,
    output: () => output,
    advanceClock(ms: number) {
      offset += ms;
      writeFileSync(clockFile, String(offset));
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A raw HTTPS call to the management API; localAddress picks the source address for lockout tests. */
export function mgmtRequest(
  port: number,
  method: string,
  path: string,
  options: {
    body?: string | Buffer;
    token?: string;
    localAddress?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: `/api/v1${path}`,
        rejectUnauthorized: false,
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: {
          ...(options.body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) }
            : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}
