import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import {
  QUEUES, akhbarBackoff, deadLetter, isAkhbarError, openQueue, type EnrichedJob, type Logger, type RawJob, type RedisClient, type ReplicaPolicy, settleBull,
} from '@akhbar/core';
import type { EnrichOptions } from '@akhbar/nlp';
import type { EnrichMetrics } from './metrics.ts';
import { checkRawPayload, enrichAndForward } from './process.ts';
import { FeedLanguages } from './feed-lang.ts';
import { StoryClusterer, type StoryOptions } from './story.ts';

/**
 * The enrich worker: `articles.raw` → taggers + story clustering → `articles.enriched`.
 *
 *   - payload not a v1 RawJob → dead-letter queue with the code, never retried;
 *   - a tagger that throws → its field is marked failed in provenance, the article goes on;
 *   - Redis trouble while clustering or enqueuing → the job fails and BullMQ retries it.
 */
export interface EnricherOptions {
  /** Connection for the BullMQ worker (blocking; maxRetriesPerRequest null). */
  workerConnection: RedisClient;
  /** Connection for the queues and the story scripts. */
  connection: RedisClient;
  queuePrefix: string;
  /** Replicas each enriched hand-off must reach before the raw job completes (REDIS_MIN_REPLICAS). @default none */
  replicas?: ReplicaPolicy;
  /** @default 4 */
  concurrency?: number;
  /** Story clustering settings (defaults: StoryOptions'); the prefix is the queue prefix. */
  story?: Omit<StoryOptions, 'prefix'>;
  log: Logger;
  metrics?: EnrichMetrics;
  /** Tagger overrides (tests). */
  taggers?: EnrichOptions['taggers'];
}

export interface Enricher {
  worker: Worker<RawJob, { lang: string; storyId: string }>;
  rawQueue: Queue<RawJob>;
  enrichedQueue: Queue<EnrichedJob>;
  dlq: Queue;
  stories: StoryClusterer;
  close(): Promise<void>;
}

export function startEnricher(opts: EnricherOptions): Enricher {
  const { log } = opts;
  const ctx = { connection: opts.connection, prefix: opts.queuePrefix, ...(opts.replicas ? { replicas: opts.replicas } : {}) };
  const rawQueue = openQueue<RawJob>(QUEUES.raw, ctx);
  const enrichedQueue = openQueue<EnrichedJob>(QUEUES.enriched, ctx);
  const dlq = openQueue(QUEUES.dead, ctx);
  const stories = new StoryClusterer(opts.connection, { ...opts.story, prefix: opts.queuePrefix });
  const feedLanguages = new FeedLanguages(opts.connection, { prefix: opts.queuePrefix });

  const worker = new Worker<RawJob, { lang: string; storyId: string }>(
    QUEUES.raw,
    async (job: Job<RawJob>) => {
      try {
        checkRawPayload(job.data);
      } catch (err) {
        const article = (job.data as { article?: { id?: unknown; feedId?: unknown } } | undefined)?.article;
        const ids: { articleId?: string; feedId?: string } = {};
        if (typeof article?.id === 'string') ids.articleId = article.id;
        if (typeof article?.feedId === 'string') ids.feedId = article.feedId;
        await deadLetter(dlq, { stage: 'enrich', queue: QUEUES.raw, err, payload: job.data, ...ids });
        log.warn({ ...ids, jobId: job.id, err }, 'payload sent to the dead-letter queue');
        throw new UnrecoverableError(isAkhbarError(err) ? `${err.code}: ${err.message}` : String(err));
      }
      const deps = { enrichedQueue, stories, feedLanguages, log, ...(opts.metrics ? { metrics: opts.metrics } : {}), ...(opts.taggers ? { taggers: opts.taggers } : {}) };
      const enriched = await enrichAndForward(job.data.article, deps);
      log.debug({ articleId: enriched.id, feedId: enriched.feedId, lang: enriched.enrichment.lang, storyId: enriched.enrichment.storyId }, 'enriched');
      return { lang: enriched.enrichment.lang, storyId: enriched.enrichment.storyId };
    },
    {
      connection: opts.workerConnection,
      prefix: opts.queuePrefix,
      concurrency: opts.concurrency ?? 4,
      settings: { backoffStrategy: akhbarBackoff },
    },
  );
  worker.on('failed', (job, err) => {
    if (err instanceof UnrecoverableError) return;
    log.warn({ articleId: job?.data.article?.id, feedId: job?.data.article?.feedId, err }, 'enrichment failed; the job will be retried');
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));

  return {
    worker,
    rawQueue,
    enrichedQueue,
    dlq,
    stories,
    close: async () => {
      await settleBull([worker, rawQueue, enrichedQueue, dlq]);
      await worker.close();
      await Promise.all([rawQueue.close(), enrichedQueue.close(), dlq.close()]);
    },
  };
}
