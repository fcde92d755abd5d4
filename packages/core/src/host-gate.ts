import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis.ts';

/**
 * Per-host politeness shared by every replica, in Redis: at most `limit` fetches of one host at
 * once, at least `delayMs` between the starts of two and between the end of one and the start of
 * the next, and a host-wide pause after a 429/503 so that no replica knocks again before
 * Retry-After. Ingest (feed polls) and fulltext (article pages) each use one under their own
 * `scope`, so feed polling and page fetching of one site do not starve each other.
 * Times come from Redis' own clock so replicas with drifting clocks agree; slot leases expire on
 * their own so a crashed replica cannot hold a host. Keys sit under the queue prefix, whose
 * {hash tag} keeps one script's keys in one Cluster slot.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local delay = tonumber(ARGV[2])
local ttl = tonumber(ARGV[4])
local pausedUntil = tonumber(redis.call('GET', KEYS[3]) or '0')
if pausedUntil > now then return pausedUntil - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= limit then
  -- Slots are held by fetches in progress: look again soon (leases only bound crashed holders).
  local wait = delay
  if wait > 1000 then wait = 1000 end
  if wait < 200 then wait = 200 end
  return wait
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return 0
`;

/** Free a slot, and keep the next start on the domain `delay` after this fetch ended too. */
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
local delay = tonumber(ARGV[2])
if delay <= 0 then return 0 end
local t = redis.call('TIME')
local at = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + delay
local cur = tonumber(redis.call('GET', KEYS[2]) or '0')
if at > cur then redis.call('SET', KEYS[2], at, 'PX', delay + 1000) end
return 0
`;

/** Push the next allowed start (never pull it earlier). */
const SPACE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if at > cur then redis.call('SET', KEYS[1], at, 'PX', tonumber(ARGV[1]) + 1000) end
return at
`;

export interface HostGateOptions {
  /** Key namespace of the user, e.g. 'ingest' or 'fulltext'. */
  scope: string;
  /** Fetches of one host at once. */
  limit: number;
  /** Least time between two starts on one host, and between the end of one fetch and the next start. */
  delayMs: number;
}

export type HostSlot = { release: () => Promise<void> } | { waitMs: number };

export class HostGate {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #opts: HostGateOptions;
  constructor(redis: RedisClient, prefix: string, opts: HostGateOptions) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#opts = opts;
  }

  #keys(domain: string): [string, string, string] {
    const base = `${this.#prefix}:${this.#opts.scope}:host:${domain.toLowerCase()}`;
    return [`${base}:active`, `${base}:next`, `${base}:paused`];
  }

  /** `{ release }` when a fetch may start now, `{ waitMs }` when it must wait that long first. */
  async acquire(domain: string, leaseMs: number): Promise<HostSlot> {
    const token = randomBytes(8).toString('hex');
    const [active, next, paused] = this.#keys(domain);
    const wait = Number(await this.#redis.eval(ACQUIRE, 3, active, next, paused, this.#opts.limit, this.#opts.delayMs, token, leaseMs));
    if (wait > 0) return { waitMs: wait };
    return { release: async () => void (await this.#redis.eval(RELEASE, 2, active, next, token, this.#opts.delayMs)) };
  }

  /** Keep the next start on this domain at least `ms` away (a robots.txt Crawl-delay longer than ours). */
  async space(domain: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.#redis.eval(SPACE, 1, this.#keys(domain)[1], ms);
  }

  /** The site said 429/503: no replica starts a fetch on it for `ms`. */
  async pause(domain: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.#redis.eval(SPACE, 1, this.#keys(domain)[2], ms);
  }
}
