import type { FastifyInstance } from 'fastify';
import { storySizesBody } from '@akhbar/search';

/**
 * Story sizes for a page of hits. Sizes change only when articles join a story, so a short-lived
 * per-process cache lets a repeated search (the common case for a busy query) skip the second
 * Elasticsearch round trip entirely. Past its freshness a size is still shown for a while (a
 * story a few articles smaller than it has just grown is no harm) while one background request
 * refreshes it; and the searches that miss the same stories at once (a dashboard's panels, many
 * readers of one busy query) share one request instead of each sending its own. Written by hand:
 * a general cache library would not batch a page's ids into one aggregation.
 */
export class StorySizes {
  readonly #ttlMs: number;
  readonly #staleMs: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { size: number; at: number }>();
  /** The request under way for a story, awaited by every search that needs its size meanwhile. */
  readonly #pending = new Map<string, Promise<void>>();

  /**
   * @param o.ttlMs how long a size is fresh @default 30 000
   * @param o.staleMs how long (from when it was read) it is still shown while being refreshed @default 10 × ttlMs
   * @param o.max entries kept @default 20 000
   * @param o.now the clock @default Date.now
   */
  constructor(o: { ttlMs?: number; staleMs?: number; max?: number; now?: () => number } = {}) {
    this.#ttlMs = o.ttlMs ?? 30_000;
    this.#staleMs = o.staleMs ?? this.#ttlMs * 10;
    this.#max = o.max ?? 20_000;
    this.#now = o.now ?? Date.now;
  }

  async get(app: FastifyInstance, storyIds: readonly string[]): Promise<Map<string, number>> {
    const now = this.#now();
    const out = new Map<string, number>();
    const missing: string[] = [];
    const stale: string[] = [];
    const waits = new Set<Promise<void>>();
    for (const id of new Set(storyIds)) {
      const c = this.#cache.get(id);
      const pending = this.#pending.get(id);
      if (c && now - c.at < this.#ttlMs) out.set(id, c.size);
      else if (c && now - c.at < this.#staleMs) {
        out.set(id, c.size);
        if (!pending) stale.push(id);
      } else if (pending) waits.add(pending);
      else missing.push(id);
    }
    // Refreshed behind the answer: a failure leaves the stale size, and the next search retries.
    if (stale.length > 0) this.#fetch(app, stale).catch(() => undefined);
    if (missing.length > 0) waits.add(this.#fetch(app, missing));
    if (waits.size === 0) return out;
    await Promise.all(waits);
    for (const id of storyIds) if (!out.has(id)) out.set(id, this.#cache.get(id)?.size ?? 1);
    return out;
  }

  /** One aggregation for these stories' sizes, into the cache; the stories are pending until it ends. */
  #fetch(app: FastifyInstance, ids: readonly string[]): Promise<void> {
    const run = (async () => {
      const res = await app.esTimed('story_sizes', () =>
        app.es.search({ index: app.gw.index, ...storySizesBody(ids), request_cache: true }, { requestTimeout: app.gw.esTimeoutMs }),
      );
      const buckets = (res.aggregations?.sizes as { buckets?: Array<{ key: string; doc_count: number }> } | undefined)?.buckets ?? [];
      const sizes = new Map(buckets.map((b) => [b.key, b.doc_count]));
      if (this.#cache.size + ids.length > this.#max) this.#cache.clear();
      const at = this.#now();
      for (const id of ids) this.#cache.set(id, { size: sizes.get(id) ?? 1, at });
    })();
    const done = run.finally(() => {
      for (const id of ids) if (this.#pending.get(id) === done) this.#pending.delete(id);
    });
    for (const id of ids) this.#pending.set(id, done);
    return done;
  }
}
