// The syslog receiver: sockets → raw files (RawWriter, this thread) → index (worker thread). This
// thread only frames messages and copies them into write buffers, so it keeps emptying the sockets
// whatever the index is doing. Losses have one counter each: the kernel's (UDP buffer full), the
// disk queue's (writer behind), failed writes; TCP and TLS senders are paused instead of dropped.
import type { RemoteInfo } from 'node:dgram';
import type { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { INDEX_WORKER_ROLE, type IndexStats, type IndexWorkerData, type ParentToWorker, type WorkerToParent } from './index-worker-thread.ts'; // prettier-ignore
import { listenStream, listenUdp, type BoundListener, type ListenSpec, type Transport } from './listeners.ts';
import { RawWriter, type RawWriterStats } from './raw-writer.ts';
import { formatSource } from './raw-line.ts';
import type { RetentionPolicy } from './retention.ts';
import { StreamDeframer } from './tcp-framing.ts';

export interface ReceiverOptions {
  dir: string;
  udp?: ListenSpec[];
  tcp?: ListenSpec[];
  tls?: { spec: ListenSpec; cert: string | Buffer; key: string | Buffer }[];
  retention?: RetentionPolicy;
  /** Largest message kept whole from a stream; longer ones are cut and marked (default 128 KiB). */
  maxFrameBytes?: number;
  /** Bytes waiting for the disk before UDP messages are refused (default 64 MiB). */
  maxQueueBytes?: number;
  maxConnections?: number;
  /** Asked of the OS for each UDP socket (default 32 MiB). */
  udpRecvBufferBytes?: number;
  /** false: no index worker (raw files only; the index catches up on a later start). */
  index?: boolean;
  statsIntervalMs?: number;
  retentionIntervalMs?: number;
  log?: (line: string) => void;
}

export interface ReceiverStats {
  listeners: { transport: Transport; address: string; port: number; recvBufferBytes?: number }[];
  received: Record<Transport, number>;
  receivedBytes: number;
  raw: RawWriterStats;
  /** Summed over the UDP sockets; null where the OS does not tell. */
  kernelDrops: number | null;
  truncated: number;
  connections: { open: number; total: number };
  /** Stream readers paused because the disk queue was full. */
  pausedReaders: number;
  index: IndexStats | null;
}

const STOP_INDEX_BUDGET_MS = 5000;

/** The index worker's entry: this module's sibling when running from source, else the bundle itself. */
function indexWorkerUrl(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('./index-worker-thread.ts', here) : here;
}

export class SyslogReceiver {
  readonly options: ReceiverOptions;
  readonly writer: RawWriter;
  private readonly listeners: BoundListener[] = [];
  private readonly received: Record<Transport, number> = { udp: 0, tcp: 0, tls: 0 };
  private receivedBytes = 0;
  private truncated = 0;
  private readonly connections = { open: 0, total: 0 };
  private readonly paused = new Set<Socket>();
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly udpSources = new Map<string, string>();
  private worker: Worker | undefined;
  private workerStopped: Promise<void> | undefined;
  private indexStats: IndexStats | null = null;
  private readonly log: (line: string) => void;

  constructor(options: ReceiverOptions) {
    this.options = options;
    this.log = options.log ?? (() => {});
    this.writer = new RawWriter({
      dir: options.dir,
      ...(options.maxQueueBytes !== undefined ? { maxQueueBytes: options.maxQueueBytes } : {}),
      onError: (line) => this.log(line),
      onWritten: () => this.worker?.postMessage({ type: 'written' } satisfies ParentToWorker),
    });
  }

  /** Binds every listener (all or nothing) and starts the index worker; the listeners as bound. */
  async start(): Promise<BoundListener[]> {
    const maxFrame = this.options.maxFrameBytes ?? 128 << 10;
    const maxConnections = this.options.maxConnections ?? 4096;
    try {
      for (const spec of this.options.udp ?? [])
        this.listeners.push(
          await listenUdp(spec, this.options.udpRecvBufferBytes ?? 32 << 20, (message, remote) =>
            this.onDatagram(message, remote),
          ),
        );
      for (const spec of this.options.tcp ?? [])
        this.listeners.push(
          await listenStream('tcp', spec, { maxConnections }, (socket) =>
            this.onStream(socket, 'tcp', maxFrame),
          ),
        );
      for (const { spec, cert, key } of this.options.tls ?? [])
        this.listeners.push(
          await listenStream('tls', spec, { maxConnections, tls: { cert, key } }, (socket) =>
            this.onStream(socket, 'tls', maxFrame),
          ),
        );
    } catch (error) {
      await Promise.all(this.listeners.map((listener) => listener.close()));
      this.listeners.length = 0;
      throw error;
    }
    if (this.options.index !== false) this.startWorker();
    return [...this.listeners];
  }

  private startWorker(): void {
    const data: IndexWorkerData = {
      role: INDEX_WORKER_ROLE,
      dir: this.options.dir,
      retention: this.options.retention ?? {},
      statsIntervalMs: this.options.statsIntervalMs ?? 500,
      retentionIntervalMs: this.options.retentionIntervalMs ?? 60_000,
    };
    const worker = new Worker(indexWorkerUrl(), { workerData: data });
    this.worker = worker;
    this.workerStopped = new Promise<void>((resolve) => {
      worker.on('message', (message: WorkerToParent) => {
        if (message.type === 'stats') this.indexStats = message.stats;
        else if (message.type === 'log') this.log(message.line);
        else if (message.type === 'stopped') resolve();
      });
      worker.on('error', (error) => {
        this.log(`[syslog] index worker failed: ${error.message}`);
        resolve();
      });
      worker.on('exit', () => resolve());
    });
  }

  private onDatagram(message: Buffer, remote: RemoteInfo): void {
    this.received.udp++;
    this.receivedBytes += message.length;
    const key = `${remote.address}|${remote.port}`;
    let source = this.udpSources.get(key);
    if (source === undefined) {
      if (this.udpSources.size > 10_000) this.udpSources.clear();
      source = formatSource('udp', remote.address, remote.port);
      this.udpSources.set(key, source);
    }
    this.writer.append(message, source);
  }

  private onStream(socket: Socket, transport: 'tcp' | 'tls', maxFrame: number): void {
    this.connections.open++;
    this.connections.total++;
    const source = formatSource(transport, socket.remoteAddress ?? '-', socket.remotePort ?? 0);
    const deframer = new StreamDeframer(maxFrame, (frame, truncated) => {
      this.received[transport]++;
      if (truncated) this.truncated++;
      this.writer.append(frame, source, truncated);
    });
    socket.on('data', (chunk: Buffer) => {
      this.receivedBytes += chunk.length;
      deframer.push(chunk);
      // TCP has flow control: rather than refuse messages, stop reading until the disk catches up.
      if (this.writer.congested) {
        socket.pause();
        this.paused.add(socket);
        this.resumeTimer ??= setInterval(() => this.resumeReaders(), 10);
      }
    });
    socket.on('end', () => deframer.end());
    socket.on('error', () => {}); // a reset connection is the sender's business
    socket.once('close', () => {
      this.connections.open--;
      this.paused.delete(socket);
    });
  }

  private resumeReaders(): void {
    if (this.writer.congested) return;
    for (const socket of this.paused) socket.resume();
    this.paused.clear();
    clearInterval(this.resumeTimer);
    this.resumeTimer = undefined;
  }

  stats(): ReceiverStats {
    let kernelDrops: number | null = null;
    for (const listener of this.listeners) {
      const drops = listener.kernelDrops?.();
      if (drops !== undefined) kernelDrops = (kernelDrops ?? 0) + drops;
    }
    return {
      listeners: this.listeners.map(({ transport, address, port, recvBufferBytes }) => ({
        transport,
        address,
        port,
        ...(recvBufferBytes !== undefined ? { recvBufferBytes } : {}),
      })),
      received: { ...this.received },
      receivedBytes: this.receivedBytes,
      raw: this.writer.stats(),
      kernelDrops,
      truncated: this.truncated,
      connections: { ...this.connections },
      pausedReaders: this.paused.size,
      index: this.indexStats,
    };
  }

  /** Stops listening, writes what is queued, lets the index catch up (bounded) and stops it. */
  async stop(indexBudgetMs = STOP_INDEX_BUDGET_MS): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener.close()));
    if (this.resumeTimer) clearInterval(this.resumeTimer);
    await this.writer.close();
    if (this.worker) {
      this.worker.postMessage({ type: 'stop', budgetMs: indexBudgetMs } satisfies ParentToWorker);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, indexBudgetMs + 5000).unref());
      await Promise.race([this.workerStopped, timeout]);
      await this.worker.terminate();
      this.worker = undefined;
    }
  }
}
