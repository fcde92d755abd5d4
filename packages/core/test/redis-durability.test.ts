import t from 'tap';
import { Registry } from 'prom-client';
import { createRedis, redisDurability, redisDurabilityGauge, warnUnlessDurable } from '@akhbar/core';
import { startRedisServer, waitFor, type RedisServerHandle } from '@akhbar/testkit';

/**
 * The start-up check every worker runs: on a private redis-server whose settings the test changes,
 * it must call Redis durable only with an append-only file fsync'd before each reply, and warn
 * with a code otherwise, also when Redis refuses to say (CONFIG denied by an ACL).
 */

/**
 * Turns the append-only file on and waits for its first rewrite: until that is written, Redis 7
 * refuses to shut down on SIGTERM ("Writing initial AOF, can't exit") and the server would outlive
 * the test.
 */
async function appendOnly(server: RedisServerHandle): Promise<void> {
  await server.admin.config('SET', 'appendonly', 'yes');
  await waitFor(async () => /aof_rewrite_in_progress:0/.test(await server.admin.info('persistence')) || undefined, { timeoutMs: 10_000, what: 'the first AOF rewrite' });
}

function recorder() {
  const lines: { level: 'warn' | 'info'; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    info: (obj: object, msg: string) => lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
  };
}

t.test('Redis is durable only with appendonly yes and appendfsync always', async (t) => {
  const server = await startRedisServer();
  t.teardown(() => server.close());
  const redis = createRedis(server.url, 'worker');
  t.teardown(() => redis.disconnect());

  // The private server starts without an append-only file: a restart would lose every queue.
  let d = await redisDurability(redis);
  t.equal(d.durable, false, 'appendonly no is not durable');
  t.same(d.servers.map((s) => [s.appendonly, s.appendfsync]), [['no', 'everysec']]);

  await appendOnly(server);
  d = await redisDurability(redis);
  t.equal(d.durable, false, 'appendfsync everysec can lose an acknowledged write in a crash');

  const log = recorder();
  await warnUnlessDurable(redis, log);
  t.equal(log.lines.length, 1);
  t.equal(log.lines[0]!.level, 'warn');
  t.equal(log.lines[0]!.obj.code, 'AKHBAR_REDIS_NOT_DURABLE', 'the warning carries its code');
  t.match(log.lines[0]!.msg, /appendfsync always/, 'and says what to set');

  await server.admin.config('SET', 'appendfsync', 'always');
  d = await redisDurability(redis);
  t.equal(d.durable, true, 'appendonly yes + appendfsync always is durable');
  const ok = recorder();
  await warnUnlessDurable(redis, ok);
  t.same(ok.lines.map((l) => l.level), ['info'], 'no warning once it is durable');
});

t.test('a Redis that refuses CONFIG is reported unknown, and warned about', async (t) => {
  const server = await startRedisServer();
  t.teardown(() => server.close());
  await appendOnly(server);
  await server.admin.config('SET', 'appendfsync', 'always');
  // A managed Redis often denies CONFIG to applications: an ACL user without it.
  await server.admin.call('ACL', 'SETUSER', 'akhbar', 'on', '>secret', '~*', '&*', '+@all', '-config');
  const url = server.url.replace('redis://', 'redis://akhbar:secret@');
  const redis = createRedis(url, 'worker');
  t.teardown(() => redis.disconnect());
  t.equal(await redis.ping(), 'PONG', 'the restricted user can use Redis');
  const d = await redisDurability(redis);
  t.equal(d.durable, false, 'not called durable when it cannot be known');
  t.same(d.servers.map((s) => [s.appendonly, s.appendfsync]), [['unknown', 'unknown']]);
  const log = recorder();
  await warnUnlessDurable(redis, log);
  t.equal(log.lines[0]?.obj.code, 'AKHBAR_REDIS_NOT_DURABLE');
});

t.test('the check waits for a Redis that is not up yet instead of failing the start', async (t) => {
  const server = await startRedisServer();
  t.teardown(() => server.close());
  // A connection that has not connected yet: the check must run once it is ready.
  const redis = createRedis(server.url, 'worker', { lazyConnect: true });
  t.teardown(() => redis.disconnect());
  const log = recorder();
  const checked = warnUnlessDurable(redis, log);
  t.equal(log.lines.length, 0, 'nothing said before Redis answers');
  await redis.connect();
  await checked;
  t.equal(log.lines[0]?.obj.code, 'AKHBAR_REDIS_NOT_DURABLE', 'checked once it answered');
});

t.test('akhbar_redis_durable follows Redis at each scrape and keeps its last value when Redis is slow', async (t) => {
  const server = await startRedisServer();
  t.teardown(() => server.close());
  const redis = createRedis(server.url, 'worker');
  t.teardown(() => redis.disconnect());
  await redis.ping();
  const registry = new Registry();
  redisDurabilityGauge(redis, registry, 500);
  const scrape = async () => {
    const started = Date.now();
    const text = await registry.metrics();
    return { value: /^akhbar_redis_durable (\d)$/m.exec(text)?.[1], ms: Date.now() - started };
  };
  t.equal((await scrape()).value, '0', 'no append-only file: 0');
  await appendOnly(server);
  await server.admin.config('SET', 'appendfsync', 'always');
  t.equal((await scrape()).value, '1', 'set at runtime: 1 on the next scrape');
  // Redis holds every client's commands for 3 s: the scrape must not wait for it, nor guess.
  await server.admin.call('CLIENT', 'PAUSE', '3000', 'ALL');
  const paused = await scrape();
  t.equal(paused.value, '1', 'the last value is kept');
  t.ok(paused.ms < 2_000, `the scrape did not wait for Redis (${String(paused.ms)} ms)`);
});
