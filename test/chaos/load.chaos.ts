import autocannon from 'autocannon';
import t from 'tap';
import { createEsClient, dropArticleIndices, ensureArticleIndex, indexNames } from '@akhbar/search';
import { rng, type ServiceProcess, startService, uniqueName } from '@akhbar/testkit';
import { LANG_WORDS, LANGS, loadCorpus } from './lib/corpus.ts';
import { Cleanup, privateElasticsearch, privateRedis } from './lib/infra.ts';
import { chaosSeed, pick, profile } from './lib/profile.ts';
import { bend, writePart, type LoadRecord } from './lib/report.ts';

/**
 * Search under load (npm run test:chaos; named *.chaos.ts so `npm test` does not pick it up, and
 * run on its own it uses the subset's smaller sizes): 100,000 synthetic multilingual articles bulk-loaded straight into a PRIVATE Elasticsearch
 * (this is a load test of search, not of indexing), one gateway process over it, and autocannon
 * at rising concurrency with a mix of real queries (words in eight languages, phrases, OR/NOT,
 * prefixes, filters, facets, sorts). Every level must answer without an error or a non-2xx; the
 * report gives p50/p90/p99 per level and the concurrency where latency bends (throughput is
 * within 80 % of its peak, so more clients only queue).
 */

const P = profile();
t.setTimeout(P.timeoutMs);

function queries(seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const lang = pick(r, LANGS);
    const w = () => pick(r, LANG_WORDS[lang]!);
    const q = pick(r, [
      () => w(),
      () => `${w()} ${w()}`,
      () => `"${w()} ${w()}"`,
      () => `${w()} OR ${w()}`,
      () => `${w()} -${w()}`,
      () => `${w().slice(0, 3)}*`,
      () => pick(r, ['Iraq', 'العراق', 'Bagdad', 'OPEC', 'أوبك', 'Basra']),
    ])();
    const params = new URLSearchParams({ q });
    if (r() < 0.4) params.set('lang', lang);
    if (r() < 0.3) params.set('from', pick(r, ['now-7d', 'now-1d', 'now-30d']));
    if (r() < 0.2) params.set('sort', 'newest');
    if (r() < 0.2) params.set('facets', 'topics,langs,sources');
    if (r() < 0.1) params.set('collapse', 'story');
    if (r() < 0.2) params.set('limit', String(pick(r, [10, 50])));
    out.push(`/v1/search?${params.toString()}`);
  }
  return out;
}

function run(url: string, connections: number, seconds: number, paths: string[], offset: number): Promise<autocannon.Result> {
  let i = offset;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
}

t.test(`search under load over ${P.loadArticles.toLocaleString('en')} articles (${P.name})`, async (t) => {
  const startedAt = Date.now();
  const seed = chaosSeed();
  t.comment(`seed ${seed}`);
  const cleanup = new Cleanup();
  const redisServer = await privateRedis();
  const esServer = await privateElasticsearch(P.esHeap);
  cleanup.server(redisServer);
  cleanup.server(esServer);
  const indexPrefix = `akhbar-${uniqueName('load').toLowerCase()}`;
  const es = createEsClient(esServer.url, { requestTimeout: 300_000 });
  let gateway: ServiceProcess | undefined;
  try {
    await Promise.all([redisServer.up(), esServer.up()]);
    await ensureArticleIndex(es, indexPrefix);
    const loadStarted = Date.now();
    let last = 0;
    const loaded = await loadCorpus(es, indexNames(indexPrefix).write, P.loadArticles, seed % 100_000, (n) => {
      if (n - last >= 20_000) {
        last = n;
        t.comment(`${n} articles loaded`);
      }
    });
    const count = (await es.count({ index: indexNames(indexPrefix).read })).count;
    t.equal(count, P.loadArticles, `${count} articles in the index`);
    t.comment(`bulk-loaded ${loaded} articles in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s`);
    // Let the merges a bulk load leaves behind finish first (as in an index that has been live for
    // a while), so the levels measure search rather than background merging.
    await es.indices.forcemerge({ index: indexNames(indexPrefix).read, max_num_segments: 5 }, { requestTimeout: 600_000 });

    gateway = startService('gateway', {
      REDIS_URL: redisServer.url,
      ELASTICSEARCH_URL: esServer.url,
      AKHBAR_INDEX_PREFIX: indexPrefix,
      AKHBAR_QUEUE_PREFIX: `{${indexPrefix}}`,
      AKHBAR_RATE_LIMIT_MAX: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    }, { keepLogs: 200 });
    cleanup.pid(gateway.child.pid);
    const line = await gateway.waitForLog((l) => l.msg === 'gateway listening', 60_000);
    const url = `http://127.0.0.1:${String(line.port)}`;
    const paths = queries(seed);
    // Warm the caches the way a running service has them warm (JIT, index segments, analyzers).
    await run(url, 4, Math.min(10, P.loadSeconds), paths, 0);

    const levels: LoadRecord[] = [];
    for (const connections of P.loadConcurrency) {
      const res = await run(url, connections, P.loadSeconds, paths, connections * 1000);
      const level: LoadRecord = {
        concurrency: connections,
        requests: res.requests.total,
        rps: res.requests.average,
        p50: res.latency.p50,
        p90: res.latency.p90,
        p99: res.latency.p99,
        errors: res.errors + res.timeouts,
        non2xx: res.non2xx,
      };
      levels.push(level);
      t.comment(`c=${connections}: ${level.requests} requests, ${level.rps.toFixed(0)} req/s, p50 ${level.p50} ms, p90 ${level.p90} ms, p99 ${level.p99} ms, errors ${level.errors}, non-2xx ${level.non2xx}`);
      t.equal(level.errors, 0, `c=${connections}: no errors or timeouts`);
      t.equal(level.non2xx, 0, `c=${connections}: every answer 2xx`);
    }
    const bendAt = bend(levels);
    t.comment(`latency bends at concurrency ${bendAt ?? 'none of the levels tried'}`);
    t.equal(gateway.child.exitCode, null, 'the gateway is still running');
    writePart({
      scenario: 'load',
      profile: P.name,
      seed,
      startedAt: new Date(startedAt).toISOString(),
      durationMs: Date.now() - startedAt,
      load: {
        articles: count,
        levels,
        bendAt,
        note: `one gateway process, a private Elasticsearch (heap ${P.esHeap}, merged to 5 segments) and autocannon sharing the machine's 2 cores; ${P.loadSeconds} s per level`,
      },
    });
  } finally {
    await gateway?.stop('SIGTERM');
    if (esServer.running()) await dropArticleIndices(es, indexPrefix).catch(() => undefined);
    await es.close();
    await esServer.down().catch((err: unknown) => t.comment(String(err)));
    await redisServer.down().catch((err: unknown) => t.comment(String(err)));
    cleanup.done();
  }
});
