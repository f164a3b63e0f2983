/**
 * Login attempts per account and per address in a sliding window, in memory (each server counts its
 * own: with N servers an attacker gets N times the budget, still far too little to guess a
 * 12-character password). Only failures count, and a success clears the account's count. Someone
 * guessing one account's password can lock its owner out for the window: the price of the limit.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 20,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Seconds to wait before trying again, or 0 when this attempt may proceed. */
  retryAfter(username: string, address: string): number {
    const now = this.clock().getTime();
    const waits = [this.wait(`user:${username}`, this.perAccount, now), this.wait(`addr:${address}`, this.perAddress, now)];
    return Math.max(...waits);
  }

  recordFailure(username: string, address: string): void {
    const now = this.clock().getTime();
    for (const key of [`user:${username}`, `addr:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private wait(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < limit) return 0;
    return Math.ceil((recent[recent.length - limit]! + this.windowMs - now) / 1000);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
}
