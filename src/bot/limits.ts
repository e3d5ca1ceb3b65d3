/**
 * Per-user token buckets, the arithmetic behind the bot's rate limits
 * (`traffic.ts` decides what each kind of update costs).
 *
 * A bucket holds up to `burst` tokens and gains one back every `refillMs`;
 * each answered update takes one. A person exploring the bot spends part of
 * the burst and never notices; a flood empties it and is then answered at
 * the refill rate, with one notice for the whole flood.
 *
 * Pure: the clock is passed in, there is no timer and no module-level state,
 * and users who have been idle long enough to be back at a full bucket are
 * forgotten, so memory follows the users active right now.
 */

/** How fast one kind of update may come: `burst` at once, then one more every `refillMs`. `burst` 0: no limit. */
export interface Rate {
  burst: number;
  refillMs: number;
}

/** The kinds of update limited separately, each with its own bucket per user. */
export interface RateLimits {
  /** Questions, commands and edited questions: each costs a search and a message. */
  messages: Rate;
  /** Button presses (More, Context, topics, the article picker). */
  buttons: Rate;
  /** Inline queries: clients send one per keystroke, so they get their own, generous bucket. */
  inline: Rate;
}

/**
 * What to do with an update: answer it; refuse it and say why (the first
 * refusal after the user was quiet for a refill interval); refuse it
 * without a word (the rest of a flood, which has already been told).
 */
export type Verdict = 'allow' | 'notify' | 'refuse';

export interface RateLimiterOptions {
  /** The clock, in milliseconds (default `Date.now`); tests pass a fake one. */
  now?: () => number;
  /** Users remembered at most; past it the least recently seen are forgotten (they get a full bucket back). */
  maxUsers?: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  /** When an update of this user was last refused. */
  refusedAt: number;
}

/** One token bucket per user for one kind of update. */
export class RateLimiter {
  private readonly users: RecentMap<Bucket>;
  private readonly now: () => number;

  constructor(
    readonly rate: Rate,
    options: RateLimiterOptions = {},
  ) {
    if (!(rate.burst >= 0) || !(rate.refillMs > 0))
      throw new Error(`RateLimiter: burst must be 0 or more and refillMs above 0, got ${rate.burst} and ${rate.refillMs}`);
    const { now, maxUsers } = { ...RATE_LIMITER_DEFAULTS, ...options };
    this.now = now;
    // Once a user has been idle for a whole burst's refill, the bucket is full and
    // the notice re-armed: exactly the state of a user never seen, so it can go.
    this.users = new RecentMap(rate.burst * rate.refillMs, maxUsers, now);
  }

  /** Takes a token for one update from `user`, and says whether to answer it. */
  take(user: string): Verdict {
    const { burst, refillMs } = this.rate;
    if (burst === 0) return 'allow';
    const now = this.now();
    const last = this.users.get(user);
    // A clock that steps back must not drain the bucket.
    const tokens = last ? Math.min(burst, last.tokens + Math.max(0, now - last.at) / refillMs) : burst;
    const refusedAt = last?.refusedAt ?? Number.NEGATIVE_INFINITY;
    if (tokens >= 1) {
      this.users.set(user, { tokens: tokens - 1, at: now, refusedAt });
      return 'allow';
    }
    this.users.set(user, { tokens, at: now, refusedAt: now });
    // A flood keeps refusals closer together than the refill interval: one notice covers it.
    return now - refusedAt >= refillMs ? 'notify' : 'refuse';
  }

  /** Users remembered now (for tests of the memory bound). */
  get size(): number {
    return this.users.size;
  }
}

/**
 * A map that forgets: an entry not set again for `ttlMs` is gone, and past
 * `maxSize` entries the least recently set go first. Entries are kept in the
 * order they were set, so forgetting only ever looks at the oldest ones.
 */
export class RecentMap<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSize: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The value set for `key`, unless it was set `ttlMs` or more ago. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  set(key: string, value: V): void {
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxSize && now - entry.at < this.ttlMs) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const RATE_LIMITER_DEFAULTS: Required<RateLimiterOptions> = {
  // Read at each call, not captured, so fake timers in tests move it.
  now: () => Date.now(),
  // About 100 bytes each: a few MB even when that many people write in the same minute.
  maxUsers: 50_000,
};
