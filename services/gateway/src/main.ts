import { createLogger, createRedis, configOrExit, exitOnConfigError, limitHeapGrowth, onShutdown, startOpsServer, warnUnlessDurable } from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { loadEntitiesFile } from '@akhbar/nlp';
import { createEsClient } from '@akhbar/search';
import { build, optionsFromConfig } from './app.ts';
import { parseApiKeys, parseKeyLimits } from './auth.ts';
import { loadGatewayConfig } from './config.ts';
import { readinessChecks } from './routes/ops.ts';

limitHeapGrowth();
const config = configOrExit(loadGatewayConfig);
const apiKeys = parseApiKeys(config.apiKeys);
// Names in the key limits must be names of keys: checked here, so a typo exits 78 naming it.
configOrExit(() => parseKeyLimits(config.apiKeyRateLimits, apiKeys));
const log = createLogger('gateway', config.logLevel);
if (config.entitiesFile) {
  try {
    log.info({ entities: loadEntitiesFile(config.entitiesFile) }, 'user entities loaded');
  } catch (err) {
    exitOnConfigError(err);
  }
}
// One retry: on a cluster it reaches another node; a single node that is down fails fast.
const es = createEsClient(config.elasticsearchUrl, { requestTimeout: config.esTimeoutMs + 1_000, maxRetries: 1 });
const redis = createRedis(config, 'producer');
redis.on('error', (err) => log.warn({ err }, 'redis connection error'));

const app = await build({ ...optionsFromConfig(config), es, redis, logger: log });
// The gateway writes to Redis too (feeds added, alerts, OPML imports): the same check as the workers'.
void warnUnlessDurable(redis, log, app.metrics.registry);
await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
log.info({ port, admin: config.adminToken !== undefined, apiKeys: apiKeys.map((k) => k.name) }, 'gateway listening');
// /metrics on a port of its own when asked (the workers' ops server): not reachable by API clients.
const ops =
  config.metricsPort === undefined
    ? undefined
    : await startOpsServer({ service: 'gateway', port: config.metricsPort, host: config.host, metrics: app.metrics, probes: [], ready: readinessChecks(app), log });

// app.close() stops accepting connections, lets in-flight requests finish (new ones get 503),
// then closes the queues it opened; the clients go last.
onShutdown(log, [
  { name: 'http', close: () => app.close() },
  // The pooled connections feed discovery and /v1/similar opened to other sites.
  { name: 'fetch', close: () => closeFetchAgents() },
  ...(ops ? [{ name: 'ops', close: () => ops.close() }] : []),
  { name: 'redis', close: () => redis.quit() },
  { name: 'elasticsearch', close: () => es.close() },
]);
