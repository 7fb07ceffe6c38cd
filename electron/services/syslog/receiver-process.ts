// The receiver as its own process, for the app: `sbc-studio syslog` started with an IPC channel, so
// a flood of log lines never competes with the UI or the management calls for the main process's
// event loop. The child reports {type:'bound'} once and {type:'stats'} at each interval; stop()
// sends SIGTERM, which writes what is queued before the child exits.
import { fork, type ChildProcess } from 'node:child_process';
import type { ReceiverStats } from './receiver.ts';

export interface ReceiverProcessOptions {
  /** The built CLI bundle (dist/cli/sbc-studio.mjs). */
  cliScript: string;
  /** `syslog` options, as on the command line: ['--udp', '0.0.0.0:514', '--dir', DIR]. */
  args: string[];
  statsIntervalS?: number;
  onBound?(listeners: { transport: string; address: string; port: number }[]): void;
  onStats?(stats: ReceiverStats): void;
  onOutput?(line: string): void;
}

export interface ReceiverProcess {
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** What `sbc-studio syslog` prints once everything is written and indexed. */
const STOPPED_LINE = '[syslog] stopped';
/** SIGKILL after this long: the child's own index budget is 5 s plus its figures. */
const STOP_TIMEOUT_MS = 20_000;

type ChildMessage =
  | { type: 'bound'; listeners: { transport: string; address: string; port: number }[] }
  | { type: 'stats'; stats: ReceiverStats };

export function spawnReceiverProcess(options: ReceiverProcessOptions): ReceiverProcess {
  const child = fork(
    options.cliScript,
    ['syslog', '--stats-interval', String(options.statsIntervalS ?? 1), ...options.args],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  const forward = (data: Buffer) => {
    for (const line of data.toString('utf8').split('\n')) {
      if (!line) continue;
      // The open IPC channel would keep the child alive after it has finished: let it go.
      if (line === STOPPED_LINE && child.connected) child.disconnect();
      options.onOutput?.(line);
    }
  };
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'bound') options.onBound?.(message.listeners);
    else if (message.type === 'stats') options.onStats?.(message.stats);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
