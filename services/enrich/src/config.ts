import type { StoryOptions } from './story.ts';
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
  storyLinkHours: int('ENRICH_STORY_LINK_HOURS', {
    default: 36, min: 1, max: 24 * 30, describe: 'Reports in two languages link into one story only when published within this many hours of each other',
  }),
  storyLinkSimilarity: int('ENRICH_STORY_LINK_SIMILARITY', {
    default: 40, min: 0, max: 100, describe: 'Weighted Jaccard similarity (percent) of two articles\' entities for a cross-lingual story link; 0 turns links off',
  }),
  storySameLangSimilarity: int('ENRICH_STORY_SAME_LANG_SIMILARITY', {
    default: 60, min: 0, max: 100, describe: 'The same for two articles in one language that are no near-duplicates (another outlet\'s rewrite), which must also share three entities other than countries; 0 turns such links off',
  }),
  entitiesFile: optStr('AKHBAR_ENTITIES_FILE', { describe: 'JSON file of extra entities merged into the gazetteer at boot' }),
};
export type EnrichConfig = ConfigOf<typeof enrichConfigSpec>;
export const loadEnrichConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(enrichConfigSpec, env);

/** The story clusterer's settings from the configuration (the prefix is the queue prefix). */
export function storyOptions(config: EnrichConfig): StoryOptions {
  return {
    prefix: config.queuePrefix,
    windowMs: config.storyWindowHours * 3600_000,
    threshold: config.storySimilarity / 100,
    linkWindowMs: config.storyLinkHours * 3600_000,
    linkThreshold: config.storyLinkSimilarity / 100,
    sameLangThreshold: config.storySameLangSimilarity / 100,
  };
}
