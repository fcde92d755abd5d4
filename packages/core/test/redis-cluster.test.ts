import t from 'tap';
import { Cluster } from 'ioredis';
import { startRedisCluster, uniqueQueuePrefix } from '@akhbar/testkit';
import { FeedRegistry, QUEUES, commonConfig, createRedis, loadConfig, openQueue, redisReady } from '@akhbar/core';
import { Worker } from 'bullmq';

/**
 * REDIS_CLUSTER_NODES: the services reach a real Redis Cluster (three masters, slots spread over
 * them) through createRedis, and what they keep there works — the feed registry's transactions
 * and BullMQ's scripts — because every key sits under the queue prefix's hash tag.
 */
t.test('createRedis on a real Redis Cluster', async (t) => {
  const cluster = await startRedisCluster(3);
  const prefix = uniqueQueuePrefix('cluster');
  const config = loadConfig(commonConfig, { REDIS_CLUSTER_NODES: cluster.nodes.slice(0, 1).join(','), AKHBAR_QUEUE_PREFIX: prefix });
  const producer = createRedis(config, 'producer');
  const worker = createRedis(config, 'worker');
  t.teardown(async () => {
    producer.disconnect();
    worker.disconnect();
    await cluster.close();
  });

  t.ok(producer instanceof Cluster, 'REDIS_CLUSTER_NODES makes a cluster connection (REDIS_URL unused)');
  // A producer queues nothing while it connects (it fails fast), so wait for the cluster first.
  if (producer.status !== 'ready') await new Promise((resolve) => producer.once('ready', resolve));
  t.ok(await redisReady(producer, 5_000), 'the cluster answers');
  const known = (producer as Cluster).nodes('master').length;
  t.equal(known, 3, 'one seed node is enough: the client finds all three masters');

  const registry = new FeedRegistry(producer, config.queuePrefix);
  const { feed, created } = await registry.add({ url: 'https://news.example/cluster.xml', title: 'On a cluster', lang: 'ar' });
  t.ok(created, 'a feed is registered (MULTI over two keys)');
  t.same((await registry.list()).map((f) => f.id), [feed.id], 'and listed (a pipeline over the set and its hashes)');
  t.ok(await registry.remove(feed.id), 'and removed');
  t.same(await registry.list(), []);

  const queue = openQueue<{ n: number }>(QUEUES.raw, { connection: producer, prefix });
  const seen: number[] = [];
  const w = new Worker<{ n: number }>(QUEUES.raw, async (job) => void seen.push(job.data.n), { connection: worker, prefix, concurrency: 4 });
  t.teardown(async () => {
    await w.close();
    await queue.close();
  });
  await queue.addBulk([1, 2, 3, 4, 5].map((n) => ({ name: 'n', data: { n }, opts: { jobId: `job-${String(n)}` } })));
  await queue.add('n', { n: 1 }, { jobId: 'job-1' });
  const deadline = Date.now() + 15_000;
  while (seen.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  t.same([...seen].sort(), [1, 2, 3, 4, 5], 'BullMQ jobs flow through the cluster, and a repeated job id collapses');
  t.equal(await queue.getCompletedCount(), 5);
});

t.test('REDIS_CLUSTER_NODES is validated at boot', async (t) => {
  t.same(loadConfig(commonConfig, {}).redisClusterNodes, [], 'unset: no cluster, REDIS_URL is used');
  t.same(loadConfig(commonConfig, { REDIS_CLUSTER_NODES: 'redis://a:7000, rediss://u:p@b:7001' }).redisClusterNodes, ['redis://a:7000', 'rediss://u:p@b:7001']);
  t.throws(() => loadConfig(commonConfig, { REDIS_CLUSTER_NODES: 'redis://a:7000,http://b:7001' }), { code: 'AKHBAR_CONFIG_INVALID', message: /REDIS_CLUSTER_NODES must use redis: or rediss:/ });
  t.throws(() => loadConfig(commonConfig, { REDIS_CLUSTER_NODES: 'not a url' }), { code: 'AKHBAR_CONFIG_INVALID', message: /REDIS_CLUSTER_NODES is not a valid URL/ });
});
