import {
  createLogger, createRedis, createWorkerMetrics, configOrExit, instrumentWorker, limitHeapGrowth, onShutdown, warnUnlessDurable, redisReady, startOpsServer,
} from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { loadIngestConfig } from './config.ts';
import { createFetchMetrics } from './metrics.ts';
import { createIngest } from './worker.ts';

limitHeapGrowth();
const config = configOrExit(loadIngestConfig);
const log = createLogger('ingest', config.logLevel);
const redis = createRedis(config, 'worker');
redis.on('error', (err) => log.warn({ err }, 'redis connection error'));
const metrics = createWorkerMetrics('ingest');
void warnUnlessDurable(redis, log, metrics.registry);
const ingest = createIngest(config, redis, log, createFetchMetrics(metrics.registry));
const ops = await startOpsServer({
  service: 'ingest',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(ingest.worker, ingest.fetchQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis) },
  log,
});
log.info(
  { concurrency: config.concurrency, allowPrivate: config.allowPrivate, hostConcurrency: config.hostConcurrency, hostDelayMs: config.hostDelayMs, metricsPort: ops.port },
  'ingest started',
);

onShutdown(log, [
  { name: 'worker', close: () => ingest.close() },
  { name: 'http', close: () => closeFetchAgents() },
  { name: 'redis', close: () => redis.quit() },
  { name: 'ops', close: () => ops.close() },
]);
