// The health history: one table of samples in node:sqlite under the app's data folder. A sample is
// what one poll saw of one target (the engine's keepalive) or what one probe from the engine found.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadSqlite, type DatabaseSync, type StatementSync } from '../syslog/sqlite.ts';
import type { HistoryPoint } from '../../api/health-views.ts';

export interface Sample {
  engineId: string;
  connectionId: string;
  target: string;
  t: number;
  source: 'poll' | 'probe';
  /** Whether the target answered (any final response). */
  ok: boolean;
  code: number | null;
  rttMs: number | null;
  /** Days left of the peer's (probe) certificate, when TLS told. */
  tlsDaysLeft: number | null;
  /** The probe's diagnosis code, or the engine's state for a poll. */
  detail: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS samples (
  engine_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  target TEXT NOT NULL,
  t INTEGER NOT NULL,
  source TEXT NOT NULL,
  ok INTEGER NOT NULL,
  code INTEGER,
  rtt REAL,
  tls_days REAL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS samples_by_connection ON samples (engine_id, connection_id, t);
CREATE INDEX IF NOT EXISTS samples_by_time ON samples (t);
`;

export class SampleStore {
  private readonly db: DatabaseSync;
  private readonly insertStatement: StatementSync;

  private constructor(db: DatabaseSync) {
    this.db = db;
    this.db.exec(SCHEMA);
    this.insertStatement = db.prepare(
      'INSERT INTO samples (engine_id, connection_id, target, t, source, ok, code, rtt, tls_days, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Opens (or creates) the database file; ':memory:' for tests. */
  static async open(file: string): Promise<SampleStore> {
    const { DatabaseSync } = await loadSqlite();
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new DatabaseSync(file);
    // WAL lets the chart read while a poll writes.
    if (file !== ':memory:') db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    return new SampleStore(db);
  }

  insert(samples: readonly Sample[]): void {
    if (!samples.length) return;
    this.db.exec('BEGIN');
    try {
      for (const s of samples) {
        this.insertStatement.run(
          s.engineId, s.connectionId, s.target, s.t, s.source, s.ok ? 1 : 0,
          s.code, s.rttMs, s.tlsDaysLeft, s.detail,
        ); // prettier-ignore
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Deletes samples older than `before` (ms); returns how many went. */
  prune(before: number): number {
    const result = this.db.prepare('DELETE FROM samples WHERE t < ?').run(before);
    return Number(result.changes);
  }

  count(): number {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n);
  }

  oldest(): number | null {
    const row = this.db.prepare('SELECT MIN(t) AS t FROM samples').get() as { t: number | null };
    return row.t;
  }

  /** When this target last answered, as stored (after an app restart the memory is empty). */
  lastAnswer(engineId: string, connectionId: string, target: string): number | null {
    const row = this.db
      .prepare(
        'SELECT MAX(t) AS t FROM samples WHERE engine_id = ? AND connection_id = ? AND target = ? AND ok = 1',
      )
      .get(engineId, connectionId, target) as { t: number | null };
    return row.t;
  }

  /** The same buckets as downsample.ts, computed by SQLite over the index. */
  history(
    engineId: string,
    connectionId: string,
    from: number,
    to: number,
    bucketMs: number,
    target?: string,
  ): HistoryPoint[] {
    const rows = this.db
      .prepare(
        `SELECT CAST((t - ?) / ? AS INTEGER) AS b, AVG(rtt) AS avg, MAX(rtt) AS max, COUNT(*) AS n, SUM(1 - ok) AS failures
           FROM samples
          WHERE engine_id = ? AND connection_id = ? AND t >= ? AND t < ? ${target ? 'AND target = ?' : ''}
          GROUP BY b ORDER BY b`,
      )
      .all(from, bucketMs, engineId, connectionId, from, to, ...(target ? [target] : [])) as {
      b: number;
      avg: number | null;
      max: number | null;
      n: number;
      failures: number;
    }[];
    return rows.map((row) => ({
      t: from + Number(row.b) * bucketMs,
      avgRttMs: row.avg,
      maxRttMs: row.max,
      samples: Number(row.n),
      failures: Number(row.failures),
    }));
  }

  close(): void {
    this.db.close();
  }
}
