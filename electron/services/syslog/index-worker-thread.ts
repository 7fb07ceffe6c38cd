// The index runs in a worker thread of the receiver process: node:sqlite is synchronous, and a
// batch insert or a full-text step must never hold up the thread that empties the sockets.
// Messages: parent → worker {type:'written'} (a raw file grew), {type:'stop', budgetMs};
// worker → parent {type:'stats', stats}, {type:'log', line}, {type:'stopped'}.
import { mkdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createMessageIndexer } from './active-indexer.ts';
import { IndexRunner } from './index-runner.ts';
import { IndexStore } from './index-store.ts';
import type { RetentionPolicy } from './retention.ts';
import { loadSqlite } from './sqlite.ts';

export const INDEX_WORKER_ROLE = 'sbc-studio-syslog-index';
export const INDEX_FILE = 'index.sqlite';

export interface IndexWorkerData {
  role: typeof INDEX_WORKER_ROLE;
  dir: string;
  retention: RetentionPolicy;
  statsIntervalMs: number;
  retentionIntervalMs: number;
}

export interface IndexStats {
  messages: number;
  unparsed: number;
  /** Raw bytes not yet in the structured index. */
  lagBytes: number;
  /** Messages not yet in the full-text index. */
  ftsLag: number;
  senders: number;
  sequenceMissing: number;
  sequenceOutOfOrder: number;
  retentionDeletedFiles: number;
  error?: string;
}

export type WorkerToParent =
  { type: 'stats'; stats: IndexStats } | { type: 'log'; line: string } | { type: 'stopped' };
export type ParentToWorker = { type: 'written' } | { type: 'stop'; budgetMs: number };

export async function openIndex(dir: string): Promise<IndexStore> {
  const { DatabaseSync } = await loadSqlite();
  mkdirSync(dir, { recursive: true });
  const db = new DatabaseSync(join(dir, INDEX_FILE));
  db.exec('PRAGMA busy_timeout = 5000');
  return new IndexStore(db, createMessageIndexer());
}

export async function runIndexWorker(port: MessagePort, data: IndexWorkerData): Promise<void> {
  lowerThreadPriority();
  const send = (message: WorkerToParent) => port.postMessage(message);
  const store = await openIndex(data.dir);
  const runner = new IndexRunner(data.dir, store, data.retention);
  let stopBudget: number | undefined;
  let wake: (() => void) | undefined;
  port.on('message', (message: ParentToWorker) => {
    if (message.type === 'stop') stopBudget = message.budgetMs;
    wake?.();
  });
  let lastError = '';
  const stats = (): IndexStats => {
    const counts = store.counts();
    return {
      messages: counts.messages,
      unparsed: counts.unparsed,
      lagBytes: runner.lagBytes(),
      ftsLag: counts.ftsLag,
      senders: counts.senders,
      sequenceMissing: counts.sequenceMissing,
      sequenceOutOfOrder: counts.sequenceOutOfOrder,
      retentionDeletedFiles: runner.deletedFiles,
      ...(lastError ? { error: lastError } : {}),
    };
  };
  const retention = () => {
    const deleted = runner.applyRetention();
    if (deleted.length) send({ type: 'log', line: `[syslog] retention deleted ${deleted.join(', ')}` });
  };
  retention();
  let nextStats = 0;
  let nextRetention = Date.now() + data.retentionIntervalMs;
  while (stopBudget === undefined) {
    let did = 0;
    try {
      did = runner.structuredStep();
      if (did === 0) did = runner.ftsStep(1000);
      if (Date.now() >= nextRetention) {
        nextRetention = Date.now() + data.retentionIntervalMs;
        retention();
      }
      lastError = '';
    } catch (error) {
      const line = `[syslog] index: ${(error as Error).message}`;
      if (line !== lastError) send({ type: 'log', line });
      lastError = line;
      did = 0;
    }
    if (Date.now() >= nextStats) {
      nextStats = Date.now() + data.statsIntervalMs;
      send({ type: 'stats', stats: stats() });
    }
    if (did === 0) {
      // Caught up: wait for the writer's nudge, or look again a little later.
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), sleep(200)]);
      wake = undefined;
    } else await new Promise((resolve) => setImmediate(resolve));
  }
  // Stopping: the structured index catches up within the budget; the rest waits for the next start.
  try {
    runner.catchUp(stopBudget);
  } catch (error) {
    send({ type: 'log', line: `[syslog] index: ${(error as Error).message}` });
  }
  send({ type: 'stats', stats: stats() });
  store.db.close();
  send({ type: 'stopped' });
}

/**
 * On Linux, setpriority(PRIO_PROCESS, 0) applies to the calling thread only: the index yields the
 * CPU to the socket thread when both want it (on a 2-core machine under a flood they do), and
 * catches up when the flood ends. Elsewhere it would renice the whole process, so it is left alone.
 */
function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, 10);
  } catch {
    // not allowed here: run at normal priority
  }
}

/** Entry when this thread was started as the index worker (from source or from a bundle). */
export function startIndexWorkerThread(): void {
  const data = workerData as IndexWorkerData | undefined;
  if (isMainThread || !parentPort || data?.role !== INDEX_WORKER_ROLE) return;
  const port = parentPort;
  runIndexWorker(port, data).catch((error: Error) => {
    port.postMessage({
      type: 'log',
      line: `[syslog] index stopped: ${error.message}`,
    } satisfies WorkerToParent);
    port.postMessage({ type: 'stopped' } satisfies WorkerToParent);
  });
}

startIndexWorkerThread();
