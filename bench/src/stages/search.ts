import { Agent, createServer, request, type Server } from 'node:http';
import autocannon from 'autocannon';
import { buildSearchBody } from '@akhbar/search';
import type { Ctx } from '../context.ts';
import type { CorpusArticle } from '../corpus.ts';
import { figure, median, percentile } from '../measure.ts';
// The gateway has no package entry point; the bench builds the very body the gateway sends to
// Elasticsearch from the gateway's own modules, so the direct side asks exactly the same question.
import { defaultEntityLookup } from '../../../services/gateway/src/entities.ts';
import { expandQuery } from '../../../services/gateway/src/expand.ts';
import { facetList, sortMode, toFilters } from '../../../services/gateway/src/params.ts';

/** A mix of what readers and dashboards ask: entity names in two scripts, filters, facets, phrases, exclusions, story collapsing. */
export const QUERIES: ReadonlyArray<Record<string, string>> = [
  { q: 'الكاظمي' },
  { q: 'Kadhimi', lang: 'en' },
  { q: 'élections', lang: 'fr', sort: 'newest' },
  { q: 'النفط', topic: 'energy' },
  { q: 'Baghdad', facets: 'topics,langs,countries' },
  { q: '"power cuts"' },
  { q: 'militias -Iran' },
  { country: 'IQ', sort: 'newest' },
  { q: 'البرلمان', collapse: 'story' },
];

/** The Elasticsearch body the gateway builds for a /v1/search query string (routes/search.ts, runSearch). */
export function directBody(query: Record<string, string>, origin: string): Record<string, unknown> {
  const filters = toFilters(query);
  const sort = (query.sort as 'relevance' | 'newest' | 'oldest' | undefined) ?? sortMode(undefined, filters);
  const { expansion } = expandQuery(filters.q, defaultEntityLookup());
  if (expansion) filters.expansion = expansion;
  return buildSearchBody({
    ...filters,
    limit: 20,
    sort,
    origin,
    offset: 0,
    collapse: query.collapse === 'story',
    facets: facetList(query.facets),
    facetSize: 10,
    highlight: true,
    timeoutMs: 10_000,
  });
}

/**
 * The cheapest gateway there could be, as a reference: a node:http server that forwards each
 * /v1/search URL's Elasticsearch body and pipes the answer back untouched (no validation,
 * expansion, parsing, reshaping, ETag, logging or rate limit). Its ratio to direct is what one
 * extra Node HTTP hop costs on this machine, measured in the same run as the gateway's.
 */
async function passThrough(esUrl: string, index: string, bodies: ReadonlyMap<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const es = new URL(esUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server: Server = createServer((req, res) => {
    const body = bodies.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const up = request(
      { host: es.hostname, port: es.port, method: 'POST', path: `/${index}/_search`, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
        answer.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    up.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
}

/**
 * One autocannon run. Latency percentiles come from every response's own time (a float, in ms),
 * not from autocannon's summary, whose histogram keeps whole milliseconds: at 7 ms a side could
 * only read 7 or 8, i.e. 1.0 × or 1.14 ×, around a 1.1 × goal.
 */
async function cannon(url: string, connections: number, duration: number, requests: autocannon.Request[]): Promise<Run> {
  const times: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ url, connections, duration, requests, pipelining: 1 }, (err, result) => (err ? reject(err as Error) : resolve(result)));
    run.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms);
    });
  });
  if (r.requests.total === 0 || times.length === 0) throw new Error(`search: no request to ${url} finished within ${duration} s`);
  if (r.errors > 0 || r.non2xx > 0) throw new Error(`search: ${r.errors} errors and ${r.non2xx} non-2xx answers from ${url}`);
  return { p50: percentile(times, 50), p99: percentile(times, 99), rps: r.requests.average };
}

/** The gateway's own counts (its /metrics): searches answered, and Elasticsearch requests by operation. */
async function gatewayCounts(api: string): Promise<{ searches: number; es: Record<string, number> }> {
  const text = await (await fetch(`${api}/metrics`)).text();
  let searches = 0;
  const es: Record<string, number> = {};
  for (const [, labels, n] of text.matchAll(/^akhbar_http_request_duration_seconds_count\{([^}]*)\} (\S+)$/gm)) {
    if (/route="\/v1\/search"/.test(labels!)) searches += Number(n);
  }
  for (const [, op, n] of text.matchAll(/^akhbar_es_request_duration_seconds_count\{[^}]*op="([^"]+)"[^}]*\} (\S+)$/gm)) es[op!] = (es[op!] ?? 0) + Number(n);
  return { searches, es };
}

/**
 * search: the gateway's `/v1/search` against the same queries sent straight to Elasticsearch
 * (the body the gateway would build), with autocannon at 1, 8 and 32 connections, on the index
 * the end-to-end stage filled. Goals: p50 ≤ 1.1 × direct, requests/s ≥ 0.9 × direct.
 */
export async function searchStage(ctx: Ctx, o: { api: string; esUrl: string; index: string; corpus: readonly CorpusArticle[] }): Promise<void> {
  const origin = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const gateway: autocannon.Request[] = QUERIES.map((q) => ({ method: 'GET', path: `/v1/search?${new URLSearchParams(q).toString()}` }));
  const direct: autocannon.Request[] = QUERIES.map((q) => ({
    method: 'POST',
    path: `/${o.index}/_search`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(directBody(q, origin)),
  }));
  // Both sides must find something, or the comparison is of empty answers.
  let hits = 0;
  for (const q of QUERIES) {
    const res = await fetch(`${o.api}/v1/search?${new URLSearchParams(q).toString()}`);
    if (res.status !== 200) throw new Error(`search: gateway answered ${res.status} for ${JSON.stringify(q)}: ${await res.text()}`);
    hits += ((await res.json()) as { hits: unknown[] }).hits.length;
  }
  ctx.log(`search: ${QUERIES.length} queries (${hits} hits on their first pages), gateway and a bare pass-through proxy vs Elasticsearch direct, ${ctx.sizes.connections.join('/')} connections × ${ctx.sizes.searchSeconds} s`);
  const proxy = await passThrough(o.esUrl, o.index, new Map(gateway.map((r, i) => [r.path!, direct[i]!.body as string])));
  const countsBefore = await gatewayCounts(o.api);
  try {
    await cannon(o.esUrl, 8, Math.max(1, ctx.sizes.searchSeconds / 2), direct);
    await cannon(o.api, 8, Math.max(1, ctx.sizes.searchSeconds / 2), gateway);
    await cannon(proxy.url, 8, Math.max(1, ctx.sizes.searchSeconds / 2), gateway);
    for (const c of ctx.sizes.connections) {
      const g: Run[] = [];
      const d: Run[] = [];
      const p: Run[] = [];
      // The three sides take turns, in a rotating order, so drift in the machine's load is shared.
      const sides = [() => cannon(o.api, c, ctx.sizes.searchSeconds, gateway), () => cannon(o.esUrl, c, ctx.sizes.searchSeconds, direct), () => cannon(proxy.url, c, ctx.sizes.searchSeconds, gateway)];
      const into = [g, d, p];
      for (let round = 0; round < ctx.sizes.searchRounds; round++) {
        for (let k = 0; k < 3; k++) {
          const side = (round + k) % 3;
          into[side]!.push(await sides[side]!());
        }
      }
      const m = (runs: Run[], k: keyof Run) => median(runs.map((r) => r[k]));
      const common = { stage: 'search', baselineLabel: 'Elasticsearch direct' };
      ctx.add(figure({ ...common, name: `p50 latency, ${c} conn`, unit: 'ms', value: m(g, 'p50'), baseline: m(d, 'p50'), goal: { on: 'ratio', op: '<=', target: 1.1 } }));
      ctx.add(figure({ ...common, name: `p99 latency, ${c} conn`, unit: 'ms', value: m(g, 'p99'), baseline: m(d, 'p99') }));
      ctx.add(figure({ ...common, name: `requests/s, ${c} conn`, unit: 'req/s', value: m(g, 'rps'), baseline: m(d, 'rps'), goal: { on: 'ratio', op: '>=', target: 0.9 } }));
      const ref = { ...common, note: 'reference, no goal: a bare node:http pass-through proxy, what one extra Node hop costs' };
      ctx.add(figure({ ...ref, name: `bare proxy p50 latency, ${c} conn`, unit: 'ms', value: m(p, 'p50'), baseline: m(d, 'p50') }));
      ctx.add(figure({ ...ref, name: `bare proxy requests/s, ${c} conn`, unit: 'req/s', value: m(p, 'rps'), baseline: m(d, 'rps') }));
    }
  } finally {
    await proxy.close();
  }
  // What the gateway asked Elasticsearch per search, where the direct side asks once: follow-ups
  // (neutral-field highlights, story sizes past their cache) cost Elasticsearch time the ratios include.
  const countsAfter = await gatewayCounts(o.api);
  const searches = countsAfter.searches - countsBefore.searches;
  const esPerSearch = Object.fromEntries(Object.entries(countsAfter.es).map(([op, n]) => [op, Number(((n - (countsBefore.es[op] ?? 0)) / Math.max(1, searches)).toFixed(3))]).filter(([, v]) => (v as number) > 0));
  ctx.log(`search: the gateway answered ${searches} searches with Elasticsearch requests per search ${JSON.stringify(esPerSearch)}`);
  ctx.notes.search = { queries: QUERIES, firstPageHits: hits, indexDocs: o.corpus.length, gatewayEsRequestsPerSearch: esPerSearch };
}
