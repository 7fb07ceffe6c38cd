// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the keystream is AES_k(IV), AES_k(IV+1),
// … where the 16-bit block counter sits in the IV's two low bytes, which §4.1.1 leaves zero.
// One ECB cipher per key, reused for every packet, encrypts the counter blocks: about twice as
// fast in Node as a fresh aes-128-ctr cipher per packet, and ECB keeps no state between calls.
import { createCipheriv } from 'node:crypto';
import type { Cipher } from 'node:crypto';

const BLOCK = 16;
/** RFC 3711 §4.1.1: at most 2^16 blocks of keystream per IV. */
const MAX_BLOCKS = 0x10000;

export interface AesCm {
  /** `length` bytes of keystream for this 16-byte IV. */
  keystream(iv: Uint8Array, length: number): Buffer;
  /** XORs the keystream for `iv` into data[start, end) in place. */
  xorInPlace(iv: Uint8Array, data: Uint8Array, start: number, end: number): void;
}

export function createAesCm(key: Uint8Array): AesCm {
  if (key.length !== 16) throw new RangeError(`AES-CM key is ${key.length} bytes; AES-128 needs 16`);
  const ecb: Cipher = createCipheriv('aes-128-ecb', key, null);
  ecb.setAutoPadding(false);

  // Counter blocks are built in one scratch buffer per key, grown on demand: the sessions are
  // synchronous, so no two packets share it at once, and the garbage collector sees less churn.
  let counters = Buffer.alloc(0);

  function keystream(iv: Uint8Array, length: number): Buffer {
    const blocks = Math.ceil(length / BLOCK);
    if (blocks > MAX_BLOCKS)
      throw new RangeError(`AES-CM: ${length} bytes is more keystream than one IV gives`);
    const size = blocks * BLOCK;
    if (counters.length < size) counters = Buffer.allocUnsafe(Math.max(size, 1536));
    counters.set(iv.subarray(0, BLOCK), 0);
    const low = (iv[14]! << 8) | iv[15]!;
    for (let offset = BLOCK, b = 1; b < blocks; b++, offset += BLOCK) {
      counters.copyWithin(offset, 0, 14);
      // The IVs SRTP builds have zero low bytes; the carry into byte 13 keeps any other IV right.
      const counter = low + b;
      counters[offset + 14] = (counter >>> 8) & 0xff;
      counters[offset + 15] = counter & 0xff;
      if (counter > 0xffff) addCarry(counters, offset + 13);
    }
    return ecb.update(counters.subarray(0, size)).subarray(0, length);
  }

  function xorInPlace(iv: Uint8Array, data: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    const stream = keystream(iv, end - start);
    for (let i = start; i < end; i++) data[i] = data[i]! ^ stream[i - start]!;
  }

  return { keystream, xorInPlace };
}

function addCarry(bytes: Buffer, at: number): void {
  for (let i = at; i >= at - 13; i--) {
    bytes[i] = (bytes[i]! + 1) & 0xff;
    if (bytes[i] !== 0) return;
  }
}
