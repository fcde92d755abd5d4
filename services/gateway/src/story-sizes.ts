import type { FastifyInstance } from 'fastify';
import { storySizesBody } from '@akhbar/search';

/**
 * Story sizes for a page of hits. Sizes change only when articles join a story, so a short-lived
 * per-process cache lets a repeated search (the common case for a busy query) skip the second
 * Elasticsearch round trip entirely.
 */
export class StorySizes {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #cache = new Map<string, { size: number; at: number }>();

  /** @param ttlMs @default 30 000 @param max @default 20 000 entries */
  constructor(ttlMs = 30_000, max = 20_000) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  async get(app: FastifyInstance, storyIds: readonly string[]): Promise<Map<string, number>> {
    const now = Date.now();
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const id of new Set(storyIds)) {
      const c = this.#cache.get(id);
      if (c && now - c.at < this.#ttlMs) out.set(id, c.size);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const res = await app.esTimed('story_sizes', () =>
      app.es.search({ index: app.gw.index, ...storySizesBody(missing), request_cache: true }, { requestTimeout: app.gw.esTimeoutMs }),
    );
    const buckets = (res.aggregations?.sizes as { buckets?: Array<{ key: string; doc_count: number }> } | undefined)?.buckets ?? [];
    for (const b of buckets) out.set(b.key, b.doc_count);
    if (this.#cache.size + missing.length > this.#max) this.#cache.clear();
    for (const id of missing) {
      const size = out.get(id) ?? 1;
      out.set(id, size);
      this.#cache.set(id, { size, at: now });
    }
    return out;
  }
}
