import { Counter, Histogram, type Registry } from 'prom-client';

/** Fetch outcomes on the worker's shared /metrics registry (packages/core/src/ops.ts). */
export interface FetchMetrics {
  /** Every poll, by HTTP status ("0" when there was no response) and error code ("none" on success). */
  fetches: Counter<'status' | 'code'>;
  /** Articles queued for enrichment, new or updated. */
  articles: Counter<'kind'>;
  duration: Histogram<'outcome'>;
}

export function createFetchMetrics(registry: Registry): FetchMetrics {
  return {
    fetches: new Counter({
      name: 'akhbar_feed_fetches_total',
      help: 'Feed polls by HTTP status and error code',
      labelNames: ['status', 'code'],
      registers: [registry],
    }),
    articles: new Counter({
      name: 'akhbar_feed_articles_queued_total',
      help: 'Articles queued by ingest (kind: new, update)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'akhbar_feed_fetch_duration_seconds',
      help: 'Fetch + parse + queue time of one poll',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
}
