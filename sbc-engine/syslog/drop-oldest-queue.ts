// A fixed-size FIFO that makes room by dropping its oldest item: for logs the newest lines matter
// most, and a producer (the engine) must never wait for a slow consumer (the syslog target).
export class DropOldestQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`queue capacity ${capacity} must be a whole number of at least 1`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item; returns true when the oldest one was dropped to make room. */
  push(item: T): boolean {
    const capacity = this.items.length;
    const dropped = this.count === capacity;
    if (dropped) {
      this.head = (this.head + 1) % capacity;
      this.count--;
    }
    this.items[(this.head + this.count) % capacity] = item;
    this.count++;
    return dropped;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return item;
  }

  /** Empties the queue; returns how many items were in it. */
  clear(): number {
    const had = this.count;
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
    return had;
  }
}
