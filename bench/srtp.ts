// SRTP protect + unprotect throughput for G.711 packets (160-byte payload, 20 ms), for both SDES
// suites, next to libsrtp doing the same in the same run through Debian's python3-pylibsrtp.
// The libsrtp figures include the Python binding's per-call cost (cffi call, bytes copies, a list
// comprehension), so they understate libsrtp in C; ours include Node's per-packet Buffer and HMAC
// object allocations, which the engine pays too. Crypto only: no sockets.
import { cpus, loadavg } from 'node:os';
import { SrtpSession } from '../sbc-engine/media/srtp/index.ts';
import type { SrtpSuiteName } from '../sbc-engine/media/srtp/index.ts';
import { LibsrtpPeer, pylibsrtpProblem } from '../test/interop/libsrtp-peer.ts';

const PACKETS = Number(process.env.BENCH_SRTP_PACKETS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_SRTP_ROUNDS ?? 5);
const PAYLOAD = 160;
/** A relayed G.711 call with one SRTP leg: 50 packets/s protected one way, 50 unprotected the other. */
const PAIRS_PER_CALL = 50;
const SUITES: SrtpSuiteName[] = ['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32'];

interface Figures {
  protect: number;
  unprotect: number;
  pairs: number;
}

function rtp(seq: number): Buffer {
  const packet = Buffer.alloc(12 + PAYLOAD, 0xd5);
  packet[0] = 0x80;
  packet.writeUInt16BE(seq & 0xffff, 2);
  packet.writeUInt32BE((seq * 160) >>> 0, 4);
  packet.writeUInt32BE(0x11223344, 8);
  return packet;
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function ours(suite: SrtpSuiteName): Figures {
  const keySalt = Buffer.from(Array.from({ length: 30 }, (_, i) => i));
  const policy = { suite, masterKey: keySalt.subarray(0, 16), masterSalt: keySalt.subarray(16) };
  const sender = new SrtpSession(policy);
  const receiver = new SrtpSession(policy);
  const plain = Array.from({ length: PACKETS }, (_, seq) => rtp(seq));
  const protectedPackets: Uint8Array[] = new Array(PACKETS);
  // CPU time of this process (GC threads included), not wall time: on a shared machine other
  // work stretches the wall clock but not the CPU a packet costs. The python side does the same.
  const started = cpuMicros();
  for (let i = 0; i < PACKETS; i++) {
    const result = sender.protectRtp(plain[i]!);
    if (!result.ok) throw new Error(`protect ${i}: ${result.message}`);
    protectedPackets[i] = result.packet;
  }
  const middle = cpuMicros();
  for (let i = 0; i < PACKETS; i++) {
    const result = receiver.unprotectRtp(protectedPackets[i]!);
    if (!result.ok) throw new Error(`unprotect ${i}: ${result.message}`);
  }
  const ended = cpuMicros();
  const seconds = (from: number, to: number) => (to - from) / 1e6;
  return {
    protect: PACKETS / seconds(started, middle),
    unprotect: PACKETS / seconds(middle, ended),
    pairs: PACKETS / seconds(started, ended),
  };
}

/** The best round: the one least disturbed by other work on the machine. */
function bestFigures(runs: Figures[]): Figures {
  return runs.reduce((best, run) => (run.pairs > best.pairs ? run : best));
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

function row(suite: string, name: string, f: Figures): string {
  const calls = thousands(f.pairs / PAIRS_PER_CALL);
  return `| ${suite} | ${name} | ${thousands(f.protect)} | ${thousands(f.unprotect)} | ${thousands(f.pairs)} | ${calls} |`;
}

async function main(): Promise<void> {
  console.log(
    `[bench/srtp] ${PACKETS.toLocaleString('en-US')} packets × ${ROUNDS} rounds per suite, ${PAYLOAD}-byte ` +
      `payload; rates per CPU second, best round; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  );
  const problem = pylibsrtpProblem();
  const peer = problem ? undefined : new LibsrtpPeer();
  if (problem) console.log(`[bench/srtp] libsrtp anchor skipped: ${problem}`);
  try {
    if (peer) console.log(`[bench/srtp] pylibsrtp ${await peer.version()}`);
    const rows: string[] = [];
    for (const suite of SUITES) {
      // Rounds alternate between the two, so a burst of load elsewhere hits both alike.
      const engineRuns: Figures[] = [];
      const anchorRuns: Figures[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        engineRuns.push(ours(suite));
        if (!peer) continue;
        const f = await peer.bench(suite, PACKETS, PAYLOAD);
        anchorRuns.push({ protect: f.protect_per_s, unprotect: f.unprotect_per_s, pairs: f.pairs_per_s });
      }
      const engine = bestFigures(engineRuns);
      rows.push(row(suite, 'sbc-engine (node:crypto)', engine));
      if (peer) {
        const anchor = bestFigures(anchorRuns);
        rows.push(row(suite, 'libsrtp via pylibsrtp', anchor));
        rows.push(`| | ratio sbc-engine / libsrtp | | | ${(engine.pairs / anchor.pairs).toFixed(2)} | |`);
      }
    }
    console.log(
      '\n| suite | implementation | protect/s | unprotect/s | protect+unprotect/s | G.711 calls per core (crypto only) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const line of rows) console.log(line);
    console.log(`\n[bench/srtp] load average at the end: ${loadavg()[0]!.toFixed(1)}`);
    console.log(
      `Calls per core = (protect+unprotect)/s ÷ ${PAIRS_PER_CALL}: a relayed call with one SRTP leg protects 50 ` +
        'packets/s towards it and unprotects 50 from it; sockets, RTCP and the relay itself are not counted.',
    );
  } finally {
    await peer?.close();
  }
}

await main();
