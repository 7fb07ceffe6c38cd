// The store on real files and a real node:sqlite index: raw files first, index caught up from them
// (also after a restart and after a torn last line), text search complete while the full-text index
// lags, the SIP hook's numbers found by any part, retention removing files and rows together.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MessageFlags } from '../../../../../electron/services/syslog/index-schema.ts';
import { IndexRunner } from '../../../../../electron/services/syslog/index-runner.ts';
import { IndexStore } from '../../../../../electron/services/syslog/index-store.ts';
import { INDEX_FILE } from '../../../../../electron/services/syslog/index-worker-thread.ts';
import type { MessageIndexer } from '../../../../../electron/services/syslog/message-indexer.ts';
import { runQuery } from '../../../../../electron/services/syslog/query.ts';
import { RawWriter } from '../../../../../electron/services/syslog/raw-writer.ts';
import { loadSqlite } from '../../../../../electron/services/syslog/sqlite.ts';

const { DatabaseSync } = await loadSqlite();

/** A stand-in for the SIP parsers: numbers and Call-ID from "call ID from NUMBER". */
const fakeSip: MessageIndexer = {
  extract({ msg }) {
    const match = /^call (\S+) from (\S+)/.exec(msg);
    return match ? { callId: match[1]!, numbers: [match[2]!], method: 'INVITE' } : undefined;
  },
};

function open(
  dir: string,
  indexer?: MessageIndexer,
): { store: IndexStore; runner: IndexRunner; close(): void } {
  const db = new DatabaseSync(join(dir, INDEX_FILE));
  const store = new IndexStore(db, indexer);
  return { store, runner: new IndexRunner(dir, store, { maxAgeDays: 2 }), close: () => db.close() };
}

async function write(dir: string, messages: (string | Buffer)[], now = Date.now()): Promise<void> {
  const writer = new RawWriter({ dir, now: () => now });
  for (const message of messages) writer.append(typeof message === 'string' ? Buffer.from(message) : message, 'udp:192.0.2.10:514'); // prettier-ignore
  await writer.close();
}

const engine = (seq: number, text: string) =>
  `<134>1 2026-03-10T09:00:00.000+01:00 sbc1 sbc-engine 2817 SIP_TRACE [meta sequenceId="${seq}"] ${text}`;

describe('index store', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'sbc-logstore-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('indexes what the writer wrote, keeps unparseable and invalid UTF-8 lines, marks them', async () => {
    await write(dir, [
      engine(1, 'call a1@pbx from +4930123456'),
      engine(2, 'INVITE sip:x SIP/2.0\r\nVia: y\r\n\r\n'),
      'garbage without any header',
      Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0x66, 0xff, 0xfe]),
    ]);
    const { store, runner, close } = open(dir, fakeSip);
    assert.equal(runner.catchUp(), 4);
    const { rows } = runQuery(store.db, dir, {});
    assert.equal(rows.length, 4);
    assert.equal(
      rows[1]!.text,
      engine(2, 'INVITE sip:x SIP/2.0\r\nVia: y\r\n\r\n'),
      'multi-line message intact',
    );
    assert.ok(rows[2]!.flags & MessageFlags.unparsed);
    assert.ok(rows[3]!.flags & MessageFlags.invalidUtf8);
    assert.equal(rows[0]!.sequenceId, 1);
    assert.equal(rows[0]!.host, 'sbc1');
    assert.equal(rows[0]!.time, Date.UTC(2026, 2, 10, 8, 0, 0));
    close();
  });

  it('finds a number by any part of it and a Call-ID through the SIP hook', () => {
    const { store, close } = open(dir, fakeSip);
    assert.deepEqual(
      runQuery(store.db, dir, { number: '123456' }).rows.map((r) => r.callId),
      ['a1@pbx'],
    );
    assert.deepEqual(runQuery(store.db, dir, { number: '4930' }).rows.length, 1);
    assert.deepEqual(runQuery(store.db, dir, { number: '999' }).rows.length, 0);
    assert.equal(runQuery(store.db, dir, { callId: 'a1@pbx' }).rows.length, 1);
    close();
  });

  it('text search is complete while the full-text index lags, and the same once it caught up', () => {
    const { store, runner, close } = open(dir, fakeSip);
    const before = runQuery(store.db, dir, { text: 'via: Y' });
    assert.equal(before.ftsLag, 4);
    assert.equal(before.rows.length, 1);
    while (runner.ftsStep(1) > 0);
    const afterFts = runQuery(store.db, dir, { text: 'via: Y' });
    assert.equal(afterFts.ftsLag, 0);
    assert.deepEqual(
      afterFts.rows.map((r) => r.id),
      before.rows.map((r) => r.id),
    );
    assert.equal(runQuery(store.db, dir, { text: 'no such text' }).rows.length, 0);
    close();
  });

  it('after a restart it indexes only the new lines, and a torn last line becomes its own marked line', async () => {
    const file = join(
      dir,
      (await import('node:fs')).readdirSync(dir).find((name) => name.endsWith('.log'))!,
    );
    appendFileSync(file, '2026-03-10T09:00:00.000+01:00 udp:192.0.2.10:514 - <13>1 cut by a cr'); // kill -9 mid-line
    await write(dir, [engine(5, 'after the restart')]);
    assert.match(readFileSync(file, 'utf8'), /cut by a cr\n.* <134>1 .*after the restart\n$/);
    const { store, runner, close } = open(dir, fakeSip);
    assert.equal(runner.catchUp(), 2);
    const { rows } = runQuery(store.db, dir, {});
    assert.equal(rows.length, 6, 'no line twice');
    assert.match(rows[4]!.text, /cut by a cr$/);
    assert.equal(rows[5]!.sequenceId, 5);
    const [sender] = store.senderRows();
    assert.equal(sender!.missing, 2, 'sequence ids 3 and 4 never came: counted, also across the restart');
    close();
  });

  it('retention deletes old daily files and their index rows', async () => {
    const old = new Date(2020, 0, 1, 12).getTime();
    await write(dir, [engine(1, 'call old@x from +4989000111')], old);
    const { store, runner, close } = open(dir, fakeSip);
    runner.catchUp();
    assert.equal(runQuery(store.db, dir, { number: '000111' }).rows.length, 1);
    assert.deepEqual(runner.applyRetention(), ['syslog-2020-01-01.log']);
    assert.ok(!existsSync(join(dir, 'syslog-2020-01-01.log')));
    assert.equal(runQuery(store.db, dir, { number: '000111' }).rows.length, 0);
    assert.equal(runQuery(store.db, dir, { text: 'old@x' }).rows.length, 0);
    assert.equal(runQuery(store.db, dir, {}).rows.length, 6, "today's messages stay");
    close();
  });

  it('a deleted index is rebuilt from the raw files', () => {
    rmSync(join(dir, INDEX_FILE));
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, INDEX_FILE + suffix), { force: true });
    const { store, runner, close } = open(dir);
    assert.equal(runner.catchUp(), 6);
    assert.equal(runQuery(store.db, dir, { text: 'after the restart' }).rows.length, 1);
    close();
  });

  it('queue full: messages are refused and counted, not lost silently', async () => {
    const writer = new RawWriter({ dir: join(dir, 'small'), maxQueueBytes: 1000 });
    let accepted = 0;
    for (let i = 0; i < 50; i++) if (writer.append(Buffer.alloc(100, 0x41), 'udp:x:1')) accepted++;
    await writer.close();
    const stats = writer.stats();
    assert.equal(stats.droppedQueueFull, 50 - accepted);
    assert.ok(stats.droppedQueueFull > 0);
    assert.equal(stats.written, accepted);
    writeFileSync(join(dir, 'small', 'x'), '');
  });
});
