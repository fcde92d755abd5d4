import type { FeedRegistry, Logger } from '@akhbar/core';
import { badParam } from './errors.ts';
import { listValue } from './lists.ts';

export interface CollectionInfo {
  /** The category as the feeds carry it. */
  name: string;
  /** Its feeds (an article's source id is its feed's id), by id. */
  sources: Array<{ id: string; title?: string; url: string }>;
}

/**
 * Collections, as Media Cloud calls them: sets of sources to search within. Akhbar's are the
 * feeds' categories — the folder each feed was given (`--category`, an OPML outline,
 * PATCH /v1/feeds/:id) — so `collection=Iraq` searches the articles of the feeds filed under
 * Iraq, old ones included (a search filter on the sources, nothing written into documents).
 *
 * Kept in memory so a search reads them without a Redis round trip: loaded before the gateway
 * listens, reloaded every `refreshMs` and at once after this gateway changes a feed. A feed
 * filed by the CLI or by another gateway is seen at the next reload.
 */
export class Collections {
  readonly #registry: FeedRegistry;
  readonly #log: Logger | undefined;
  readonly #refreshMs: number;
  #byKey = new Map<string, CollectionInfo>();
  /** Which sources each collection had at the last reload, to tell the listeners only of changes. */
  #signature: string | undefined;
  readonly #listeners = new Set<() => Promise<void>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(registry: FeedRegistry, opts: { refreshMs?: number; log?: Logger } = {}) {
    this.#registry = registry;
    this.#log = opts.log;
    this.#refreshMs = opts.refreshMs ?? 10_000;
  }

  /** Read the feeds' categories again; on failure the last ones stay (a search still answers). */
  async reload(): Promise<void> {
    try {
      const next = new Map<string, CollectionInfo>();
      for (const feed of await this.#registry.list()) {
        const name = feed.category?.trim();
        if (!name) continue;
        const key = keyOf(name);
        const c = next.get(key) ?? { name, sources: [] };
        c.sources.push({ id: feed.id, url: feed.url, ...(feed.title ? { title: feed.title } : {}) });
        next.set(key, c);
      }
      for (const c of next.values()) c.sources.sort((a, b) => a.id.localeCompare(b.id));
      this.#byKey = next;
    } catch (err) {
      this.#log?.warn({ err }, 'could not reload the collections; keeping the last ones');
      return;
    }
    const signature = JSON.stringify([...this.#byKey].map(([key, c]) => [key, c.sources.map((s) => s.id)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    if (signature === this.#signature) return;
    this.#signature = signature;
    for (const listener of this.#listeners) {
      try {
        await listener();
      } catch (err) {
        this.#log?.warn({ err }, 'a listener to collection changes failed');
      }
    }
  }

  /**
   * Call `listener` (awaited by `reload`, so a feed route answers after it ran) whenever a reload
   * finds a collection's sources changed — whoever changed them: this gateway, another, the CLI.
   * Returns the function that stops it.
   */
  onChange(listener: () => Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.reload(), this.#refreshMs).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  list(): CollectionInfo[] {
    return [...this.#byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The source ids of the named collections (any case), all of them together. An unknown name is
   * a 400 naming the parameter and the collections there are, rather than a silent empty result.
   */
  sourcesOf(names: readonly string[], opts: { skipUnknown?: boolean } = {}): string[] {
    const out = new Set<string>();
    for (const name of names) {
      const c = this.#byKey.get(keyOf(name));
      if (!c) {
        // What an alert made on a collection whose feeds have all gone follows: none of its sources.
        if (opts.skipUnknown) continue;
        const known = this.list().map((x) => listValue(x.name));
        throw badParam('collection', `no collection named ${listValue(name)}${known.length > 0 ? ` (there are: ${known.slice(0, 20).join(', ')})` : ' (no feed has a category)'}`);
      }
      for (const s of c.sources) out.add(s.id);
    }
    return [...out];
  }
}

const keyOf = (name: string) => name.trim().toLocaleLowerCase('en');
