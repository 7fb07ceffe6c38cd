// Bounded fuzz: random bytes and mutations of valid SRTP/SRTCP packets never make the parsers or
// unprotect throw, and never come out as accepted unless they are an untouched original.
// Seeded, so a failure replays.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  parseRtcpHeader,
  parseRtpHeader,
  policyFromCryptoLine,
  SrtpSession,
  STRICT_SDES_RULES,
} from '../../../../../sbc-engine/media/srtp/index.ts';
import type { SrtpPolicy, SrtpResult } from '../../../../../sbc-engine/media/srtp/index.ts';
import { rtcpPacket, rtpPacket } from './packets.ts';

const RUNS = 4000;

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

const POLICY: SrtpPolicy = {
  suite: 'AES_CM_128_HMAC_SHA1_80',
  masterKey: Buffer.alloc(16, 3),
  masterSalt: Buffer.alloc(14, 4),
};

function checkShape(result: SrtpResult): void {
  if (result.ok) assert.ok(result.packet instanceof Uint8Array);
  else assert.ok(result.reason.length > 0 && result.message.length > 0);
}

it('random bytes never throw out of the parsers or unprotect', () => {
  const random = prng(0x5eed);
  const session = new SrtpSession({ ...POLICY, suite: 'AES_CM_128_HMAC_SHA1_32', authenticateRtp: false });
  const strict = new SrtpSession(POLICY);
  for (let run = 0; run < RUNS; run++) {
    const bytes = Uint8Array.from({ length: Math.floor(random() * 80) }, () => Math.floor(random() * 256));
    if (random() < 0.7 && bytes.length > 0) bytes[0] = 0x80 | (bytes[0]! & 0x3f); // mostly version 2
    parseRtpHeader(bytes, Math.floor(random() * 12));
    parseRtcpHeader(bytes, Math.floor(random() * 16));
    for (const target of [session, strict]) {
      checkShape(target.unprotectRtp(bytes));
      checkShape(target.unprotectRtcp(bytes));
      checkShape(target.protectRtp(bytes));
      checkShape(target.protectRtcp(bytes));
    }
    const accepted = strict.unprotectRtp(bytes);
    assert.equal(accepted.ok, false, `random bytes authenticated (run ${run})`);
  }
});

it('mutated SRTP and SRTCP packets are dropped with a reason, never accepted', () => {
  const random = prng(0xc0ffee);
  const sender = new SrtpSession(POLICY);
  for (let run = 0; run < RUNS; run++) {
    const receiver = new SrtpSession(POLICY);
    const rtcp = random() < 0.3;
    const original = rtcp
      ? sender.protectRtcp(rtcpPacket(0x1234, run))
      : sender.protectRtp(
          rtpPacket({
            seq: run,
            csrcs: random() < 0.3 ? [9] : [],
            extensionWords: random() < 0.3 ? 1 : undefined,
          }),
        );
    assert.ok(original.ok);
    const mutated = Buffer.from(original.packet);
    const kind = Math.floor(random() * 3);
    if (kind === 0) {
      const at = Math.floor(random() * mutated.length);
      mutated[at] = mutated[at]! ^ (1 + Math.floor(random() * 255));
    }
    const packet =
      kind === 1
        ? mutated.subarray(0, Math.floor(random() * mutated.length))
        : kind === 2
          ? Buffer.concat([mutated, Buffer.from([Math.floor(random() * 256)])])
          : mutated;
    const result = rtcp ? receiver.unprotectRtcp(packet) : receiver.unprotectRtp(packet);
    checkShape(result);
    assert.equal(result.ok, false, `run ${run}: a changed packet was accepted`);
  }
});

it('mutated a=crypto lines never throw', () => {
  const random = prng(0xabc);
  const base = '1 AES_CM_128_HMAC_SHA1_80 inline:WnD7c1ksDGs+dIefCEo8omPg4uO8DYIinNGL5yxQ|2^31|1:4 WSH=64';
  const alphabet = ' |:;^=_+/0123456789AKDRWSHinline';
  for (let run = 0; run < RUNS; run++) {
    const chars = [...base];
    for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) {
      const at = Math.floor(random() * chars.length);
      const choice = random();
      if (choice < 0.4) chars.splice(at, 1);
      else if (choice < 0.8) chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)]!);
      else chars[at] = alphabet[Math.floor(random() * alphabet.length)]!;
    }
    const result = policyFromCryptoLine(chars.join(''), STRICT_SDES_RULES);
    if (result.ok) assert.doesNotThrow(() => new SrtpSession(result.policy));
    else assert.ok(result.reason.length > 0);
  }
});
