/**
 * The enrich service itself (main.ts launches it with the V8 flag and allocator setting it needs
 * at start-up, runtime.ts; it limits its heap's growth itself, as every service does): queues, story
 * clustering, ops server, graceful shutdown.
 */
import {
  createLogger, createRedis, createWorkerMetrics, configOrExit, exitOnConfigError, instrumentWorker, limitHeapGrowth, onShutdown, warnUnlessDurable, redisReady, replicaPolicy, startOpsServer,
} from '@akhbar/core';
import { gazetteer, loadEntitiesFile } from '@akhbar/nlp';
import { loadEnrichConfig, storyOptions } from './config.ts';
import { createEnrichMetrics } from './metrics.ts';
import { startEnricher } from './worker.ts';

limitHeapGrowth();

const config = configOrExit(loadEnrichConfig);
const log = createLogger('enrich', config.logLevel);

// The gazetteer is built once per process, before the first job; a user's entities join it here.
try {
  const added = config.entitiesFile ? loadEntitiesFile(config.entitiesFile) : 0;
  log.info({ entities: gazetteer().size, fromFile: added, file: config.entitiesFile }, 'gazetteer loaded');
} catch (err) {
  exitOnConfigError(err);
}

const redis = createRedis(config, 'worker');
const workerRedis = createRedis(config, 'worker');
const metrics = createWorkerMetrics('enrich');
void warnUnlessDurable(redis, log, metrics.registry);
const enricher = startEnricher({
  connection: redis,
  workerConnection: workerRedis,
  queuePrefix: config.queuePrefix,
  replicas: replicaPolicy(config),
  concurrency: config.concurrency,
  story: storyOptions(config),
  log,
  metrics: createEnrichMetrics(metrics.registry),
});
const ops = await startOpsServer({
  service: 'enrich',
  port: config.metricsPort,
  metrics,
  probes: [instrumentWorker(enricher.worker, enricher.rawQueue, metrics)],
  stallAfterMs: config.stallAfterSec * 1000,
  ready: { redis: () => redisReady(redis) },
  log,
});
log.info({ concurrency: config.concurrency, storyWindowHours: config.storyWindowHours }, 'enrich started');

const shutdown = onShutdown(log, [
  { name: 'enricher', close: () => enricher.close() },
  { name: 'redis', close: () => Promise.all([redis.quit(), workerRedis.quit()]) },
  { name: 'ops', close: () => ops.close() },
]);

// Started by main.ts: if that launcher dies without passing a signal on (SIGKILL), stop too
// rather than keep taking jobs as an orphan.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => {
    void shutdown('launcher gone').then(() => process.exit(0));
  });
}
