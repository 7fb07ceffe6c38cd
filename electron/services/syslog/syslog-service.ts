// The app's side of the syslog receiver: starts `sbc-studio syslog` as its own process (so a flood
// never competes with the UI for the main process), keeps what it reported (bound sockets, figures,
// its console lines) for the status view, and answers the analyzer's queries from the index, which
// the app opens read-only: SQLite in WAL mode lets readers run beside the receiver's writer without
// ever making it wait.
import { existsSync, mkdirSync } from 'node:fs';
import type { SettingsStore } from '../settings/settings-store.ts';
import { ServiceError } from '../service-error.ts';
import { LogAnalyzer } from './log-analyzer.ts';
import type { ReceiverStats } from './receiver.ts';
import { spawnReceiverProcess, type ReceiverProcess } from './receiver-process.ts';
import {
  checkListen,
  effectiveSyslogSettings,
  readSyslogSettings,
  receiverArgs,
  SYSLOG_SETTINGS_KEY,
  type SyslogSettings,
} from './syslog-settings.ts';

export type ReceiverState = 'stopped' | 'starting' | 'running' | 'failed' | 'unavailable';

export interface BoundSocket {
  transport: string;
  address: string;
  port: number;
}

export interface SyslogStatus {
  state: ReceiverState;
  dataDir: string;
  pid?: number;
  listeners: BoundSocket[];
  /** The receiver's own words: fallback ports, failures (newest last, a few). */
  notes: string[];
  stats?: ReceiverStats;
  settings: SyslogSettings;
  /** Listeners overridden by the environment for this run (SBC_STUDIO_SYSLOG_UDP/TCP). */
  overridden: boolean;
  error?: string;
}

export interface SyslogServiceOptions {
  /** `<app data>/syslog`. */
  dataDir: string;
  /** The built CLI (dist/cli/sbc-studio.mjs); the receiver is unavailable without it. */
  cliScript: string;
  store: SettingsStore;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  statsIntervalS?: number;
}

const MAX_NOTES = 20;
const START_TIMEOUT_MS = 15_000;

export class SyslogService {
  readonly analyzer: LogAnalyzer;
  private readonly options: SyslogServiceOptions;
  private readonly log: (line: string) => void;
  private process: ReceiverProcess | undefined;
  private state: ReceiverState = 'stopped';
  private listeners: BoundSocket[] = [];
  private notes: string[] = [];
  private stats: ReceiverStats | undefined;
  private error: string | undefined;
  private starting: Promise<SyslogStatus> | undefined;

  constructor(options: SyslogServiceOptions) {
    this.options = options;
    this.log = options.log ?? (() => {});
    this.analyzer = new LogAnalyzer(options.dataDir);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** The listeners actually bound (empty while stopped). */
  boundListeners(): BoundSocket[] {
    return [...this.listeners];
  }

  settings(): SyslogSettings {
    return effectiveSyslogSettings(this.options.store, this.options.env ?? process.env);
  }

  status(): SyslogStatus {
    const env = this.options.env ?? process.env;
    return {
      state: this.state,
      dataDir: this.options.dataDir,
      ...(this.process?.child.pid !== undefined && this.state !== 'stopped' ? { pid: this.process.child.pid } : {}), // prettier-ignore
      listeners: [...this.listeners],
      notes: [...this.notes],
      ...(this.stats ? { stats: this.stats } : {}),
      settings: this.settings(),
      overridden: Boolean(env.SBC_STUDIO_SYSLOG_UDP || env.SBC_STUDIO_SYSLOG_TCP),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Saves new listeners (checked) and restarts a running receiver with them. */
  async configure(changes: Partial<SyslogSettings>): Promise<SyslogStatus> {
    const next = { ...readSyslogSettings(this.options.store), ...changes };
    try {
      next.udp = next.udp.map((spec, i) => checkListen(spec, `udp[${i}]`));
      next.tcp = next.tcp.map((spec, i) => checkListen(spec, `tcp[${i}]`));
    } catch (error) {
      throw new ServiceError('invalid-input', (error as Error).message);
    }
    this.options.store.set(SYSLOG_SETTINGS_KEY, next);
    if (this.state === 'running' || this.state === 'starting') {
      await this.stop();
      return this.start();
    }
    return this.status();
  }

  private note(line: string): void {
    this.notes.push(line);
    if (this.notes.length > MAX_NOTES) this.notes.splice(0, this.notes.length - MAX_NOTES);
  }

  /** Starts the receiver process; resolves once it has bound its sockets (or failed to). */
  start(): Promise<SyslogStatus> {
    if (this.state === 'running') return Promise.resolve(this.status());
    this.starting ??= this.spawn().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async spawn(): Promise<SyslogStatus> {
    const settings = this.settings();
    if (!existsSync(this.options.cliScript)) {
      this.state = 'unavailable';
      this.error = `The syslog receiver is not built here (${this.options.cliScript} is missing).`;
      return this.status();
    }
    if (settings.udp.length === 0 && settings.tcp.length === 0) {
      this.state = 'failed';
      this.error = 'No UDP or TCP listener is configured: add one to receive syslog.';
      return this.status();
    }
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    this.state = 'starting';
    this.error = undefined;
    this.notes = [];
    this.listeners = [];
    this.stats = undefined;
    let settle: () => void = () => {};
    const ready = new Promise<void>((resolve) => (settle = resolve));
    const child = spawnReceiverProcess({
      cliScript: this.options.cliScript,
      args: receiverArgs(settings, this.options.dataDir),
      statsIntervalS: this.options.statsIntervalS ?? 1,
      onBound: (listeners) => {
        this.listeners = listeners;
        this.state = 'running';
        settle();
      },
      onStats: (stats) => (this.stats = stats),
      onOutput: (line) => {
        // Figures arrive over IPC; the console lines worth keeping are the rest (fallbacks, errors).
        if (line.startsWith('[syslog] received ')) return;
        this.note(line);
        this.log(line.startsWith('[syslog]') ? line : `[syslog] ${line}`);
      },
    });
    this.process = child;
    // The receiver must not keep a test runner or a quitting app alive; it stops by itself when
    // this process goes (the IPC channel closes).
    child.child.unref();
    child.child.channel?.unref();
    (child.child.stdout as { unref?: () => void } | null)?.unref?.();
    (child.child.stderr as { unref?: () => void } | null)?.unref?.();
    this.log(`[syslog] receiver process started (pid ${child.child.pid}), data in ${this.options.dataDir}`);
    child.child.once('exit', (code, signal) => {
      if (this.process !== child) return;
      this.process = undefined;
      this.listeners = [];
      if (this.state !== 'stopped') {
        this.state = 'failed';
        this.error =
          this.notes.filter((line) => /sbc-studio syslog:/.test(line)).pop()?.replace(/^sbc-studio syslog: /, '') ?? // prettier-ignore
          `The receiver stopped unexpectedly (${signal ?? `exit code ${code}`}).`;
      }
      settle();
    });
    const timer = setTimeout(settle, START_TIMEOUT_MS);
    await ready;
    clearTimeout(timer);
    if (this.state === 'starting') {
      this.state = 'failed';
      this.error = 'The receiver did not report its sockets in time.';
    }
    return this.status();
  }

  async stop(): Promise<SyslogStatus> {
    await this.starting;
    const running = this.process;
    this.state = 'stopped';
    this.listeners = [];
    if (running) {
      this.process = undefined;
      running.child.ref(); // wait for it to finish writing, even when nothing else keeps this process up
      await running.stop();
    }
    return this.status();
  }
}
