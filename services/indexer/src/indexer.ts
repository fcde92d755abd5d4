import { TypeCompiler } from '@sinclair/typebox/compiler';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import {
  AkhbarError, CoreErrors, EnrichedJobSchema, QUEUES, akhbarBackoff, backoffMs, deadLetter, errorCode, isAkhbarError, openQueue, sleep, type EnrichedJob, type Logger,
  type RedisClient, settleBull,
} from '@akhbar/core';
import { F, documentVersion, ensureArticleIndex, esReady, indexNames, langFieldsOf, toDocument, withRevision, type Client, type IndexOptions, type LangFields } from '@akhbar/search';
import type { AlertMatcher } from './alerts.ts';
import { BulkBatcher, type BatcherOptions, type SubmitResult } from './batcher.ts';
import { gaveUp } from './errors.ts';
import type { IndexerMetrics } from './metrics.ts';
import { previousVersions } from './previous.ts';

/**
 * The indexer worker: takes enriched articles from `articles.enriched`, hands their documents to
 * the batcher, and completes a job only when Elasticsearch acknowledged its document.
 *
 * What happens to a job that cannot be indexed:
 *   - payload not an EnrichedJob (unknown keys, wrong types), document refused by the guard or
 *     by Elasticsearch's mapping → dead-letter queue with the code and reason, never retried;
 *   - 429/5xx beyond the batcher's own retries → the job fails and BullMQ retries it with backoff;
 *     on its last attempt it goes to the dead-letter queue instead of the failed set, so it can be
 *     replayed (`akhbar dlq retry`);
 *   - Elasticsearch down → the batcher holds the documents and retries; the worker pauses so no
 *     more jobs are taken, and resumes when bulk requests succeed again. Jobs stay in Redis.
 */

export interface IndexerOptions {
  es: Client;
  /** Connection for the BullMQ worker (blocking; maxRetriesPerRequest null). */
  workerConnection: RedisClient;
  /** Connection for the dead-letter queue and the probe of the enriched queue. */
  connection: RedisClient;
  queuePrefix: string;
  indexPrefix: string;
  /** Jobs processed at once; enough to fill batches while one is in flight. @default 1000 */
  concurrency?: number;
  /** Batcher options (batcher.ts); the index is the write alias. */
  batch?: Omit<BatcherOptions, 'index' | 'observer' | 'log'>;
  log: Logger;
  metrics?: IndexerMetrics;
  /** Hands new articles over for alert matching; a job completes only once its article is handed over. */
  alerts?: AlertMatcher;
  /** How often the write index's language fields are read again (a migration may have added one). @default 60 000 */
  i18nRefreshMs?: number;
}

export interface Indexer {
  worker: Worker<EnrichedJob, SubmitResult['outcome']>;
  batcher: BulkBatcher;
  enrichedQueue: Queue<EnrichedJob>;
  dlq: Queue;
  /** Stop taking jobs, settle what is in flight (outage: back to the queue), close queues. */
  close(): Promise<void>;
}

const checkPayload = TypeCompiler.Compile(EnrichedJobSchema);

function payloadError(data: unknown): AkhbarError {
  const first = checkPayload.Errors(data).First();
  return new AkhbarError(CoreErrors.PAYLOAD_INVALID, `enriched job payload invalid at ${first?.path || '/'}: ${first?.message ?? 'unknown'}`, { permanent: true });
}

export function startIndexer(opts: IndexerOptions): Indexer {
  const { log } = opts;
  const write = indexNames(opts.indexPrefix).write;
  const dlq = openQueue(QUEUES.dead, { connection: opts.connection, prefix: opts.queuePrefix });
  const enrichedQueue = openQueue<EnrichedJob>(QUEUES.enriched, { connection: opts.connection, prefix: opts.queuePrefix });
  // The batcher is built before the worker it pauses; the worker lands here once it exists.
  const paused: { worker?: Worker<EnrichedJob, SubmitResult['outcome']> } = {};
  // The languages whose fields the write index has: a document gets its language's fields
  // only there (an index built before that language had an analyzer refuses it). Read again now
  // and then, so a migration's new index is written in full without a restart.
  let langs: LangFields | undefined;
  const readLangs = async () => {
    try {
      langs = await langFieldsOf(opts.es, opts.indexPrefix);
    } catch (err) {
      log.warn({ err }, "could not read the write index's language fields; keeping the last ones");
    }
  };
  const langsRead = readLangs();
  const langsTimer = setInterval(() => void readLangs(), opts.i18nRefreshMs ?? 60_000).unref();
  const stopping = new AbortController();
  const previousOf = previousVersions(opts.es, write, {
    signal: stopping.signal,
    log,
    ...(opts.batch?.outageBaseMs !== undefined ? { baseMs: opts.batch.outageBaseMs } : {}),
    ...(opts.batch?.retryCapMs !== undefined ? { capMs: opts.batch.retryCapMs } : {}),
  });

  const batcher = new BulkBatcher(opts.es, {
    index: write,
    // indexedAt: when the bulk that wrote it went, whatever held it back (see stampField).
    stampField: F.indexedAt,
    ...opts.batch,
    log,
    observer: {
      ...opts.metrics?.observer,
      availability: (up) => {
        opts.metrics?.observer.availability?.(up);
        const worker = paused.worker;
        if (!worker || worker.closing) return;
        if (up) {
          log.info('resuming the worker');
          worker.resume();
        } else {
          log.warn('pausing the worker until Elasticsearch answers; jobs stay queued');
          // Not waiting for active jobs: they are the ones waiting for Elasticsearch.
          void worker.pause(true);
        }
      },
    },
  });

  const bury = async (job: Job<EnrichedJob>, err: AkhbarError): Promise<never> => {
    const article = (job.data as Partial<EnrichedJob> | undefined)?.article as Partial<EnrichedJob['article']> | undefined;
    const ids: { articleId?: string; feedId?: string } = {};
    if (typeof article?.id === 'string') ids.articleId = article.id;
    if (typeof article?.feedId === 'string') ids.feedId = article.feedId;
    await deadLetter(dlq, { stage: 'indexer', queue: QUEUES.enriched, err, payload: job.data, ...ids });
    opts.metrics?.deadLettered.inc({ code: err.code });
    log.warn({ ...ids, jobId: job.id, code: err.code, err }, 'article sent to the dead-letter queue');
    throw new UnrecoverableError(`${err.code}: ${err.message}`);
  };

  const worker = new Worker<EnrichedJob, SubmitResult['outcome']>(
    QUEUES.enriched,
    async (job) => {
      if (!checkPayload.Check(job.data)) return bury(job, payloadError(job.data));
      let article = job.data.article;
      await langsRead;
      // An update keeps what it replaces as a revision (revisions.ts). An outage is waited out
      // there; failing anyway (closing, or refused), the job is retried like a failed bulk.
      if (article.flags.includes('update')) {
        try {
          const previous = await previousOf(article.id);
          article = withRevision(article, previous);
          // A revision recorded now is a new object; those the indexed version had are carried as they were.
          const last = article.revisions?.at(-1);
          if (last && last !== previous?.revisions?.at(-1)) for (const field of last.fields) opts.metrics?.edits.inc({ field });
        } catch (err) {
          const final = gaveUp(job, err);
          if (final) return bury(job, final);
          log.warn({ articleId: article.id, feedId: article.feedId, attempt: job.attemptsMade + 1, code: errorCode(err) }, 'could not read the version an update replaces; the job will be retried');
          throw err;
        }
      }
      let doc;
      try {
        doc = toDocument(article, new Date(), langs ? { langs } : {});
      } catch (cause) {
        return bury(job, new AkhbarError(CoreErrors.PAYLOAD_INVALID, `cannot build the document: ${(cause as Error).message}`, { permanent: true, cause }));
      }
      try {
        const res = await batcher.submit({ id: article.id, doc, version: documentVersion(doc) });
        if (res.outcome === 'duplicate') log.debug({ articleId: article.id, feedId: article.feedId }, 'same or newer version already indexed');
        // An edit recorded by this update (or by its first attempt, for a retry): for the alerts on
        // edits. Only an update: a re-enrichment rewrites an edited article without editing it again.
        const edited = article.flags.includes('update') && article.revisions?.at(-1)?.seenAt === article.fetchedAt;
        if (opts.alerts && edited && (res.outcome === 'updated' || job.attemptsMade > 0)) await opts.alerts.match(article.id, 'edit');
        // A new article, or a retry (whose first attempt may have indexed it and then failed here).
        else if (opts.alerts && (res.outcome === 'created' || job.attemptsMade > 0)) await opts.alerts.match(article.id);
        return res.outcome;
      } catch (err) {
        if (isAkhbarError(err) && err.permanent) return bury(job, err);
        const final = gaveUp(job, err);
        if (final) return bury(job, final);
        log.warn({ articleId: article.id, feedId: article.feedId, attempt: job.attemptsMade + 1, code: errorCode(err) }, 'indexing failed; the job will be retried');
        throw err;
      }
    },
    {
      connection: opts.workerConnection,
      prefix: opts.queuePrefix,
      concurrency: opts.concurrency ?? 1000,
      // A crash while Elasticsearch is down leaves many jobs active; let them stall back to the
      // queue a few times instead of failing them.
      maxStalledCount: 5,
      settings: { backoffStrategy: akhbarBackoff },
    },
  );
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  paused.worker = worker;

  return {
    worker,
    batcher,
    enrichedQueue,
    dlq,
    async close() {
      clearInterval(langsTimer);
      stopping.abort();
      await settleBull([worker, dlq, enrichedQueue]);
      const closing = worker.close();
      await batcher.close();
      await closing;
      await Promise.all([dlq.close(), enrichedQueue.close()]);
    },
  };
}

/**
 * At start: wait for Elasticsearch and make sure the article index and its aliases exist, with
 * backoff instead of crash-looping while it is down, still recovering (red), or too slow to
 * create the index (a timeout or a reset connection mid-request; a creation that went through
 * after all is found on the next try). Only a request it refuses for good (400: settings it will
 * never accept) stops the service, with the reason.
 */
export async function prepareArticleIndex(es: Client, prefix: string, opts: IndexOptions, log: Logger, maxWaitMs = 15_000): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      if (await esReady(es)) return await ensureArticleIndex(es, prefix, opts);
      log.warn({ attempt }, 'waiting for Elasticsearch');
    } catch (err) {
      if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 400) throw err;
      log.warn({ err, attempt }, 'could not prepare the article index yet; retrying');
    }
    await sleep(backoffMs(attempt, 500, maxWaitMs));
  }
}
