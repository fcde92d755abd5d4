import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { createRedis, type RedisClient } from '@akhbar/core';
import { createEsClient, type Client } from '@akhbar/search';
import { deleteRedisPrefix, dropIndexPrefix, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix } from '@akhbar/testkit';
import { build, type BuildOptions } from '../src/app.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestGateway {
  app: FastifyInstance;
  es: Client;
  redis: RedisClient;
  queuePrefix: string;
  indexPrefix: string;
  close(): Promise<void>;
}

/**
 * A gateway over real Redis and Elasticsearch with its own queue and index prefixes. `close`
 * closes the app and clients and deletes everything created under the prefixes.
 */
export async function testGateway(opts: Partial<BuildOptions> & { label?: string } = {}): Promise<TestGateway> {
  const queuePrefix = opts.queuePrefix ?? uniqueQueuePrefix(opts.label ?? 'gw');
  const indexPrefix = opts.indexPrefix ?? uniqueIndexPrefix(opts.label ?? 'gw');
  const es = opts.es ?? createEsClient(testEsUrl());
  // A test may bring its own connection (a cluster, a private server); it closes that one itself.
  const ownRedis = !opts.redis;
  const redis = opts.redis ?? createRedis(testRedisUrl(), 'producer');
  redis.on('error', () => {});
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const app = await build({ es, redis, queuePrefix, indexPrefix, adminToken: ADMIN_TOKEN, rateLimitMax: 0, allowPrivateNetworks: true, ...opts });
  await app.ready();
  return {
    app,
    es,
    redis,
    queuePrefix,
    indexPrefix,
    async close() {
      await app.close();
      if (ownRedis) await redis.quit();
      await es.close();
      await deleteRedisPrefix(queuePrefix);
      await dropIndexPrefix(indexPrefix);
    },
  };
}

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A hit as the profile tests compare them. */
export type ProfileHit = { id: string; publishedAt: string; lang: string; topics: string[]; tone?: number; author?: string };

/**
 * GET and search helpers of the profile tests (a source's, an author's page): every figure of a
 * page is checked against what a search with the same filter answers from the same index.
 */
export function profileProbe(gw: TestGateway) {
  const get = async (url: string) => {
    const res = await gw.app.inject({ url });
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const searchOf = async (params: Record<string, string>) => {
    const { body } = await get(`/v1/search?${new URLSearchParams({ limit: '100', sort: 'newest', ...params }).toString()}`);
    return body as { total: number; hits: ProfileHit[] };
  };
  return { get, searchOf };
}

export { Redis };
