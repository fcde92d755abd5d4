import { commonConfig, int, loadConfig, workerConfig, type ConfigOf } from '@akhbar/core';

export const enrichConfigSpec = {
  ...commonConfig,
  ...workerConfig(9102),
  concurrency: int('ENRICH_CONCURRENCY', { default: 4, min: 1, max: 256, describe: 'Articles enriched at once per process' }),
};
export type EnrichConfig = ConfigOf<typeof enrichConfigSpec>;
export const loadEnrichConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(enrichConfigSpec, env);
