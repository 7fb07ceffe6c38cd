// Time for the transaction layer comes through this interface (CONVENTIONS.md: protocol code is
// pure). The engine's runtime adapts real timers to it; tests use FakeTimerHost, which lives here
// next to the interface it implements.

export interface TimerHandle {
  readonly id: number;
  readonly name: string;
}

export interface TimerHost {
  now(): number;
  /** Calls callback once, ms from now. A zero duration still waits for the host to run it. */
  start(name: string, ms: number, callback: () => void): TimerHandle;
  /** Harmless for a handle that already fired or was cancelled. */
  cancel(handle: TimerHandle): void;
}

interface Pending {
  handle: TimerHandle;
  due: number;
  callback: () => void;
}

/** A timer host that only moves when a test calls advance(). */
export class FakeTimerHost implements TimerHost {
  private time: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  start(name: string, ms: number, callback: () => void): TimerHandle {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`timer ${name}: ${ms} ms is not a duration`);
    const handle = { id: this.nextId++, name };
    this.pending.push({ handle, due: this.time + ms, callback });
    return handle;
  }

  cancel(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.handle.id !== handle.id);
  }

  /** Moves time forward, firing every timer that falls due, in due order (ties: start order). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance by ${ms} ms`);
    const end = this.time + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.due;
      next.callback();
    }
    this.time = end;
  }

  /** Timers still waiting, soonest first. */
  scheduled(): { name: string; due: number }[] {
    return [...this.pending]
      .sort((a, b) => a.due - b.due || a.handle.id - b.handle.id)
      .map((p) => ({ name: p.handle.name, due: p.due }));
  }

  private nextDue(end: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) {
      if (p.due > end) continue;
      if (!best || p.due < best.due || (p.due === best.due && p.handle.id < best.handle.id)) best = p;
    }
    return best;
  }
}
