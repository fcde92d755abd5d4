import { bool, commonConfig, int, loadConfig, workerConfig, type ConfigOf } from '@akhbar/core';

export const ingestConfigSpec = {
  ...commonConfig,
  ...workerConfig(9101),
  allowPrivate: bool('AKHBAR_ALLOW_PRIVATE_NETWORKS', { default: false, describe: 'Allow feeds on loopback/private addresses' }),
  concurrency: int('INGEST_CONCURRENCY', { default: 8, min: 1, max: 256, describe: 'Feeds fetched at once per process' }),
  schedulerSyncSec: int('INGEST_SCHEDULER_SYNC_SEC', { default: 30, min: 1, max: 3600, describe: 'How often schedules are reconciled with the registry' }),
};
export type IngestConfig = ConfigOf<typeof ingestConfigSpec>;
export const loadIngestConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(ingestConfigSpec, env);
