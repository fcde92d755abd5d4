import t from 'tap';
import { createRedis } from '@akhbar/core';
import { startRedisServer } from '@akhbar/testkit';
import { admin, testGateway } from './helpers.ts';

/**
 * Redis up but refusing writes — out of memory (maxmemory reached; BullMQ needs noeviction, so
 * Redis refuses rather than evicts), a read-only replica (a client still on a demoted master after
 * a failover), a server loading its data after a restart: a write through the API is a coded 503
 * saying which, never a 500, and what only reads keeps working. A private redis-server, since the
 * shared one cannot be made to refuse without failing its neighbours.
 */
t.test('Redis refusing writes: coded 503s naming the reason; reads go on', async (t) => {
  const server = await startRedisServer();
  const redis = createRedis(server.url, 'producer');
  const { app, close } = await testGateway({ label: 'gw-refuses', redis, rateLimitMax: 100 });
  t.teardown(async () => {
    await close();
    redis.disconnect();
    await server.close();
  });
  const addFeed = (n: number) => app.inject({ method: 'POST', url: '/v1/feeds', headers: admin, payload: { url: `https://news.example/refuses-${String(n)}.xml`, title: `Wire ${String(n)}`, lang: 'ar', discover: false } });

  const first = await addFeed(1);
  t.equal(first.statusCode, 201, 'a feed is registered while Redis takes writes');
  const feedId = (first.json() as { id: string }).id;

  const states: Array<[string, () => Promise<unknown>, () => Promise<unknown>, RegExp]> = [
    ['out of memory', () => server.admin.config('SET', 'maxmemory', '1'), () => server.admin.config('SET', 'maxmemory', '0'), /out of memory/],
    ['a read-only replica', () => server.admin.call('REPLICAOF', '127.0.0.1', '1'), () => server.admin.call('REPLICAOF', 'NO', 'ONE'), /read-only replica/],
  ];
  let n = 2;
  for (const [label, on, off, reason] of states) {
    await on();
    for (const [what, res] of [
      ['POST /v1/feeds', await addFeed(n++)],
      ['POST /v1/feeds/:id/refresh', await app.inject({ method: 'POST', url: `/v1/feeds/${feedId}/refresh`, headers: admin })],
    ] as const) {
      t.equal(res.statusCode, 503, `${label}: ${what} → 503`, { body: res.body });
      t.match(res.json(), { error: { code: 'AKHBAR_UNAVAILABLE', message: reason } }, `${label}: ${what} says why`);
      t.equal(res.headers['retry-after'], '5');
    }
    const list = await app.inject({ url: '/v1/feeds', headers: admin });
    t.equal(list.statusCode, 200, `${label}: reading the feeds still works`);
    t.same((list.json() as { feeds: Array<{ id: string }> }).feeds.map((f) => f.id), [feedId], `${label}: and nothing half-written is there`);
    await off();
  }
  t.equal((await addFeed(n)).statusCode, 201, 'writes work again once Redis takes them');
});
