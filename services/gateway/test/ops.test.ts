import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { setTimeout as delay } from 'node:timers/promises';
import { QUEUES, createRedis } from '@akhbar/core';
import { createEsClient, ensureArticleIndex } from '@akhbar/search';
import {
  deleteRedisPrefix, dropIndexPrefix, fixtureFeedRoutes, startFeedServer, startRedisServer, startService, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix,
  waitFor,
} from '@akhbar/testkit';
import { parseApiKeys, parseKeyLimits } from '../src/auth.ts';
import { ADMIN_TOKEN, admin, testGateway, type TestGateway } from './helpers.ts';

/** Health, metrics, docs, the queue dashboard, security headers, limits and shutdown. */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'ops', corsOrigins: ['https://dash.example'] });
});
t.teardown(async () => {
  await gw?.close();
});

t.test('healthz and readyz', async (t) => {
  t.same((await gw.app.inject({ url: '/healthz' })).json(), { status: 'ok' });
  const before = await gw.app.inject({ url: '/readyz' });
  t.equal(before.statusCode, 503, 'not ready while the article index does not exist');
  t.same(before.json(), { ready: false, checks: { redis: true, elasticsearch: true, index: false } });
  await ensureArticleIndex(gw.es, gw.indexPrefix);
  const after = await gw.app.inject({ url: '/readyz' });
  t.equal(after.statusCode, 200);
  t.same(after.json(), { ready: true, checks: { redis: true, elasticsearch: true, index: true } });
});

t.test('metrics: per-route latency histograms and Elasticsearch latency', async (t) => {
  await gw.app.inject({ url: '/v1/search?q=anything' });
  await gw.app.inject({ url: '/v1/stats/top?field=langs' });
  const res = await gw.app.inject({ url: '/metrics' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/plain/);
  t.match(res.body, /akhbar_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/search"[^}]*\}/);
  t.match(res.body, /akhbar_http_request_duration_seconds_count\{[^}]*route="\/v1\/stats\/top"[^}]*status="200"[^}]*\} 1/);
  t.match(res.body, /akhbar_es_request_duration_seconds_count\{[^}]*op="search"[^}]*\} \d/);
  t.match(res.body, /akhbar_node_process_cpu_seconds_total/);
});

t.test('GATEWAY_METRICS_PORT: /metrics on a port of its own, out of reach of API clients', async (t) => {
  const queuePrefix = uniqueQueuePrefix('gw-ops-port');
  const indexPrefix = uniqueIndexPrefix('gw-ops-port');
  const gateway = startService('gateway', {
    REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_INDEX_PREFIX: indexPrefix,
    PORT: '0', HOST: '127.0.0.1', GATEWAY_METRICS_PORT: '0',
  });
  t.teardown(async () => {
    await gateway.stop('SIGKILL');
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const api = `http://127.0.0.1:${String((await gateway.waitForLog((l) => l.msg === 'gateway listening', 30_000)).port)}`;
  const ops = `http://127.0.0.1:${String((await gateway.waitForLog((l) => l.msg === 'ops server listening (/metrics /healthz /readyz)', 30_000)).port)}`;
  t.not(ops, api);
  t.equal((await fetch(`${api}/v1/search?q=anything`)).status, 503, 'a search while the index does not exist yet');
  t.equal((await fetch(`${api}/v1/search?q=anything&api_key=reader-secret-0123`)).status, 503, 'an api_key parameter (feed readers)');
  const hidden = await fetch(`${api}/metrics`);
  t.equal(hidden.status, 404, 'the API port no longer serves /metrics');
  t.match(await hidden.json(), { error: { code: 'AKHBAR_NOT_FOUND' } });
  const metrics = await fetch(`${ops}/metrics`);
  t.equal(metrics.status, 200);
  t.match(await metrics.text(), /akhbar_http_request_duration_seconds_count\{[^}]*route="\/v1\/search"[^}]*status="503"[^}]*\} 2/, "the API port's requests are counted there");
  t.equal((await fetch(`${api}/healthz`)).status, 200, 'probes still answer on the API port');
  const notReady = await fetch(`${ops}/readyz`);
  t.equal(notReady.status, 503);
  t.match(await notReady.json(), { ready: false, checks: { redis: true, elasticsearch: true, index: false } }, 'the ops port checks the same things as /readyz');
  await ensureArticleIndex(createEsClient(testEsUrl()), indexPrefix);
  t.equal((await fetch(`${ops}/readyz`)).status, 200);
  t.match(await (await fetch(`${ops}/healthz`)).json(), { status: 'ok', service: 'gateway' });
  gateway.child.kill('SIGTERM');
  t.equal(await gateway.exited, 0, 'both ports close on SIGTERM');
  const access = gateway.logs.filter((l) => l.msg === 'request');
  t.same(
    access.map((l) => `${String(l.status)} ${String(l.url)}`),
    ['503 /v1/search?q=anything', '503 /v1/search?q=anything&api_key=[redacted]', '404 /metrics', '200 /healthz'],
    'one access-log line per API request, with its status, and no API key written down',
  );
  t.notOk(gateway.logs.some((l) => JSON.stringify(l).includes('reader-secret-0123')), 'the key appears nowhere in the log');
  t.notOk(gateway.logs.some((l) => l.msg === 'incoming request' || l.msg === 'request completed'), "not Fastify's two lines as well");
  t.notMatch(gateway.stderr.join(''), /Deprecation|FSTDEP/, 'no deprecation warning at start-up');
});

t.test('OpenAPI 3 at /docs/json describes every endpoint; Swagger UI at /docs', async (t) => {
  const spec = (await gw.app.inject({ url: '/docs/json' })).json();
  t.match(spec.openapi, /^3\./);
  const paths = Object.keys(spec.paths);
  for (const p of [
    '/v1/search', '/v1/search.rss', '/v1/search.atom', '/v1/articles/{id}', '/v1/articles/{id}/related', '/v1/stories', '/v1/stories/{id}', '/v1/stats/timeline', '/v1/stats/tone',
    '/v1/stats/top', '/v1/trending', '/v1/suggest', '/v1/feeds', '/v1/feeds/{id}', '/v1/feeds/{id}/refresh', '/v1/feeds/import', '/v1/feeds/export',
    '/v1/sources', '/v1/search.csv', '/v1/search.ndjson', '/v1/alerts', '/v1/alerts/{id}', '/v1/alerts/{id}/test', '/v1/similar', '/v1/authors/{name}', '/healthz', '/readyz', '/metrics',
  ]) t.ok(paths.includes(p), `documents ${p}`);
  t.same(Object.keys(spec.paths['/v1/alerts']).sort(), ['get', 'post'], 'alerts: list and create');
  t.notOk(paths.some((p) => p.startsWith('/admin/queues')), 'dashboard internals stay out');
  const params = spec.paths['/v1/search'].get.parameters.map((p: { name: string }) => p.name);
  for (const n of ['q', 'lang', 'source', 'domain', 'topic', 'entity', 'country', 'toneMin', 'toneMax', 'from', 'to', 'sort', 'limit', 'cursor', 'collapse', 'facets']) t.ok(params.includes(n), `search documents ${n}`);
  const ui = await gw.app.inject({ url: '/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.body, /swagger/i);
});

t.test('Bull Board at /admin/queues behind the admin token, with every queue', async (t) => {
  const none = await gw.app.inject({ url: '/admin/queues' });
  t.equal(none.statusCode, 401);
  t.match(none.headers['www-authenticate'], /^Basic realm=/, 'browsers are asked for credentials');
  const basic = await gw.app.inject({ url: '/admin/queues', headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` } });
  t.equal(basic.statusCode, 200, 'Basic with the token as password');
  t.match(basic.body, /<html/i);
  t.match(basic.headers['content-security-policy'], /script-src 'self' 'unsafe-inline'/, "the dashboard's own CSP replaces the API's");
  t.equal(basic.headers['x-content-type-options'], 'nosniff', 'the other helmet headers stay');
  const wrong = await gw.app.inject({ url: '/admin/queues/api/queues', headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
  t.equal(wrong.statusCode, 401);
  await gw.app.queues.dead.add('enrich', { v: 1, stage: 'enrich', queue: QUEUES.raw, code: 'AKHBAR_X', reason: 'test', failedAt: new Date().toISOString(), payload: {} });
  const api = await gw.app.inject({ url: '/admin/queues/api/queues', headers: admin });
  t.equal(api.statusCode, 200);
  const names = (api.json().queues as Array<{ name: string }>).map((q) => q.name).sort();
  t.same(names, Object.values(QUEUES).sort(), 'fetch, article and dead-letter queues');
  const dead = (api.json().queues as Array<{ name: string; counts: Record<string, number> }>).find((q) => q.name === QUEUES.dead);
  t.equal(dead?.counts.waiting, 1, 'the dead-letter job is visible');
  const bearerOnFeeds = await gw.app.inject({ url: '/v1/feeds', headers: { authorization: `Basic ${Buffer.from(`a:${ADMIN_TOKEN}`).toString('base64')}` } });
  t.equal(bearerOnFeeds.statusCode, 401, 'the API itself takes only Bearer');
});

t.test('security headers, CORS allow-list, JSON 404', async (t) => {
  const res = await gw.app.inject({ url: '/healthz', headers: { origin: 'https://dash.example' } });
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.ok(res.headers['content-security-policy']);
  t.ok(res.headers['strict-transport-security']);
  t.equal(res.headers['access-control-allow-origin'], 'https://dash.example');
  t.ok(String(res.headers['access-control-expose-headers']).split(/,\s*/).includes('Link'), 'a dashboard on another origin can read the next-page Link header');
  const other = await gw.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
  t.notOk(other.headers['access-control-allow-origin'], 'an origin not on the list gets no CORS grant');
  const pre = await gw.app.inject({ method: 'OPTIONS', url: '/v1/search', headers: { origin: 'https://dash.example', 'access-control-request-method': 'GET' } });
  t.equal(pre.statusCode, 204);
  const nf = await gw.app.inject({ url: '/v1/nothing' });
  t.equal(nf.statusCode, 404);
  t.match(nf.json(), { error: { code: 'AKHBAR_NOT_FOUND' } });
  t.equal(nf.headers['x-frame-options'], 'SAMEORIGIN', 'error answers carry the security headers too');
  t.match(nf.headers['content-security-policy'], /frame-ancestors 'none'/);
});

t.test('API keys for read routes', async (t) => {
  const keyed = await testGateway({ label: 'ops-keys', apiKeys: ['reader-key-0001', 'reader-key-0002'] });
  t.teardown(() => keyed.close());
  await ensureArticleIndex(keyed.es, keyed.indexPrefix);
  t.equal((await keyed.app.inject({ url: '/v1/search?q=x' })).statusCode, 401);
  t.equal((await keyed.app.inject({ url: '/v1/search?q=x', headers: { 'x-api-key': 'reader-key-0002' } })).statusCode, 200);
  t.equal((await keyed.app.inject({ url: '/v1/search.rss?q=x&api_key=reader-key-0001' })).statusCode, 200, 'api_key parameter for feed readers');
  t.equal((await keyed.app.inject({ url: '/v1/search?q=x', headers: { 'x-api-key': 'reader-key-0003' } })).statusCode, 401);
  const res = await keyed.app.inject({ url: '/v1/search?q=x', headers: { 'x-api-key': 'reader-key-0001' } });
  t.match(res.headers['cache-control'], /^private/, 'keyed responses are not publicly cacheable');
  t.equal((await keyed.app.inject({ url: '/healthz' })).statusCode, 200, 'ops routes stay open');
});

t.test('named API keys: each key\'s requests are counted and logged under its name, never the key', async (t) => {
  const queuePrefix = uniqueQueuePrefix('gw-ops-named-keys');
  const indexPrefix = uniqueIndexPrefix('gw-ops-named-keys');
  await ensureArticleIndex(createEsClient(testEsUrl()), indexPrefix);
  const gateway = startService('gateway', {
    REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_INDEX_PREFIX: indexPrefix,
    PORT: '0', HOST: '127.0.0.1', AKHBAR_API_KEYS: 'newsroom:nr-secret-0123456789, bare-secret-0123456789', AKHBAR_ADMIN_TOKEN: ADMIN_TOKEN,
  });
  t.teardown(async () => {
    await gateway.stop('SIGKILL');
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const bareName = `key-${createHash('sha256').update('bare-secret-0123456789').digest('hex').slice(0, 8)}`;
  const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening', 30_000);
  t.same(listening.apiKeys, ['newsroom', bareName], 'the start-up line names the keys (a bare one by the start of its SHA-256)');
  const api = `http://127.0.0.1:${String(listening.port)}`;
  const status = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${api}${path}`, { headers })).status;
  t.equal(await status('/v1/search?q=x', { 'x-api-key': 'nr-secret-0123456789' }), 200, 'a named key is sent without its name');
  t.equal(await status('/v1/search?q=x', { 'x-api-key': 'nr-secret-0123456789' }), 200);
  t.equal(await status('/v1/search?q=x', { 'x-api-key': 'newsroom:nr-secret-0123456789' }), 401, 'the name is not part of the key');
  t.equal(await status('/v1/search.rss?q=x&api_key=bare-secret-0123456789'), 200);
  t.equal(await status('/v1/suggest?prefix=x', { authorization: `Bearer ${ADMIN_TOKEN}` }), 200, 'the admin token reads too');
  const metrics = await (await fetch(`${api}/metrics`)).text();
  t.match(metrics, /akhbar_api_key_requests_total\{[^}]*key="newsroom"[^}]*route="\/v1\/search"[^}]*status="200"[^}]*\} 2/, 'per key, route and status');
  t.match(metrics, new RegExp(`akhbar_api_key_requests_total\\{[^}]*key="${bareName}"[^}]*route="/v1/search.rss"[^}]*\\} 1`));
  t.match(metrics, /akhbar_api_key_requests_total\{[^}]*key="admin"[^}]*route="\/v1\/suggest"[^}]*\} 1/);
  t.notMatch(metrics, /key="newsroom"[^}]*status="401"/, 'a refused request is no key\'s');
  const lines = await waitFor(() => {
    const reqs = gateway.logs.filter((l) => l.msg === 'request');
    return reqs.length >= 5 ? reqs : undefined;
  }, { timeoutMs: 10_000, what: 'five access-log lines' });
  t.same(lines.slice(0, 5).map((l) => l.apiKey ?? null), ['newsroom', 'newsroom', null, bareName, 'admin'], 'the access log names the key of each request');
  t.notOk(JSON.stringify(gateway.logs).includes('secret-0123456789'), 'and no log line carries a key');
});

t.test('rate limits count per API key, given as a header or as the api_key parameter of a feed reader', async (t) => {
  const keyed = await testGateway({ label: 'ops-rl-keys', apiKeys: ['reader-key-0001', 'reader-key-0002'], rateLimitMax: 2, rateLimitWindowSec: 60 });
  t.teardown(() => keyed.close());
  await ensureArticleIndex(keyed.es, keyed.indexPrefix);
  const get = (url: string, headers: Record<string, string> = {}) => keyed.app.inject({ url, headers, remoteAddress: '10.0.0.9' }).then((r) => r.statusCode);
  t.same([await get('/v1/search.rss?q=x&api_key=reader-key-0001'), await get('/v1/search.rss?q=x&api_key=reader-key-0001')], [200, 200]);
  t.equal(await get('/v1/search.rss?q=x&api_key=reader-key-0001'), 429, "the reader's third request in the window is refused");
  t.equal(await get('/v1/search?q=x', { 'x-api-key': 'reader-key-0001' }), 429, 'the same key by header shares that count');
  t.equal(await get('/v1/search.rss?q=x&api_key=reader-key-0002'), 200, 'another key from the same address has its own count');
});

t.test("a WebSub hub's pushes are counted apart from its address's other requests, with an allowance of their own", async (t) => {
  const gw = await testGateway({ label: 'ops-rl-websub', rateLimitMax: 2, rateLimitWindowSec: 60, websubRateLimitMax: 4 });
  t.teardown(() => gw.close());
  await ensureArticleIndex(gw.es, gw.indexPrefix);
  const hub = '10.0.0.21';
  const push = () => gw.app.inject({ method: 'POST', url: '/v1/websub/no-such-feed', payload: '<rss/>', headers: { 'content-type': 'application/rss+xml' }, remoteAddress: hub }).then((r) => r.statusCode);
  const search = () => gw.app.inject({ url: '/v1/suggest?prefix=x', remoteAddress: hub }).then((r) => r.statusCode);
  t.same([await search(), await search(), await search()], [200, 200, 429], 'the address has used its 2 requests');
  const pushes = [];
  for (let i = 0; i < 5; i++) pushes.push(await push());
  t.same(pushes, [410, 410, 410, 410, 429], 'its pushes still go through: 4 per window, counted on their own (410: no such subscription)');
  const refused = await gw.app.inject({ method: 'POST', url: '/v1/websub/no-such-feed', payload: '<rss/>', headers: { 'content-type': 'application/rss+xml' }, remoteAddress: hub });
  t.equal(refused.json().error.code, 'AKHBAR_RATE_LIMITED', 'past that, a coded 429');
  t.equal(refused.headers['x-ratelimit-limit'], '4');
  t.equal(await gw.app.inject({ method: 'POST', url: '/v1/websub/no-such-feed', payload: '<rss/>', headers: { 'content-type': 'application/rss+xml' }, remoteAddress: '10.0.0.22' }).then((r) => r.statusCode), 410, 'another hub has its own count');
});

t.test('a named key can have a rate limit of its own: more, or none, than other clients', async (t) => {
  const keyed = await testGateway({
    label: 'ops-rl-tiers',
    apiKeys: ['free:free-key-0123456789', 'partner:partner-key-0123456789', 'ops:ops-key-0123456789'],
    apiKeyRateLimits: ['partner=4', 'ops=unlimited'],
    rateLimitMax: 2,
    rateLimitWindowSec: 60,
  });
  t.teardown(() => keyed.close());
  await ensureArticleIndex(keyed.es, keyed.indexPrefix);
  const get = async (key: string) => {
    const res = await keyed.app.inject({ url: '/v1/suggest?prefix=x', headers: { 'x-api-key': key }, remoteAddress: '10.0.0.11' });
    return { status: res.statusCode, limit: res.headers['x-ratelimit-limit'] };
  };
  const run = async (key: string, n: number) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push((await get(key)).status);
    return out;
  };
  t.same(await run('free-key-0123456789', 3), [200, 200, 429], 'a key without a limit of its own: AKHBAR_RATE_LIMIT_MAX (2)');
  t.same(await run('partner-key-0123456789', 5), [200, 200, 200, 200, 429], 'partner=4: four per window');
  t.equal((await get('partner-key-0123456789')).limit, '4', 'and told so in X-RateLimit-Limit');
  t.same(await run('ops-key-0123456789', 12), Array(12).fill(200), 'ops=unlimited: never limited');
  t.throws(() => parseKeyLimits(['nobody=5'], parseApiKeys(['free:k1'])), /no key of AKHBAR_API_KEYS is named "nobody"/, 'a limit for a name no key has is refused, naming it');
  t.throws(() => parseKeyLimits(['free=0'], parseApiKeys(['free:k1'])), /at least 1/);
  t.throws(() => parseKeyLimits(['free:5'], parseApiKeys(['free:k1'])), /is not name=N/);
});

t.test('rate limits are shared by gateway processes through Redis', async (t) => {
  const queuePrefix = uniqueQueuePrefix('ops-rl');
  const indexPrefix = uniqueIndexPrefix('ops-rl');
  const a = await testGateway({ queuePrefix, indexPrefix, rateLimitMax: 3, rateLimitWindowSec: 60 });
  const b = await testGateway({ queuePrefix, indexPrefix, rateLimitMax: 3, rateLimitWindowSec: 60 });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const codes = [];
  for (const app of [a.app, b.app, a.app, b.app]) codes.push((await app.inject({ url: '/v1/suggest?prefix=x', remoteAddress: '10.0.0.7' })).statusCode);
  t.same(codes.slice(0, 3).map((c) => c !== 429), [true, true, true]);
  const limited = await b.app.inject({ url: '/v1/suggest?prefix=x', remoteAddress: '10.0.0.7' });
  t.equal(limited.statusCode, 429, 'the 4th request in the window is refused, whichever process gets it');
  t.equal(limited.json().error.code, 'AKHBAR_RATE_LIMITED');
  t.ok(limited.headers['retry-after']);
  t.not((await a.app.inject({ url: '/v1/suggest?prefix=x', remoteAddress: '10.0.0.8' })).statusCode, 429, 'another client is not limited');
  t.equal((await a.app.inject({ url: '/healthz', remoteAddress: '10.0.0.7' })).statusCode, 200, 'health checks are never limited');
});

t.test('the shared limit: every request counted in Redis, most answered without waiting for it, a client refused exactly at its limit', async (t) => {
  // A private Redis this test may pause without holding up the others.
  const server = await startRedisServer();
  t.teardown(() => server.close());
  const connect = () => {
    const r = createRedis(server.url, 'producer');
    r.on('error', () => undefined);
    return r;
  };
  const ra = connect();
  const rb = connect();
  const queuePrefix = uniqueQueuePrefix('ops-rl-wb');
  const indexPrefix = uniqueIndexPrefix('ops-rl-wb');
  // Behind a proxy that names the client (X-Forwarded-For), served over real HTTP: Redis's answers
  // are read between requests as in production (injected requests can run back to back without
  // the event loop ever reading a socket).
  const a = await testGateway({ queuePrefix, indexPrefix, redis: ra, rateLimitMax: 20, rateLimitWindowSec: 60, trustProxy: true });
  const b = await testGateway({ queuePrefix, indexPrefix, redis: rb, rateLimitMax: 20, rateLimitWindowSec: 60, trustProxy: true });
  const urls = new Map<TestGateway, string>();
  for (const gw of [a, b]) urls.set(gw, await gw.app.listen({ port: 0, host: '127.0.0.1' }));
  t.teardown(async () => {
    await a.close();
    await b.close();
    ra.disconnect();
    rb.disconnect();
  });
  // A read route answered from the gazetteer alone: nothing but the limit touches Redis or Elasticsearch.
  const ask = async (gw: TestGateway, ip: string) => {
    const res = await fetch(`${urls.get(gw)!}/v1/entities?name=Baghdad`, { headers: { 'x-forwarded-for': ip } });
    await res.arrayBuffer();
    return { statusCode: res.status, headers: { 'x-ratelimit-remaining': res.headers.get('x-ratelimit-remaining') } };
  };
  const count = async (ip: string) => Number(await server.admin.get(`${queuePrefix.replace(/[{}]/g, '')}:ratelimit:ip:${ip}`));

  // One client alternating between two processes: refused from its 21st request on, whichever answers.
  const codes: number[] = [];
  for (let i = 0; i < 30; i++) codes.push((await ask(i % 2 === 0 ? a : b, '10.9.0.1')).statusCode);
  t.same(codes, [...Array<number>(20).fill(200), ...Array<number>(10).fill(429)], 'exactly 20 answered, then 429 on both');
  await waitFor(async () => ((await count('10.9.0.1')) === 30 ? true : undefined), { timeoutMs: 5_000, what: 'every increment in Redis' });
  t.equal(await count('10.9.0.1'), 30, 'Redis counted every request, refused ones too');

  // Another client, its window known to this process: Redis held for 2 s does not hold its requests.
  t.equal((await ask(a, '10.9.0.2')).statusCode, 200);
  await server.admin.call('CLIENT', 'PAUSE', '2000', 'WRITE');
  const started = Date.now();
  const fast = await ask(a, '10.9.0.2');
  const tookMs = Date.now() - started;
  t.equal(fast.statusCode, 200);
  t.ok(tookMs < 1_500, `answered without waiting for Redis (${String(tookMs)} ms)`);
  t.equal(fast.headers['x-ratelimit-remaining'], '18', 'and counted: 18 left');
  await waitFor(async () => ((await count('10.9.0.2')) === 2 ? true : undefined), { timeoutMs: 5_000, what: 'the held increment' });
  t.pass('the increment reached Redis once it took writes again');
});

t.test('a backend that is down is a 503, never a 500', async (t) => {
  // A port that was just free: connections to it are refused at once.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const down = await testGateway({ label: 'ops-down', es: createEsClient(`http://127.0.0.1:${String(port)}`, { maxRetries: 0, requestTimeout: 2_000 }) });
  t.teardown(() => down.close());
  for (const url of ['/v1/search?q=x', '/v1/stats/timeline', '/v1/articles/abc', '/v1/suggest?prefix=a']) {
    const res = await down.app.inject({ url });
    t.equal(res.statusCode, 503, `${url} → 503`);
    t.equal(res.json().error.code, 'AKHBAR_UNAVAILABLE');
  }
  const ready = await down.app.inject({ url: '/readyz' });
  t.same(ready.json().checks, { redis: true, elasticsearch: false, index: false });
  t.equal((await down.app.inject({ url: '/v1/feeds', headers: admin })).statusCode, 200, 'feed admin still answers (counts are optional)');
});

t.test('graceful shutdown: SIGTERM lets an in-flight request finish, then exits 0', async (t) => {
  const queuePrefix = uniqueQueuePrefix('ops-shut');
  const indexPrefix = uniqueIndexPrefix('ops-shut');
  const feeds = await startFeedServer(fixtureFeedRoutes());
  const xml = fixtureFeedRoutes()['/gulf-wire.en.atom.xml']!.body as string;
  feeds.route('/slow.atom.xml', {
    handler: (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(xml), 1_500);
    },
  });
  const gateway = startService('gateway', {
    REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_INDEX_PREFIX: indexPrefix,
    AKHBAR_ADMIN_TOKEN: ADMIN_TOKEN, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', PORT: '0', HOST: '127.0.0.1',
  });
  t.teardown(async () => {
    await gateway.stop('SIGKILL');
    await feeds.close();
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening', 30_000);
  const api = `http://127.0.0.1:${String(listening.port)}`;
  const inflight = fetch(`${api}/v1/feeds`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ url: `${feeds.url}/slow.atom.xml` }) });
  await delay(400);
  gateway.child.kill('SIGTERM');
  const res = await inflight;
  t.equal(res.status, 201, 'the request in flight when SIGTERM arrived was answered');
  t.equal(await gateway.exited, 0, 'then the process exited cleanly');
  t.ok(gateway.logs.some((l) => l.msg === 'stopped'));
});
