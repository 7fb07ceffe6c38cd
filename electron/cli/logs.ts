// `sbc-studio logs query`: searches a receiver's data folder through its index (see
// services/syslog/query.ts). The SIP options (--call-id, --number) arrive with the SIP parsers; the
// query library already takes them.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAppDataDir } from '../services/app-paths.ts';
import { formatLocalTime } from '../services/syslog/local-time.ts';
import { parseTimeArgument, queryLogs, type LogQuery } from '../services/syslog/query.ts';
import { encodeRaw, maxEncodedLength } from '../services/syslog/raw-line.ts';
import { consoleOutput, type CliOutput } from './output.ts';

export const LOGS_HELP = `Usage: sbc-studio logs query [--dir DIR] [--text T] [--since T] [--until T] [--host H] [--limit N] [--json]

  Searches the syslog a receiver ("sbc-studio syslog") stored in DIR: the newest matches, oldest
  first, one message per line as received (line breaks inside a message shown as \\r\\n).

Options:
  --dir DIR          the receiver's data folder (default: the app's data folder/syslog)
  --text T           messages containing T (any case)
  --since T          from this time: 2026-03-10T09:00, 2026-03-10, or an age such as 15m, 2h, 7d
  --until T          up to this time (same forms)
  --host H           messages whose header names host H
  --limit N          at most N messages (default 1000)
  --json             {rows, ftsLag, notIndexedBytes} as JSON
Exit code: 0 messages found, 1 none found, 2 bad options or no index in DIR.`;

function oneLine(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(maxEncodedLength(bytes.length));
  return out.subarray(0, encodeRaw(bytes, out, 0)).toString('utf8');
}

export async function logsCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let query: LogQuery;
  let dir: string;
  let json: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        text: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        host: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return (io.out(LOGS_HELP), 0);
    if (positionals[0] !== 'query' || positionals.length > 1)
      throw new Error(positionals[0] ? `unknown subcommand "${positionals.join(' ')}"` : 'expected "query"');
    const time = (option: 'since' | 'until') => {
      const value = values[option];
      if (value === undefined) return {};
      const ms = parseTimeArgument(value);
      if (ms === undefined)
        throw new Error(`--${option}: "${value}" is not a time (2026-03-10T09:00, 15m, 2h, 7d)`);
      return { [option]: ms };
    };
    if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit))
      throw new Error(`--limit: "${values.limit}" is not a positive whole number`);
    query = {
      ...(values.text !== undefined ? { text: values.text } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values.limit !== undefined ? { limit: Number(values.limit) } : {}),
      ...time('since'),
      ...time('until'),
    };
    dir = values.dir ?? join(defaultAppDataDir(), 'syslog');
    json = values.json ?? false;
  } catch (error) {
    io.err(`sbc-studio logs: ${(error as Error).message}\n\n${LOGS_HELP}`);
    return 2;
  }
  let result;
  try {
    result = await queryLogs(dir, query);
  } catch (error) {
    io.err(`sbc-studio logs: ${(error as Error).message}`);
    return 2;
  }
  if (json) io.out(JSON.stringify(result, null, 1));
  else {
    for (const row of result.rows)
      io.out(`${formatLocalTime(row.received)} ${row.source ?? '-'} ${oneLine(row.text)}`);
    if (result.notIndexedBytes > 0)
      io.err(`(the index is still ${result.notIndexedBytes} bytes behind the raw files: the newest messages may be missing)`); // prettier-ignore
  }
  return result.rows.length > 0 ? 0 : 1;
}
