import t from 'tap';
import { createRedis } from '@akhbar/core';
import { createEsClient } from '@akhbar/search';
import { startRedisCluster, testEsUrl, uniqueIndexPrefix, uniqueQueuePrefix } from '@akhbar/testkit';
import { build } from '../src/app.ts';
import { admin, ADMIN_TOKEN } from './helpers.ts';

/**
 * The gateway on a Redis Cluster: feeds admin (the registry), the shared rate limit and /readyz
 * work on it, and when the cluster goes away the answers are the coded 503s a single Redis
 * gives — never a 500 for the client to puzzle over.
 */
t.test('the gateway on a Redis Cluster, and when the cluster is gone', async (t) => {
  const cluster = await startRedisCluster(3);
  const redis = createRedis({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: cluster.nodes }, 'producer');
  redis.on('error', () => {});
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const es = createEsClient(testEsUrl());
  const app = await build({ es, redis, queuePrefix: uniqueQueuePrefix('gw-cluster'), indexPrefix: uniqueIndexPrefix('gw-cluster'), adminToken: ADMIN_TOKEN, rateLimitMax: 3, logger: false });
  t.teardown(async () => {
    await app.close();
    redis.disconnect();
    await es.close();
    await cluster.close();
  });

  const added = await app.inject({ method: 'POST', url: '/v1/feeds', headers: admin, payload: { url: 'https://news.example/cluster.xml', title: 'Cluster wire', lang: 'ar', discover: false } });
  t.equal(added.statusCode, 201, 'a feed is registered', { body: added.body });
  const list = await app.inject({ url: '/v1/feeds', headers: admin });
  t.equal(list.statusCode, 200);
  t.equal((list.json() as { feeds: unknown[] }).feeds.length, 1, 'and listed');
  t.equal(list.headers['x-ratelimit-remaining'], '1', 'the rate limit counts in the cluster (3 a window: two used)');
  t.equal((await app.inject({ url: '/v1/feeds', headers: admin })).headers['x-ratelimit-remaining'], '0');
  t.equal((await app.inject({ url: '/v1/feeds', headers: admin })).statusCode, 429, 'and refuses past it');
  const ready = await app.inject({ url: '/readyz' });
  t.equal(ready.json().checks.redis, true, '/readyz sees the cluster');

  await cluster.close();
  const gone = await app.inject({ url: '/v1/feeds', headers: admin });
  t.equal(gone.statusCode, 503, 'the cluster gone: 503');
  t.match(gone.json(), { error: { code: 'AKHBAR_UNAVAILABLE' } });
  const notReady = await app.inject({ url: '/readyz' });
  t.equal(notReady.statusCode, 503);
  t.equal(notReady.json().checks.redis, false, '/readyz says Redis is the problem');
});
