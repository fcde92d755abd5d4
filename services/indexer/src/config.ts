import { bool, commonConfig, int, loadConfig, mailConfig, workerConfig, type ConfigOf } from '@akhbar/core';

export const indexerConfigSpec = {
  ...commonConfig,
  ...workerConfig(9103),
  ...mailConfig,
  batchDocs: int('INDEXER_BATCH_DOCS', { default: 500, min: 1, max: 10_000, describe: 'Flush a bulk request at this many documents' }),
  batchBytes: int('INDEXER_BATCH_BYTES', { default: 5 * 1024 * 1024, min: 1024, max: 100 * 1024 * 1024, describe: 'Flush a bulk request at this many bytes' }),
  flushMs: int('INDEXER_FLUSH_MS', { default: 500, min: 10, max: 1000, describe: 'While a bulk is in flight, flush a partial batch this long after its oldest document arrived (with none in flight it goes at once)' }),
  bulkConcurrency: int('INDEXER_BULK_CONCURRENCY', { default: 2, min: 1, max: 32, describe: 'Bulk requests in flight at once' }),
  concurrency: int('INDEXER_CONCURRENCY', { default: 1000, min: 1, max: 20_000, describe: 'Jobs held at once (documents waiting for their bulk acknowledgement)' }),
  itemAttempts: int('INDEXER_ITEM_ATTEMPTS', { default: 6, min: 1, max: 50, describe: 'Bulk attempts for a document answered 429/5xx/404 (not a block) before its job is failed for a later retry' }),
  shards: int('AKHBAR_INDEX_SHARDS', { default: 1, min: 1, max: 64, describe: 'Primary shards of new article indices' }),
  replicas: int('AKHBAR_INDEX_REPLICAS', { default: 0, min: 0, max: 8, describe: 'Replicas of new article indices' }),
  allowPrivate: bool('AKHBAR_ALLOW_PRIVATE_NETWORKS', { default: false, describe: 'Allow alert webhooks on loopback/private addresses' }),
  alertTimeoutMs: int('AKHBAR_ALERT_TIMEOUT_MS', { default: 10_000, min: 100, max: 120_000, describe: 'Time a webhook has to answer an alert delivery' }),
  alertConcurrency: int('AKHBAR_ALERT_CONCURRENCY', { default: 8, min: 1, max: 256, describe: 'Alert deliveries in flight at once' }),
  retentionDays: int('AKHBAR_RETENTION_DAYS', { default: 0, min: 0, max: 36_500, describe: 'Delete articles published more than this many days ago, hourly (0: keep every article)' }),
  refreshMs: int('AKHBAR_INDEX_REFRESH_MS', { default: 1000, min: -1, max: 3_600_000, describe: 'Refresh interval of new article indices in ms (bounds fetched→searchable latency); 0 or -1 turns periodic refresh off' }),
};
export type IndexerConfig = ConfigOf<typeof indexerConfigSpec>;
export const loadIndexerConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(indexerConfigSpec, env);

/** Elasticsearch's refresh_interval for AKHBAR_INDEX_REFRESH_MS. */
export function refreshInterval(config: Pick<IndexerConfig, 'refreshMs'>): string {
  return config.refreshMs <= 0 ? '-1' : `${config.refreshMs}ms`;
}

/** Shards, replicas and refresh of new article indices, from config. */
export function indexOptions(config: IndexerConfig): { shards: number; replicas: number; refreshInterval: string } {
  return { shards: config.shards, replicas: config.replicas, refreshInterval: refreshInterval(config) };
}
