import t from 'tap';
import { Cluster, Redis } from 'ioredis';
import { startRedisCluster, startRedisServer, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { QUEUES, commonConfig, createRedis, isAkhbarError, loadConfig, openQueue, replicaPolicy } from '@akhbar/core';

/**
 * REDIS_MIN_REPLICAS: a stage's hand-off (the next stage's job) resolves only once that many
 * replicas hold it, so a failover right after cannot lose it. Shown on real servers: a master
 * with a replica, and a Redis Cluster with a replica per master. A replica is stalled with
 * SIGSTOP (it acknowledges nothing, as a replica cut off or far behind), so a queue that waits
 * must refuse to call the hand-off done, and one that does not wait must not notice.
 */

/** The process id of the server behind `conn` (to stall it with SIGSTOP and wake it with SIGCONT). */
async function pidOf(conn: Redis): Promise<number> {
  return Number(/process_id:(\d+)/.exec(await conn.info('server'))![1]);
}

async function linkUp(replica: Redis): Promise<void> {
  await waitFor(async () => /master_link_status:up/.test(await replica.info('replication')) || undefined, { timeoutMs: 15_000, what: 'the replica to follow its master' });
}

t.test('a master and its replica: the hand-off resolves once the replica holds it, fails (transient, coded) while the replica is stalled', async (t) => {
  const master = await startRedisServer();
  const replica = await startRedisServer();
  const prefix = uniqueQueuePrefix('replicas');
  const conn = createRedis(master.url, 'worker');
  const reader = new Redis(replica.url, { maxRetriesPerRequest: 1 });
  let stalled: number | undefined;
  t.teardown(async () => {
    if (stalled) process.kill(stalled, 'SIGCONT');
    conn.disconnect();
    reader.disconnect();
    await Promise.all([master.close(), replica.close()]);
  });
  await replica.admin.replicaof('127.0.0.1', Number(new URL(master.url).port));
  await linkUp(replica.admin);

  const policy = replicaPolicy(loadConfig(commonConfig, { REDIS_MIN_REPLICAS: '1', REDIS_REPLICA_TIMEOUT_MS: '1500' }));
  t.same(policy, { count: 1, timeoutMs: 1500 }, 'REDIS_MIN_REPLICAS and REDIS_REPLICA_TIMEOUT_MS make the policy');
  const waiting = openQueue<{ n: number }>(QUEUES.enriched, { connection: conn, prefix, replicas: policy });
  const plain = openQueue<{ n: number }>(QUEUES.raw, { connection: conn, prefix });
  t.teardown(async () => {
    await Promise.all([waiting.close(), plain.close()]);
  });
  const onReplica = (queue: string, id: string) => reader.exists(`${prefix}:${queue}:${id}`);

  await waiting.add('article', { n: 1 }, { jobId: 'one' });
  t.equal(await onReplica(QUEUES.enriched, 'one'), 1, 'once add resolves, the replica already holds the job');
  await waiting.addBulk([2, 3].map((n) => ({ name: 'article', data: { n }, opts: { jobId: `bulk-${String(n)}` } })));
  t.same([await onReplica(QUEUES.enriched, 'bulk-2'), await onReplica(QUEUES.enriched, 'bulk-3')], [1, 1], 'addBulk too');

  stalled = await pidOf(replica.admin);
  process.kill(stalled, 'SIGSTOP');
  const err = await waiting.add('article', { n: 4 }, { jobId: 'four' }).then(() => undefined, (e: unknown) => e);
  t.ok(isAkhbarError(err), 'with the replica stalled the hand-off is refused');
  t.match(err, { code: 'AKHBAR_REDIS_REPLICAS', permanent: false, message: /0 of the 1 Redis replicas required acknowledged the hand-off within 1500 ms/ });
  await t.rejects(waiting.addBulk([{ name: 'article', data: { n: 5 }, opts: { jobId: 'five' } }]), { code: 'AKHBAR_REDIS_REPLICAS' }, 'addBulk as well');
  await t.resolves(plain.add('article', { n: 6 }, { jobId: 'six' }), 'a queue without the policy does not wait');

  process.kill(stalled, 'SIGCONT');
  stalled = undefined;
  await waiting.add('article', { n: 4 }, { jobId: 'four' });
  t.equal(await onReplica(QUEUES.enriched, 'four'), 1, 'the retry of the refused hand-off goes through once the replica is back');
  t.equal(await waiting.count(), 5, 'and, by its job id, it is one job, not two');
});

t.test('on a Redis Cluster the wait is asked of the master that holds the queue, not any node', async (t) => {
  const cluster = await startRedisCluster(3, { replicas: 1 });
  const prefix = uniqueQueuePrefix('cluster-replicas');
  const conn = createRedis(loadConfig(commonConfig, { REDIS_CLUSTER_NODES: cluster.nodes[0]! }), 'worker') as Cluster;
  let stalled: number | undefined;
  t.teardown(async () => {
    if (stalled) process.kill(stalled, 'SIGCONT');
    conn.disconnect();
    await cluster.close();
  });
  if (conn.status !== 'ready') await new Promise((resolve) => conn.once('ready', resolve));
  // Replicas attached and caught up first (under a loaded machine their first sync takes a while).
  await cluster.replicated();
  // Time enough for a healthy replica on a loaded machine; a stalled one costs the test this much.
  const queue = openQueue<{ n: number }>(QUEUES.enriched, { connection: conn, prefix, replicas: { count: 1, timeoutMs: 1_500 } });
  t.teardown(() => queue.close());
  await queue.add('article', { n: 1 }, { jobId: 'one' });
  t.pass('the slot master has its replica: the hand-off resolves');

  // Stall the replica of the master that holds the prefix's slot; the other masters' replicas
  // still answer, so a wait sent to any other node would pass.
  const owner = new Redis((await cluster.masterFor(`${prefix}:x`)).replace(/\/$/, ''), { maxRetriesPerRequest: 1 });
  t.teardown(() => owner.disconnect());
  const slave = /slave0:ip=([^,]+),port=(\d+)/.exec(await owner.info('replication'))!;
  const itsReplica = new Redis({ host: slave[1], port: Number(slave[2]), maxRetriesPerRequest: 1 });
  t.teardown(() => itsReplica.disconnect());
  stalled = await pidOf(itsReplica);
  process.kill(stalled, 'SIGSTOP');
  await t.rejects(queue.add('article', { n: 2 }, { jobId: 'two' }), { code: 'AKHBAR_REDIS_REPLICAS' }, 'its replica stalled: refused');
  process.kill(stalled, 'SIGCONT');
  stalled = undefined;
  await t.resolves(queue.add('article', { n: 2 }, { jobId: 'two' }), 'and through again once it is back');
});

t.test('REDIS_MIN_REPLICAS is validated at boot; off by default', async (t) => {
  t.same(replicaPolicy(loadConfig(commonConfig, {})), { count: 0, timeoutMs: 1_000 });
  t.throws(() => loadConfig(commonConfig, { REDIS_MIN_REPLICAS: '-1' }), { code: 'AKHBAR_CONFIG_INVALID', message: /REDIS_MIN_REPLICAS/ });
  t.throws(() => loadConfig(commonConfig, { REDIS_REPLICA_TIMEOUT_MS: 'soon' }), { code: 'AKHBAR_CONFIG_INVALID', message: /REDIS_REPLICA_TIMEOUT_MS/ });
});
