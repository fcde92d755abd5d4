import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { FeedRegistry, QUEUES, openQueue } from '@akhbar/core';
import { F, createEsClient, dropArticleIndices, indexNames, type Client } from '@akhbar/search';
import { deleteRedisPrefix, startFeedServer, startService, type FeedServer, type ServiceProcess } from '@akhbar/testkit';
import type { Ctx } from '../context.ts';
import { makeCorpus, type CorpusArticle } from '../corpus.ts';
import { articleUrl, buildFeeds } from '../feeds.ts';
import { figure, median, percentile } from '../measure.ts';
import { serviceMemory } from '../proc.ts';
import { searchStage } from './search.ts';

/** Defaults the services run with here (README, Freshness): the latency goal is stated against them. */
const REFRESH_MS = 1000;
const FLUSH_MS = 500;
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * end to end: the corpus published by a feed server, the services as production runs them (each
 * its own process: ingest, enrich × e2eEnrichWorkers, indexer, gateway) over the same Redis and
 * Elasticsearch, from the feeds' registration until every article is searchable. Then, with the
 * backlog gone, a freshness probe: a feed that gains a few items every 1.5 s and is refreshed
 * through the API; each new article's fetched → searchable time is measured by searching for it
 * every 50 ms. Then the search stage runs against this index and gateway, and last the peak RSS
 * of every service is read (VmHWM: the high-water mark over the whole load).
 */
export async function e2eStage(ctx: Ctx, rawBulkDocsPerSec: number | undefined): Promise<void> {
  const n = ctx.sizes.e2eArticles;
  const queuePrefix = `{bench-${ctx.runId}-e2e}`;
  const indexPrefix = `bench-${ctx.runId}-e2e`.toLowerCase();
  const redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const es = createEsClient(ctx.esUrl, { requestTimeout: 60_000 });
  const names = indexNames(indexPrefix);
  let server: FeedServer | undefined;
  const services: ServiceProcess[] = [];
  try {
    ctx.log(`e2e: generating ${n.toLocaleString('en-US')} articles and their feeds (not timed)`);
    const corpus = makeCorpus(n, ctx.seed + 1);
    server = await startFeedServer({});
    const feeds = buildFeeds(corpus, server.url, ctx.sizes.e2eItemsPerFeed);
    for (const f of feeds) server.route(f.path, { body: f.body, headers: { 'content-type': f.kind === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8' } });
    const feedMb = feeds.reduce((s, f) => s + f.body.length, 0) / 1e6;
    ctx.log(`e2e: ${feeds.length} feeds (${feedMb.toFixed(0)} MB) on ${server.url}`);

    const env = {
      REDIS_URL: ctx.redisUrl,
      ELASTICSEARCH_URL: ctx.esUrl,
      AKHBAR_QUEUE_PREFIX: queuePrefix,
      AKHBAR_INDEX_PREFIX: indexPrefix,
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    };
    const ingestEnv = {
      ...env,
      AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true',
      // Every feed sits on the one local feed server: the per-host politeness meant for real
      // sites would make this a test of the politeness delay.
      INGEST_HOST_DELAY_MS: '0',
      INGEST_HOST_CONCURRENCY: '8',
      INGEST_SCHEDULER_SYNC_SEC: '1',
    };
    const gatewayEnv = { ...env, PORT: '0', HOST: '127.0.0.1', AKHBAR_ADMIN_TOKEN: ADMIN_TOKEN, AKHBAR_RATE_LIMIT_MAX: '1000000' };
    services.push(startService('indexer', env, { keepLogs: 200 }));
    for (let i = 0; i < ctx.sizes.e2eEnrichWorkers; i++) services.push(startService('enrich', env, { keepLogs: 200 }));
    services.push(startService('ingest', ingestEnv, { keepLogs: 200 }));
    services.push(startService('gateway', gatewayEnv, { keepLogs: 200 }));
    const ready: Record<string, string> = { indexer: 'indexer started', enrich: 'enrich started', ingest: 'ingest started', gateway: 'gateway listening' };
    const logs = await Promise.all(services.map((s) => s.waitForLog((l) => l.msg === ready[s.name], 60_000)));
    const api = `http://127.0.0.1:${String(logs[services.findIndex((s) => s.name === 'gateway')]!.port)}`;

    const registry = new FeedRegistry(redis, queuePrefix);
    const redisBefore = await redisUsedMb(redis);
    let redisPeak = redisBefore;
    const t0 = performance.now();
    for (const f of feeds) {
      await registry.add({ url: `${server.url}${f.path}`, title: f.sourceName, lang: f.lang, country: f.country, fulltext: 'never', intervalSec: 3600 });
    }
    ctx.log(`e2e: ${feeds.length} feeds registered; waiting for ${n.toLocaleString('en-US')} searchable articles`);
    // At least 20 articles/s however loaded the machine is, or the stage gives up.
    const deadline = Date.now() + (ctx.quick ? Math.max(240_000, n * 50) : 45 * 60_000);
    let lastLog = 0;
    let indexed = 0;
    for (;;) {
      for (const s of services) if (s.child.exitCode !== null) throw new Error(`e2e: ${s.name} exited (${String(s.child.exitCode)}): ${s.stderr.join('').slice(-500)}`);
      indexed = await es.count({ index: names.read }).then((r) => r.count).catch(() => 0);
      redisPeak = Math.max(redisPeak, await redisUsedMb(redis));
      if (indexed >= n) break;
      if (Date.now() > deadline) throw new Error(`e2e: only ${indexed} of ${n} articles searchable before the deadline`);
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        const [raw, enriched] = await Promise.all([
          openCounts(redis, queuePrefix, QUEUES.raw),
          openCounts(redis, queuePrefix, QUEUES.enriched),
        ]);
        ctx.log(`e2e: ${((performance.now() - t0) / 1000).toFixed(0)} s: searchable ${indexed}, raw queue ${raw}, enriched queue ${enriched}`);
      }
      await delay(250);
    }
    const elapsed = (performance.now() - t0) / 1000;
    const rate = n / elapsed;
    ctx.log(`e2e: ${n} articles searchable after ${elapsed.toFixed(1)} s (${rate.toFixed(0)} articles/s)`);
    const failed = await redis.zcard(`${queuePrefix}:${QUEUES.raw}:failed`) + await redis.zcard(`${queuePrefix}:${QUEUES.enriched}:failed`);
    ctx.add(figure({
      stage: 'e2e', name: `${n.toLocaleString('en-US')} articles, feeds → searchable`, unit: 'art/s', value: rate,
      ...(rawBulkDocsPerSec !== undefined && Number.isFinite(rawBulkDocsPerSec) ? { baseline: rawBulkDocsPerSec, baselineLabel: 'raw _bulk of enriched docs (index stage)' } : {}),
      note: `${elapsed.toFixed(0)} s for ${feeds.length} feeds; ${ctx.sizes.e2eEnrichWorkers} enrich worker(s); ${failed} failed jobs`,
    }));

    // Latency under the burst, from each document: indexedAt − fetchedAt plus one refresh interval
    // (README, Freshness). This is mostly queue wait: the whole corpus arrives at once, so it is
    // reported as what a backlog costs, with no goal; the freshness goal is the paced rows'.
    const lags = await burstLags(es, names.read);
    ctx.add(figure({
      stage: 'e2e', name: 'burst: fetched → searchable p50', unit: 'ms', value: percentile(lags, 50), baseline: REFRESH_MS + FLUSH_MS,
      baselineLabel: 'refresh + flush interval',
      note: 'reference, no goal: all articles arrive at once, so this is the backlog’s queue wait (articles ÷ throughput), not the pipeline’s delay',
    }));
    ctx.add(figure({
      stage: 'e2e', name: 'burst: fetched → searchable p95', unit: 'ms', value: percentile(lags, 95), baseline: REFRESH_MS + FLUSH_MS,
      baselineLabel: 'refresh + flush interval',
    }));

    // Freshness probe, backlog gone.
    const probe = await freshnessProbe(ctx, { es, index: names.read, server, registry, api });
    ctx.add(figure({
      stage: 'e2e', name: 'paced: fetched → searchable p50', unit: 'ms', value: percentile(probe, 50), baseline: REFRESH_MS + FLUSH_MS,
      baselineLabel: 'refresh + flush interval', goal: { on: 'ratio', op: '<=', target: 2 },
      note: `${probe.length} articles, ${ctx.sizes.probeItems} new every 1.5 s, each found by searching every 50 ms`,
    }));
    ctx.add(figure({
      stage: 'e2e', name: 'paced: fetched → searchable p95', unit: 'ms', value: percentile(probe, 95), baseline: REFRESH_MS + FLUSH_MS,
      baselineLabel: 'refresh + flush interval', goal: { on: 'ratio', op: '<=', target: 2 },
    }));
    ctx.notes.e2e = { articles: n, feeds: feeds.length, feedMB: feedMb, seconds: elapsed, enrichWorkers: ctx.sizes.e2eEnrichWorkers, ingestEnv, burstLagP50: median(lags), probeSamples: probe.length };

    await searchStage(ctx, { api, esUrl: ctx.esUrl, index: names.read, corpus });

    // Memory: every service's high-water mark over the whole load (and the search load for the gateway).
    const seen: Record<string, number> = {};
    for (const s of services) {
      const mem = serviceMemory(s.child.pid!);
      const nth = (seen[s.name] = (seen[s.name] ?? 0) + 1);
      const label = services.filter((x) => x.name === s.name).length > 1 ? `${s.name} #${nth}` : s.name;
      ctx.add(figure({
        stage: 'memory', name: `peak RSS, ${label}`, unit: 'MB', value: mem.worker.peakMb,
        ...(s.name === 'enrich' ? { goal: { on: 'value' as const, op: '<' as const, target: 300 } } : {}),
        note: `under the ${n.toLocaleString('en-US')}-article load${s.name === 'gateway' ? ' and the search load' : ''}${mem.processes > 1 ? `; its launcher process adds ${mem.launchers.peakMb.toFixed(0)} MB` : ''}`,
      }));
    }
    ctx.add(figure({
      stage: 'memory', name: 'Redis used memory, peak growth', unit: 'MB', value: redisPeak - redisBefore,
      note: 'queues and dedup keys of the load (finished article jobs are kept an hour, at most 1,000 per queue)',
    }));
  } finally {
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
    await server?.close();
    await dropArticleIndices(es, indexPrefix).catch(() => undefined);
    await es.close();
    redis.disconnect();
    await deleteRedisPrefix(queuePrefix, ctx.redisUrl);
  }
}

async function redisUsedMb(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1e6;
}

async function openCounts(redis: Redis, prefix: string, name: string): Promise<number> {
  const q = openQueue(name as typeof QUEUES.raw, { connection: redis, prefix });
  try {
    const c = await q.getJobCounts('waiting', 'active', 'prioritized');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
  } finally {
    await q.close();
  }
}

/** indexedAt − fetchedAt (+ one refresh interval) of every document, in ms. */
async function burstLags(es: Client, index: string): Promise<number[]> {
  const lags: number[] = [];
  let res = await es.search({ index, scroll: '2m', size: 5000, _source: [F.fetchedAt, 'indexedAt'], sort: ['_doc'] });
  while (res.hits.hits.length > 0) {
    for (const h of res.hits.hits) {
      const s = h._source as { fetchedAt?: string; indexedAt?: string };
      if (s.fetchedAt && s.indexedAt) lags.push(Date.parse(s.indexedAt) - Date.parse(s.fetchedAt) + REFRESH_MS);
    }
    if (!res._scroll_id) break;
    res = await es.scroll({ scroll_id: res._scroll_id, scroll: '2m' });
  }
  if (res._scroll_id) await es.clearScroll({ scroll_id: res._scroll_id }).catch(() => undefined);
  return lags;
}

/**
 * A feed that gains `probeItems` new articles every 1.5 s, refreshed through the gateway's
 * admin API right after; returns each article's fetched → searchable time in ms.
 */
async function freshnessProbe(ctx: Ctx, o: { es: Client; index: string; server: FeedServer; registry: FeedRegistry; api: string }): Promise<number[]> {
  const items: Array<{ url: string; title: string; body: string; at: number }> = [];
  const source = makeCorpus(ctx.sizes.probePolls * ctx.sizes.probeItems, ctx.seed + 2);
  const path = '/probe/feed.rss.xml';
  const base = o.server.url;
  const add = (a: CorpusArticle, k: number) => items.push({ url: `${articleUrl(a, base)}-probe-${k}`, title: a.title, body: a.paragraphs.join('\n\n'), at: Date.now() });
  const render = () => {
    const latest = items.slice(-20);
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>probe</title><link>${base}/</link><description>probe</description>${latest
      .map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.url)}</link><pubDate>${new Date(i.at).toUTCString()}</pubDate><description>${esc(i.body)}</description></item>`)
      .join('')}</channel></rss>`;
  };
  o.server.route(path, { body: () => render(), conditional: false, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  let k = 0;
  for (let i = 0; i < ctx.sizes.probeItems; i++) add(source[k]!, k++);
  const { feed } = await o.registry.add({ url: `${base}${path}`, title: 'probe', fulltext: 'never', intervalSec: 3600 });
  const seen = new Map<string, number>();
  const fetched = new Map<string, number>();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const res = await o.es.search({ index: o.index, size: 200, query: { term: { [F.feedId]: feed.id } }, _source: [F.url, F.fetchedAt] });
      const now = Date.now();
      for (const h of res.hits.hits) {
        const s = h._source as { url: string; fetchedAt: string };
        if (!seen.has(s.url)) {
          seen.set(s.url, now);
          fetched.set(s.url, Date.parse(s.fetchedAt));
        }
      }
      await delay(50);
    }
  })();
  ctx.log(`e2e: freshness probe, ${ctx.sizes.probePolls} refreshes of ${ctx.sizes.probeItems} new articles`);
  for (let poll = 0; poll < ctx.sizes.probePolls; poll++) {
    if (poll > 0) for (let i = 0; i < ctx.sizes.probeItems; i++) add(source[k]!, k++);
    const res = await fetch(`${o.api}/v1/feeds/${feed.id}/refresh`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (res.status !== 202) throw new Error(`e2e: refresh answered ${res.status}: ${await res.text()}`);
    await delay(1500);
  }
  const until = Date.now() + 30_000;
  while (seen.size < items.length && Date.now() < until) await delay(100);
  polling = false;
  await poller;
  if (seen.size < items.length) ctx.log(`e2e: only ${seen.size} of ${items.length} probe articles became searchable within 30 s`);
  return [...seen.entries()].map(([url, at]) => at - fetched.get(url)!);
}
