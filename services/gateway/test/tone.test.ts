import t from 'tap';
import { parse } from 'csv-parse/sync';
import { idOf, loadFixtures } from './fixtures/articles.ts';
import { admin, testGateway, type TestGateway } from './helpers.ts';

/**
 * Tone (GDELT's measure: % positive minus % negative words) as API consumers and dashboards use
 * it: on every hit, as a filter on every search-like route, and averaged over time. The fixtures'
 * tones are hand-set (the tagger itself is tested in packages/nlp); the 23 market reports have
 * none, as articles enriched before tone existed.
 */
let gw: TestGateway;
/** The articles as indexed (their dates are relative to when they were loaded). */
let fixtures: Awaited<ReturnType<typeof loadFixtures>>;
t.before(async () => {
  gw = await testGateway({ label: 'tone' });
  fixtures = await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = { id: string; tone?: number };
const toneOf = (id: string) => fixtures.find((a) => a.id === id)?.enrichment.tone?.score;
const withTone = (pred: (tone: number) => boolean) =>
  fixtures.filter((a) => a.enrichment.tone !== undefined && pred(a.enrichment.tone.score)).map((a) => a.id).sort();

async function get(url: string, query: Record<string, string>) {
  const res = await gw.app.inject({ method: 'GET', url, query });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

t.test('each hit carries its tone; an article without one has no tone key', async (t) => {
  const { status, body } = await get('/v1/search', { limit: '100' });
  t.equal(status, 200);
  const hits = body.hits as Hit[];
  t.equal(hits.find((h) => h.id === idOf('en-heat'))?.tone, -5.2, 'the heatwave report is negative');
  t.equal(hits.find((h) => h.id === idOf('ar-film'))?.tone, 3.9, 'the film festival is positive');
  t.equal(hits.find((h) => h.id === idOf('fr-visit'))?.tone, 0, 'a neutral article says 0, not nothing');
  const market = hits.find((h) => h.id === idOf('en-market-3'))!;
  t.notOk('tone' in market, 'an article enriched before tone existed has no tone');
  const article = await get(`/v1/articles/${idOf('en-heat')}`, {});
  t.equal(article.body.tone, -5.2, 'GET /v1/articles/:id shows it too');
});

t.test('toneMin / toneMax narrow a search to its negative or positive coverage', async (t) => {
  const ids = async (q: Record<string, string>) => ((await get('/v1/search', { limit: '100', ...q })).body.hits as Hit[]).map((h) => h.id).sort();
  t.same(await ids({ toneMax: '-2' }), withTone((x) => x <= -2), 'clearly negative: the heatwave and the postponed elections');
  t.equal((await ids({ toneMax: '-2' })).length, 2);
  t.same(await ids({ toneMin: '3' }), withTone((x) => x >= 3), 'clearly positive: the marathon and the film festival');
  t.same(await ids({ toneMin: '-1', toneMax: '+1' }), withTone((x) => x >= -1 && x <= 1), 'a band around neutral');
  t.same(await ids({ toneMin: '-100' }), withTone(() => true), 'any bound leaves out articles without a tone');
  t.same(await ids({ q: 'Washington', toneMax: '-0.5' }), [idOf('ar-visit')], 'with a query and its entity expansion');

  const top = await get('/v1/stats/top', { field: 'langs', toneMax: '-2' });
  t.same(Object.fromEntries((top.body.buckets as Array<{ key: string; count: number }>).map((b) => [b.key, b.count])), { en: 1, fr: 1 }, 'dashboards take the same filter');
  const csv = await gw.app.inject({ method: 'GET', url: '/v1/search.ndjson', query: { toneMin: '3' } });
  t.equal(csv.body.trim().split('\n').length, 2, 'so do exports');
  const sheet = await gw.app.inject({ method: 'GET', url: '/v1/search.csv', query: { toneMax: '-5', bom: 'false' } });
  const [header, row] = sheet.body.trim().split('\r\n').length > 1 ? sheet.body.trim().split('\r\n') : sheet.body.trim().split('\n');
  const toneAt = header!.split(',').indexOf('tone');
  t.ok(toneAt > 0, 'the CSV has a tone column');
  t.equal(row!.split(',')[toneAt], '-5.2', 'a negative tone stays a number in a spreadsheet (not defused like text)');
});

t.test('a bad tone bound is a coded 400 naming it', async (t) => {
  for (const [q, param] of [
    [{ toneMin: 'low' }, 'toneMin'],
    [{ toneMax: '150' }, 'toneMax'],
    [{ toneMin: '-100.5' }, 'toneMin'],
    [{ toneMin: '2', toneMax: '-2' }, 'toneMin'],
    [{ toneMax: '1e2' }, 'toneMax'],
  ] as Array<[Record<string, string>, string]>) {
    const { status, body } = await get('/v1/search', q);
    t.equal(status, 400, JSON.stringify(q));
    t.equal(body.error?.param, param, `${JSON.stringify(q)} names ${param}`);
    t.match(body.error?.code, /^AKHBAR_/);
  }
});

t.test('top values with their average tone: how each source covers what matches', async (t) => {
  const avgOf = (pred: (a: (typeof fixtures)[number]) => boolean) => {
    const xs = fixtures.filter((a) => pred(a) && a.enrichment.tone).map((a) => a.enrichment.tone!.score);
    return xs.length === 0 ? null : Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100;
  };
  const { status, body } = await get('/v1/stats/top', { field: 'sources', tone: 'true' });
  t.equal(status, 200);
  const buckets = body.buckets as Array<{ key: string; count: number; name?: string; tone: number | null }>;
  t.ok(buckets.length >= 3);
  for (const b of buckets) t.equal(b.tone, avgOf((a) => a.source.id === b.key), `${b.name ?? b.key}: the average of its articles with a tone`);
  t.ok(buckets.every((b) => typeof b.name === 'string' && b.name !== ''), 'sources keep their names');

  const langs = await get('/v1/stats/top', { field: 'langs', tone: 'true', q: 'Washington' });
  t.same(
    Object.fromEntries((langs.body.buckets as Array<{ key: string; tone: number | null }>).map((b) => [b.key, b.tone])),
    { ar: -0.6, en: -0.4, fr: 0 },
    'with any search filter: the visit as each language covered it',
  );
  const plain = await get('/v1/stats/top', { field: 'sources' });
  t.notOk((plain.body.buckets as object[]).some((b) => 'tone' in b), 'without tone=true, as before');
});

t.test('top values as CSV: the same buckets in rows, for a spreadsheet', async (t) => {
  const json = (await get('/v1/stats/top', { field: 'sources', tone: 'true' })).body as { total: number; buckets: Array<{ key: string; name?: string; count: number; tone: number | null }> };
  const res = await gw.app.inject({ url: '/v1/stats/top.csv', query: { field: 'sources', tone: 'true', bom: 'false' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /filename="akhbar-top-sources\.csv"/);
  t.equal(res.headers['x-total-count'], String(json.total));
  const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
  t.same(rows, json.buckets.map((b) => ({ key: b.key, name: b.name ?? '', count: String(b.count), tone: b.tone === null ? '' : String(b.tone) })), 'key, name, count and tone of each, most articles first; no tone is an empty cell');
  const langs = await gw.app.inject({ url: '/v1/stats/top.csv', query: { field: 'langs' } });
  t.same(langs.rawPayload.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]), 'a byte order mark unless bom=false');
  t.equal(langs.body.replace(/^\uFEFF/, '').split('\n')[0], 'key,name,count', 'without tone=true, no tone column');
  const bad = await gw.app.inject({ url: '/v1/stats/top.csv', query: { field: 'colours' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'field' } });
});

t.test('a story says how each language and each source covered it', async (t) => {
  const { status, body } = await get('/v1/stories/story-visit', {});
  t.equal(status, 200);
  t.equal(body.tone, Math.round(((-0.6 - 0.4 + 0) / 3) * 100) / 100, 'the average of its articles');
  t.same(Object.fromEntries((body.langs as Array<{ key: string; tone: number | null }>).map((l) => [l.key, l.tone])), { ar: -0.6, en: -0.4, fr: 0 });
  for (const src of body.sources as Array<{ id: string; tone: number | null }>) {
    t.equal(src.tone, fixtures.find((a) => a.enrichment.storyId === 'story-visit' && a.source.id === src.id)?.enrichment.tone?.score, `source ${src.id}`);
  }
  const untoned = await get('/v1/stories/story-market-3', {});
  t.equal(untoned.body.tone, null, 'a story of articles without a tone says null, not 0');
  t.same((untoned.body.sources as Array<{ tone: number | null }>).map((x) => x.tone), [null]);
});

t.test('the timeline averages tone per bucket and per series, null where no article has one', async (t) => {
  const { status, body } = await get('/v1/stats/timeline', { from: 'now-60d', interval: 'day', tone: 'true', split: 'lang', tz: 'UTC' });
  t.equal(status, 200);
  type Bucket = { t: string; count: number; tone?: number | null; split?: Record<string, number>; toneSplit?: Record<string, number | null> };
  const buckets = body.buckets as Bucket[];
  const avg = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  // The API rounds Elasticsearch's average to 2 decimals; an exact half (0.125) can round either
  // way with the order of the float sum, so a figure is right within 0.005 of the true average.
  const near = (got: number | null | undefined, want: number | null, what: string) =>
    want === null ? t.equal(got, null, what) : t.ok(typeof got === 'number' && Math.abs(got - want) <= 0.005 + 1e-9, `${what}: ${String(got)} ≈ ${String(want)}`);
  let checked = 0;
  let nulls = 0;
  for (const b of buckets) {
    t.ok('tone' in b, 'every bucket says its tone');
    const start = Date.parse(b.t);
    const inside = fixtures.filter((a) => Date.parse(a.publishedAt) >= start && Date.parse(a.publishedAt) < start + 86_400_000);
    const tones = inside.flatMap((a) => (a.enrichment.tone ? [a.enrichment.tone.score] : []));
    near(b.tone, avg(tones), `bucket ${b.t}`);
    if (inside.length > 0) {
      checked++;
      for (const lang of Object.keys(b.split ?? {})) {
        near(b.toneSplit?.[lang], avg(inside.filter((a) => a.enrichment.lang === lang).flatMap((a) => (a.enrichment.tone ? [a.enrichment.tone.score] : []))), `bucket ${b.t}, ${lang}`);
      }
    }
    if (b.count > 0 && b.tone === null) nulls++;
  }
  t.ok(checked >= 5, 'several buckets hold articles');
  near(body.tone as number | null, avg(fixtures.flatMap((a) => (a.enrichment.tone ? [a.enrichment.tone.score] : []))), 'the whole range has its average too');
  t.ok(buckets.some((b) => b.tone === toneOf(idOf('en-heat'))), "the heatwave's day has its tone alone");
  t.equal(nulls, 0, 'only the market reports lack a tone, and they share days with toned articles');

  const plain = await get('/v1/stats/timeline', { from: 'now-60d', interval: 'day' });
  t.notOk((plain.body.buckets as Bucket[]).some((b) => 'tone' in b), 'without tone=true buckets stay as they were');
  t.notOk('tone' in plain.body, 'and so does the response');
  const bad = await get('/v1/stats/timeline', { tone: 'maybe' });
  t.equal(bad.status, 400);
  t.equal(bad.body.error?.param, 'tone');
});

t.test('an alert can watch for negative coverage only', async (t) => {
  const res = await gw.app.inject({
    method: 'POST', url: '/v1/alerts', headers: admin,
    payload: { name: 'bad news from Washington', webhook: 'https://hooks.example.org/akhbar', query: { q: 'Washington', toneMax: '-0.5' } },
  });
  t.equal(res.statusCode, 201);
  const alert = res.json() as { id: string; searchUrl: string };
  t.match(alert.searchUrl, /toneMax=-0\.5/);
  const [path, qs] = alert.searchUrl.split('?');
  const matched = await get(path!, Object.fromEntries(new URLSearchParams(qs)));
  t.same((matched.body.hits as Hit[]).map((h) => h.id), [idOf('ar-visit')], 'what the alert would have matched so far');
  const bad = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'x', webhook: 'https://hooks.example.org/akhbar', query: { toneMax: 'low' } } });
  t.equal(bad.statusCode, 400);
  await gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${alert.id}`, headers: admin });
});

t.test("the tone chart (GDELT's ToneChart): the matching coverage in bins of tone, each with its most relevant articles", async (t) => {
  type Bin = { from: number; to: number; count: number; hits: Array<{ id: string; tone?: number; story: { id: string; size: number } }> };
  type Chart = { total: number; toned: number; tone: number | null; min: number | null; max: number | null; step: number; bins: Bin[] };
  const { status, body } = await get('/v1/stats/tone', {});
  t.equal(status, 200);
  const chart = body as Chart;
  const toned = fixtures.flatMap((a) => (a.enrichment.tone ? [a.enrichment.tone.score] : []));
  t.equal(chart.total, fixtures.length, 'total counts every matching article');
  t.equal(chart.toned, toned.length, 'toned: those with a tone, the ones in the bins');
  t.equal(chart.step, 1);
  t.equal(chart.min, Math.min(...toned));
  t.equal(chart.max, Math.max(...toned));
  t.ok(Math.abs(chart.tone! - toned.reduce((a, b) => a + b, 0) / toned.length) <= 0.005 + 1e-9, 'the average tone');
  t.equal(chart.bins[0]!.from, Math.floor(Math.min(...toned)), 'the first bin holds the most negative article');
  t.equal(chart.bins.at(-1)!.from, Math.floor(Math.max(...toned)), 'the last the most positive');
  t.ok(chart.bins.every((b, i) => b.to === b.from + 1 && (i === 0 || b.from === chart.bins[i - 1]!.to)), 'bins of one point, contiguous, lowest first');
  for (const b of chart.bins) {
    const inside = toned.filter((x) => x >= b.from && x < b.to).length;
    t.equal(b.count, inside, `[${b.from}, ${b.to}): ${inside} articles`);
    t.equal(b.hits.length, Math.min(3, inside), 'up to three of its articles');
    t.ok(b.hits.every((h) => h.tone! >= b.from && h.tone! < b.to), 'each inside its bin');
  }
  t.ok(chart.bins.some((b) => b.count === 0 && b.hits.length === 0), 'an empty bin between two filled ones is there, with nothing in it');
  const heat = chart.bins.find((b) => b.hits.some((h) => h.id === idOf('en-heat')));
  t.equal(heat?.from, Math.floor(toneOf(idOf('en-heat'))!), "the heatwave report in its tone's bin");
  const visit = chart.bins.flatMap((b) => b.hits).find((h) => h.id === idOf('ar-visit'));
  t.equal(visit?.story.size, 3, 'hits carry their story size as in a search');

  const kadhimi = (await get('/v1/stats/tone', { q: 'Kadhimi', step: '0.5', articles: '1' })).body as Chart;
  const visits = ['ar-visit', 'en-visit', 'fr-visit'].map((s) => toneOf(idOf(s))!);
  t.equal(kadhimi.toned, visits.length, 'a query narrows it: the three reports of the visit, in any language');
  t.same(kadhimi.bins.filter((b) => b.count > 0).map((b) => b.from), [...new Set(visits.map((x) => Math.floor(x * 2) / 2))].sort((a, b) => a - b), 'bins of half a point');
  t.ok(kadhimi.bins.every((b) => b.hits.length <= 1), 'one article per bin');

  const counts = (await get('/v1/stats/tone', { articles: '0', step: '0.1', toneMin: '-1', toneMax: '1' })).body as Chart;
  t.ok(counts.bins.every((b) => b.hits.length === 0), 'articles=0: counts only');
  t.ok(counts.bins.every((b) => Number.isInteger(Math.round(b.from * 10)) && String(b.from).length <= 4), `edges print as tenths: ${counts.bins.map((b) => b.from).join(' ')}`);
  t.equal(counts.toned, toned.filter((x) => x >= -1 && x <= 1).length, 'tone filters hold');

  for (const [param, value] of [['step', '0'], ['step', 'wide'], ['articles', '11']] as const) {
    const bad = await get('/v1/stats/tone', { [param]: value });
    t.equal(bad.status, 400, `${param}=${value}`);
    t.equal(bad.body.error?.param, param);
  }
});

t.test('sort=negative / positive: the most negative or most positive coverage first, articles without a tone last, every page by cursor', async (t) => {
  const toned = fixtures.filter((a) => a.enrichment.tone).map((a) => ({ id: a.id, tone: a.enrichment.tone!.score }));
  const pageThrough = async (sort: string) => {
    const seen: Hit[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const { status, body } = await get('/v1/search', { sort, limit: '4', ...(cursor ? { cursor } : {}) });
      t.equal(status, 200, `${sort}, page ${pages + 1}`);
      seen.push(...(body.hits as Hit[]));
      cursor = body.nextCursor as string | null;
      if (!cursor) break;
    }
    return seen;
  };
  for (const sort of ['negative', 'positive'] as const) {
    const hits = await pageThrough(sort);
    t.equal(hits.length, fixtures.length, `${sort}: every article once, over pages of four`);
    t.equal(new Set(hits.map((h) => h.id)).size, fixtures.length, 'none twice');
    const tones = hits.slice(0, toned.length).map((h) => h.tone!);
    t.same(tones, [...toned.map((x) => x.tone)].sort((a, b) => (sort === 'negative' ? a - b : b - a)), `${sort}: the toned articles in tone order`);
    t.ok(hits.slice(toned.length).every((h) => !('tone' in h)), 'then those without a tone');
  }
  const first = await get('/v1/search', { sort: 'negative', limit: '1', q: 'Washington' });
  t.equal((first.body.hits as Hit[])[0]?.id, idOf('ar-visit'), "with a query: the query's most negative article (the Arabic report of the visit)");
  const bad = await get('/v1/search', { sort: 'angriest' });
  t.equal(bad.status, 400);
  t.equal(bad.body.error?.param, 'sort');
});
