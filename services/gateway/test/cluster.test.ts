import t from 'tap';
import { createRedis } from '@akhbar/core';
import { startRedisCluster } from '@akhbar/testkit';
import { admin, testGateway } from './helpers.ts';

/**
 * The gateway on a Redis Cluster: feeds admin (the registry), the shared rate limit and /readyz
 * work on it, and when the cluster goes away the answers are the coded 503s a single Redis
 * gives — never a 500 for the client to puzzle over.
 */
t.test('the gateway on a Redis Cluster, and when the cluster is gone', async (t) => {
  const cluster = await startRedisCluster(3);
  const redis = createRedis({ redisUrl: 'redis://127.0.0.1:1', redisClusterNodes: cluster.nodes }, 'producer');
  const { app, close } = await testGateway({ label: 'gw-cluster', redis, rateLimitMax: 3 });
  t.teardown(async () => {
    await close();
    redis.disconnect();
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
