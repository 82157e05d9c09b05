import type { Clock } from '../../src/clock.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.parse('2026-11-25T02:00:00.000Z')) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: number | string): void {
    this.current = typeof at === 'string' ? Date.parse(at) : at;
  }
}
