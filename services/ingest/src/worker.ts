import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import { QUEUES, FeedRegistry, WebSubStore, createRedis, openQueue, replicaPolicy, settleBull, type FetchJob, type Logger, type RawJob, type RedisClient } from '@akhbar/core';
import type { IngestConfig } from './config.ts';
import { FeedLock, HostLimiter } from './coordination.ts';
import { fetchOnce, type FetchDeps, type FetchOutcome, type FetchReason } from './fetch-job.ts';
import type { FetchMetrics } from './metrics.ts';
import { FETCH_JOB_OPTIONS, syncSchedules } from './scheduler.ts';

export interface Ingest {
  worker: Worker<FetchJob, FetchOutcome>;
  fetchQueue: Queue<FetchJob>;
  rawQueue: Queue<RawJob>;
  registry: FeedRegistry;
  deps: FetchDeps;
  /** Reconcile schedulers with the registry now. */
  sync(): Promise<void>;
  /** Stop the worker and the periodic sync; close queues and the worker's own connection. */
  close(): Promise<void>;
}

const REASONS = new Set(['schedule', 'manual', 'new', 'retry', 'push']);

/**
 * The ingest worker: consumes fetch jobs (from the job schedulers, and `manual`/`new` jobs from
 * the gateway and the CLI). One poll is one attempt: a failed fetch is recorded on the feed and
 * the job fails without BullMQ retries, because the feed's own backoff (nextFetchAt) decides when
 * to try again. A fetch that must wait for its host goes back to the delayed set without counting
 * as an attempt.
 */
export function createIngest(config: IngestConfig, redis: RedisClient, log: Logger, metrics?: FetchMetrics): Ingest {
  const ctx = { connection: redis, prefix: config.queuePrefix, replicas: replicaPolicy(config) };
  const registry = new FeedRegistry(redis, config.queuePrefix);
  const rawQueue = openQueue<RawJob>(QUEUES.raw, ctx);
  const fulltextQueue = openQueue<RawJob>(QUEUES.fulltext, ctx);
  const fetchQueue = openQueue<FetchJob>(QUEUES.fetch, ctx, FETCH_JOB_OPTIONS);
  const shutdown = new AbortController();
  const deps: FetchDeps = {
    registry,
    rawQueue,
    fulltextQueue,
    fetchQueue,
    redis,
    prefix: config.queuePrefix,
    log,
    lock: new FeedLock(redis, config.queuePrefix),
    hosts: new HostLimiter(redis, config.queuePrefix, { limit: config.hostConcurrency, delayMs: config.hostDelayMs }),
    ...(metrics ? { metrics } : {}),
    fetch: {
      allowPrivate: config.allowPrivate,
      allowCidrs: config.allowCidrs,
      maxBytes: config.maxBytes,
      timeoutMs: config.fetchTimeoutMs,
      ...(config.userAgent ? { userAgent: config.userAgent } : {}),
    },
    sitemap: { children: config.sitemapChildren, maxAgeHours: config.sitemapMaxAgeHours },
    ...(config.websubCallbackUrl
      ? {
          websub: {
            store: new WebSubStore(redis, config.queuePrefix),
            callbackBase: config.websubCallbackUrl,
            leaseSec: config.websubLeaseSec,
            fetch: { allowPrivate: config.allowPrivate, allowCidrs: config.allowCidrs, ...(config.userAgent ? { userAgent: config.userAgent } : {}), signal: shutdown.signal },
          },
        }
      : {}),
    maxFailures: config.maxFailures,
    bounds: { minSec: config.minIntervalSec, maxSec: config.maxIntervalSec },
    seenTtlSec: config.seenTtlDays * 86_400,
    signal: shutdown.signal,
  };
  const workerConnection = createRedis(config, 'worker');
  const worker = new Worker<FetchJob, FetchOutcome>(
    QUEUES.fetch,
    async (job: Job<FetchJob>, token?: string) => {
      const data = job.data as Partial<FetchJob> | undefined;
      if (!data || data.v !== 1 || typeof data.feedId !== 'string' || (data.reason !== undefined && !REASONS.has(data.reason))) {
        throw new UnrecoverableError(`AKHBAR_PAYLOAD_INVALID: fetch job ${job.id} is not { v: 1, feedId, reason }`);
      }
      const outcome = await fetchOnce(data.feedId, deps, (data.reason ?? 'schedule') as FetchReason);
      if (outcome.outcome === 'deferred') {
        await job.moveToDelayed(Date.now() + (outcome.deferMs ?? 1000), token);
        throw new DelayedError();
      }
      if (outcome.outcome === 'failed') throw new UnrecoverableError(`${outcome.code}: ${outcome.message}`);
      return outcome;
    },
    { connection: workerConnection, prefix: config.queuePrefix, concurrency: config.concurrency },
  );
  worker.on('error', (err) => log.error({ err }, 'worker error'));

  let syncing: Promise<void> | undefined;
  const sync = (): Promise<void> => {
    syncing ??= syncSchedules(registry, fetchQueue, log)
      .then((n) => log.debug({ feeds: n }, 'schedules reconciled'))
      .catch((err: unknown) => log.warn({ err }, 'schedule reconciliation failed; will retry'))
      .finally(() => {
        syncing = undefined;
      });
    return syncing;
  };
  const timer = setInterval(() => void sync(), config.schedulerSyncSec * 1000);
  timer.unref();
  void sync();

  return {
    worker,
    fetchQueue,
    rawQueue,
    registry,
    deps,
    sync,
    async close() {
      clearInterval(timer);
      await settleBull([worker, rawQueue, fulltextQueue, fetchQueue]);
      await worker.close();
      shutdown.abort();
      await syncing;
      await Promise.all([rawQueue.close(), fulltextQueue.close(), fetchQueue.close()]);
      await workerConnection.quit().catch(() => undefined);
    },
  };
}
