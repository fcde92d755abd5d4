import { Counter, Histogram, type Registry } from 'prom-client';

/** Enrichment metrics, registered on the worker's shared registry (core's createWorkerMetrics). */
export interface EnrichMetrics {
  articles: Counter<'lang'>;
  taggerFailures: Counter<'field' | 'code'>;
  stories: Counter<'outcome'>;
  enrichSeconds: Histogram;
}

export function createEnrichMetrics(registry: Registry): EnrichMetrics {
  return {
    articles: new Counter({
      name: 'akhbar_enrich_articles_total',
      help: 'Articles enriched, by detected language (und: undetermined)',
      labelNames: ['lang'],
      registers: [registry],
    }),
    taggerFailures: new Counter({
      name: 'akhbar_enrich_tagger_failures_total',
      help: 'Enrichment fields whose tagger threw (the article went on with the field empty)',
      labelNames: ['field', 'code'],
      registers: [registry],
    }),
    stories: new Counter({
      name: 'akhbar_enrich_story_assignments_total',
      help: 'Story clustering outcomes: new story, joined an existing one (near-duplicate), linked to one in another language, already clustered, or skipped (too little text and no entities)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    enrichSeconds: new Histogram({
      name: 'akhbar_enrich_tagging_seconds',
      help: 'CPU time of the taggers for one article (without Redis)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
