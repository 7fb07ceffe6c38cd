// `sbc-studio syslog`: the syslog receiver without the UI. Prints what it bound, then its figures
// every few seconds; SIGTERM or Ctrl+C writes what is queued, lets the index catch up and exits.
// Started with an IPC channel (by the app, see services/syslog/receiver-process.ts) it also sends
// {type:'bound'} and {type:'stats'} messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatHostPort, parseHostPort } from '../../sbc-engine/config/host-port.ts';
import { defaultAppDataDir } from '../services/app-paths.ts';
import type { ListenSpec } from '../services/syslog/listeners.ts';
import { SyslogReceiver, type ReceiverOptions } from '../services/syslog/receiver.ts';
import { formatStatsLine } from '../services/syslog/stats-line.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const SYSLOG_PORT = 514;
/** Where the receiver goes when 514 is privileged or taken (rsyslog and others use it too). */
export const SYSLOG_FALLBACK_PORT = 5514;

export const SYSLOG_HELP = `Usage: sbc-studio syslog [--udp HOST:PORT]... [--tcp HOST:PORT]... [--tls HOST:PORT --cert FILE --key FILE]
                        [--dir DIR] [--retention-days N] [--max-size-mb N] [--stats-interval S] [--json]

  Receives syslog (RFC 5424 and RFC 3164) over UDP, TCP (octet counting or one message per line,
  RFC 6587) and TLS (RFC 5425), writes every message to a daily raw file in DIR first, then indexes
  it for "sbc-studio logs query". Without --udp/--tcp/--tls it listens on UDP and TCP 0.0.0.0:514,
  or on ${SYSLOG_FALLBACK_PORT} where 514 cannot be used (it says why).

Options:
  --udp HOST:PORT        a UDP listener (repeatable; port default 514)
  --tcp HOST:PORT        a TCP listener (repeatable)
  --tls HOST:PORT        a TLS listener; needs --cert and --key (PEM)
  --dir DIR              data folder (default: the app's data folder/syslog)
  --retention-days N     delete daily files older than N days (today counts as one)
  --max-size-mb N        delete the oldest daily files while all together exceed N MiB
  --stats-interval S     print figures every S seconds (default 10; 0: only at the end)
  --json                 figures as JSON lines
Stop with Ctrl+C or SIGTERM: queued messages are written before it exits.`;

function listenSpecs(values: string[] | undefined, option: string): ListenSpec[] {
  return (values ?? []).map((text) => {
    const parsed = parseHostPort(text, SYSLOG_PORT);
    if (!parsed.ok) throw new Error(`--${option}: ${parsed.error}`);
    const { host, port } = parsed.value;
    return port === SYSLOG_PORT ? { host, port, fallbackPort: SYSLOG_FALLBACK_PORT } : { host, port };
  });
}

function positiveNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new Error(`--${option}: "${value}" is not a positive number`); // prettier-ignore
  return Number(value);
}

/** Reads the options into receiver options; throws with the option's name. */
export function receiverOptionsFromArgs(
  argv: string[],
  log: (line: string) => void,
): {
  options: ReceiverOptions;
  statsIntervalS: number;
  json: boolean;
  help: boolean;
} {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      udp: { type: 'string', multiple: true },
      tcp: { type: 'string', multiple: true },
      tls: { type: 'string', multiple: true },
      cert: { type: 'string' },
      key: { type: 'string' },
      dir: { type: 'string' },
      'retention-days': { type: 'string' },
      'max-size-mb': { type: 'string' },
      'stats-interval': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length) throw new Error(`unexpected "${positionals[0]}"`);
  const udp = listenSpecs(values.udp, 'udp');
  const tcp = listenSpecs(values.tcp, 'tcp');
  const tlsSpecs = listenSpecs(values.tls, 'tls');
  if (tlsSpecs.length && (!values.cert || !values.key))
    throw new Error('--tls needs --cert FILE and --key FILE');
  const read = (file: string, option: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`--${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  };
  const tls = tlsSpecs.map((spec) => ({
    spec,
    cert: read(values.cert!, 'cert'),
    key: read(values.key!, 'key'),
  }));
  if (!udp.length && !tcp.length && !tls.length) {
    const fallback = { host: '0.0.0.0', port: SYSLOG_PORT, fallbackPort: SYSLOG_FALLBACK_PORT };
    udp.push(fallback);
    tcp.push({ ...fallback });
  }
  const days = positiveNumber(values['retention-days'], 'retention-days');
  const megabytes = positiveNumber(values['max-size-mb'], 'max-size-mb');
  const interval = values['stats-interval'] ?? '10';
  if (!/^\d+(\.\d+)?$/.test(interval))
    throw new Error(`--stats-interval: "${interval}" is not a number of seconds`);
  return {
    options: {
      dir: values.dir ?? join(defaultAppDataDir(), 'syslog'),
      udp,
      tcp,
      tls,
      retention: {
        ...(days !== undefined ? { maxAgeDays: Math.ceil(days) } : {}),
        ...(megabytes !== undefined ? { maxBytes: Math.round(megabytes * 1024 * 1024) } : {}),
      },
      log,
    },
    statsIntervalS: Number(interval),
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Runs until SIGTERM/SIGINT; the exit code. */
export async function syslogCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let parsed;
  try {
    parsed = receiverOptionsFromArgs(argv, (line) => io.err(line));
  } catch (error) {
    io.err(`sbc-studio syslog: ${(error as Error).message}\n\n${SYSLOG_HELP}`);
    return 2;
  }
  if (parsed.help) return (io.out(SYSLOG_HELP), 0);
  const { options, statsIntervalS, json } = parsed;
  const receiver = new SyslogReceiver(options);
  let bound;
  try {
    bound = await receiver.start();
  } catch (error) {
    io.err(`sbc-studio syslog: ${(error as Error).message}`);
    await receiver.stop(0);
    return 1;
  }
  for (const listener of bound) {
    if (listener.fallbackReason) io.err(`[syslog] ${listener.fallbackReason}`);
    const buffer =
      listener.recvBufferBytes !== undefined
        ? ` (receive buffer ${mib(listener.recvBufferBytes)}; the OS may cap it: see net.core.rmem_max)`
        : '';
    io.out(
      `[syslog] listening on ${listener.transport} ${formatHostPort({ host: listener.address, port: listener.port })}${buffer}`,
    );
  }
  io.out(`[syslog] writing to ${options.dir}`);
  process.send?.({ type: 'bound', listeners: bound.map(({ transport, address, port }) => ({ transport, address, port })) }); // prettier-ignore

  let previous = receiver.stats();
  let previousAt = Date.now();
  const report = () => {
    const stats = receiver.stats();
    const now = Date.now();
    io.out(json ? JSON.stringify({ type: 'stats', ...stats }) : formatStatsLine(stats, previous, (now - previousAt) / 1000)); // prettier-ignore
    process.send?.({ type: 'stats', stats });
    previous = stats;
    previousAt = now;
  };
  const timer = statsIntervalS > 0 ? setInterval(report, statsIntervalS * 1000) : undefined;
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
    process.once('disconnect', resolve);
  });
  clearInterval(timer);
  io.out('[syslog] stopping: writing what is queued and bringing the index up to date');
  await receiver.stop();
  report();
  io.out('[syslog] stopped');
  return 0;
}
