import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BatchObserver, ItemOutcome } from './batcher.ts';

/**
 * Indexer metrics, registered on the worker's shared registry (core's createWorkerMetrics), so
 * /metrics shows them beside the job counters.
 */
export interface IndexerMetrics {
  bulkDocs: Histogram;
  bulkBytes: Histogram;
  bulkDuration: Histogram<'outcome'>;
  items: Counter<'outcome'>;
  deadLettered: Counter<'code'>;
  edits: Counter<'field'>;
  esUp: Gauge;
  observer: BatchObserver;
}

export function createIndexerMetrics(registry: Registry): IndexerMetrics {
  const registers = [registry];
  const bulkDocs = new Histogram({
    name: 'akhbar_indexer_bulk_docs',
    help: 'Documents per _bulk request',
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    registers,
  });
  const bulkBytes = new Histogram({
    name: 'akhbar_indexer_bulk_bytes',
    help: 'Bytes per _bulk request body',
    buckets: [1 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20],
    registers,
  });
  const bulkDuration = new Histogram({
    name: 'akhbar_indexer_bulk_duration_seconds',
    help: 'Duration of _bulk requests, by outcome (ok: Elasticsearch answered; error: request failed)',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const items = new Counter({
    name: 'akhbar_indexer_items_total',
    help: 'Bulk items by outcome: created, updated, duplicate (409: same or newer already indexed), throttled (429, retried), retried (5xx, 404), blocked (the index refuses writes: held until the block is lifted), rejected (4xx, dead-lettered), invalid (refused before Elasticsearch), failed (gave up, retryable)',
    labelNames: ['outcome'],
    registers,
  });
  const deadLettered = new Counter({
    name: 'akhbar_indexer_dead_lettered_total',
    help: 'Jobs sent to the dead-letter queue, by error code',
    labelNames: ['code'],
    registers,
  });
  const edits = new Counter({
    name: 'akhbar_indexer_edits_total',
    help: 'Edits recorded: updates that changed an indexed article, by what they changed (title, summary, body; an edit of several counts in each)',
    labelNames: ['field'],
    registers,
  });
  const esUp = new Gauge({ name: 'akhbar_indexer_elasticsearch_up', help: '1 while bulk requests succeed, 0 during an outage or while the index refuses writes (worker paused)', registers });
  esUp.set(1);
  const observer: BatchObserver = {
    bulk: (e) => {
      bulkDocs.observe(e.docs);
      bulkBytes.observe(e.bytes);
      bulkDuration.observe({ outcome: e.ok ? 'ok' : 'error' }, e.durationMs / 1000);
    },
    item: (outcome: ItemOutcome) => items.inc({ outcome }),
    availability: (up) => esUp.set(up ? 1 : 0),
  };
  return { bulkDocs, bulkBytes, bulkDuration, items, deadLettered, edits, esUp, observer };
}
