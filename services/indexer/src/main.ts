import { UnrecoverableError, Worker } from 'bullmq';
import {
  QUEUES, akhbarBackoff, backoffMs, createLogger, createRedis, createWorkerMetrics, deadLetter, exitOnConfigError, instrumentWorker, isAkhbarError,
  onShutdown, openQueue, redisReady, sleep, startOpsServer, type EnrichedJob,
} from '@akhbar/core';
import { createEsClient, ensureArticleIndex, esReady, indexNames, toDocument } from '@akhbar/search';
import { BulkBatcher } from './batcher.ts';
import { loadIndexerConfig } from './config.ts';

let config;
try {
  config = loadIndexerConfig();
} catch (err) {
  exitOnConfigError(err);
}
const log = createLogger('indexer', config.logLevel);
const es = createEsClient(config.elasticsearchUrl);
const redis = createRedis(config.redisUrl, 'worker');
const dlq = openQueue(QUEUES.dead, { connection: redis, prefix: config.queuePrefix });

// Elasticsearch down at start: wait with backoff instead of crash-looping.
for (let attempt = 0; !(await esReady(es)); attempt++) {
  const wait = backoffMs(attempt, 500, 15_000);
  log.warn({ url: config.elasticsearchUrl, retryInMs: wait }, 'waiting for Elasticsearch');
  await sleep(wait);
}
await ensureArticleIndex(es, config.indexPrefix, { shards: config.shards, replicas: config.replicas });
const batcher = new BulkBatcher(es, {
  index: indexNames(config.indexPrefix).write,
  maxDocs: config.batchDocs,
  maxBytes: config.batchBytes,
  flushMs: config.flushMs,
});

const worker = new Worker<EnrichedJob>(
  QUEUES.enriched,
  async (job) => {
    const article = job.data.article;
    try {
      await batcher.submit(toDocument(article));
    } catch (err) {
      if (isAkhbarError(err) && err.permanent) {
        await deadLetter(dlq, { stage: 'indexer', queue: QUEUES.enriched, err, payload: job.data, articleId: article.id, feedId: article.feedId });
        log.warn({ articleId: article.id, err }, 'document rejected; sent to dead-letter queue');
        throw new UnrecoverableError(`${err.code}: ${err.message}`);
      }
      throw err;
    }
  },
  {
    connection: createRedis(config.redisUrl, 'worker'),
    prefix: config.queuePrefix,
    // Enough jobs in flight to fill a batch; each waits for its bulk acknowledgement.
    concurrency: config.batchDocs,
    settings: { backoffStrategy: akhbarBackoff },
  },
);
worker.on('error', (err) => log.error({ err }, 'worker error'));
const enrichedQueue = openQueue<EnrichedJob>(QUEUES.enriched, { connection: redis, prefix: config.queuePrefix });
const metrics = createWorkerMetrics('indexer');
const ops = await startOpsServer({
  service: 'indexer',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(worker, enrichedQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis), elasticsearch: () => esReady(es) },
  log,
});
log.info({ index: indexNames(config.indexPrefix).write, batchDocs: config.batchDocs, flushMs: config.flushMs }, 'indexer started');

onShutdown(log, [
  { name: 'worker', close: () => worker.close() },
  { name: 'batcher', close: () => batcher.drain() },
  { name: 'queues', close: () => Promise.all([dlq.close(), enrichedQueue.close()]) },
  { name: 'redis', close: () => redis.quit() },
  { name: 'elasticsearch', close: () => es.close() },
  { name: 'ops', close: () => ops.close() },
]);
