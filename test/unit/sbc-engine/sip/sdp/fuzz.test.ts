// Bounded fuzz run: random mutations of valid bodies never make the SDP layer throw, and whatever it
// accepts it can write, rewrite with every rule, and read again. Seeded, so a failure replays.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  findUnauthenticatedSrtp,
  listCrypto,
  parseSdp,
  parseSdpBytes,
  removeCrypto,
  serializeSdp,
  stripIce,
  stripRtcpMux,
  toPlainRtpProfile,
  toSecureRtpProfile,
} from '../../../../../sbc-engine/sip/sdp/index.ts';
import type { Sdp } from '../../../../../sbc-engine/sip/sdp/index.ts';
import { PBX_OFFER, TEAMS_OFFER, UM_ANSWER_UNAUTHENTICATED } from './fixtures.ts';

const RUNS = 6000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  ...'v=0 osctmab:/|;^\r\n\0-_.+1234567890',
  '\uFFFD',
  '\uD800',
  'ü',
  'a=rtcp-mux',
  'm=',
  'c=IN IP4 ',
];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = Math.floor(random() * (text.length + 1));
  const lines = text.split('\r\n');
  const line = Math.floor(random() * lines.length);
  switch (Math.floor(random() * 9)) {
    case 0: // delete a character
      return text.slice(0, at) + text.slice(at + 1);
    case 1: // insert a character or a fragment
      return text.slice(0, at) + pick(ALPHABET) + text.slice(at);
    case 2: // replace a character
      return text.slice(0, at) + pick(ALPHABET) + text.slice(at + 1);
    case 3: // drop a line
      return lines.filter((_, i) => i !== line).join('\r\n');
    case 4: // duplicate a line
      return [...lines.slice(0, line), lines[line], ...lines.slice(line)].join('\r\n');
    case 5: // swap two lines
      return lines
        .map((l, i) => (i === line ? (lines[line + 1] ?? l) : i === line + 1 ? lines[line] : l))
        .join('\r\n');
    case 6: // truncate
      return text.slice(0, at);
    case 7: // a digit run grows very long
      return text.replace(/\d+/, (digits) => digits.repeat(1 + Math.floor(random() * 12)));
    default: // a space doubled or removed
      return random() < 0.5 ? text.replace(' ', '  ') : text.replace(' ', '');
  }
}

const RULES: ((sdp: Sdp) => Sdp)[] = [
  stripIce,
  stripRtcpMux,
  removeCrypto,
  toPlainRtpProfile,
  toSecureRtpProfile,
];

it(`parseSdp never throws over ${RUNS} mutated bodies, and what it accepts survives every rule`, () => {
  const random = prng(0x5dbc);
  const seeds = [TEAMS_OFFER, UM_ANSWER_UNAUTHENTICATED, PBX_OFFER];
  let accepted = 0;
  for (let run = 0; run < RUNS; run++) {
    let text = seeds[run % seeds.length]!;
    const rounds = 1 + Math.floor(random() * 4);
    for (let r = 0; r < rounds; r++) text = mutate(text, random);
    const context = `run ${run}: ${JSON.stringify(text)}`;
    const result = parseSdp(text);
    if (!result.ok) {
      assert.equal(typeof result.error, 'string', context);
      continue;
    }
    accepted++;
    for (const rule of [(s: Sdp) => s, ...RULES]) {
      const written = serializeSdp(rule(result.value));
      assert.ok(parseSdp(written).ok, `${context}\nwrote ${JSON.stringify(written)}`);
    }
    findUnauthenticatedSrtp(result.value);
    for (const media of result.value.media) listCrypto(media);
  }
  // The corpus must exercise both paths, or the test proves little.
  assert.ok(accepted > RUNS / 10, `only ${accepted} accepted`);
  assert.ok(accepted < RUNS - RUNS / 10, `${accepted} of ${RUNS} accepted`);
});

it(`parseSdpBytes never throws over ${RUNS} byte-mutated bodies`, () => {
  const random = prng(0x0365);
  const base = new TextEncoder().encode(TEAMS_OFFER);
  for (let run = 0; run < RUNS; run++) {
    const bytes = base.slice(0, Math.floor(random() * (base.length + 1)));
    const flips = 1 + Math.floor(random() * 3);
    for (let f = 0; f < flips && bytes.length > 0; f++) {
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    }
    const result = parseSdpBytes(bytes);
    assert.equal(typeof result.ok, 'boolean');
  }
});
