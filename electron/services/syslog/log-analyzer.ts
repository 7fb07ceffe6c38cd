// The analyzer's questions to the store: the newest lines (live tail), searches in the query
// language, calls grouped from SIP messages, one call's messages with its ladder, one message.
// Read-only: the index is opened with query_only, and SQLite's WAL lets this reader run beside the
// receiver's writer without blocking it. Every answer is bounded (rows returned, rows looked at).
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { INDEX_FILE } from './index-worker-thread.ts';
import { openIndexReadOnly } from './query.ts';
import { queryToSql } from './query-sql.ts';
import { RawReader } from './raw-reader.ts';
import type { DatabaseSync } from './sqlite.ts';
import {
  compileQuery,
  extractSip,
  formatEndpoint,
  groupCalls,
  layoutLadder,
  parseQuery,
  type CallSummary,
  type Ladder,
  type LoggedSip,
  type QueryError,
  type SipExtract,
} from './sip/index.ts';

/** Longest text of a row in a list; the whole message comes with `message()`. */
const LIST_TEXT_CHARS = 2000;
const MAX_CALL_MESSAGES = 5000;
const MAX_CALLS_SCAN = 20_000;

export interface LogRowView {
  id: number;
  time: number;
  received: number;
  source: string | null;
  host: string | null;
  app: string | null;
  severity: number | null;
  msgId: string | null;
  flags: number;
  text: string;
  /** The text was cut for the list. */
  cut: boolean;
  callId?: string;
  method?: string;
  status?: number;
  direction?: string;
}

export interface TailResult {
  rows: LogRowView[];
  /** Give this back as `after` to get what arrived since. */
  lastId: number;
  /** Newer lines than asked for that were left out (more arrived than `limit`). */
  skipped: number;
}

export type SearchResult =
  | {
      ok: true;
      rows: LogRowView[];
      /** Rows examined; the search stopped at `scanLimit` when `nextBefore` is set. */
      scanned: number;
      /** Give this back as `before` to search further back. */
      nextBefore?: number;
      ftsLag: number;
    }
  | { ok: false; error: QueryError };

export interface CallView {
  id: string;
  kind: CallSummary['kind'];
  callIds: string[];
  startTime: number;
  endTime: number;
  from?: string;
  to?: string;
  state: CallSummary['state'];
  finalStatus?: number;
  finalReason?: string;
  durationMs?: number;
  connection?: string;
  peer?: string;
  host?: string;
  linkedBy?: string;
  messages: number;
}

export interface CallsQuery {
  since?: number;
  until?: number;
  /** OPTIONS and REGISTER dialogs too (hidden by default: keepalives would drown the calls). */
  includeKeepalives?: boolean;
  limit?: number;
}

export interface CallMessage {
  id: number;
  time: number;
  host?: string;
  source: string | null;
  callId?: string;
  direction?: string;
  peer?: string;
  firstLine: string;
  sipText: string;
  truncated: boolean;
}

export interface CallDetail {
  calls: CallView[];
  messages: CallMessage[];
  ladder: Ladder;
}

export interface MessageDetail {
  id: number;
  time: number;
  received: number;
  source: string | null;
  host: string | null;
  app: string | null;
  severity: number | null;
  flags: number;
  /** The whole message as received. */
  text: string;
  /** The SIP message in it, escapes undone, and where it sits in `text`. */
  sip?: { text: string; start: number; end: number; callId?: string };
}

interface Row {
  id: number;
  ts: number;
  received: number;
  source: string | null;
  host: string | null;
  app: string | null;
  severity: number | null;
  msgid: string | null;
  flags: number;
  pos: number;
  len: number;
  file: string;
  callId: string | null;
  method: string | null;
  status: number | null;
  direction: string | null;
}

const SELECT = `SELECT m.id, m.ts, m.received, m.source, m.host, m.app, m.severity, m.msgid, m.flags, m.pos, m.len,
    f.name AS file, s.call_id AS callId, s.method, s.status, s.direction
  FROM messages m JOIN files f ON f.id = m.file_id LEFT JOIN sip s ON s.message_id = m.id`;

/** The sender's address from a raw-file SOURCE ("udp:192.0.2.10:514", "tcp:[2001:db8::1]:601"). */
export function sourceHost(source: string | null): string | undefined {
  const m = /^[a-z]+:(?:\[([^\]]+)\]|([^:]+)):\d+$/.exec(source ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

function rowView(row: Row, text: string): LogRowView {
  const cut = text.length > LIST_TEXT_CHARS;
  return {
    id: row.id,
    time: row.ts,
    received: row.received,
    source: row.source,
    host: row.host,
    app: row.app,
    severity: row.severity,
    msgId: row.msgid,
    flags: row.flags,
    text: cut ? text.slice(0, LIST_TEXT_CHARS) : text,
    cut,
    ...(row.callId !== null ? { callId: row.callId } : {}),
    ...(row.method !== null ? { method: row.method } : {}),
    ...(row.status !== null ? { status: row.status } : {}),
    ...(row.direction !== null ? { direction: row.direction } : {}),
  };
}

function partyText(summary: CallSummary, which: 'from' | 'to'): string | undefined {
  const party = summary[which];
  const number = which === 'from' ? summary.callerNumber : summary.calleeNumber;
  return number ?? party?.user ?? party?.host;
}

export function callView(summary: CallSummary): CallView {
  const from = partyText(summary, 'from');
  const to = partyText(summary, 'to');
  return {
    id: summary.id,
    kind: summary.kind,
    callIds: summary.legs.map((leg) => leg.callId),
    startTime: summary.startTime,
    endTime: summary.endTime,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    state: summary.state,
    ...(summary.finalStatus !== undefined ? { finalStatus: summary.finalStatus } : {}),
    ...(summary.finalReason ? { finalReason: summary.finalReason } : {}),
    ...(summary.durationMs !== undefined ? { durationMs: summary.durationMs } : {}),
    ...(summary.connection ? { connection: summary.connection } : {}),
    ...(summary.peer ? { peer: formatEndpoint(summary.peer) } : {}),
    ...(summary.host ? { host: summary.host } : {}),
    ...(summary.linkedBy ? { linkedBy: summary.linkedBy } : {}),
    messages: summary.legs.reduce((sum, leg) => sum + leg.messages.length, 0),
  };
}

export class LogAnalyzer {
  readonly dir: string;
  private db: DatabaseSync | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * The index, or undefined while no receiver has made one yet. Opened only once the receiver has
   * switched it to WAL and created its tables: a reader that came in earlier would hold the file
   * in rollback mode and could make the receiver's switch to WAL fail.
   */
  private async open(): Promise<DatabaseSync | undefined> {
    if (this.db) return this.db;
    const path = join(this.dir, INDEX_FILE);
    if (!existsSync(path) || !isWalDatabase(path)) return undefined;
    let db: DatabaseSync | undefined;
    try {
      db = await openIndexReadOnly(this.dir);
      const ready = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
      if (!ready || !db.prepare(`SELECT value FROM meta WHERE key = 'fts_cursor'`).get()) {
        db.close();
        return undefined;
      }
    } catch {
      db?.close();
      return undefined; // being created this very moment: the next poll finds it
    }
    this.db = db;
    return db;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private withReader<T>(work: (reader: RawReader) => T): T {
    const reader = new RawReader(this.dir);
    try {
      return work(reader);
    } finally {
      reader.close();
    }
  }

  private static text(reader: RawReader, row: { file: string; pos: number; len: number }): string {
    return reader.message(row.file, row.pos, row.len)?.toString('utf8') ?? '';
  }

  async tail(after: number | undefined, limit = 500): Promise<TailResult> {
    const db = await this.open();
    if (!db) return { rows: [], lastId: after ?? 0, skipped: 0 };
    const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages').get() as { id: number }).id;
    const rows = (after === undefined
      ? db.prepare(`${SELECT} ORDER BY m.id DESC LIMIT ?`).all(limit)
      : db
          .prepare(`${SELECT} WHERE m.id > ? ORDER BY m.id DESC LIMIT ?`)
          .all(after, limit)) as unknown as Row[];
    rows.reverse();
    const views = this.withReader((reader) => rows.map((row) => rowView(row, LogAnalyzer.text(reader, row))));
    const lastId = rows.length ? rows[rows.length - 1]!.id : Math.max(after ?? 0, after === undefined ? maxId : 0); // prettier-ignore
    const skipped = after === undefined ? 0 : Math.max(0, maxId - after - rows.length);
    return { rows: views, lastId, skipped };
  }

  async search(
    text: string,
    options: { before?: number; limit?: number; scanLimit?: number; now?: number } = {},
  ): Promise<SearchResult> {
    const parsed = parseQuery(text);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const db = await this.open();
    if (!db) return { ok: true, rows: [], scanned: 0, ftsLag: 0 };
    const now = options.now ?? Date.now();
    const limit = options.limit ?? 200;
    const scanLimit = options.scanLimit ?? 20_000;
    const ftsCursor = Number((db.prepare(`SELECT value FROM meta WHERE key = 'fts_cursor'`).get() as { value: string }).value); // prettier-ignore
    const filter = queryToSql(parsed.query, now, ftsCursor);
    if (options.before !== undefined) {
      filter.where.push('m.id < ?');
      filter.params.push(options.before);
    }
    const sql = `${SELECT} ${filter.where.length ? `WHERE ${filter.where.join(' AND ')}` : ''} ORDER BY m.id DESC`;
    const matches = compileQuery(parsed.query, { now });
    const found: LogRowView[] = [];
    let scanned = 0;
    let nextBefore: number | undefined;
    this.withReader((reader) => {
      for (const row of db.prepare(sql).iterate(...filter.params) as Iterable<Row>) {
        if (scanned >= scanLimit) {
          nextBefore = row.id + 1;
          break;
        }
        scanned++;
        const message = LogAnalyzer.text(reader, row);
        const sip = extractSip(message);
        const record = {
          time: row.ts,
          text: message,
          ...(row.host ? { host: row.host } : {}),
          ...(sip ? { sip } : {}),
        };
        if (!matches(record)) continue;
        found.push(rowView(row, message));
        if (found.length >= limit) {
          nextBefore = row.id;
          break;
        }
      }
    });
    found.reverse();
    const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages').get() as { id: number }).id;
    return {
      ok: true,
      rows: found,
      scanned,
      ...(nextBefore !== undefined ? { nextBefore } : {}),
      ftsLag: Math.max(0, maxId - ftsCursor),
    };
  }

  /** SIP messages as the pure layer takes them. */
  private logged(reader: RawReader, rows: Row[], sources?: Map<number, string | null>): LoggedSip[] {
    const out: LoggedSip[] = [];
    for (const row of rows) {
      const sip = extractSip(LogAnalyzer.text(reader, row));
      if (!sip) continue;
      sources?.set(row.id, row.source);
      const host = row.host ?? sourceHost(row.source);
      out.push({ id: row.id, time: row.ts, ...(host ? { host } : {}), sip });
    }
    return out;
  }

  async calls(query: CallsQuery = {}): Promise<{ calls: CallView[]; complete: boolean }> {
    const db = await this.open();
    if (!db) return { calls: [], complete: true };
    const where = ['s.call_id IS NOT NULL'];
    const params: (string | number)[] = [];
    if (query.since !== undefined) {
      where.push('m.ts >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      where.push('m.ts < ?');
      params.push(query.until);
    }
    if (!query.includeKeepalives) where.push(`(s.method IS NULL OR s.method NOT IN ('OPTIONS', 'REGISTER'))`);
    const rows = db
      .prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY m.id DESC LIMIT ?`)
      .all(...params, MAX_CALLS_SCAN + 1) as unknown as Row[];
    const complete = rows.length <= MAX_CALLS_SCAN;
    rows.length = Math.min(rows.length, MAX_CALLS_SCAN);
    rows.reverse();
    const messages = this.withReader((reader) => this.logged(reader, rows));
    let calls = groupCalls(messages).calls.map(callView);
    if (!query.includeKeepalives) calls = calls.filter((c) => c.kind !== 'options' && c.kind !== 'register');
    calls.reverse(); // newest first
    if (query.limit !== undefined && calls.length > query.limit) calls = calls.slice(0, query.limit);
    return { calls, complete };
  }

  private async callMessages(callIds: string[], sources?: Map<number, string | null>): Promise<LoggedSip[]> {
    const db = await this.open();
    if (!db || callIds.length === 0) return [];
    const rows = db
      .prepare(`${SELECT} WHERE s.call_id IN (${callIds.map(() => '?').join(', ')}) ORDER BY m.id LIMIT ?`)
      .all(...callIds, MAX_CALL_MESSAGES) as unknown as Row[];
    return this.withReader((reader) => this.logged(reader, rows, sources));
  }

  async call(callIds: string[], now = Date.now()): Promise<CallDetail> {
    const sources = new Map<number, string | null>();
    const logged = await this.callMessages(callIds, sources);
    return {
      calls: groupCalls(logged).calls.map(callView),
      messages: logged.map((m) => callMessage(m, sources.get(Number(m.id)) ?? null)),
      ladder: layoutLadder(logged, { now }),
    };
  }

  /** The call's messages with the ladder, for exports. */
  async callForExport(
    callIds: string[],
  ): Promise<{ messages: LoggedSip[]; ladder: Ladder; sources: Map<number, string | null> }> {
    const sources = new Map<number, string | null>();
    const logged = await this.callMessages(callIds, sources);
    return { messages: logged, ladder: layoutLadder(logged), sources };
  }

  async message(id: number): Promise<MessageDetail | undefined> {
    const db = await this.open();
    if (!db) return undefined;
    const row = db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as Row | undefined;
    if (!row) return undefined;
    const text = this.withReader((reader) => LogAnalyzer.text(reader, row));
    const sip = extractSip(text);
    return {
      id: row.id,
      time: row.ts,
      received: row.received,
      source: row.source,
      host: row.host,
      app: row.app,
      severity: row.severity,
      flags: row.flags,
      text,
      ...(sip
        ? {
            sip: {
              text: sip.sipText,
              start: sip.span.start,
              end: sip.span.end,
              ...(sip.callId ? { callId: sip.callId } : {}),
            },
          }
        : {}),
    };
  }
}

/** SQLite's header says WAL (file format versions 2 at bytes 18 and 19). */
function isWalDatabase(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(100);
      return readSync(fd, header, 0, 100, 0) === 100 && header[18] === 2 && header[19] === 2;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function firstLine(sip: SipExtract): string {
  const end = sip.sipText.indexOf('\r\n');
  return end >= 0 ? sip.sipText.slice(0, end) : sip.sipText.slice(0, 200);
}

function callMessage(m: LoggedSip, source: string | null): CallMessage {
  const { sip } = m;
  return {
    id: Number(m.id),
    time: m.time,
    ...(m.host ? { host: m.host } : {}),
    source,
    ...(sip.callId ? { callId: sip.callId } : {}),
    ...(sip.direction ? { direction: sip.direction } : {}),
    ...(sip.peer ? { peer: formatEndpoint(sip.peer) } : {}),
    firstLine: firstLine(sip),
    sipText: sip.sipText,
    truncated: sip.truncated,
  };
}
