// @fastify/rate-limit's own Redis store (its Lua script: INCR, and PEXPIRE on a window's first
// request), typed in rate-limit-redis-store.d.ts.
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisClient } from '@akhbar/core';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

/** What this process knows of a key's window, from Redis's last answer. */
interface Known {
  /** The count Redis last answered (every process's requests, up to that moment). */
  current: number;
  /** Increments sent and not yet answered. */
  inFlight: number;
  /** When the window ends (epoch ms). */
  endsAt: number;
  /** When Redis last answered (epoch ms). */
  answeredAt: number;
}

/**
 * The shared (Redis) rate limit without a Redis round trip on the way of most requests.
 *
 * The plugin's Redis store makes each request wait for its INCR, and with Redis writing its
 * append-only file before each reply (appendfsync always, README "Reliability") that wait was
 * ~0.4 ms per request, nearly all of what the gateway's own code added to a search measured
 * in-process (README "Performance"). Here every increment still goes to Redis, through
 * the plugin's own store and script, so the count there stays exact and shared by every gateway
 * process; what changes is when a request waits for it. A request is answered at once from what
 * this process knows — the count Redis last answered plus its increments still on their way —
 * while the window is known, Redis answered within the last second, and that estimate is at most
 * half the limit. Otherwise (a window's first request here, a stale answer, a client past half
 * its limit) it waits for Redis as before, so from half the limit on every request is decided by
 * Redis's own count and a client is refused exactly at its limit. What another process admitted
 * since this one's last answer is not seen on the fast path; with half the limit as the bar, a
 * client spread over several processes gets past its limit only if the count climbs from half
 * to all of it while some of those fast increments are still on their way to Redis — half the
 * limit's worth of requests within one round trip. (A tenth below the limit was the bar before:
 * two gateways under a loaded CI let one request through past a limit of 30.) A Redis error on
 * the fast path is dropped (skipOnError's policy); on the waiting path it goes to the plugin,
 * which skips the limit.
 *
 * Written here because no store of the plugin's, nor a library found for it, answers from a
 * local estimate while keeping the count in Redis.
 */
export class WriteBehindRedisStore implements FastifyRateLimitStore {
  readonly #inner: RedisStore;
  readonly #known = new Map<string, Known>();
  readonly #freshMs: number;

  constructor(inner: RedisStore, freshMs = 1_000) {
    this.#inner = inner;
    this.#freshMs = freshMs;
  }

  /** A store class for the plugin's `store` option, over `redis` with keys under `nameSpace`. */
  static over(redis: RedisClient, nameSpace: string): FastifyRateLimitStoreCtor {
    return class extends WriteBehindRedisStore {
      // The plugin passes its resolved settings (continueExceeding, exponentialBackoff among them).
      constructor(params: FastifyRateLimitOptions) {
        const p = params as FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean };
        super(new RedisStore(p.continueExceeding ?? false, p.exponentialBackoff ?? false, redis, nameSpace));
      }
    };
  }

  incr(key: string, cb: Callback, timeWindow: number, max: number): void {
    const now = Date.now();
    const k = this.#known.get(key);
    if (k && now < k.endsAt && now - k.answeredAt <= this.#freshMs && k.current + k.inFlight + 1 <= Math.floor(max / 2)) {
      k.inFlight++;
      cb(null, { current: k.current + k.inFlight, ttl: k.endsAt - now });
      this.#send(key, timeWindow, max, true, () => undefined);
      return;
    }
    this.#send(key, timeWindow, max, false, cb);
  }

  /**
   * The increment to Redis; its answer becomes what this process knows of the key. `counted`:
   * the fast path already counted it in `inFlight`.
   */
  #send(key: string, timeWindow: number, max: number, counted: boolean, cb: Callback): void {
    let k = this.#known.get(key);
    if (!k) {
      if (this.#known.size >= 50_000) this.#sweep();
      k = { current: 0, inFlight: 0, endsAt: 0, answeredAt: 0 };
      this.#known.set(key, k);
    }
    const entry = k;
    const sentAt = Date.now();
    this.#inner.incr(
      key,
      (err, res) => {
        // Redis's count now holds it.
        if (counted) entry.inFlight--;
        if (!err && res) {
          entry.current = res.current;
          entry.endsAt = sentAt + res.ttl;
          entry.answeredAt = Date.now();
        }
        cb(err, res);
      },
      timeWindow,
      max,
    );
  }

  read(key: string, cb: Callback, timeWindow: number, max: number): void {
    this.#inner.read(key, cb, timeWindow, max);
  }

  child(routeOptions: RouteOptions): FastifyRateLimitStore {
    return new WriteBehindRedisStore(this.#inner.child(routeOptions), this.#freshMs);
  }

  /** Forget windows that have ended; past a bound, forget everything (the next requests wait for Redis). */
  #sweep(): void {
    const now = Date.now();
    for (const [key, k] of this.#known) if (now >= k.endsAt && k.inFlight === 0) this.#known.delete(key);
    if (this.#known.size >= 50_000) this.#known.clear();
  }
}
