// Writes the index from raw-file bytes: one transaction per batch of complete lines, which also
// moves the file's indexed offset, so after a crash the index resumes exactly where its last
// committed batch ended (no line twice, none skipped). Synchronous (node:sqlite); runs in the
// index worker, never on the thread that reads the sockets.
import { isUtf8 } from 'node:buffer';
import { MessageFlags, createSchema } from './index-schema.ts';
import { noSipIndexer, type MessageIndexer, type SipFields } from './message-indexer.ts';
import { parseEnvelope } from './parse/envelope.ts';
import { parseRawLine } from './raw-line.ts';
import { observeSequence, senderKey, type SenderSequence } from './sequence-gaps.ts';
import type { DatabaseSync, StatementSync } from './sqlite.ts';

const MAX_FIELD = 255;

export interface FileState {
  id: number;
  name: string;
  indexedOffset: number;
  messages: number;
  unparsed: number;
}

export interface IndexCounts {
  messages: number;
  unparsed: number;
  /** Messages not yet in the full-text index. */
  ftsLag: number;
  senders: number;
  sequenceMissing: number;
  sequenceOutOfOrder: number;
}

function cap(value: string | undefined): string | null {
  return value === undefined ? null : value.length > MAX_FIELD ? value.slice(0, MAX_FIELD) : value;
}

export class IndexStore {
  readonly db: DatabaseSync;
  private readonly indexer: MessageIndexer;
  private readonly senders = new Map<string, SenderSequence>();
  private readonly statements: Record<string, StatementSync>;

  constructor(db: DatabaseSync, indexer: MessageIndexer = noSipIndexer) {
    this.db = db;
    this.indexer = indexer;
    createSchema(db);
    this.statements = {
      insertMessage: db.prepare(
        `INSERT INTO messages (file_id, pos, len, ts, received, source, host, app, severity, facility, msgid, seq, flags)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSip: db.prepare(
        `INSERT INTO sip (message_id, call_id, method, status, cseq, direction, peer, leg, numbers)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertNumbers: db.prepare(`INSERT INTO sip_numbers (rowid, numbers) VALUES (?, ?)`),
      fileByName: db.prepare(`SELECT id, name, indexed_offset AS indexedOffset, messages, unparsed FROM files WHERE name = ?`), // prettier-ignore
      insertFile: db.prepare(`INSERT INTO files (name) VALUES (?)`),
      updateFile: db.prepare(`UPDATE files SET indexed_offset = ?, messages = messages + ?, unparsed = unparsed + ? WHERE id = ?`), // prettier-ignore
      sender: db.prepare(
        `SELECT key, last, received, missing, out_of_order AS outOfOrder FROM senders WHERE key = ?`,
      ),
      saveSender: db.prepare(
        `INSERT OR REPLACE INTO senders (key, last, received, missing, out_of_order, seen) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      ftsCursor: db.prepare(`SELECT value FROM meta WHERE key = 'fts_cursor'`),
      setFtsCursor: db.prepare(`UPDATE meta SET value = ? WHERE key = 'fts_cursor'`),
      ftsRows: db.prepare(
        `SELECT m.id AS id, f.name AS name, m.pos AS pos, m.len AS len FROM messages m JOIN files f ON f.id = m.file_id
         WHERE m.id > ? ORDER BY m.id LIMIT ?`,
      ),
      insertFts: db.prepare(`INSERT INTO messages_fts (rowid, text) VALUES (?, ?)`),
    };
  }

  file(name: string): FileState {
    const found = this.statements.fileByName!.get(name) as FileState | undefined;
    if (found) return { ...found };
    this.statements.insertFile!.run(name);
    return this.file(name);
  }

  files(): FileState[] {
    return this.db
      .prepare(
        `SELECT id, name, indexed_offset AS indexedOffset, messages, unparsed FROM files ORDER BY name`,
      )
      .all() as unknown as FileState[];
  }

  /**
   * Indexes the complete lines in `bytes`, which start at the file's indexed offset. Returns how
   * many bytes that was (up to the last LF): the rest is a line still being written.
   */
  indexBytes(name: string, bytes: Buffer): { consumed: number; messages: number } {
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) return { consumed: 0, messages: 0 };
    const file = this.file(name);
    const dirty = new Set<SenderSequence>();
    let messages = 0;
    let unparsed = 0;
    this.db.exec('BEGIN');
    try {
      for (let start = 0; start < end;) {
        const lf = bytes.indexOf(0x0a, start);
        if (lf > start) {
          const flags = this.indexLine(file, file.indexedOffset + start, bytes.subarray(start, lf), dirty);
          if (flags & (MessageFlags.unparsed | MessageFlags.badLine)) unparsed++;
          messages++;
        }
        start = lf + 1;
      }
      const now = Date.now();
      for (const state of dirty)
        this.statements.saveSender!.run(
          state.key,
          state.last,
          state.received,
          state.missing,
          state.outOfOrder,
          now,
        );
      this.statements.updateFile!.run(file.indexedOffset + end, messages, unparsed, file.id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      this.senders.clear(); // reloaded from the database, which has the committed state
      throw error;
    }
    return { consumed: end, messages };
  }

  private indexLine(file: FileState, pos: number, line: Buffer, dirty: Set<SenderSequence>): number {
    const parsed = parseRawLine(line);
    if (!parsed) {
      const now = Date.now();
      const flags = MessageFlags.badLine | MessageFlags.unparsed;
      this.statements.insertMessage!.run(file.id, pos, line.length, now, now, null, null, null, null, null, null, null, flags); // prettier-ignore
      return flags;
    }
    const parsedTime = Date.parse(parsed.time);
    const received = Number.isNaN(parsedTime) ? Date.now() : parsedTime;
    let flags = parsed.truncated ? MessageFlags.truncated : 0;
    if (!isUtf8(parsed.raw)) flags |= MessageFlags.invalidUtf8;
    const text = parsed.raw.toString('utf8');
    const envelope = parseEnvelope(text, received);
    if (envelope.format === 'unknown') flags |= MessageFlags.unparsed;
    else flags |= envelope.format === 'rfc5424' ? MessageFlags.rfc5424 : MessageFlags.rfc3164;
    if (envelope.sequenceId !== undefined) {
      const key = senderKey(parsed.source, envelope.host, envelope.app, envelope.procId);
      const state = observeSequence(this.sender(key), key, envelope.sequenceId);
      this.senders.set(key, state);
      dirty.add(state);
    }
    const result = this.statements.insertMessage!.run(
      file.id,
      pos,
      line.length,
      envelope.time ?? received,
      received,
      parsed.source,
      cap(envelope.host),
      cap(envelope.app),
      envelope.severity ?? null,
      envelope.facility ?? null,
      cap(envelope.msgId),
      envelope.sequenceId ?? null,
      flags,
    );
    let sip: SipFields | undefined;
    try {
      sip = this.indexer.extract({
        envelope,
        text,
        msg: text.slice(envelope.msgStart),
        source: parsed.source,
        receivedAt: received,
      });
    } catch {
      sip = undefined; // an indexer bug must not stop the store; the message is indexed without SIP fields
    }
    if (sip) this.insertSip(Number(result.lastInsertRowid), sip);
    return flags;
  }

  private insertSip(id: number, sip: SipFields): void {
    const numbers = sip.numbers?.length ? sip.numbers.join(' ') : null;
    this.statements.insertSip!.run(
      id,
      cap(sip.callId),
      cap(sip.method),
      sip.status ?? null,
      cap(sip.cseq),
      sip.direction ?? null,
      cap(sip.peer),
      cap(sip.leg),
      numbers,
    );
    if (numbers) this.statements.insertNumbers!.run(id, numbers);
  }

  private sender(key: string): SenderSequence | undefined {
    const cached = this.senders.get(key);
    if (cached) return cached;
    const row = this.statements.sender!.get(key) as SenderSequence | undefined;
    return row ? { ...row } : undefined;
  }

  ftsCursor(): number {
    return Number((this.statements.ftsCursor!.get() as { value: string }).value);
  }

  /**
   * Adds up to `limit` messages to the full-text index, reading their lines through `readLines`
   * (file name, start, end → bytes). Returns how many were added.
   */
  ftsStep(limit: number, readSpan: (name: string, start: number, end: number) => Buffer | undefined): number {
    const rows = this.statements.ftsRows!.all(this.ftsCursor(), limit) as {
      id: number;
      name: string;
      pos: number;
      len: number;
    }[];
    if (rows.length === 0) return 0;
    this.db.exec('BEGIN');
    try {
      // Rows of one file are mostly consecutive: read each run of them in one go.
      for (let i = 0; i < rows.length;) {
        let j = i + 1;
        while (j < rows.length && rows[j]!.name === rows[i]!.name && rows[j]!.pos >= rows[j - 1]!.pos) j++;
        const start = rows[i]!.pos;
        const end = Math.max(...rows.slice(i, j).map((row) => row.pos + row.len));
        const span = readSpan(rows[i]!.name, start, end);
        for (const row of rows.slice(i, j)) {
          const line = span?.subarray(row.pos - start, row.pos - start + row.len);
          if (!line || line.length === 0) continue; // its file is gone (retention)
          const parsed = parseRawLine(line);
          this.statements.insertFts!.run(row.id, (parsed ? parsed.raw : line).toString('utf8'));
        }
        i = j;
      }
      this.statements.setFtsCursor!.run(String(rows[rows.length - 1]!.id));
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return rows.length;
  }

  /** Removes a raw file's rows from every table (retention, or a file that disappeared). */
  deleteFile(name: string): number {
    const file = this.statements.fileByName!.get(name) as FileState | undefined;
    if (!file) return 0;
    this.db.exec('BEGIN');
    try {
      const ids = `SELECT id FROM messages WHERE file_id = ${Number(file.id)}`;
      this.db.exec(`DELETE FROM messages_fts WHERE rowid IN (${ids})`);
      this.db.exec(
        `DELETE FROM sip_numbers WHERE rowid IN (SELECT message_id FROM sip WHERE message_id IN (${ids}))`,
      );
      this.db.exec(`DELETE FROM sip WHERE message_id IN (${ids})`);
      this.db.exec(`DELETE FROM messages WHERE file_id = ${Number(file.id)}`);
      this.db.exec(`DELETE FROM files WHERE id = ${Number(file.id)}`);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return file.messages;
  }

  counts(): IndexCounts {
    const files = this.db.prepare(`SELECT coalesce(sum(messages), 0) AS messages, coalesce(sum(unparsed), 0) AS unparsed FROM files`).get() as { messages: number; unparsed: number }; // prettier-ignore
    const maxId = (this.db.prepare(`SELECT coalesce(max(id), 0) AS id FROM messages`).get() as { id: number })
      .id;
    const senders = this.db
      .prepare(
        `SELECT count(*) AS senders, coalesce(sum(missing), 0) AS missing, coalesce(sum(out_of_order), 0) AS outOfOrder FROM senders`,
      ) // prettier-ignore
      .get() as { senders: number; missing: number; outOfOrder: number };
    return {
      messages: files.messages,
      unparsed: files.unparsed,
      ftsLag: Math.max(0, maxId - this.ftsCursor()),
      senders: senders.senders,
      sequenceMissing: senders.missing,
      sequenceOutOfOrder: senders.outOfOrder,
    };
  }

  senderRows(): SenderSequence[] {
    return this.db
      .prepare(`SELECT key, last, received, missing, out_of_order AS outOfOrder FROM senders ORDER BY key`)
      .all() as unknown as SenderSequence[];
  }
}
