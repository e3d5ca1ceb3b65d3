/**
 * The token buckets behind the rate limits, on a fake clock: what a burst
 * allows, how fast it refills, when a refusal carries the notice, and that
 * idle users are forgotten.
 */
import { describe, expect, it } from 'vitest';
import { RateLimiter, RecentMap, type Rate, type Verdict } from '../../src/bot/limits.ts';

/** A clock the test sets by hand. */
function fakeClock(): { now: () => number; set: (ms: number) => void } {
  let t = 0;
  return { now: () => t, set: (ms) => (t = ms) };
}

/** The verdicts for one user's updates at the given times (ms). */
function verdicts(rate: Rate, times: number[]): Verdict[] {
  const clock = fakeClock();
  const limiter = new RateLimiter(rate, { now: clock.now });
  return times.map((t) => {
    clock.set(t);
    return limiter.take('ann');
  });
}

describe('RateLimiter.take', () => {
  const CASES: Array<{ name: string; rate: Rate; times: number[]; expected: Verdict[] }> = [
    {
      name: 'answers a whole burst at once, then refuses with the notice',
      rate: { burst: 3, refillMs: 1000 },
      times: [0, 0, 0, 0],
      expected: ['allow', 'allow', 'allow', 'notify'],
    },
    {
      name: 'tells a flood once: refusals closer together than the refill interval are silent',
      rate: { burst: 2, refillMs: 1000 },
      times: [0, 0, 0, 100, 200, 900],
      expected: ['allow', 'allow', 'notify', 'refuse', 'refuse', 'refuse'],
    },
    {
      name: 'gives one token back per refill interval, and an answer does not re-arm the notice mid-flood',
      rate: { burst: 1, refillMs: 1000 },
      times: [0, 500, 999, 1000, 1500, 2000],
      expected: ['allow', 'notify', 'refuse', 'allow', 'refuse', 'allow'],
    },
    {
      name: 'notifies again after a quiet refill interval, since a person who waited deserves to know why',
      rate: { burst: 1, refillMs: 1000 },
      times: [0, 100, 1200, 1300],
      expected: ['allow', 'notify', 'allow', 'notify'],
    },
    {
      name: 'never holds more than the burst, however long the user was away',
      rate: { burst: 2, refillMs: 1000 },
      times: [0, 100_000, 100_000, 100_000],
      expected: ['allow', 'allow', 'allow', 'notify'],
    },
    {
      name: 'does not drain the bucket when the clock steps back',
      rate: { burst: 2, refillMs: 1000 },
      times: [10_000, 5_000, 5_000],
      expected: ['allow', 'allow', 'notify'],
    },
    {
      name: 'has no limit with a burst of 0',
      rate: { burst: 0, refillMs: 1000 },
      times: [0, 0, 0, 0, 0],
      expected: ['allow', 'allow', 'allow', 'allow', 'allow'],
    },
  ];
  it.each(CASES)('$name', ({ rate, times, expected }) => {
    expect(verdicts(rate, times)).toEqual(expected);
  });

  it('holds a flood of 100 questions in 10 s to a dozen answers and one notice (10 at once, 1 per 5 s)', () => {
    const got = verdicts(
      { burst: 10, refillMs: 5000 },
      Array.from({ length: 100 }, (_, i) => i * 100),
    );
    expect(got.filter((v) => v === 'allow').length).toBeGreaterThanOrEqual(10);
    expect(got.filter((v) => v === 'allow').length).toBeLessThanOrEqual(12);
    expect(got.filter((v) => v === 'notify')).toHaveLength(1);
  });

  it('keeps each user in a bucket of their own', () => {
    const limiter = new RateLimiter({ burst: 1, refillMs: 1000 }, { now: () => 0 });
    expect([limiter.take('ann'), limiter.take('bob'), limiter.take('ann'), limiter.take('bob')]).toEqual(['allow', 'allow', 'notify', 'notify']);
  });

  it('forgets users idle long enough to be back at a full bucket', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ burst: 2, refillMs: 1000 }, { now: clock.now });
    for (let i = 0; i < 1000; i++) limiter.take(`user${i}`);
    expect(limiter.size).toBe(1000);
    clock.set(2000);
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });

  it('remembers at most maxUsers, dropping the least recently seen', () => {
    const limiter = new RateLimiter({ burst: 1, refillMs: 60_000 }, { now: () => 0, maxUsers: 3 });
    for (const user of ['a', 'b', 'c', 'a', 'd']) limiter.take(user);
    expect(limiter.size).toBe(3);
    // 'b' was dropped: it starts again with a full bucket; 'a' was seen again and is still empty.
    expect(limiter.take('b')).toBe('allow');
    expect(limiter.take('a')).toBe('refuse');
  });

  it('refuses a rate it cannot refill, naming itself', () => {
    expect(() => new RateLimiter({ burst: 1, refillMs: 0 })).toThrow(/^RateLimiter: /);
  });
});

describe('RecentMap', () => {
  it('forgets a value set ttl or more ago', () => {
    const clock = fakeClock();
    const map = new RecentMap<string>(1000, 10, clock.now);
    map.set('k', 'v');
    clock.set(999);
    expect(map.get('k')).toBe('v');
    clock.set(1000);
    expect(map.get('k')).toBeUndefined();
  });

  it('keeps at most maxSize values, the most recently set', () => {
    const map = new RecentMap<number>(1000, 2, () => 0);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([3, undefined, 4, 2]);
  });
});
