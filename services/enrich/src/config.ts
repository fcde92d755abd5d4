import { commonConfig, int, loadConfig, optStr, workerConfig, type ConfigOf } from '@akhbar/core';

export const enrichConfigSpec = {
  ...commonConfig,
  ...workerConfig(9102),
  concurrency: int('ENRICH_CONCURRENCY', { default: 4, min: 1, max: 256, describe: 'Articles enriched at once per process' }),
  storyWindowHours: int('ENRICH_STORY_WINDOW_HOURS', {
    default: 72, min: 1, max: 24 * 30, describe: 'Near-duplicates join a story only when published within this many hours of each other',
  }),
  storySimilarity: int('ENRICH_STORY_SIMILARITY', {
    default: 45, min: 10, max: 100, describe: 'Estimated word-bigram Jaccard similarity (percent) of two ledes for one story',
  }),
  entitiesFile: optStr('AKHBAR_ENTITIES_FILE', { describe: 'JSON file of extra entities merged into the gazetteer at boot' }),
};
export type EnrichConfig = ConfigOf<typeof enrichConfigSpec>;
export const loadEnrichConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(enrichConfigSpec, env);
