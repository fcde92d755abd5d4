import { parse } from 'csv-parse/sync';
import t from 'tap';
import { SOURCES } from './fixtures/articles.ts';
import { HOUR, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * GET /v1/stats/first — who reports first — against real Elasticsearch, on stories written here
 * with known first sources: Baghdad Today breaks the port story, Gulf Wire the dinar one, Maghreb
 * Post the bridge one; a story of one source is not counted.
 */
let gw: TestGateway;
const { BAGHDAD_TODAY: BT, GULF_WIRE: GW, MAGHREB_POST: MP } = SOURCES;
const spec = (slug: string, source: ArticleSpec['source'], hours: number, story: string, title: string): ArticleSpec => ({
  slug, lang: 'en', source, ageMs: hours * HOUR, story, title, summary: title, body: `${title}.`,
});
const ARTICLES: ArticleSpec[] = [
  spec('port-bt', BT, 5, 'first-port', 'Umm Qasr port reopens'),
  spec('port-gw', GW, 4, 'first-port', 'Umm Qasr port back in business'),
  spec('port-mp', MP, 3, 'first-port', 'Ships return to Umm Qasr'),
  spec('dinar-gw', GW, 6, 'first-dinar', 'Dinar steadies against the dollar'),
  spec('dinar-bt', BT, 2, 'first-dinar', 'Iraqi dinar holds its ground'),
  spec('solo-bt-1', BT, 1, 'first-solo', 'Baghdad book fair opens'),
  spec('solo-bt-2', BT, 0.5, 'first-solo', 'Crowds at the Baghdad book fair'),
  spec('bridge-mp', MP, 7, 'first-bridge', 'Mosul bridge opens to cars'),
  spec('bridge-bt', BT, 1, 'first-bridge', 'Cars cross the new Mosul bridge'),
];

t.before(async () => {
  gw = await testGateway({ label: 'first' });
  await withArticles(t, gw.es, gw.indexPrefix, ARTICLES);
});
t.teardown(() => gw?.close());

type Row = { key: string; name: string; first: number; carried: number; share: number };
const first = async (query: Record<string, string>) => {
  const res = await gw.app.inject({ url: '/v1/stats/first', query });
  return { status: res.statusCode, body: res.json() as { total: number; stories: number; sources: Row[]; error?: { param?: string } } };
};
const rows = (sources: Row[]) => sources.map((r) => [r.key, r.first, r.carried]);

t.test('each source with the stories it reported first and those it carried, among the stories several sources carry', async (t) => {
  const { status, body } = await first({});
  t.equal(status, 200);
  t.equal(body.total, ARTICLES.length, 'every matching article looked at');
  t.equal(body.stories, 3, 'three stories have two sources or more; the book fair (one source) is not counted');
  t.same(rows(body.sources), [[BT.id, 1, 3], ...[[GW.id, 1, 2], [MP.id, 1, 2]].sort((a, b) => String(a[0]).localeCompare(String(b[0])))], 'Baghdad Today first once in the three it carried; the others once in two');
  t.match(body.sources[0], { name: BT.name, share: 0.333 }, 'named, with how often it leads');
});

t.test('minSources, filters and limit narrow it; bad parameters are coded 400s naming them', async (t) => {
  const three = await first({ minSources: '3' });
  t.equal(three.body.stories, 1, 'minSources=3: the port story alone');
  t.same(rows(three.body.sources).sort(), [[BT.id, 1, 1], [GW.id, 0, 1], [MP.id, 0, 1]].sort(), 'Baghdad Today first; the two that followed counted as carrying it');
  const narrowed = await first({ source: `${BT.id},${GW.id}` });
  t.equal(narrowed.body.stories, 2, 'source= keeps the port and dinar stories (the bridge has one of these sources)');
  t.same(rows(narrowed.body.sources), [[BT.id, 1, 2], [GW.id, 1, 2]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))), 'and who led among them');
  const recent = await first({ from: 'now-270m' });
  t.same(rows(recent.body.sources), [[GW.id, 1, 1], [MP.id, 0, 1]], 'from= moves who came first: Gulf Wire leads the port story once the earlier article is outside the dates');
  t.equal((await first({ limit: '1' })).body.sources.length, 1);
  const carried = await first({ carriedBy: MP.id });
  t.equal(carried.body.stories, 2, "carriedBy: the stories Maghreb Post carried (port, bridge), every source's articles of them");
  t.same(rows(carried.body.sources), [[BT.id, 1, 2], [MP.id, 1, 2], [GW.id, 0, 1]], 'it broke the bridge story; Baghdad Today the port story');
  t.same((await first({ carriedBy: 'no-such-source' })).body, { total: 0, stories: 0, sources: [], expandedEntities: [] }, 'a source that carried nothing: nothing');
  for (const [query, param] of [[{ minSources: '1' }, 'minSources'], [{ stories: '5' }, 'stories'], [{ limit: '0' }, 'limit'], [{ field: 'x' }, 'field'], [{ carriedBy: 'a b' }, 'carriedBy']] as const) {
    const res = await first(query);
    t.equal(res.status, 400, JSON.stringify(query));
    t.equal(res.body.error?.param, param, `names ${param}`);
  }
});

t.test('as CSV: the same sources and figures, a row each', async (t) => {
  const json = (await first({ minSources: '2' })).body;
  const res = await gw.app.inject({ url: '/v1/stats/first.csv', query: { minSources: '2', bom: 'false' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
  t.same(rows.map((r) => [r.key, r.name, Number(r.first), Number(r.carried), Number(r.share)]), json.sources.map((s) => [s.key, s.name, s.first, s.carried, s.share]));
});
