import { commonConfig, int, loadConfig, workerConfig, type ConfigOf } from '@akhbar/core';

export const indexerConfigSpec = {
  ...commonConfig,
  ...workerConfig(9103),
  batchDocs: int('INDEXER_BATCH_DOCS', { default: 500, min: 1, max: 10_000, describe: 'Flush a bulk request at this many documents' }),
  batchBytes: int('INDEXER_BATCH_BYTES', { default: 5 * 1024 * 1024, min: 1024, describe: 'Flush a bulk request at this many bytes' }),
  flushMs: int('INDEXER_FLUSH_MS', { default: 500, min: 10, max: 1000, describe: 'Flush a partial batch after this long' }),
  shards: int('AKHBAR_INDEX_SHARDS', { default: 1, min: 1, max: 64 }),
  replicas: int('AKHBAR_INDEX_REPLICAS', { default: 0, min: 0, max: 8 }),
};
export type IndexerConfig = ConfigOf<typeof indexerConfigSpec>;
export const loadIndexerConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(indexerConfigSpec, env);
