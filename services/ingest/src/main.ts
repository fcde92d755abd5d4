import { Worker, type Job } from 'bullmq';
import {
  QUEUES, FeedRegistry, akhbarBackoff, createLogger, createRedis, createWorkerMetrics, exitOnConfigError, instrumentWorker, onShutdown,
  openQueue, redisReady, startOpsServer, type FetchJob, type RawJob,
} from '@akhbar/core';
import { loadIngestConfig } from './config.ts';
import { fetchOnce } from './fetch-job.ts';
import { syncSchedules } from './scheduler.ts';

let config;
try {
  config = loadIngestConfig();
} catch (err) {
  exitOnConfigError(err);
}
const log = createLogger('ingest', config.logLevel);
const redis = createRedis(config.redisUrl, 'worker');
const ctx = { connection: redis, prefix: config.queuePrefix };
const registry = new FeedRegistry(redis, config.queuePrefix);
const rawQueue = openQueue<RawJob>(QUEUES.raw, ctx);
const fetchQueue = openQueue<FetchJob>(QUEUES.fetch, ctx, { attempts: 3, backoff: { type: 'akhbar', delay: 5_000 }, removeOnComplete: 1000, removeOnFail: 5000 });

const worker = new Worker<FetchJob>(
  QUEUES.fetch,
  async (job: Job<FetchJob>) => fetchOnce(job.data.feedId, { registry, rawQueue, redis, prefix: config.queuePrefix, allowPrivate: config.allowPrivate, log }),
  {
    connection: createRedis(config.redisUrl, 'worker'),
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    settings: { backoffStrategy: akhbarBackoff },
  },
);
worker.on('error', (err) => log.error({ err }, 'worker error'));

let syncing = false;
const sync = async () => {
  if (syncing) return;
  syncing = true;
  try {
    const n = await syncSchedules(registry, fetchQueue, log);
    log.debug({ feeds: n }, 'schedules reconciled');
  } catch (err) {
    log.warn({ err }, 'schedule reconciliation failed; will retry');
  } finally {
    syncing = false;
  }
};
const timer = setInterval(() => void sync(), config.schedulerSyncSec * 1000);
void sync();
const metrics = createWorkerMetrics('ingest');
const ops = await startOpsServer({
  service: 'ingest',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(worker, fetchQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis) },
  log,
});
log.info({ concurrency: config.concurrency, allowPrivate: config.allowPrivate }, 'ingest started');

onShutdown(log, [
  { name: 'scheduler', close: () => clearInterval(timer) },
  { name: 'worker', close: () => worker.close() },
  { name: 'queues', close: () => Promise.all([rawQueue.close(), fetchQueue.close()]) },
  { name: 'redis', close: () => redis.quit() },
  { name: 'ops', close: () => ops.close() },
]);
