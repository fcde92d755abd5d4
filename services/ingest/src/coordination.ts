import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Coordination between ingest replicas, in Redis (replicas share nothing else). Keys sit under
 * the queue prefix, whose {hash tag} keeps each script's keys in one Cluster slot. Times come
 * from Redis' own clock so replicas with drifting clocks still agree.
 */

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** "Never two fetches of one feed at once": a lease with an owner token and an expiry. */
export class FeedLock {
  readonly #redis: Redis;
  readonly #prefix: string;
  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }
  #key(feedId: string): string {
    return `${this.#prefix}:ingest:lock:feed:${feedId}`;
  }
  /** A release function, or undefined when another fetch of the feed holds the lease. */
  async acquire(feedId: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const token = randomBytes(8).toString('hex');
    const ok = await this.#redis.set(this.#key(feedId), token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return undefined;
    return async () => {
      await this.#redis.eval(RELEASE, 1, this.#key(feedId), token);
    };
  }
}

/**
 * Per-host limits: at most `limit` fetches of one host at once, and at least `delayMs` between
 * the starts of two of them (politeness). Returns 0 when a slot was taken, else how long to wait.
 * Slots expire on their own, so a crashed replica cannot hold a host forever.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local delay = tonumber(ARGV[2])
local ttl = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= limit then
  local soonest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local wait = tonumber(soonest[2]) - now
  if wait > 5000 then wait = 5000 end
  if wait < 100 then wait = 100 end
  return wait
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return 0
`;

export class HostLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limit: number;
  readonly #delayMs: number;
  constructor(redis: Redis, prefix: string, opts: { limit: number; delayMs: number }) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#limit = opts.limit;
    this.#delayMs = opts.delayMs;
  }
  #keys(host: string): [string, string] {
    return [`${this.#prefix}:ingest:host:${host}:active`, `${this.#prefix}:ingest:host:${host}:next`];
  }
  /** `{ release }` when the fetch may start now, `{ waitMs }` when it must wait. */
  async acquire(host: string, ttlMs: number): Promise<{ release: () => Promise<void> } | { waitMs: number }> {
    const token = randomBytes(8).toString('hex');
    const [active, next] = this.#keys(host);
    const wait = Number(await this.#redis.eval(ACQUIRE, 2, active, next, this.#limit, this.#delayMs, token, ttlMs));
    if (wait > 0) return { waitMs: wait };
    return {
      release: async () => {
        await this.#redis.zrem(active, token);
      },
    };
  }
}
