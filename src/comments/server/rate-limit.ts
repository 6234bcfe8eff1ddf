/**
 * A sliding-window limit per client: at most `limit` hits per `windowMs`; limit 0 turns it off.
 * Each hit costs O(1) amortised whatever the number of clients: clients are kept in the order of
 * their latest hit, so the ones whose window has passed are always at the front and are dropped
 * from there. At most `maxClients` are tracked; past that the least recently seen is forgotten.
 * An address is kept only while its window lasts.
 */
export class RateLimiter {
  /** Client key to its hit times in the window, oldest first; Map order is the order of latest hit. */
  private readonly hits = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxClients: number;

  constructor(limit: number, windowMs = 60_000, maxClients = 200_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxClients = maxClients;
  }

  /** How many clients are remembered. */
  get size(): number {
    return this.hits.size;
  }

  /** Records a hit; returns 0 when allowed, otherwise the seconds until the client may try again. */
  hit(key: string, now = Date.now()): number {
    if (this.limit <= 0) return 0;
    this.dropExpired(now);
    const recent = this.hits.get(key) ?? [];
    while (recent.length > 0 && recent[0]! <= now - this.windowMs) recent.shift();
    if (recent.length >= this.limit) {
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    // Re-inserting moves the client to the back: the front is always the least recently seen.
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxClients) this.hits.delete(this.hits.keys().next().value!);
    return 0;
  }

  private dropExpired(now: number): void {
    for (const [key, times] of this.hits) {
      if (times.at(-1)! > now - this.windowMs) return;
      this.hits.delete(key);
    }
  }
}
