import {
  createLogger, createRedis, createWorkerMetrics, configOrExit, instrumentWorker, limitHeapGrowth, onShutdown, warnUnlessDurable, redisReady, startOpsServer,
} from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { loadFulltextConfig } from './config.ts';
import { createFulltextMetrics } from './metrics.ts';
import { createFulltext } from './worker.ts';

limitHeapGrowth();
const config = configOrExit(loadFulltextConfig);
const log = createLogger('fulltext', config.logLevel);
const redis = createRedis(config, 'worker');
redis.on('error', (err) => log.warn({ err }, 'redis connection error'));
const metrics = createWorkerMetrics('fulltext');
void warnUnlessDurable(redis, log, metrics.registry);
const fulltext = createFulltext(config, redis, log, createFulltextMetrics(metrics.registry));
const ops = await startOpsServer({
  service: 'fulltext',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(fulltext.worker, fulltext.fulltextQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis) },
  log,
});
log.info(
  { concurrency: config.concurrency, hostConcurrency: config.hostConcurrency, hostDelayMs: config.hostDelayMs, allowPrivate: config.allowPrivate, metricsPort: ops.port },
  'fulltext started',
);

onShutdown(log, [
  { name: 'worker', close: () => fulltext.close() },
  { name: 'http', close: () => closeFetchAgents() },
  { name: 'redis', close: () => redis.quit() },
  { name: 'ops', close: () => ops.close() },
]);
