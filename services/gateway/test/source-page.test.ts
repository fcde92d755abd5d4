import t from 'tap';
import { parse } from 'csv-parse/sync';
import { KADHIMI, SOURCES, loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { profileProbe, testGateway, type ProfileHit, type TestGateway } from './helpers.ts';

/**
 * A source's page (`/v1/sources/:id`, Media Cloud's source page) against real Elasticsearch over
 * the hand-written fixtures. Every figure is checked against what a search with source= answers
 * from the same index, so the page and the search it links to always agree.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'srcpage' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = ProfileHit;
const get = (url: string) => profileProbe(gw).get(url);
const searchOf = (params: Record<string, string>) => profileProbe(gw).searchOf(params);

t.test("a source's page: who it is, and its articles as a search for them counts them", async (t) => {
  const id = SOURCES.BAGHDAD_TODAY.id;
  const { status, body } = await get(`/v1/sources/${id}`);
  t.equal(status, 200);
  t.same(body.source, { id, name: 'Baghdad Today', domain: 'baghdad-today.example', country: 'IQ' }, 'named as its articles name it (no feed registered here)');
  const all = await searchOf({ source: id });
  t.ok(all.total >= 2, `it has several articles (${all.total})`);
  t.equal(body.total, all.total, 'as many articles as source= finds');
  t.equal(body.lastSeen, all.hits[0]!.publishedAt, 'last seen: its newest');
  t.equal(body.firstSeen, all.hits.at(-1)!.publishedAt, 'first seen: its oldest');
  t.equal(body.last30Days, (await searchOf({ source: id, from: 'now-30d' })).total, 'in the last 30 days, as from=now-30d counts');
  t.same(body.articles.map((a: Hit) => a.id), all.hits.slice(0, 5).map((h) => h.id), 'its five newest articles');
  t.same(body.langs.map((b: { key: string }) => b.key).sort(), [...new Set(all.hits.map((h) => h.lang))].sort(), 'its languages');
  t.same(body.sources.map((b: { key: string }) => b.key), [id], 'itself, alone, in its sources');
  const toned = all.hits.filter((h) => typeof h.tone === 'number');
  t.equal(body.tone, Math.round((toned.reduce((s, h) => s + h.tone!, 0) / toned.length) * 100) / 100, 'the average tone of its articles');
  const kadhimi = (body.related.people as Array<{ key: string; name: string; count: number }>).find((p) => p.key === KADHIMI);
  t.match(kadhimi, { name: 'Mustafa al-Kadhimi', count: (await searchOf({ source: id, entity: KADHIMI })).total }, 'the people it names, each with how many of its articles do');
});

t.test('its bylines, as written; filters narrow what is counted; names= names them in other languages', async (t) => {
  const id = SOURCES.GULF_WIRE.id;
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-port-1', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: HOUR, story: 'story-port-1', title: 'Basra port reopens', summary: 'Dredging is done.', body: 'The berths reopened.', author: 'Rana Haddad' },
    { slug: 'en-port-2', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 2 * HOUR, story: 'story-port-2', title: 'Ships wait off Basra', summary: 'Agents wait.', body: 'Vessels waited offshore.', author: 'RANA HADDAD' },
  ]);
  const { body } = await get(`/v1/sources/${id}?names=ar`);
  t.match(body.authors, [{ key: 'rana haddad', name: 'Rana Haddad', count: 2 }], 'a byline counted whatever its case, named as its newest article writes it');
  const ar = await get(`/v1/sources/${id}?lang=ar`);
  t.equal(ar.body.total, (await searchOf({ source: id, lang: 'ar' })).total, 'lang= narrows, as on a search');
  t.ok(ar.body.total < body.total);
  const q = await get(`/v1/sources/${id}?q=${encodeURIComponent('الكاظمي')}`);
  t.equal(q.body.total, (await searchOf({ source: id, q: 'الكاظمي' })).total, 'q too, names expanded');
  t.same(q.body.expandedEntities.map((e: { id: string }) => e.id), [KADHIMI]);
  const person = (body.related.people as Array<{ key: string; names?: Record<string, string> }>).find((p) => p.key === KADHIMI);
  t.same(person?.names, { ar: 'مصطفى الكاظمي' }, 'the people it names, in the languages asked for');
});

t.test('a registered feed with no article yet has a page from its feed; an unknown id is a coded 404; bad input a 400', async (t) => {
  const { feed } = await gw.app.registry.add({ url: 'https://port-news.example/feed.xml', title: 'Port News', category: 'Iraq', country: 'IQ' });
  t.teardown(() => gw.app.registry.remove(feed.id));
  const { status, body } = await get(`/v1/sources/${feed.id}`);
  t.equal(status, 200);
  t.same(body.source, { id: feed.id, name: 'Port News', domain: 'port-news.example', country: 'IQ', feedUrl: 'https://port-news.example/feed.xml', collection: 'Iraq' });
  t.equal(body.total, 0);
  t.equal(body.firstSeen, null);
  t.same(body.articles, []);

  const none = await get('/v1/sources/fnosuchsource0001');
  t.equal(none.status, 404);
  t.equal(none.body.error.code, 'AKHBAR_NOT_FOUND');
  for (const [url, param] of [['/v1/sources/bad%20id', 'id'], [`/v1/sources/${SOURCES.GULF_WIRE.id}?limit=500`, 'limit'], [`/v1/sources/${SOURCES.GULF_WIRE.id}?colour=red`, 'colour']] as const) {
    const bad = await get(url);
    t.equal(bad.status, 400, url);
    t.equal(bad.body.error.param, param);
  }
});

t.test('GET /v1/sources takes the search filters: sources with Arabic articles, of a country, covering a name, by latest', async (t) => {
  type Src = { id: string; articles: number; latestAt?: string; langs: string[] };
  const list = async (params: Record<string, string>) => {
    const res = await gw.app.inject({ url: `/v1/sources?${new URLSearchParams(params).toString()}` });
    t.equal(res.statusCode, 200, JSON.stringify(params));
    return (res.json() as { sources: Src[] }).sources;
  };
  /** The sources of a search's hits, with how many each: what the list must say under the same filters. */
  const bySearch = async (params: Record<string, string>) => {
    const counts = new Map<string, number>();
    for (const h of (await searchOf(params)).hits as Array<Hit & { source: { id: string } }>) counts.set(h.source.id, (counts.get(h.source.id) ?? 0) + 1);
    return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
  };
  const pairs = (s: Src[]) => s.map((x) => [x.id, x.articles] as [string, number]).sort((a, b) => a[0].localeCompare(b[0]));
  const cases: Array<Record<string, string>> = [{ lang: 'ar' }, { sourceCountry: 'FR' }, { q: 'الكاظمي' }, { from: 'now-1d' }, { lang: 'fr', topic: 'politics' }];
  for (const params of cases) {
    const sources = await list(params);
    t.ok(sources.length > 0, `${JSON.stringify(params)}: some sources`);
    t.same(pairs(sources), await bySearch(params), `${JSON.stringify(params)}: the sources of the matching articles, each counting them`);
  }
  t.ok((await list({ lang: 'ar' })).every((s) => s.langs.includes('ar')), 'each has Arabic among its languages');

  const latest = await list({ sort: 'latest' });
  const times = latest.map((s) => Date.parse(s.latestAt!));
  t.same(times, [...times].sort((a, b) => b - a), 'sort=latest: the one that published last first');
  t.equal((await gw.app.inject({ url: '/v1/sources?sort=name' })).statusCode, 400);
  t.equal((await gw.app.inject({ url: '/v1/sources?collection=Nowhere' })).json().error.param, 'collection', 'an unknown collection is a 400 naming it');
});

t.test('GET /v1/sources.csv: the same sources, one row each, for a spreadsheet', async (t) => {
  const json = (await gw.app.inject({ url: '/v1/sources?lang=ar&sort=latest' })).json() as { sources: Array<{ id: string; name: string; domain: string; country?: string; articles: number; latestAt?: string; langs: string[] }> };
  const res = await gw.app.inject({ url: '/v1/sources.csv?lang=ar&sort=latest' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  t.match(res.headers['content-disposition'], /filename="akhbar-sources\.csv"/);
  t.equal(res.headers['x-total-count'], String(json.sources.length));
  const rows = parse(res.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
  t.same(Object.keys(rows[0]!), ['id', 'name', 'domain', 'country', 'articles', 'latestAt', 'langs', 'feedUrl'], 'the documented columns');
  t.same(rows.map((r) => [r.id, r.name, r.domain, r.country, Number(r.articles), r.latestAt, r.langs]),
    json.sources.map((s) => [s.id, s.name, s.domain, s.country ?? '', s.articles, s.latestAt ?? '', s.langs.join(';')]), 'row for row what the JSON says, in its order');
  t.equal((await gw.app.inject({ url: '/v1/sources.csv?bom=maybe' })).json().error.param, 'bom');
});
