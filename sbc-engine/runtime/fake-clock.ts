import type { Clock } from './clock.ts';

/** A clock tests move by hand; implements the production Clock. */
export class FakeClock implements Clock {
  private time: number;
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
