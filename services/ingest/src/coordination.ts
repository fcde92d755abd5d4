import { randomBytes } from 'node:crypto';
import { HostGate, type RedisClient } from '@akhbar/core';

/**
 * Coordination between ingest replicas, in Redis (replicas share nothing else). Keys sit under
 * the queue prefix, whose {hash tag} keeps each script's keys in one Cluster slot. Times come
 * from Redis' own clock so replicas with drifting clocks still agree.
 */

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * "Never two fetches of one feed at once": a lease with an owner token, held for a short term
 * and renewed while the fetch runs (up to the fetch's longest time), so a replica that dies
 * mid-fetch (kill -9, a node lost) holds the feed for one term, not for the longest a fetch may take.
 */
export class FeedLock {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #leaseMs: number;
  /** `leaseMs`: the term a lease lasts unless renewed (renewed every third of it). @default 20 000 */
  constructor(redis: RedisClient, prefix: string, opts: { leaseMs?: number } = {}) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#leaseMs = opts.leaseMs ?? 20_000;
  }
  #key(feedId: string): string {
    return `${this.#prefix}:ingest:lock:feed:${feedId}`;
  }
  /** A release function, or undefined when another fetch of the feed holds the lease. `ttlMs`: the longest it is held. */
  async acquire(feedId: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const token = randomBytes(8).toString('hex');
    const key = this.#key(feedId);
    const term = Math.min(this.#leaseMs, ttlMs);
    const ok = await this.#redis.set(key, token, 'PX', term, 'NX');
    if (ok !== 'OK') return undefined;
    const until = Date.now() + ttlMs;
    const renew = setInterval(() => {
      const left = until - Date.now();
      if (left <= 0) return clearInterval(renew);
      // A failed renewal (Redis away) lets the lease run out: another fetch may then overlap
      // this one, which costs a request but duplicates nothing (an article's id is its job id).
      this.#redis.eval(RENEW, 1, key, token, String(Math.min(term, left))).catch(() => undefined);
    }, Math.max(Math.floor(term / 3), 50));
    renew.unref();
    return async () => {
      clearInterval(renew);
      await this.#redis.eval(RELEASE, 1, key, token);
    };
  }
}

/**
 * Per-host limits of feed polls: at most `limit` fetches of one host at once and `delayMs`
 * between them, across replicas — core's HostGate under the `ingest` scope.
 */
export class HostLimiter extends HostGate {
  constructor(redis: RedisClient, prefix: string, opts: { limit: number; delayMs: number }) {
    super(redis, prefix, { scope: 'ingest', ...opts });
  }
}
