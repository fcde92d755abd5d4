import t from 'tap';
import { parse } from 'csv-parse/sync';
import { KADHIMI, loadFixtures } from './fixtures/articles.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * Comparing queries over time (Media Cloud's "compare queries", GDELT's several timelines on one
 * chart): `compare` repeated gives one series per query. Each series must count what a timeline of
 * that query alone counts, day by day, so the expected figures come from the single-query
 * timelines of the same gateway and index.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'compare' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Bucket = { t: string; count: number; all?: number; share?: number | null; tone?: number | null; split?: Record<string, number>; toneSplit?: Record<string, number | null> };
type Compared = { q: string; total: number; tone?: number | null; share?: number | null; expandedEntities: Array<{ id: string }> };
type Timeline = { total: number; all?: number; tone?: number | null; buckets: Bucket[]; compare?: Compared[]; error?: { code: string; param?: string; message: string } };

/** A timeline over the fixtures' 60 days; `compare` repeated as a URL would repeat it. */
async function timeline(query: Record<string, string>, compare: string[] = [], path = '/v1/stats/timeline') {
  const qs = new URLSearchParams({ from: 'now-60d', interval: 'day', tz: 'UTC', ...query });
  for (const c of compare) qs.append('compare', c);
  const res = await gw.app.inject({ method: 'GET', url: `${path}?${qs.toString()}` });
  return { status: res.statusCode, body: path.endsWith('.csv') ? ({} as Timeline) : (res.json() as Timeline), text: res.body };
}

t.test('one series per query: each counts, day by day, what a timeline of that query alone counts', async (t) => {
  const queries = ['Kadhimi', 'oil', 'marathon'];
  const { status, body } = await timeline({}, queries);
  t.equal(status, 200);
  t.same(body.compare?.map((c) => c.q), queries, 'the queries in the order asked');
  for (const q of queries) {
    const alone = (await timeline({ q })).body;
    t.ok(alone.total > 0, `${q} matches some fixtures (${alone.total})`);
    t.equal(body.compare?.find((c) => c.q === q)?.total, alone.total, `${q}: its total over the range`);
    t.same(body.buckets.map((b) => b.split?.[q]), alone.buckets.map((b) => b.count), `${q}: the same count every day`);
  }
  const any = (await timeline({ q: 'Kadhimi OR oil OR marathon' })).body;
  t.equal(body.total, any.total, 'count is the articles matching any of them');
  t.same(body.buckets.map((b) => b.count), any.buckets.map((b) => b.count));
  t.same(body.compare?.[0]?.expandedEntities.map((e) => e.id), [KADHIMI], 'each query says the entities it was expanded to');
});

t.test('a name in another script or spelling counts the same articles, in every language', async (t) => {
  const { body } = await timeline({}, ['Kadhimi', 'الكاظمي', 'al-Kazimi']);
  const totals = body.compare?.map((c) => c.total) ?? [];
  t.ok(totals[0]! >= 3, 'the Arabic, English and French reports');
  t.same(totals, [totals[0], totals[0], totals[0]], 'three spellings, one series each, the same counts');
});

t.test('the other filters and q apply to every series; tone and share per series', async (t) => {
  const arabic = await timeline({ lang: 'ar' }, ['Kadhimi', 'oil']);
  for (const q of ['Kadhimi', 'oil']) t.equal(arabic.body.compare?.find((c) => c.q === q)?.total, (await timeline({ q, lang: 'ar' })).body.total, `lang=ar narrows ${q}`);
  const within = await timeline({ q: 'Baghdad' }, ['Kadhimi', 'marathon']);
  for (const q of ['Kadhimi', 'marathon']) t.equal(within.body.compare?.find((c) => c.q === q)?.total, (await timeline({ q: `Baghdad ${q}` })).body.total, `q=Baghdad applies to ${q} too`);

  const toned = await timeline({ tone: 'true' }, ['Kadhimi', 'oil']);
  for (const q of ['Kadhimi', 'oil']) {
    const alone = (await timeline({ q, tone: 'true' })).body;
    t.equal(toned.body.compare?.find((c) => c.q === q)?.tone, alone.tone, `${q}: its average tone`);
    t.same(toned.body.buckets.map((b) => b.toneSplit?.[q]), alone.buckets.map((b) => b.tone), `${q}: its tone each day`);
  }
  const shared = await timeline({ share: 'true' }, ['Kadhimi', 'oil']);
  t.ok(shared.body.all! > shared.body.total, 'all: the whole coverage');
  for (const c of shared.body.compare ?? []) t.equal(c.share, Math.round((c.total / shared.body.all!) * 1e6) / 1e6, `${c.q}: a share of the coverage`);
  t.same(shared.body.buckets.map((b) => b.split?.Kadhimi), (await timeline({}, ['Kadhimi', 'oil'])).body.buckets.map((b) => b.split?.Kadhimi), 'the series count the same with share');
});

t.test('one query alone is a series of one', async (t) => {
  const { status, body } = await timeline({}, ['oil']);
  t.equal(status, 200);
  t.same(body.compare?.map((c) => [c.q, c.total]), [['oil', (await timeline({ q: 'oil' })).body.total]]);
});

t.test('as CSV: a column per query, in the order asked, each query written as it was', async (t) => {
  const queries = ['"output cuts", prices', 'Kadhimi'];
  const { status, text } = await timeline({ bom: 'false' }, queries, '/v1/stats/timeline.csv');
  t.equal(status, 200);
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
  t.same(Object.keys(rows[0]!), ['t', 'count', 'split."output cuts", prices', 'split.Kadhimi'], 'the header names each query whole, commas and quotes kept');
  const json = (await timeline({}, queries)).body;
  t.same(rows.map((r) => Number(r['split.Kadhimi'])), json.buckets.map((b) => b.split?.Kadhimi), 'the same counts as the JSON');
});

t.test('bad compare parameters are a 400 naming compare', async (t) => {
  const cases: Array<[string, Record<string, string>, string[], RegExp]> = [
    ['with split', { split: 'lang' }, ['oil', 'Kadhimi'], /cannot be split/],
    ['the same query twice', {}, ['oil', ' oil '], /same query twice/],
    ['an empty query', {}, ['oil', ' '], /empty query/],
    ['control characters', {}, ['oil\u0007'], /control characters/],
    ['a phrase ~N past 100', {}, ['"oil prices"~500'], /~N/],
    ['more than ten', {}, Array.from({ length: 11 }, (_, i) => `word${String(i)}`), /compare/],
  ];
  for (const [what, query, compare, says] of cases) {
    const { status, body } = await timeline(query, compare);
    t.equal(status, 400, `${what}: a 400`);
    t.equal(body.error?.param, 'compare', `${what}: naming compare`);
    t.match(body.error?.message, says, `${what}: saying what is wrong`);
  }
});
