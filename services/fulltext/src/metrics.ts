import { Counter, Histogram, type Registry } from 'prom-client';

export interface FulltextMetrics {
  /** Pages by outcome: extracted, feed-text-kept, or the AKHBAR_FULLTEXT_* code that stopped them. */
  pages: Counter<'outcome'>;
  /** Jobs put back on the queue to wait for their domain (politeness, concurrency, 429/503 pause). */
  deferred: Counter;
  /** Time to read one page: slot, robots.txt, fetch, decode, extract. */
  duration: Histogram<'outcome'>;
  /** Re-reads of pages (FULLTEXT_REVISIT_AFTER) by outcome: unchanged, edited, stale, failed. */
  revisits: Counter<'outcome'>;
}

export function createFulltextMetrics(registry: Registry): FulltextMetrics {
  return {
    pages: new Counter({ name: 'akhbar_fulltext_pages_total', help: 'Article pages by outcome (extracted, feed-text-kept, or an AKHBAR_FULLTEXT_* code)', labelNames: ['outcome'], registers: [registry] }),
    revisits: new Counter({ name: 'akhbar_fulltext_revisits_total', help: 'Page re-reads (FULLTEXT_REVISIT_AFTER) by outcome: unchanged, edited (an update sent on), stale (a newer version came from the feed), failed', labelNames: ['outcome'], registers: [registry] }),
    deferred: new Counter({ name: 'akhbar_fulltext_deferred_total', help: 'Jobs delayed to wait for their domain (politeness, concurrency, Retry-After)', registers: [registry] }),
    duration: new Histogram({
      name: 'akhbar_fulltext_page_seconds',
      help: 'Time to read one article page',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
      registers: [registry],
    }),
  };
}
