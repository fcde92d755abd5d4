import { randomBytes } from 'node:crypto';
import { HostGate, type RedisClient } from '@akhbar/core';

/**
 * Coordination between ingest replicas, in Redis (replicas share nothing else). Keys sit under
 * the queue prefix, whose {hash tag} keeps each script's keys in one Cluster slot. Times come
 * from Redis' own clock so replicas with drifting clocks still agree.
 */

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** "Never two fetches of one feed at once": a lease with an owner token and an expiry. */
export class FeedLock {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  constructor(redis: RedisClient, prefix: string) {
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
 * Per-host limits of feed polls: at most `limit` fetches of one host at once and `delayMs`
 * between them, across replicas — core's HostGate under the `ingest` scope.
 */
export class HostLimiter extends HostGate {
  constructor(redis: RedisClient, prefix: string, opts: { limit: number; delayMs: number }) {
    super(redis, prefix, { scope: 'ingest', ...opts });
  }
}
