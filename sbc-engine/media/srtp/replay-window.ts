// Replay protection (RFC 3711 §3.3.2): a sliding window of the last `size` indices behind the
// highest one received. A bit ring sized to a multiple of 32 holds one bit per index; the bits of
// indices that slide in are cleared as the window advances.

/** RFC 3711 §3.3.2: at least 64. */
export const DEFAULT_REPLAY_WINDOW = 64;
export const MAX_REPLAY_WINDOW = 0x8000;

export type ReplayVerdict = 'new' | 'replayed' | 'too-old';

export class ReplayWindow {
  readonly size: number;
  private highest: number | undefined;
  private readonly bits: Uint32Array;
  private readonly capacity: number;

  constructor(size = DEFAULT_REPLAY_WINDOW) {
    if (!Number.isInteger(size) || size < 64 || size > MAX_REPLAY_WINDOW) {
      throw new RangeError(`replay window ${size}: must be a whole number from 64 to ${MAX_REPLAY_WINDOW}`);
    }
    this.size = size;
    this.bits = new Uint32Array(Math.ceil(size / 32));
    this.capacity = this.bits.length * 32;
  }

  /** The highest index accepted so far. */
  get highestIndex(): number | undefined {
    return this.highest;
  }

  check(index: number): ReplayVerdict {
    if (this.highest === undefined || index > this.highest) return 'new';
    if (this.highest - index >= this.size) return 'too-old';
    const slot = index % this.capacity;
    return (this.bits[slot >>> 5]! & (1 << (slot & 31))) !== 0 ? 'replayed' : 'new';
  }

  /** Records an index; only after the packet authenticated (RFC 3711 §3.3 step 6). */
  accept(index: number): void {
    if (this.highest === undefined || index - this.highest >= this.capacity) {
      this.bits.fill(0);
    } else {
      for (let i = this.highest + 1; i <= index; i++) this.clear(i % this.capacity);
    }
    if (this.highest === undefined || index > this.highest) this.highest = index;
    const slot = index % this.capacity;
    this.bits[slot >>> 5] = this.bits[slot >>> 5]! | (1 << (slot & 31));
  }

  private clear(slot: number): void {
    this.bits[slot >>> 5] = this.bits[slot >>> 5]! & ~(1 << (slot & 31));
  }
}
