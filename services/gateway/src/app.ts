import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { FeedRegistry, isAkhbarError, redisReady, type FetchJob, type Logger } from '@akhbar/core';
import { esReady, indexNames, type Client } from '@akhbar/search';
import { GatewayErrors, errorBody } from './errors.ts';
import { feedRoutes } from './routes/feeds.ts';
import { searchRoutes } from './routes/search.ts';

declare module 'fastify' {
  interface FastifyInstance {
    es: Client;
    redis: Redis;
  }
}

export interface BuildOptions {
  es: Client;
  redis: Redis;
  fetchQueue: Queue<FetchJob>;
  queuePrefix: string;
  indexPrefix: string;
  adminToken: string | undefined;
  logger?: Logger | boolean;
}

/** Build the gateway app (no listen): `server.ts` listens, tests use `inject()`. */
export async function build(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: typeof opts.logger === 'object' ? opts.logger : undefined,
    logger: typeof opts.logger === 'boolean' ? opts.logger : undefined,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  } as never).withTypeProvider<TypeBoxTypeProvider>() as unknown as FastifyInstance;
  app.decorate('es', opts.es);
  app.decorate('redis', opts.redis);

  app.setErrorHandler((err, req, reply) => {
    const e = err as Error & { validation?: unknown; statusCode?: number; code?: string; validationContext?: string };
    if (e.validation) {
      return reply.code(400).send(errorBody(GatewayErrors.BAD_REQUEST, e.message));
    }
    if (isAkhbarError(err)) {
      return reply.code(err.permanent ? 400 : 503).send(errorBody(err.code, err.message));
    }
    const esType = (err as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
    if (esType === 'index_not_found_exception' || e.name === 'ConnectionError' || e.name === 'TimeoutError' || e.name === 'NoLivingConnectionsError') {
      req.log.warn({ err }, 'search backend unavailable');
      return reply.code(503).header('retry-after', '5').send(errorBody(GatewayErrors.UNAVAILABLE, 'search index not available yet'));
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send(errorBody(e.code ?? GatewayErrors.BAD_REQUEST, e.message));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody(GatewayErrors.INTERNAL, 'internal error'));
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const [redisOk, esOk] = await Promise.all([redisReady(opts.redis), esReady(opts.es)]);
    let indexOk = false;
    if (esOk) {
      try {
        indexOk = await opts.es.indices.existsAlias({ name: indexNames(opts.indexPrefix).read });
      } catch {
        indexOk = false;
      }
    }
    const ready = redisOk && esOk && indexOk;
    return reply.code(ready ? 200 : 503).send({ ready, checks: { redis: redisOk, elasticsearch: esOk, index: indexOk } });
  });

  const registry = new FeedRegistry(opts.redis, opts.queuePrefix);
  await app.register(searchRoutes as never, { indexPrefix: opts.indexPrefix });
  await app.register(feedRoutes as never, { registry, fetchQueue: opts.fetchQueue, adminToken: opts.adminToken });
  return app;
}
