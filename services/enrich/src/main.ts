import { Worker } from 'bullmq';
import {
  QUEUES, akhbarBackoff, createLogger, createRedis, createWorkerMetrics, exitOnConfigError, instrumentWorker, onShutdown, openQueue, redisReady,
  startOpsServer, type EnrichedJob, type RawJob,
} from '@akhbar/core';
import { loadEnrichConfig } from './config.ts';
import { enrichJob } from './process.ts';

let config;
try {
  config = loadEnrichConfig();
} catch (err) {
  exitOnConfigError(err);
}
const log = createLogger('enrich', config.logLevel);
const redis = createRedis(config.redisUrl, 'worker');
const enrichedQueue = openQueue<EnrichedJob>(QUEUES.enriched, { connection: redis, prefix: config.queuePrefix });

const worker = new Worker<RawJob>(QUEUES.raw, async (job) => enrichJob(job.data, enrichedQueue), {
  connection: createRedis(config.redisUrl, 'worker'),
  prefix: config.queuePrefix,
  concurrency: config.concurrency,
  settings: { backoffStrategy: akhbarBackoff },
});
worker.on('completed', (job, res: { lang: string }) => log.debug({ articleId: job.data.article.id, lang: res.lang }, 'enriched'));
worker.on('failed', (job, err) => log.warn({ articleId: job?.data.article?.id, err }, 'enrichment failed'));
worker.on('error', (err) => log.error({ err }, 'worker error'));
const rawQueue = openQueue<RawJob>(QUEUES.raw, { connection: redis, prefix: config.queuePrefix });
const metrics = createWorkerMetrics('enrich');
const ops = await startOpsServer({
  service: 'enrich',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(worker, rawQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis) },
  log,
});
log.info({ concurrency: config.concurrency }, 'enrich started');

onShutdown(log, [
  { name: 'worker', close: () => worker.close() },
  { name: 'queues', close: () => Promise.all([enrichedQueue.close(), rawQueue.close()]) },
  { name: 'redis', close: () => redis.quit() },
  { name: 'ops', close: () => ops.close() },
]);
