import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { redisReady } from '@akhbar/core';
import { esReady } from '@akhbar/search';

/**
 * /healthz: the process answers (liveness). /readyz: Redis, Elasticsearch and the article index are
 * reachable (readiness: a load balancer sends no traffic before). /metrics: Prometheus.
 */
export const opsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const noLimit = { rateLimit: false };
  app.get('/healthz', { config: noLimit, schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  const Ready = Type.Object({ ready: Type.Boolean(), checks: Type.Object({ redis: Type.Boolean(), elasticsearch: Type.Boolean(), index: Type.Boolean() }) });
  app.get('/readyz', { config: noLimit, schema: { tags: ['ops'], summary: 'Readiness: Redis, Elasticsearch and the article index reachable', response: { 200: Ready, 503: Ready } } }, async (_req, reply) => {
    const [redisOk, esOk] = await Promise.all([redisReady(app.redis), esReady(app.es)]);
    let indexOk = false;
    if (esOk) {
      try {
        indexOk = await app.es.indices.existsAlias({ name: app.gw.index }, { requestTimeout: 2_000, maxRetries: 0 });
      } catch {
        indexOk = false;
      }
    }
    const ready = redisOk && esOk && indexOk;
    return reply.code(ready ? 200 : 503).send({ ready, checks: { redis: redisOk, elasticsearch: esOk, index: indexOk } });
  });

  app.get('/metrics', { config: noLimit, schema: { tags: ['ops'], summary: 'Prometheus metrics (request latency per route, Elasticsearch latency)', produces: ['text/plain'] } }, async (_req, reply) => {
    const body = await app.metrics.registry.metrics();
    return reply.type(app.metrics.registry.contentType).send(body);
  });
};
