import { Agent, request } from 'node:http';
import t from 'tap';
import { createEsClient, ensureArticleIndex, indexNames } from '@akhbar/search';
import {
  deleteRedisPrefix, dropIndexPrefix, rng, startService, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix, type ServiceProcess,
} from '@akhbar/testkit';
import { loadCorpus } from './lib/corpus.ts';
import { Cleanup } from './lib/infra.ts';
import { randomRequest, routesFromOpenApi } from './lib/params-fuzz.ts';
import { chaosSeed, profile } from './lib/profile.ts';
import { writePart, type HostileRecord } from './lib/report.ts';

/**
 * Hostile clients against gateway processes (as production runs them) over real Redis and
 * Elasticsearch, with prefixes of their own (read-only traffic on the shared servers, like every
 * gateway test): thousands of random query-parameter combinations (zero 5xx), an oversize body
 * (413), missing or wrong credentials (401), a rate limit shared by two processes through Redis
 * (429, and no way around it by inventing API keys), and a disallowed origin (no
 * Access-Control-Allow-Origin).
 */

const P = profile();
t.setTimeout(P.timeoutMs);
const ADMIN = 'chaos-admin-token-0123456789abcdef';
const ALLOWED_ORIGIN = 'https://allowed.chaos.test';
const RATE_LIMIT = 30;

interface Res { status: number; headers: Record<string, string | string[] | undefined>; body: string }

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function send(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Res> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout ${path.slice(0, 200)}`)));
    req.end(opts.body);
  });
}

t.test(`hostile clients against the gateway (${P.name}: ${P.queryCombos} random combinations)`, async (t) => {
  const startedAt = Date.now();
  const seed = chaosSeed();
  t.comment(`seed ${seed} (AKHBAR_CHAOS_SEED replays it)`);
  const queuePrefix = uniqueQueuePrefix('chaos-clients');
  const indexPrefix = uniqueIndexPrefix('chaos-clients');
  const es = createEsClient(testEsUrl());
  const cleanup = new Cleanup();
  const gateways: ServiceProcess[] = [];
  const hostile: HostileRecord[] = [];
  try {
    await ensureArticleIndex(es, indexPrefix);
    await loadCorpus(es, indexNames(indexPrefix).write, 400, seed % 1000);

    const env = {
      REDIS_URL: testRedisUrl(),
      ELASTICSEARCH_URL: testEsUrl(),
      AKHBAR_QUEUE_PREFIX: queuePrefix,
      AKHBAR_INDEX_PREFIX: indexPrefix,
      AKHBAR_ADMIN_TOKEN: ADMIN,
      AKHBAR_CORS_ORIGINS: ALLOWED_ORIGIN,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    const start = async (extra: Record<string, string>) => {
      const g = startService('gateway', { ...env, ...extra, LOG_LEVEL: 'info' }, { keepLogs: 500 });
      cleanup.pid(g.child.pid);
      gateways.push(g);
      const line = await g.waitForLog((l) => l.msg === 'gateway listening', 60_000);
      return `http://127.0.0.1:${String(line.port)}`;
    };
    // Two processes sharing one rate limit through Redis, and one without a limit for the
    // random combinations (they would otherwise only measure the limiter).
    const [g1, g2, open] = await Promise.all([
      start({ AKHBAR_RATE_LIMIT_MAX: String(RATE_LIMIT), AKHBAR_RATE_LIMIT_WINDOW_SEC: '120' }),
      start({ AKHBAR_RATE_LIMIT_MAX: String(RATE_LIMIT), AKHBAR_RATE_LIMIT_WINDOW_SEC: '120' }),
      start({ AKHBAR_RATE_LIMIT_MAX: '0' }),
    ]);

    // --- random query-parameter combinations: zero 5xx -----------------------------------------
    const spec = JSON.parse((await send(open, '/docs/json')).body) as Parameters<typeof routesFromOpenApi>[0];
    const routes = routesFromOpenApi(spec);
    t.ok(routes.length >= 10, `${routes.length} GET routes under /v1 in the OpenAPI description`);
    const sample = JSON.parse((await send(open, '/v1/search?limit=50')).body) as { hits: Array<{ id: string; story: { id: string } }>; nextCursor: string | null };
    const ids = { article: sample.hits.map((h) => h.id), story: sample.hits.map((h) => h.story.id) };
    t.ok(ids.article.length > 0, 'the corpus is searchable');
    const r = rng(seed);
    const statuses = new Map<number, number>();
    const fiveXX: string[] = [];
    let next = 0;
    const fuzzStarted = Date.now();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < P.queryCombos) {
        next++;
        const req = randomRequest(routes, r, ids);
        const headers: Record<string, string> = r() < 0.2 ? { authorization: `Bearer ${ADMIN}` } : {};
        if (r() < 0.1 && sample.nextCursor) {
          // A real cursor, sometimes tampered with, on a query it did not come from.
          const c = r() < 0.5 ? sample.nextCursor : sample.nextCursor.slice(0, -2) + 'xx';
          req.path += `${req.path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(c)}`;
        }
        let res: Res;
        try {
          res = await send(open, req.path, { headers });
        } catch (err) {
          fiveXX.push(`transport error ${(err as Error).message} ${req.path.slice(0, 300)}`);
          continue;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fiveXX.push(`${res.status} ${req.path.slice(0, 300)} → ${res.body.slice(0, 300)}`);
      }
    }));
    const tried = [...statuses.values()].reduce((a, b) => a + b, 0) + fiveXX.filter((f) => f.startsWith('transport')).length;
    t.comment(`${tried} random requests in ${((Date.now() - fuzzStarted) / 1000).toFixed(0)} s: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    t.equal(tried, P.queryCombos, `${P.queryCombos} combinations sent`);
    t.same(fiveXX.slice(0, 20), [], 'zero 5xx (and no dropped connection)');
    t.ok((statuses.get(200) ?? 0) > P.queryCombos / 10 && (statuses.get(400) ?? 0) > P.queryCombos / 10, 'both valid and invalid combinations were among them');
    hostile.push({ input: 'random query-parameter combinations (every GET route of the OpenAPI description)', tried, handled: tried - fiveXX.length, detail: JSON.stringify(Object.fromEntries(statuses)) });

    // --- oversize bodies: 413 ------------------------------------------------------------------
    const admin = { authorization: `Bearer ${ADMIN}` };
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const oversize = [
      await send(open, '/v1/feeds/import', { method: 'POST', headers: { ...admin, 'content-type': 'text/x-opml' }, body: Buffer.concat([Buffer.from('<opml version="2.0"><body>'), big, Buffer.from('</body></opml>')]) }),
      await send(open, '/v1/feeds', { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: `{"url":"https://example.com/rss","title":"${'x'.repeat(2 * 1024 * 1024)}"}` }),
      // No Content-Length: the limit must hold for a streamed body too.
      await send(open, '/v1/feeds/import', { method: 'POST', headers: { ...admin, 'content-type': 'text/x-opml', 'transfer-encoding': 'chunked' }, body: big }),
    ];
    for (const [i, res] of oversize.entries()) t.equal(res.status, 413, `oversize body #${i + 1} → 413`);
    hostile.push({ input: 'oversize bodies (2 MiB, with and without Content-Length)', tried: oversize.length, handled: oversize.filter((x) => x.status === 413).length });

    // --- credentials: 401 ----------------------------------------------------------------------
    const creds: Array<[string, Record<string, string>]> = [
      ['no Authorization', {}],
      ['wrong Bearer token', { authorization: 'Bearer not-the-admin-token-0000' }],
      ['admin token minus its last character', { authorization: `Bearer ${ADMIN.slice(0, -1)}` }],
      ['admin token plus a character', { authorization: `Bearer ${ADMIN}x` }],
      ['admin token in another case', { authorization: `Bearer ${ADMIN.toUpperCase()}` }],
      ['empty Bearer', { authorization: 'Bearer ' }],
      ['token without the Bearer scheme', { authorization: ADMIN }],
      ['Basic with a wrong password', { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` }],
      ['X-Api-Key instead of the admin token', { 'x-api-key': ADMIN }],
    ];
    let refused = 0;
    for (const [what, headers] of creds) {
      for (const path of ['/v1/feeds', '/v1/feeds/export']) {
        const res = await send(open, path, { headers });
        t.equal(res.status, 401, `${what} on ${path} → 401`);
        if (res.status === 401) refused++;
      }
    }
    const viaQuery = await send(open, `/v1/feeds?token=${ADMIN}`);
    t.equal(viaQuery.status === 401 || viaQuery.status === 400, true, `a token in the query string is not a credential (${viaQuery.status})`);
    const ok = await send(open, '/v1/feeds', { headers: admin });
    t.equal(ok.status, 200, 'the right token is accepted (control)');
    hostile.push({ input: 'missing or wrong admin credentials', tried: creds.length * 2, handled: refused });

    // --- CORS: no Access-Control-Allow-Origin for a disallowed origin ---------------------------
    const origins = ['https://evil.chaos.test', 'null', 'http://allowed.chaos.test', 'https://allowed.chaos.test.evil.test', 'https://sub.allowed.chaos.test', 'https://allowed.chaos.test:8443'];
    let noAcao = 0;
    for (const origin of origins) {
      const pre = await send(open, '/v1/search?q=oil', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' } });
      const get = await send(open, '/v1/search?q=oil', { headers: { origin } });
      t.equal(pre.headers['access-control-allow-origin'], undefined, `preflight from ${origin}: no Access-Control-Allow-Origin`);
      t.equal(get.headers['access-control-allow-origin'], undefined, `GET from ${origin}: no Access-Control-Allow-Origin`);
      t.notOk(String(get.headers['access-control-allow-credentials'] ?? '').includes('true'), `GET from ${origin}: no credentials allowed`);
      if (pre.headers['access-control-allow-origin'] === undefined && get.headers['access-control-allow-origin'] === undefined) noAcao++;
    }
    const allowed = await send(open, '/v1/search?q=oil', { headers: { origin: ALLOWED_ORIGIN } });
    t.equal(allowed.headers['access-control-allow-origin'], ALLOWED_ORIGIN, 'the allowed origin gets its header (control)');
    hostile.push({ input: 'disallowed origins (preflight and GET)', tried: origins.length, handled: noAcao });

    // --- rate limit shared by two processes ----------------------------------------------------
    const counts = { g1: 0, g2: 0, limited1: 0, limited2: 0 };
    let limitedBody = '';
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < RATE_LIMIT * 2; i++) {
      const onFirst = i % 2 === 0;
      const res = await send(onFirst ? g1 : g2, `/v1/search?q=${encodeURIComponent('النفط')}&limit=1`);
      if (res.status === 200) counts[onFirst ? 'g1' : 'g2']++;
      else if (res.status === 429) {
        counts[onFirst ? 'limited1' : 'limited2']++;
        limitedBody = res.body;
        retryAfter = res.headers['retry-after'];
      } else t.fail(`unexpected ${res.status}: ${res.body.slice(0, 200)}`);
    }
    t.equal(counts.g1 + counts.g2, RATE_LIMIT, `exactly ${RATE_LIMIT} requests served across both processes (${counts.g1} + ${counts.g2})`);
    t.ok(counts.g1 < RATE_LIMIT && counts.g2 < RATE_LIMIT, 'neither process alone reached the limit: the count is shared');
    t.ok(counts.limited1 > 0 && counts.limited2 > 0, 'both processes answered 429');
    t.match(JSON.parse(limitedBody || '{}'), { error: { code: 'AKHBAR_RATE_LIMITED' } }, '429 carries the coded error');
    t.ok(retryAfter !== undefined, '429 carries Retry-After');
    // Inventing API keys (none are configured) must not buy a fresh allowance.
    let evaded = 0;
    for (let i = 0; i < 10; i++) {
      const res = await send(i % 2 ? g1 : g2, '/v1/search?q=oil&limit=1', { headers: { 'x-api-key': `made-up-${seed}-${i}` } });
      if (res.status !== 429) evaded++;
    }
    t.equal(evaded, 0, 'a made-up X-Api-Key does not escape the limit');
    const health = await send(g1, '/healthz');
    t.equal(health.status, 200, '/healthz is never rate limited');
    // Handled: served while within the limit, 429 beyond it, 429 for every made-up key.
    const servedRight = counts.g1 + counts.g2 === RATE_LIMIT ? RATE_LIMIT : 0;
    hostile.push({
      input: `rate limit ${RATE_LIMIT}/window across two gateway processes (and made-up API keys)`,
      tried: RATE_LIMIT * 2 + 10,
      handled: servedRight + counts.limited1 + counts.limited2 + (10 - evaded),
      detail: `${counts.g1}+${counts.g2} served, ${counts.limited1}+${counts.limited2} limited`,
    });

    for (const g of gateways) t.equal(g.child.exitCode, null, 'the gateway is still running');
  } finally {
    if (!t.passing()) for (const g of gateways) t.comment(`--- gateway ---\n${g.logs.slice(-20).map((l) => JSON.stringify(l)).join('\n')}\n${g.stderr.join('').slice(-1500)}`);
    await Promise.all(gateways.map((g) => g.stop('SIGTERM')));
    agent.destroy();
    await dropIndexPrefix(indexPrefix).catch(() => undefined);
    await deleteRedisPrefix(queuePrefix).catch(() => undefined);
    await deleteRedisPrefix(queuePrefix.replace(/[{}]/g, '')).catch(() => undefined);
    await es.close();
    cleanup.done();
  }
  writePart({ scenario: 'hostile-clients', profile: P.name, seed, startedAt: new Date(startedAt).toISOString(), durationMs: Date.now() - startedAt, hostile });
});
