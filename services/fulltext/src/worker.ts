import { createHash, randomBytes } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import {
  AkhbarError, CoreErrors, QUEUES, RawJobSchema, akhbarBackoff, articleJobId, contentHash, createRedis, deadLetter, errorCode, fulltextWorkersKey, isAkhbarError, openQueue, replicaPolicy,
  type Logger, type RawArticle, type RawJob, type RedisClient, settleBull,
} from '@akhbar/core';
import { markFulltextFailed } from '@akhbar/extract';
import type { FetchOptions } from '@akhbar/feeds';
import { PAGE_USER_AGENT, ROBOTS_AGENT, revisitDelays, type FulltextConfig } from './config.ts';
import type { FulltextMetrics } from './metrics.ts';
import { DomainGate } from './politeness.ts';
import { readPage, type PageDeps } from './process.ts';
import { RobotsCache } from './robots.ts';

/** A replica counts as alive this long after its last heartbeat. */
export const HEARTBEAT_TTL_MS = 30_000;

export interface FulltextResult {
  outcome: 'extracted' | 'feed-text-kept' | 'failed' | 'revisit-unchanged' | 'revisit-edited' | 'revisit-stale' | 'revisit-failed';
  /** Characters of extracted story text. */
  chars?: number;
  /** Why the page gave nothing (AKHBAR_FULLTEXT_*), when it failed. */
  code?: string;
  message?: string;
}

export interface Fulltext {
  worker: Worker<RawJob, FulltextResult>;
  fulltextQueue: Queue<RawJob>;
  rawQueue: Queue<RawJob>;
  deps: PageDeps;
  close(): Promise<void>;
}

/**
 * BullMQ backoff for page retries: a server's Retry-After when it gave one (bounded), else
 * Akhbar's exponential backoff with jitter.
 */
export function pageBackoff(maxRetryAfterMs: number) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    const details = isAkhbarError(err) ? err.details : undefined;
    const asked = typeof details?.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
    return asked !== undefined ? Math.min(Math.max(asked, 1000), maxRetryAfterMs) : akhbarBackoff(attemptsMade);
  };
}

/**
 * The full-text stage: consumes `articles.fulltext` (RawJobs that ingest routed here by the
 * feed's policy), reads each article's page and adds the article — improved, or unchanged and
 * flagged `fulltext-failed` — to `articles.raw` under the same job id. An article is never
 * dropped: a permanent failure, or the last of `FULLTEXT_MAX_ATTEMPTS` tries, still sends it on.
 */
export function createFulltext(config: FulltextConfig, redis: RedisClient, log: Logger, metrics?: FulltextMetrics): Fulltext {
  const ctx = { connection: redis, prefix: config.queuePrefix, replicas: replicaPolicy(config) };
  const rawQueue = openQueue<RawJob>(QUEUES.raw, ctx);
  const fulltextQueue = openQueue<RawJob>(QUEUES.fulltext, ctx);
  const dlq = openQueue(QUEUES.dead, ctx);
  const shutdown = new AbortController();
  const fetch: FetchOptions = {
    allowPrivate: config.allowPrivate,
    allowCidrs: config.allowCidrs,
    maxBytes: config.maxBytes,
    timeoutMs: config.timeoutMs,
    userAgent: config.userAgent ?? PAGE_USER_AGENT,
    signal: shutdown.signal,
  };
  const deps: PageDeps = {
    gate: new DomainGate(redis, config.queuePrefix, { limit: config.hostConcurrency, delayMs: config.hostDelayMs }),
    robots: new RobotsCache(redis, config.queuePrefix, { agent: ROBOTS_AGENT, ttlSec: config.robotsTtlSec, fetch: { ...fetch, timeoutMs: Math.min(config.timeoutMs, 10_000) }, log }),
    fetch,
    log,
    maxCrawlDelayMs: config.maxCrawlDelaySec * 1000,
    maxRetryAfterMs: config.maxRetryAfterSec * 1000,
  };

  // Re-reads of pages (FULLTEXT_REVISIT_AFTER): a site edits a story on its page without touching
  // its feed item (the item has only the summary), so the feed never shows the edit. Each version
  // a feed sends starts a chain of re-reads; the version's fetchedAt in Redis marks the live chain,
  // so a newer version from the feed makes the older chain stale.
  const delays = revisitDelays(config.revisitAfter);
  const chainKey = (id: string) => `${config.queuePrefix}:revisit:${id}`;
  const chainTtlSec = Math.ceil((delays.at(-1) ?? 0) / 1000) + 86_400;
  /** The page's text as compared between reads: spacing does not count. */
  const textHash = (body: string) => createHash('sha256').update(body.replace(/\s+/gu, ' ').trim()).digest('hex').slice(0, 32);
  const scheduleRevisit = async (article: RawArticle, n: number, hash: string, of: string) => {
    if (n >= delays.length) return;
    // Delays count from the first read of the version: the wait is the gap to the previous one.
    const delay = delays[n]! - (n > 0 ? delays[n - 1]! : 0);
    await fulltextQueue.add(
      'revisit',
      { v: 1, article, revisit: { n, textHash: hash, of } },
      { jobId: `revisit-${article.id}-${String(Date.parse(of))}-${String(n)}`, delay: Math.max(0, delay), attempts: 1, removeOnComplete: true, removeOnFail: true },
    );
  };

  /**
   * One re-read: the page read as on the first pass; a text that changed (beyond spacing) is sent
   * on as an update of the article — fetched now, flagged `update`, its content hash the new
   * text's — which the indexer keeps as an edit. A page that cannot be read now, or gives less than
   * the feed, changes nothing; either way the next re-read is scheduled.
   */
  const revisit = async (job: Job<RawJob>, token: string | undefined, r: NonNullable<RawJob['revisit']>): Promise<FulltextResult> => {
    const article = job.data.article;
    const line = { articleId: article.id, feedId: article.feedId, url: article.url, revisit: r.n + 1 };
    if ((await redis.get(chainKey(article.id))) !== r.of) {
      metrics?.revisits.inc({ outcome: 'stale' });
      log.debug(line, 'page re-read skipped: a newer version came from the feed');
      return { outcome: 'revisit-stale' };
    }
    let out;
    try {
      out = await readPage(article, deps);
    } catch (err) {
      metrics?.revisits.inc({ outcome: 'failed' });
      log.info({ ...line, code: errorCode(err) }, 'page not re-read; the next re-read will try');
      await scheduleRevisit(article, r.n + 1, r.textHash, r.of);
      return { outcome: 'revisit-failed', code: errorCode(err), message: err instanceof Error ? err.message : String(err) };
    }
    if (out.kind === 'defer') {
      metrics?.deferred.inc();
      await job.moveToDelayed(Date.now() + out.waitMs + Math.floor(Math.random() * 250), token);
      throw new DelayedError();
    }
    const now = textHash(out.article.body);
    if (!out.replaced || now === r.textHash) {
      metrics?.revisits.inc({ outcome: 'unchanged' });
      await scheduleRevisit(article, r.n + 1, r.textHash, r.of);
      return { outcome: 'revisit-unchanged' };
    }
    const read = out.article;
    const updated: RawArticle = {
      ...read,
      fetchedAt: new Date().toISOString(),
      flags: [...new Set([...read.flags, 'update' as const])],
      contentHash: contentHash([read.title, read.summary, read.body]),
    };
    await rawQueue.add('article', { v: 1, article: updated }, { jobId: articleJobId(updated) });
    await scheduleRevisit(article, r.n + 1, now, r.of);
    metrics?.revisits.inc({ outcome: 'edited' });
    log.info({ ...line, chars: out.chars }, 'page re-read: its text changed; sent on as an update');
    return { outcome: 'revisit-edited', chars: out.chars };
  };

  const handle = async (job: Job<RawJob>, token?: string): Promise<FulltextResult> => {
    if (!Value.Check(RawJobSchema, job.data)) {
      // Not an article this stage can pass on: park it in the dead-letter queue (akhbar dlq).
      const first = [...Value.Errors(RawJobSchema, job.data)][0];
      const err = new AkhbarError(CoreErrors.PAYLOAD_INVALID, `fulltext job payload invalid at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`, { permanent: true });
      const a = (job.data as { article?: { id?: unknown; feedId?: unknown } } | undefined)?.article;
      const ids = { ...(typeof a?.id === 'string' ? { articleId: a.id } : {}), ...(typeof a?.feedId === 'string' ? { feedId: a.feedId } : {}) };
      await deadLetter(dlq, { stage: 'fulltext', queue: QUEUES.fulltext, err, payload: job.data, ...ids });
      log.warn({ ...ids, jobId: job.id, code: err.code, err: err.message }, 'payload sent to the dead-letter queue');
      throw new UnrecoverableError(`${err.code}: ${err.message}`);
    }
    if (job.data.revisit) return revisit(job, token, job.data.revisit);
    const article = job.data.article;
    const jobId = articleJobId(article);
    const line = { articleId: article.id, feedId: article.feedId, url: article.url };
    const started = performance.now();
    const observe = (outcome: string) => metrics?.duration.observe({ outcome }, (performance.now() - started) / 1000);
    try {
      const out = await readPage(article, deps);
      if (out.kind === 'defer') {
        metrics?.deferred.inc();
        await job.moveToDelayed(Date.now() + out.waitMs + Math.floor(Math.random() * 250), token);
        throw new DelayedError();
      }
      await rawQueue.add('article', { v: 1, article: out.article }, { jobId });
      if (out.replaced && delays.length > 0) {
        // This version's chain of re-reads; any older chain of the article is stale from now.
        await redis.set(chainKey(article.id), article.fetchedAt, 'EX', chainTtlSec);
        await scheduleRevisit(article, 0, textHash(out.article.body), article.fetchedAt);
      }
      const outcome = out.replaced ? 'extracted' : 'feed-text-kept';
      metrics?.pages.inc({ outcome });
      observe(outcome);
      log.info({ ...line, outcome, chars: out.chars, charset: out.charset }, out.replaced ? 'full text extracted' : 'page read; the feed text was longer and is kept');
      return { outcome, chars: out.chars };
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      const code = errorCode(err);
      const message = err instanceof Error ? err.message : String(err);
      const permanent = isAkhbarError(err) && err.permanent;
      const attempts = Math.max(1, Math.min(job.opts.attempts ?? 1, config.maxAttempts));
      if (!permanent && job.attemptsMade + 1 < attempts) {
        log.info({ ...line, code, attempt: job.attemptsMade + 1, of: attempts }, 'page not read; will retry');
        throw err;
      }
      const pageTitle = isAkhbarError(err) && typeof err.details?.title === 'string' ? err.details.title : undefined;
      await rawQueue.add('article', { v: 1, article: markFulltextFailed(article, pageTitle) }, { jobId });
      metrics?.pages.inc({ outcome: code });
      observe('failed');
      log.warn({ ...line, code, err: message, attempts: job.attemptsMade + 1 }, 'full text unavailable; the article goes on with its feed text');
      return { outcome: 'failed', code, message };
    }
  };

  const workerConnection = createRedis(config, 'worker');
  const worker = new Worker<RawJob, FulltextResult>(QUEUES.fulltext, handle, {
    connection: workerConnection,
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    settings: { backoffStrategy: pageBackoff(config.maxRetryAfterSec * 1000) },
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));

  // Announce this replica so ingest routes articles here (see fulltextWorkersKey); it drops out
  // by itself HEARTBEAT_TTL_MS after the last beat if the process dies without closing.
  const replica = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const aliveKey = fulltextWorkersKey(config.queuePrefix);
  const beat = () =>
    redis
      .multi()
      .zadd(aliveKey, Date.now() + HEARTBEAT_TTL_MS, replica)
      .zremrangebyscore(aliveKey, '-inf', Date.now())
      .exec()
      .catch((err: unknown) => log.warn({ err }, 'fulltext heartbeat failed'));
  void beat();
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_TTL_MS / 3);
  heartbeat.unref();

  return {
    worker,
    fulltextQueue,
    rawQueue,
    deps,
    async close() {
      clearInterval(heartbeat);
      await settleBull([worker, rawQueue, fulltextQueue, dlq]);
      await redis.zrem(aliveKey, replica).catch(() => undefined);
      await worker.close();
      shutdown.abort();
      await Promise.all([rawQueue.close(), fulltextQueue.close(), dlq.close()]);
      await workerConnection.quit().catch(() => undefined);
    },
  };
}
