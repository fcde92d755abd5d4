import t from 'tap';
import { dropIndexPrefix, pipelineEnv, startRedisServer, startService, uniqueIndexPrefix, uniqueQueuePrefix } from '@akhbar/testkit';

/**
 * The start-up durability check, wired into every worker: run as production runs them against a
 * private Redis without an append-only file, each must log AKHBAR_REDIS_NOT_DURABLE naming it
 * (README "Reliability"). The check itself is tested in packages/core/test/redis-durability.test.ts.
 */
t.test('each worker service says at start when its Redis can lose a hand-off', async (t) => {
  const server = await startRedisServer();
  t.teardown(() => server.close());
  const queuePrefix = uniqueQueuePrefix('durability');
  const indexPrefix = uniqueIndexPrefix('durability');
  const env = pipelineEnv({ queuePrefix, indexPrefix, adminToken: 'durability-admin-token-0123' }, { REDIS_URL: server.url });
  const workers = (['ingest', 'fulltext', 'enrich', 'indexer'] as const).map((name) => startService(name, env));
  t.teardown(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await dropIndexPrefix(indexPrefix);
  });
  for (const w of workers) {
    const line = await w.waitForLog((l) => l.code === 'AKHBAR_REDIS_NOT_DURABLE', 60_000);
    t.same(line.servers, [{ node: server.url.replace('redis://', ''), appendonly: 'no', appendfsync: 'everysec' }], `${w.name} names the server and its settings`);
  }
});
