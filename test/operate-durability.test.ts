import t from 'tap';
import { dropIndexPrefix, pipelineEnv, startRedisServer, startService, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';

/**
 * The durability check, wired into every service: run as production runs them against a private
 * Redis without an append-only file, each must log AKHBAR_REDIS_NOT_DURABLE naming it at start
 * (README "Reliability") and report `akhbar_redis_durable 0` on /metrics, which turns 1 once the
 * operator fixes Redis at runtime — no restart. The check itself is tested in
 * packages/core/test/redis-durability.test.ts.
 */
t.test('each service says when its Redis can lose a hand-off, at start and on /metrics', async (t) => {
  const server = await startRedisServer();
  t.teardown(() => server.close());
  const queuePrefix = uniqueQueuePrefix('durability');
  const indexPrefix = uniqueIndexPrefix('durability');
  const env = pipelineEnv({ queuePrefix, indexPrefix, adminToken: 'durability-admin-token-0123' }, { REDIS_URL: server.url });
  const services = (['ingest', 'fulltext', 'enrich', 'indexer', 'gateway'] as const).map((name) => startService(name, env));
  t.teardown(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await dropIndexPrefix(indexPrefix);
  });
  const durable = async (port: number): Promise<string | undefined> => {
    const text = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
    return /^akhbar_redis_durable\{[^}]*\} (\d)$/m.exec(text)?.[1];
  };
  const ports = new Map<string, number>();
  for (const s of services) {
    const line = await s.waitForLog((l) => l.code === 'AKHBAR_REDIS_NOT_DURABLE', 60_000);
    t.same(line.servers, [{ node: server.url.replace('redis://', ''), appendonly: 'no', appendfsync: 'everysec' }], `${s.name} names the server and its settings`);
    // The workers serve /metrics from their ops server; the gateway on its own port (no GATEWAY_METRICS_PORT).
    const listening = s.name === 'gateway' ? /gateway listening/ : /ops server listening/;
    const port = (await s.waitForLog((l) => typeof l.port === 'number' && listening.test(String(l.msg)), 30_000)).port as number;
    ports.set(s.name, port);
    t.equal(await durable(port), '0', `${s.name}: akhbar_redis_durable 0 on /metrics`);
  }

  // The operator turns the append-only file on, fsync'd before each reply, without restarting anything.
  await server.admin.config('SET', 'appendonly', 'yes');
  // Until the first rewrite is written Redis 7 will not shut down on SIGTERM (teardown).
  await waitFor(async () => /aof_rewrite_in_progress:0/.test(await server.admin.info('persistence')) || undefined, { timeoutMs: 10_000, what: 'the first AOF rewrite' });
  await server.admin.config('SET', 'appendfsync', 'always');
  for (const [name, port] of ports) t.equal(await durable(port), '1', `${name}: akhbar_redis_durable 1 on the next scrape`);
});
