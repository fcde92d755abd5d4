import t from 'tap';
import { Cluster } from 'ioredis';
import { startRedisCluster, uniqueQueuePrefix } from '@akhbar/testkit';
import { FeedRegistry, QUEUES, commonConfig, createRedis, loadConfig, openQueue, redisDurability, redisReady } from '@akhbar/core';
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
  // The workers' start-up durability check asks every master (these test nodes keep no AOF).
  const durability = await redisDurability(producer);
  t.equal(durability.servers.length, 3, 'durability is checked on every master');
  t.equal(durability.durable, false, 'a cluster without an append-only file is not durable');

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

/**
 * The failover README's "Redis Cluster" section promises: the master holding Akhbar's slot is
 * killed (-9), its replica takes over, and the same connections — a producer, and a BullMQ worker
 * blocked waiting for jobs — go on with the feed registry and the queue without a restart.
 */
t.test('Redis Cluster failover: the master holding the queue prefix dies, its replica takes over, work goes on', async (t) => {
  const cluster = await startRedisCluster(3, { replicas: 1, nodeTimeoutMs: 1_000 });
  const prefix = uniqueQueuePrefix('failover');
  const config = loadConfig(commonConfig, { REDIS_CLUSTER_NODES: cluster.nodes.join(','), AKHBAR_QUEUE_PREFIX: prefix });
  const producer = createRedis(config, 'producer');
  const worker = createRedis(config, 'worker');
  producer.on('error', () => undefined);
  worker.on('error', () => undefined);
  if (producer.status !== 'ready') await new Promise((resolve) => producer.once('ready', resolve));
  const registry = new FeedRegistry(producer, config.queuePrefix);
  const queue = openQueue<{ n: number }>(QUEUES.raw, { connection: producer, prefix });
  queue.on('error', () => undefined);
  const seen = new Set<number>();
  const w = new Worker<{ n: number }>(QUEUES.raw, async (job) => void seen.add(job.data.n), { connection: worker, prefix, concurrency: 4 });
  w.on('error', () => undefined);
  t.teardown(async () => {
    await w.close();
    await queue.close();
    producer.disconnect();
    worker.disconnect();
    await cluster.close();
  });
  const waitSeen = async (n: number, what: string) => {
    const deadline = Date.now() + 30_000;
    while (seen.size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    t.equal(seen.size, n, what);
  };

  const { feed } = await registry.add({ url: 'https://news.example/failover.xml', title: 'Before the failover', lang: 'ar' });
  await queue.addBulk([1, 2, 3].map((n) => ({ name: 'n', data: { n }, opts: { jobId: `job-${String(n)}` } })));
  await waitSeen(3, 'three jobs done before the failover');
  await cluster.replicated();

  const victim = await cluster.masterFor(prefix);
  await cluster.crash(victim);
  const started = Date.now();
  let promoted: string;
  for (;;) {
    promoted = await cluster.masterFor(prefix).catch(() => victim);
    if (promoted !== victim || Date.now() - started > 30_000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.not(promoted, victim, `the replica took over the slot (${victim} → ${promoted}, ${String(Date.now() - started)} ms)`);

  // The same connections, not new ones: commands may fail while the client learns the new
  // topology, then succeed (a producer fails fast by design; the caller retries).
  let feeds: Awaited<ReturnType<FeedRegistry['list']>> | undefined;
  for (let i = 0; i < 100 && !feeds; i++) feeds = await registry.list().catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 200)));
  t.same(feeds?.map((f) => f.id), [feed.id], 'the feed registered before the failover is still there');
  let added = false;
  for (let i = 0; i < 100 && !added; i++) {
    added = await queue.addBulk([4, 5, 6].map((n) => ({ name: 'n', data: { n }, opts: { jobId: `job-${String(n)}` } }))).then(() => true, () => new Promise<boolean>((r) => setTimeout(() => r(false), 200)));
  }
  t.ok(added, 'the producer queues jobs again');
  await waitSeen(6, 'the worker that was blocked on the dead master takes the new jobs');
  t.equal(await queue.getCompletedCount(), 6, 'and completes them on the promoted master');
});
