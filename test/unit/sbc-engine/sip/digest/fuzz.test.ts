import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseChallenges } from '../../../../../sbc-engine/sip/digest/challenge.ts';
import { chooseChallenge } from '../../../../../sbc-engine/sip/digest/choose.ts';
import { computeCredentials } from '../../../../../sbc-engine/sip/digest/response.ts';

/** mulberry32: a small seeded PRNG so that a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x5bc0d16e;
const ITERATIONS = 20_000;
const VALID =
  'Digest realm="biloxi.com", qop="auth,auth-int", algorithm=SHA-256, nonce="dc3a5ab2530aa93112cf5904ba7d88fa", ' +
  'opaque="5ccc069c403e\\"baf9", stale=FALSE, domain="sip:a sip:b", Digest realm="biloxi.com", nonce="x", algorithm=MD5';
const ALPHABET = [
  '"',
  '\\',
  ',',
  '=',
  ' ',
  '\t',
  '\r\n',
  'Digest ',
  'Basic ',
  'realm',
  'nonce',
  'qop',
  'a',
  '\u0000',
  'é',
];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const piece = ALPHABET[Math.floor(random() * ALPHABET.length)] ?? '';
    switch (Math.floor(random() * 4)) {
      case 0:
        out = out.slice(0, at) + piece + out.slice(at);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 8));
        break;
      case 2:
        out = out.slice(0, at) + piece + out.slice(at + 1);
        break;
      default:
        out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x80)) + out.slice(at);
    }
  }
  return out;
}

it(`never throws on ${ITERATIONS} mutated challenges (seed ${SEED})`, () => {
  const random = prng(SEED);
  let accepted = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const input = mutate(VALID, random);
    let result;
    try {
      result = parseChallenges(input);
    } catch (error) {
      assert.fail(`iteration ${i} threw on ${JSON.stringify(input)}: ${String(error)}`);
    }
    if (!result.ok) {
      assert.equal(typeof result.error, 'string');
      assert.ok(result.error.length > 0);
      continue;
    }
    accepted++;
    // Whatever parses must also be safe to choose from and answer.
    const chosen = chooseChallenge(result.value);
    if (chosen.ok) {
      const credentials = computeCredentials({
        challenge: chosen.value,
        method: 'REGISTER',
        uri: 'sip:biloxi.com',
        username: 'bob',
        password: 'zanzibar',
        nc: 1,
        cnonce: 'c',
      });
      if (credentials.ok) {
        const value = credentials.value.value;
        assert.ok(![...value].some((c) => c.charCodeAt(0) < 0x20), 'no control character in the header');
      }
    }
  }
  // The mutations must exercise both paths, not only the error one.
  assert.ok(accepted > ITERATIONS / 20, `only ${accepted} mutations parsed`);
  assert.ok(accepted < ITERATIONS, 'no mutation was rejected');
});
