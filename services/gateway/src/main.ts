import { QUEUES, createLogger, createRedis, exitOnConfigError, onShutdown, openQueue, type FetchJob } from '@akhbar/core';
import { createEsClient } from '@akhbar/search';
import { build } from './app.ts';
import { loadGatewayConfig } from './config.ts';

let config;
try {
  config = loadGatewayConfig();
} catch (err) {
  exitOnConfigError(err);
}
const log = createLogger('gateway', config.logLevel);
const es = createEsClient(config.elasticsearchUrl);
const redis = createRedis(config.redisUrl, 'producer');
redis.on('error', (err) => log.warn({ err }, 'redis connection error'));
const fetchQueue = openQueue<FetchJob>(QUEUES.fetch, { connection: redis, prefix: config.queuePrefix });
fetchQueue.on('error', (err) => log.warn({ err }, 'queue error'));

const app = await build({ es, redis, fetchQueue, queuePrefix: config.queuePrefix, indexPrefix: config.indexPrefix, adminToken: config.adminToken, logger: log });
await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
log.info({ port, admin: config.adminToken !== undefined }, 'gateway listening');

onShutdown(log, [
  { name: 'http', close: () => app.close() },
  { name: 'queue', close: () => fetchQueue.close() },
  { name: 'redis', close: () => redis.quit() },
  { name: 'elasticsearch', close: () => es.close() },
]);
