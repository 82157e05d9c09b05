/**
 * Counts failed logins per (username, address) in a sliding window (DESIGN.md 3.1: 5 in 15 minutes).
 * Successful logins do not count. Kept in memory: each node limits on its own, which bounds a guesser to
 * 5 × nodes tries per window, still far below what scrypt and a real password make useful.
 */
export class LoginFailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  #key(username: string, address: string): string {
    return `${username.toLowerCase()}\u0000${address}`;
  }

  #recent(key: string, now: number): number[] {
    const recent = (this.#failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, recent);
    return recent;
  }

  isBlocked(username: string, address: string, now: number): boolean {
    return this.#recent(this.#key(username, address), now).length >= this.maxFailures;
  }

  recordFailure(username: string, address: string, now: number): void {
    const key = this.#key(username, address);
    this.#failures.set(key, [...this.#recent(key, now), now]);
    if (this.#failures.size > 100_000) this.#sweep(now);
  }

  #sweep(now: number): void {
    for (const key of this.#failures.keys()) this.#recent(key, now);
  }
}
