// Plain queries over the index: time range, host, free text, and the SIP hooks (Call-ID, partial
// number) that the SIP parsers fill. Text search uses the trigram full-text index for what it
// already holds and reads the raw lines of the messages it has not reached yet, so a lagging
// full-text index makes a search slower, never incomplete. Read-only.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { INDEX_FILE } from './index-worker-thread.ts';
import { listRawFiles } from './raw-files.ts';
import { parseRawLine } from './raw-line.ts';
import { loadSqlite, type DatabaseSync } from './sqlite.ts';

export interface LogQuery {
  text?: string;
  /** ms since the epoch, by the message's own time (receive time when it has none). */
  since?: number;
  until?: number;
  host?: string;
  /** Hooks for the SIP parsers: exact Call-ID, and a number or part of one (≥ 3 digits is fast). */
  callId?: string;
  number?: string;
  /** The newest this many matches (by arrival), oldest first (default 1000). */
  limit?: number;
}

export interface LogRow {
  id: number;
  time: number;
  received: number;
  source: string | null;
  host: string | null;
  app: string | null;
  severity: number | null;
  facility: number | null;
  msgId: string | null;
  sequenceId: number | null;
  flags: number;
  file: string;
  /** The message as received (invalid UTF-8 shown as U+FFFD). */
  text: string;
  callId?: string | null;
}

export interface LogQueryResult {
  rows: LogRow[];
  /** Messages the full-text index has not reached (searched by reading their lines). */
  ftsLag: number;
  /** Raw bytes not in the index at all yet (a running receiver's index is catching up). */
  notIndexedBytes: number;
}

export const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** "2026-03-10T09:00", "2026-03-10", or an age: "15m", "2h", "7d" ago. */
export function parseTimeArgument(value: string, now = Date.now()): number | undefined {
  const age = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  if (age) return now - Number(age[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 's' | 'm' | 'h' | 'd']; // prettier-ignore
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A string as one FTS5 phrase (double quotes doubled). */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function readLine(dir: string, file: string, pos: number, len: number): Buffer | undefined {
  try {
    const fd = openSync(join(dir, file), 'r');
    try {
      const buffer = Buffer.allocUnsafe(len);
      const n = readSync(fd, buffer, 0, len, pos);
      return buffer.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

export async function openIndexReadOnly(dir: string): Promise<DatabaseSync> {
  const path = join(dir, INDEX_FILE);
  if (!existsSync(path)) throw new Error(`no log index in ${dir} (has a receiver written there yet?)`);
  const { DatabaseSync } = await loadSqlite();
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA query_only = 1');
  return db;
}

export async function queryLogs(dir: string, query: LogQuery): Promise<LogQueryResult> {
  const db = await openIndexReadOnly(dir);
  try {
    return runQuery(db, dir, query);
  } finally {
    db.close();
  }
}

export function runQuery(db: DatabaseSync, dir: string, query: LogQuery): LogQueryResult {
  const limit = query.limit ?? 1000;
  const ftsCursor = Number((db.prepare(`SELECT value FROM meta WHERE key = 'fts_cursor'`).get() as { value: string }).value); // prettier-ignore
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (condition: string, ...values: (string | number)[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (query.since !== undefined) add('m.ts >= ?', query.since);
  if (query.until !== undefined) add('m.ts <= ?', query.until);
  if (query.host !== undefined) add('m.host = ?', query.host);
  if (query.callId !== undefined) add('s.call_id = ?', query.callId);
  if (query.number !== undefined) {
    if (query.number.length >= 3)
      add('m.id IN (SELECT rowid FROM sip_numbers WHERE sip_numbers MATCH ?)', ftsPhrase(query.number));
    else add('instr(s.numbers, ?) > 0', query.number);
  }
  const needle = query.text?.toLowerCase();
  const useFts = needle !== undefined && needle.length >= 3;
  if (useFts) {
    // Indexed rows through FTS; newer rows are checked below by reading their lines.
    add(
      '(m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) OR m.id > ?)',
      ftsPhrase(query.text!),
      ftsCursor,
    );
  }
  const sql = `SELECT m.id, m.ts, m.received, m.source, m.host, m.app, m.severity, m.facility, m.msgid, m.seq,
      m.flags, m.pos, m.len, f.name AS file, s.call_id AS callId
    FROM messages m JOIN files f ON f.id = m.file_id LEFT JOIN sip s ON s.message_id = m.id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.id DESC`;
  type Row = {
    id: number; ts: number; received: number; source: string | null; host: string | null; app: string | null;
    severity: number | null; facility: number | null; msgid: string | null; seq: number | null; flags: number;
    pos: number; len: number; file: string; callId: string | null;
  }; // prettier-ignore
  const rows: LogRow[] = [];
  for (const row of db.prepare(sql).iterate(...params) as Iterable<Row>) {
    const line = readLine(dir, row.file, row.pos, row.len);
    const parsed = line ? parseRawLine(line) : undefined;
    const text = parsed ? parsed.raw.toString('utf8') : (line?.toString('utf8') ?? '');
    if (needle !== undefined && (!useFts || row.id > ftsCursor) && !text.toLowerCase().includes(needle))
      continue;
    rows.push({
      id: row.id,
      time: row.ts,
      received: row.received,
      source: row.source,
      host: row.host,
      app: row.app,
      severity: row.severity,
      facility: row.facility,
      msgId: row.msgid,
      sequenceId: row.seq,
      flags: row.flags,
      file: row.file,
      text,
      ...(row.callId !== null ? { callId: row.callId } : {}),
    });
    if (rows.length >= limit) break;
  }
  rows.reverse();
  const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages').get() as { id: number }).id;
  const offsets = new Map(
    (
      db.prepare('SELECT name, indexed_offset AS offset FROM files').all() as {
        name: string;
        offset: number;
      }[]
    ).map((file) => [file.name, file.offset]),
  );
  const notIndexedBytes = listRawFiles(dir).reduce(
    (sum, file) => sum + Math.max(0, file.size - (offsets.get(file.name) ?? 0)),
    0,
  );
  return { rows, ftsLag: Math.max(0, maxId - ftsCursor), notIndexedBytes };
}
