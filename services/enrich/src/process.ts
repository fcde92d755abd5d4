import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Queue } from 'bullmq';
import {
  AkhbarError, CoreErrors, RawJobSchema, articleJobId, type EnrichedArticle, type EnrichedJob, type Logger, type RawArticle,
} from '@akhbar/core';
import { TAGGERS, articleSignature, cleanArticle, enrichArticle, storyEntities, type EnrichOptions } from '@akhbar/nlp';
import type { EnrichMetrics } from './metrics.ts';
import type { FeedLanguages } from './feed-lang.ts';
import { STORY_TAGGERS, type StoryClusterer } from './story.ts';

export interface EnrichDeps {
  enrichedQueue: Queue<EnrichedJob>;
  /** Story clustering in Redis; without it an article is its own story. */
  stories?: StoryClusterer;
  metrics?: EnrichMetrics;
  log?: Logger;
  /** Tagger overrides (tests). */
  taggers?: EnrichOptions['taggers'];
  /** Languages learned per feed, for articles whose feed declares none. */
  feedLanguages?: FeedLanguages;
}

export interface ForwardOptions {
  /** Story id the article had before (re-enrichment). */
  previousStoryId?: string;
  /** Job id on the enriched queue. @default articleJobId(article) */
  jobId?: string;
}

const checkRawJob = TypeCompiler.Compile(RawJobSchema);

/** Throws AKHBAR_PAYLOAD_INVALID (permanent) for a payload that is not a v1 RawJob. */
export function checkRawPayload(data: unknown): asserts data is { v: 1; article: RawArticle } {
  if (checkRawJob.Check(data)) return;
  const first = checkRawJob.Errors(data).First();
  throw new AkhbarError(CoreErrors.PAYLOAD_INVALID, `raw job payload invalid at ${first?.path || '/'}: ${first?.message ?? 'unknown'}`, { permanent: true });
}

/**
 * Enrich one article (taggers, then its story in Redis) without sending it anywhere. The body
 * and summary come back without boilerplate; every other field as it came.
 */
export async function enrichOne(raw: RawArticle, deps: Omit<EnrichDeps, 'enrichedQueue'>, opts: ForwardOptions = {}): Promise<EnrichedArticle> {
  const article = cleanArticle(raw);
  // Neither the item nor its feed says its language: what the feed's other articles were.
  const undeclared = !raw.langHint && !raw.source.lang;
  const langPrior = undeclared ? await deps.feedLanguages?.prior(raw.feedId) : undefined;
  const started = process.hrtime.bigint();
  const enrichment = enrichArticle(article, { ...(deps.taggers ? { taggers: deps.taggers } : {}), ...(langPrior ? { langPrior } : {}) });
  deps.metrics?.enrichSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
  if (undeclared) await deps.feedLanguages?.learn(raw.feedId, enrichment.lang, enrichment.langConfidence);
  if (article.body !== raw.body || article.summary !== raw.summary) {
    enrichment.provenance.body = { ...TAGGERS.boilerplate };
  }
  if (opts.previousStoryId) enrichment.storyId = opts.previousStoryId;
  if (deps.stories) {
    const evidence = { signature: articleSignature(article), entities: storyEntities(enrichment) };
    if (evidence.signature || evidence.entities) {
      const res = await deps.stories.assign(article.id, article.publishedAt, evidence, opts.previousStoryId);
      enrichment.storyId = res.storyId;
      enrichment.provenance.storyId = { ...(res.outcome === 'linked' ? STORY_TAGGERS.link : STORY_TAGGERS.nearDuplicate) };
      deps.metrics?.stories.inc({ outcome: res.outcome });
      if (res.outcome === 'joined' || res.outcome === 'linked') {
        deps.log?.debug({ articleId: article.id, feedId: article.feedId, storyId: res.storyId, outcome: res.outcome, similarity: res.similarity }, 'joined a story');
      }
    } else {
      deps.metrics?.stories.inc({ outcome: 'skipped' });
    }
  }
  deps.metrics?.articles.inc({ lang: enrichment.lang });
  for (const [field, p] of Object.entries(enrichment.provenance)) {
    if (p.failed) {
      deps.metrics?.taggerFailures.inc({ field, code: p.failed });
      deps.log?.warn({ articleId: article.id, feedId: article.feedId, field, code: p.failed }, 'a tagger failed; the article goes on without that field');
    }
  }
  return { ...article, enrichment };
}

/** Enrich one article and hand it to the indexer queue (same job id convention as ingest). */
export async function enrichAndForward(raw: RawArticle, deps: EnrichDeps, opts: ForwardOptions = {}): Promise<EnrichedArticle> {
  const enriched = await enrichOne(raw, deps, opts);
  await deps.enrichedQueue.add('article', { v: 1, article: enriched }, { jobId: opts.jobId ?? articleJobId(raw) });
  return enriched;
}
