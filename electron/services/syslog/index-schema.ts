// The index database (DIR/index.sqlite) next to the raw files. It points into the raw files
// (file, byte position, length) instead of copying messages, so it stays small and can always be
// rebuilt from them: delete it and the receiver indexes every raw file again.
//
// messages      one row per raw line: times, envelope fields, flags (MessageFlags)
// sip           SIP fields from the MessageIndexer, one row per message that has any
// sip_numbers   FTS5 trigram index over the numbers of a message: "123456" finds "+4930123456"
// messages_fts  FTS5 trigram index over the whole text; filled behind the structured index
// files         per raw file: how far it is indexed (restart catch-up) and its message counts
// senders       per sender process: the last [meta sequenceId] and the gaps seen
// meta          fts_cursor: the message id up to which messages_fts is complete
import type { DatabaseSync } from './sqlite.ts';

export const SCHEMA_VERSION = 1;

/** Bits of messages.flags. */
export const MessageFlags = {
  /** No syslog header could be read: the line is kept and searchable as text. */
  unparsed: 1,
  invalidUtf8: 2,
  /** Cut at the frame size limit by the receiver. */
  truncated: 4,
  rfc3164: 8,
  rfc5424: 16,
  /** The raw line itself is not in the raw-file format (a line cut by a crash). */
  badLine: 32,
} as const;

export function createSchema(db: DatabaseSync): void {
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS files (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      indexed_offset INTEGER NOT NULL DEFAULT 0,
      messages INTEGER NOT NULL DEFAULT 0,
      unparsed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS messages (
      id INTEGER PRIMARY KEY,
      file_id INTEGER NOT NULL,
      pos INTEGER NOT NULL,
      len INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      received INTEGER NOT NULL,
      source TEXT,
      host TEXT,
      app TEXT,
      severity INTEGER,
      facility INTEGER,
      msgid TEXT,
      seq INTEGER,
      flags INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS messages_ts ON messages (ts);
    CREATE INDEX IF NOT EXISTS messages_host_ts ON messages (host, ts);
    CREATE INDEX IF NOT EXISTS messages_file ON messages (file_id);
    CREATE TABLE IF NOT EXISTS sip (
      message_id INTEGER PRIMARY KEY,
      call_id TEXT,
      method TEXT,
      status INTEGER,
      cseq TEXT,
      direction TEXT,
      peer TEXT,
      leg TEXT,
      numbers TEXT
    );
    CREATE INDEX IF NOT EXISTS sip_call_id ON sip (call_id);
    CREATE VIRTUAL TABLE IF NOT EXISTS sip_numbers USING fts5 (numbers, tokenize = 'trigram', content = '', contentless_delete = 1);
    CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5 (text, tokenize = 'trigram', content = '', contentless_delete = 1);
    CREATE TABLE IF NOT EXISTS senders (
      key TEXT PRIMARY KEY,
      last INTEGER NOT NULL,
      received INTEGER NOT NULL,
      missing INTEGER NOT NULL,
      out_of_order INTEGER NOT NULL,
      seen INTEGER NOT NULL
    );
  `);
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)`).run(
    String(SCHEMA_VERSION),
  );
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('fts_cursor', '0')`).run();
}
