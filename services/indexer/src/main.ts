import {
  AlertRegistry, QUEUES, createLogger, createRedis, createWorkerMetrics, configOrExit, instrumentWorker, limitHeapGrowth, onShutdown, warnUnlessDurable, openQueue, redisReady,
  startOpsServer, type AlertJob, type AlertMatchJob,
} from '@akhbar/core';
import { TEMPLATE_VERSION, addNewFields, articleIndexStatus, createEsClient, esReady, indexNames } from '@akhbar/search';
import { indexOptions, loadIndexerConfig } from './config.ts';
import { AlertMatcher, startAlertWorkers } from './alerts.ts';
import { prepareArticleIndex, startIndexer } from './indexer.ts';
import { createIndexerMetrics } from './metrics.ts';
import { startRetention } from './retention.ts';

limitHeapGrowth();
const config = configOrExit(loadIndexerConfig);
const log = createLogger('indexer', config.logLevel);
const es = createEsClient(config.elasticsearchUrl);
const redis = createRedis(config, 'worker');

await prepareArticleIndex(es, config.indexPrefix, indexOptions(config), log);
// An index from an older template refuses documents with the fields added since (strict mapping):
// add them in place so an upgrade keeps indexing before anyone runs a migration.
try {
  const added = await addNewFields(es, config.indexPrefix);
  if (added.length > 0) log.info({ fields: added }, 'added the new fields of the current template to the write index');
} catch (err) {
  log.warn({ err }, 'could not add the current template\'s new fields to the write index; documents carrying them will be refused until `akhbar index migrate`');
}
const status = await articleIndexStatus(es, config.indexPrefix);
if (status.outdated) {
  log.warn({ index: status.writeIndex, current: TEMPLATE_VERSION }, 'the article index was built from an older template; run `akhbar index migrate`');
}

const metrics = createWorkerMetrics('indexer');
const workerRedis = createRedis(config, 'worker');
void warnUnlessDurable(redis, log, metrics.registry);
const alertRegistry = new AlertRegistry(redis, config.queuePrefix);
const matchQueue = openQueue<AlertMatchJob>(QUEUES.alertMatch, { connection: redis, prefix: config.queuePrefix });
const deliveryQueue = openQueue<AlertJob>(QUEUES.alerts, { connection: redis, prefix: config.queuePrefix });
// Match jobs wait one refresh interval, so their articles are searchable when they run.
const alerts = new AlertMatcher({ registry: alertRegistry, queue: matchQueue, delayMs: Math.max(0, config.refreshMs) + 100 });
const indexer = startIndexer({
  alerts,
  es,
  workerConnection: workerRedis,
  connection: redis,
  queuePrefix: config.queuePrefix,
  indexPrefix: config.indexPrefix,
  concurrency: config.concurrency,
  batch: {
    maxDocs: config.batchDocs,
    maxBytes: config.batchBytes,
    flushMs: config.flushMs,
    concurrency: config.bulkConcurrency,
    itemAttempts: config.itemAttempts,
  },
  log,
  metrics: createIndexerMetrics(metrics.registry),
});
const alertRedis = createRedis(config, 'worker');
const alertWorkers = startAlertWorkers({
  es,
  registry: alertRegistry,
  indexPrefix: config.indexPrefix,
  queuePrefix: config.queuePrefix,
  workerConnection: alertRedis,
  deliveries: deliveryQueue,
  dlq: indexer.dlq,
  log,
  allowPrivateNetworks: config.allowPrivate,
  timeoutMs: config.alertTimeoutMs,
  concurrency: config.alertConcurrency,
  ...(config.smtpUrl ? { mail: { smtpUrl: config.smtpUrl, from: config.mailFrom } } : {}),
});
const retention = config.retentionDays > 0
  ? startRetention({ es, redis, indexPrefix: config.indexPrefix, queuePrefix: config.queuePrefix, days: config.retentionDays, log, registry: metrics.registry })
  : undefined;
const ops = await startOpsServer({
  service: 'indexer',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(indexer.worker, indexer.enrichedQueue, metrics), instrumentWorker(alertWorkers.matcher, matchQueue, metrics), instrumentWorker(alertWorkers.delivery, deliveryQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis), elasticsearch: () => esReady(es) },
  log,
});
log.info({ index: indexNames(config.indexPrefix).write, batchDocs: config.batchDocs, flushMs: config.flushMs, concurrency: config.concurrency, retentionDays: config.retentionDays || null }, 'indexer started');

onShutdown(log, [
  { name: 'retention', close: async () => retention?.close() },
  { name: 'indexer', close: () => indexer.close() },
  { name: 'alerts', close: async () => {
    await alerts.close();
    await alertWorkers.close();
    await Promise.all([matchQueue.close(), deliveryQueue.close()]);
  } },
  { name: 'redis', close: () => Promise.all([redis.quit(), workerRedis.quit(), alertRedis.quit()]) },
  { name: 'elasticsearch', close: () => es.close() },
  { name: 'ops', close: () => ops.close() },
]);
