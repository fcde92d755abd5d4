import t, { type Test } from 'tap';
import { parse } from 'csv-parse/sync';
import type { EnrichedArticle } from '@akhbar/core';
import { KADHIMI, loadFixtures } from './fixtures/articles.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * Who is named with whom (/v1/stats/network): the most named entities of the matching articles
 * and how many articles name each pair. The expected figures are counted here from the fixtures'
 * own entity lists.
 */
let gw: TestGateway;
let fixtures: EnrichedArticle[];
t.before(async () => {
  gw = await testGateway({ label: 'network' });
  fixtures = await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Network = {
  field: string;
  total: number;
  nodes: Array<{ id: string; type: string; name: string; names?: Record<string, string>; count: number }>;
  edges: Array<{ source: string; target: string; count: number }>;
  error?: { param?: string };
};

async function network(query: Record<string, string>) {
  const res = await gw.app.inject({ url: '/v1/stats/network', query });
  return { status: res.statusCode, body: res.json() as Network };
}

/** What the fixtures say: per entity id, the articles (of `keep`) naming it. */
function named(keep: (a: EnrichedArticle) => boolean, types?: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of fixtures.filter(keep)) {
    for (const e of a.enrichment.entities) {
      if (types && !types.includes(e.type)) continue;
      if (!out.has(e.id)) out.set(e.id, new Set());
      out.get(e.id)!.add(a.id);
    }
  }
  return out;
}

/** Check a network against the fixtures: the nodes are the most named, with their counts; the edges every pair named together. */
function checkAgainst(t: Test, body: Network, byEntity: Map<string, Set<string>>, label: string) {
  t.ok(body.nodes.length >= 2, `${label}: some nodes (${body.nodes.map((n) => `${n.name}=${String(n.count)}`).join(', ')})`);
  for (const n of body.nodes) t.equal(n.count, byEntity.get(n.id)?.size, `${label}: ${n.name} is named in ${String(n.count)} articles`);
  const shown = new Set(body.nodes.map((n) => n.id));
  const leftOut = [...byEntity].filter(([id]) => !shown.has(id)).map(([, arts]) => arts.size);
  t.ok(Math.min(...body.nodes.map((n) => n.count)) >= Math.max(0, ...leftOut), `${label}: no entity left out is named more than one shown`);
  const expected: string[] = [];
  const ids = body.nodes.map((n) => n.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const both = [...byEntity.get(ids[i]!)!].filter((a) => byEntity.get(ids[j]!)!.has(a)).length;
      if (both > 0) expected.push([ids[i], ids[j]].sort().join('+') + `=${String(both)}`);
    }
  }
  t.same(body.edges.map((e) => [e.source, e.target].sort().join('+') + `=${String(e.count)}`).sort(), expected.sort(), `${label}: each pair named together, with how many articles`);
  t.same(body.edges.map((e) => e.count), [...body.edges.map((e) => e.count)].sort((a, b) => b - a), `${label}: most articles first`);
}

t.test('the most named entities and every pair of them named together, counted as the articles say', async (t) => {
  const all = await network({ size: '6' });
  t.equal(all.status, 200);
  t.equal(all.body.total, fixtures.length, 'every article matches');
  checkAgainst(t, all.body, named(() => true), 'all articles');
  t.ok(all.body.edges.some((e) => [e.source, e.target].includes(KADHIMI)), 'al-Kadhimi is named with others');

  const arabic = await network({ size: '6', lang: 'ar' });
  checkAgainst(t, arabic.body, named((a) => a.enrichment.lang === 'ar'), 'lang=ar');

  const visit = await network({ q: 'Kadhimi', size: '5' });
  t.ok(visit.body.total < fixtures.length, 'a query narrows the articles');
  t.ok(visit.body.nodes.some((n) => n.id === KADHIMI), 'and the network is the query\'s: al-Kadhimi in it');
});

t.test('field=people, places or orgs: only those; names=ar gives their Arabic names', async (t) => {
  const places = await network({ field: 'places', size: '5', names: 'ar' });
  t.ok(places.body.nodes.every((n) => n.type === 'place' || n.type === 'country'), `places and countries only (${places.body.nodes.map((n) => n.type).join(', ')})`);
  checkAgainst(t, places.body, named(() => true, ['place', 'country']), 'places');
  t.ok(places.body.nodes.every((n) => n.names?.ar), 'each with its Arabic name');
  const people = await network({ field: 'people', size: '5' });
  t.ok(people.body.nodes.every((n) => n.type === 'person'), 'people only');
});

t.test('as CSV for Gephi: source, target, weight and the names, one row per edge', async (t) => {
  const json = (await network({ size: '6' })).body;
  const res = await gw.app.inject({ url: '/v1/stats/network.csv', query: { size: '6', bom: 'false' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-disposition'], /akhbar-network-entities\.csv/);
  const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
  t.same(Object.keys(rows[0]!), ['source', 'target', 'weight', 'sourceName', 'targetName']);
  const nameOf = new Map(json.nodes.map((n) => [n.id, n.name]));
  t.same(rows, json.edges.map((e) => ({ source: e.source, target: e.target, weight: String(e.count), sourceName: nameOf.get(e.source), targetName: nameOf.get(e.target) })), 'the JSON\'s edges, named');
});

t.test('allEntities= finds the articles naming all of its entities, as an edge counts them', async (t) => {
  const { body } = await network({ size: '6' });
  for (const e of body.edges) {
    const res = (await gw.app.inject({ url: '/v1/search', query: { allEntities: `${e.source},${e.target}`, limit: '100' } })).json() as { total: number; hits: Array<{ id: string }> };
    const both = fixtures.filter((a) => [e.source, e.target].every((id) => a.enrichment.entities.some((x) => x.id === id))).map((a) => a.id).sort();
    t.same(res.hits.map((h) => h.id).sort(), both, `${e.source} with ${e.target}: the ${String(e.count)} articles naming both`);
    t.equal(res.total, e.count);
  }
  const any = (await gw.app.inject({ url: '/v1/search', query: { entity: `${body.edges[0]!.source},${body.edges[0]!.target}` } })).json() as { total: number };
  t.ok(any.total > body.edges[0]!.count, 'where entity= takes articles naming either');
});

t.test('bad parameters are a 400 naming them', async (t) => {
  for (const [query, param] of [[{ size: '1' }, 'size'], [{ field: 'topics' }, 'field'], [{ size: '51' }, 'size']] as const) {
    const { status, body } = await network(query);
    t.equal(status, 400, JSON.stringify(query));
    t.equal(body.error?.param, param);
  }
});
