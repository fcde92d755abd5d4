import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { redisReady } from '@akhbar/core';
import { esReady } from '@akhbar/search';

/** What /readyz checks: Redis, Elasticsearch and the article index (read alias) reachable. */
export function readinessChecks(app: FastifyInstance): Record<'redis' | 'elasticsearch' | 'index', () => Promise<boolean>> {
  return {
    redis: () => redisReady(app.redis),
    elasticsearch: () => esReady(app.es),
    index: async () => {
      try {
        return await app.es.indices.existsAlias({ name: app.gw.index }, { requestTimeout: 2_000, maxRetries: 0 });
      } catch {
        return false;
      }
    },
  };
}

/**
 * /healthz: the process answers (liveness). /readyz: Redis, Elasticsearch and the index are
 * reachable (readiness: a load balancer sends no traffic before). /metrics: Prometheus, unless
 * it has its own port (GATEWAY_METRICS_PORT, main.ts), where API clients cannot read it.
 */
export const opsRoutes: FastifyPluginAsyncTypebox<{ metrics: boolean }> = async (app, opts) => {
  const noLimit = { rateLimit: false };
  app.get('/healthz', { config: noLimit, schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  const checks = readinessChecks(app);
  const Ready = Type.Object({ ready: Type.Boolean(), checks: Type.Object({ redis: Type.Boolean(), elasticsearch: Type.Boolean(), index: Type.Boolean() }) });
  app.get('/readyz', { config: noLimit, schema: { tags: ['ops'], summary: 'Readiness: Redis, Elasticsearch and the article index reachable', response: { 200: Ready, 503: Ready } } }, async (_req, reply) => {
    const [redis, elasticsearch] = await Promise.all([checks.redis(), checks.elasticsearch()]);
    const index = elasticsearch && (await checks.index());
    const ready = redis && elasticsearch && index;
    return reply.code(ready ? 200 : 503).send({ ready, checks: { redis, elasticsearch, index } });
  });

  if (!opts.metrics) return;
  app.get('/metrics', { config: noLimit, schema: { tags: ['ops'], summary: 'Prometheus metrics (request latency per route, Elasticsearch latency)', produces: ['text/plain'] } }, async (_req, reply) => {
    const body = await app.metrics.registry.metrics();
    return reply.type(app.metrics.registry.contentType).send(body);
  });
};
