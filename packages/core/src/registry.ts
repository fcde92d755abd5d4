import type { RedisClient } from './redis.ts';
import { AkhbarError, CoreErrors } from './errors.ts';
import { DEFAULT_INTERVAL_SEC, type Feed, type FeedSettings, type FeedStatus } from './feed.ts';
import { feedId } from './ids.ts';
import { canonicalUrl } from './url.ts';
import { websubKey } from './websub.ts';

/**
 * The feed registry, in Redis: one hash per feed (settings and status as fields, so the fetcher
 * updating status and an admin editing settings never overwrite each other) and a set of ids.
 * Keys share the queue prefix's hash tag so they live in the same Cluster slot as the queues.
 */
export class FeedRegistry {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, prefix = '{akhbar}') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #idsKey(): string {
    return `${this.#prefix}:registry:feeds`;
  }
  #feedKey(id: string): string {
    return `${this.#prefix}:registry:feed:${id}`;
  }

  /** Register a feed; returns the existing record (created: false) when its URL is known. */
  async add(input: Partial<FeedSettings> & { url: string }): Promise<{ feed: Feed; created: boolean }> {
    const url = canonicalUrl(input.url);
    const id = feedId(url);
    const now = new Date().toISOString();
    const fields: Record<string, string> = {
      id,
      url,
      originalUrl: url,
      createdAt: now,
      intervalSec: String(input.intervalSec ?? DEFAULT_INTERVAL_SEC),
      fulltext: input.fulltext ?? 'when-short',
      state: 'new',
      consecutiveFailures: '0',
      itemsSeen: '0',
    };
    for (const k of ['title', 'siteUrl', 'lang', 'country', 'category'] as const) {
      const v = input[k];
      if (v !== undefined) fields[k] = v;
    }
    // HSETNX on `id` makes registration atomic: two concurrent adds create one feed.
    const created = (await this.#redis.hsetnx(this.#feedKey(id), 'id', id)) === 1;
    if (created) {
      await this.#redis.multi().hset(this.#feedKey(id), fields).sadd(this.#idsKey(), id).exec();
    }
    const feed = await this.get(id);
    if (!feed) throw new AkhbarError(CoreErrors.FEED_NOT_FOUND, `feed ${id} vanished while being added`);
    return { feed, created };
  }

  async get(id: string): Promise<Feed | undefined> {
    const h = await this.#redis.hgetall(this.#feedKey(id));
    return h.id ? fromHash(h) : undefined;
  }

  async require(id: string): Promise<Feed> {
    const feed = await this.get(id);
    if (!feed) throw new AkhbarError(CoreErrors.FEED_NOT_FOUND, `no feed with id ${id}`, { permanent: true });
    return feed;
  }

  async list(): Promise<Feed[]> {
    const ids = (await this.#redis.smembers(this.#idsKey())).sort();
    if (ids.length === 0) return [];
    const pipe = this.#redis.pipeline();
    for (const id of ids) pipe.hgetall(this.#feedKey(id));
    const rows = (await pipe.exec()) ?? [];
    const feeds: Feed[] = [];
    for (const [err, h] of rows) {
      if (!err && h && typeof h === 'object' && (h as Record<string, string>).id) feeds.push(fromHash(h as Record<string, string>));
    }
    return feeds.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async remove(id: string): Promise<boolean> {
    const [[, removed] = [null, 0]] = (await this.#redis.multi().srem(this.#idsKey(), id).del(this.#feedKey(id)).del(websubKey(this.#prefix, id)).exec()) ?? [];
    return removed === 1;
  }

  /** Change user settings (title, interval, url after a permanent redirect…). */
  async updateSettings(id: string, patch: Partial<FeedSettings>): Promise<Feed> {
    await this.require(id);
    const fields = toFields(patch);
    if (Object.keys(fields).length > 0) await this.#redis.hset(this.#feedKey(id), fields);
    return this.require(id);
  }

  /** Record what a fetch learned. `undefined` values are left as they are; `null` clears a field. */
  async updateStatus(id: string, patch: { [K in keyof FeedStatus]?: FeedStatus[K] | null }): Promise<void> {
    const set: Record<string, string> = {};
    const clear: string[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      if (v === null) clear.push(k);
      else set[k] = String(v);
    }
    const m = this.#redis.multi();
    if (Object.keys(set).length > 0) m.hset(this.#feedKey(id), set);
    if (clear.length > 0) m.hdel(this.#feedKey(id), ...clear);
    // Only write to a feed that still exists: a removed feed must not be resurrected by a late fetch.
    if ((await this.#redis.exists(this.#feedKey(id))) === 0) return;
    await m.exec();
  }

  async incrementItemsSeen(id: string, by: number): Promise<void> {
    if (by <= 0) return;
    if ((await this.#redis.exists(this.#feedKey(id))) === 0) return;
    await this.#redis.hincrby(this.#feedKey(id), 'itemsSeen', by);
  }

  async incrementFailures(id: string): Promise<number> {
    // HINCRBY would create the hash: a late failure must not resurrect a removed feed.
    if ((await this.#redis.exists(this.#feedKey(id))) === 0) return 0;
    return this.#redis.hincrby(this.#feedKey(id), 'consecutiveFailures', 1);
  }
}

const INT_FIELDS = new Set(['intervalSec', 'consecutiveFailures', 'itemsSeen', 'itemsLastFetch', 'lastHttpStatus', 'effectiveIntervalSec']);
const STATUS_FIELDS = [
  'state', 'lastFetchAt', 'lastSuccessAt', 'lastHttpStatus', 'lastErrorCode', 'lastError', 'consecutiveFailures',
  'itemsSeen', 'itemsLastFetch', 'etag', 'lastModified', 'nextFetchAt', 'repaired', 'effectiveIntervalSec',
  'websubHub', 'websubState', 'websubExpiresAt', 'websubLastPushAt',
] as const;

function fromHash(h: Record<string, string>): Feed {
  const val = (k: string): string | number | boolean | undefined => {
    const v = h[k];
    if (v === undefined) return undefined;
    if (INT_FIELDS.has(k)) return Number(v);
    if (k === 'repaired') return v === 'true';
    return v;
  };
  const status: Record<string, unknown> = {};
  for (const k of STATUS_FIELDS) {
    const v = val(k);
    if (v !== undefined) status[k] = v;
  }
  const feed: Record<string, unknown> = {
    id: h.id,
    url: h.url,
    originalUrl: h.originalUrl ?? h.url,
    createdAt: h.createdAt,
    intervalSec: Number(h.intervalSec ?? DEFAULT_INTERVAL_SEC),
    fulltext: h.fulltext ?? 'when-short',
    status: { consecutiveFailures: 0, itemsSeen: 0, state: 'new', ...status },
  };
  for (const k of ['title', 'siteUrl', 'lang', 'country', 'category'] as const) if (h[k] !== undefined) feed[k] = h[k];
  return feed as Feed;
}

function toFields(patch: Partial<FeedSettings>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = String(v);
  return out;
}
