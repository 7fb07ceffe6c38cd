// libsrtp as a peer, through Debian's python3-pylibsrtp: a long-lived python3 process
// (libsrtp-peer.py) that protects and unprotects packets on request. Used by the SRTP interop
// test and bench/srtp.ts. Packets travel over the child's stdin/stdout, never the network.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const LIBSRTP_PEER_SCRIPT = join(import.meta.dirname, 'libsrtp-peer.py');

export const PYLIBSRTP_MISSING =
  "The libsrtp interop needs Debian's python3-pylibsrtp, and no Python here can `import pylibsrtp`. " +
  'Install it (apt-get install python3-pylibsrtp; scripts/ensure-test-deps.sh lists the test peers).';

/** Debian's interpreter first: a `python3` earlier on PATH (pyenv, a virtualenv) does not see
 *  Debian's dist-packages. SRTP_PYTHON names another one. */
const PYTHON_CANDIDATES = [process.env.SRTP_PYTHON, '/usr/bin/python3', 'python3'].filter(
  (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
);

let found: { python?: string; problem?: string } | undefined;

/** The first candidate Python that imports pylibsrtp, or what each said, in plain words. */
function findPython(): { python?: string; problem?: string } {
  if (found) return found;
  const tried: string[] = [];
  for (const python of PYTHON_CANDIDATES) {
    const check = spawnSync(python, ['-c', 'import pylibsrtp'], { encoding: 'utf8', timeout: 20_000 });
    if (!check.error && check.status === 0) return (found = { python });
    const said = check.error ? check.error.message : (check.stderr.trim().split('\n').at(-1) ?? '');
    tried.push(`${python}: ${said}`);
  }
  return (found = { problem: `${PYLIBSRTP_MISSING}\n${tried.join('\n')}` });
}

/** undefined when a Python with pylibsrtp is there; otherwise what went wrong. */
export function pylibsrtpProblem(): string | undefined {
  return findPython().problem;
}

export type LibsrtpOp = 'protect' | 'unprotect' | 'protect_rtcp' | 'unprotect_rtcp';
export type LibsrtpPacketResult = { packet: Buffer } | { error: string };

export interface LibsrtpBenchFigures {
  protect_per_s: number;
  unprotect_per_s: number;
  pairs_per_s: number;
}

export class LibsrtpPeer {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (reply: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  private stderr = '';

  constructor() {
    this.child = spawn(findPython().python ?? 'python3', [LIBSRTP_PEER_SCRIPT], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.onLine(line));
    this.child.on('exit', (code) =>
      this.failAll(new Error(`libsrtp peer exited with ${code}: ${this.stderr.trim()}`)),
    );
    // A write after the child died fails with EPIPE; the exit handler already reports why.
    this.child.stdin!.on('error', () => undefined);
    this.child.on('error', (error) =>
      this.failAll(new Error(`libsrtp peer could not start: ${error.message}`)),
    );
  }

  private failAll(error: Error): void {
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }

  private onLine(line: string): void {
    let reply: Record<string, unknown>;
    try {
      reply = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.failAll(new Error(`libsrtp peer wrote something that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (typeof reply.fatal === 'string') {
      this.failAll(new Error(`${PYLIBSRTP_MISSING}\n${reply.fatal}`));
      return;
    }
    const pending = this.waiting.get(reply.id as number);
    if (!pending) return;
    this.waiting.delete(reply.id as number);
    if (typeof reply.failed === 'string') pending.reject(new Error(`libsrtp peer: ${reply.failed}`));
    else pending.resolve(reply);
  }

  private request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin!.write(`${JSON.stringify({ ...body, id })}\n`);
    });
  }

  async version(): Promise<string> {
    return String((await this.request({ op: 'version' })).pylibsrtp);
  }

  /** A libsrtp session for any SSRC, keyed with master key || salt. */
  async session(
    name: string,
    suite: string,
    keySalt: Uint8Array,
    direction: 'outbound' | 'inbound',
  ): Promise<void> {
    await this.request({ op: 'session', name, suite, key: Buffer.from(keySalt).toString('hex'), direction });
  }

  async run(name: string, op: LibsrtpOp, packets: readonly Uint8Array[]): Promise<LibsrtpPacketResult[]> {
    const reply = await this.request({
      op,
      name,
      packets: packets.map((p) => Buffer.from(p).toString('hex')),
    });
    return (reply.results as ({ packet: string } | { error: string })[]).map((result) =>
      'packet' in result ? { packet: Buffer.from(result.packet, 'hex') } : result,
    );
  }

  /** protect then unprotect `count` RTP packets inside python: libsrtp plus the binding's cost. */
  async bench(suite: string, count: number, payload: number): Promise<LibsrtpBenchFigures> {
    return (await this.request({ op: 'bench', suite, count, payload })) as unknown as LibsrtpBenchFigures;
  }

  /** Ends the child (it exits at the end of its stdin) and waits for it. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
