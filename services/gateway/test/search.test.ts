import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KADHIMI, BAGHDAD, FIXTURE_COUNT, SOURCES, idOf, loadFixtures } from './fixtures/articles.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * /v1/search and its RSS/Atom variants against real Elasticsearch, over hand-written articles in
 * Arabic, English and French (one index for the whole file).
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'search' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = Record<string, any>;
type SearchBody = { total: number; hits: Hit[]; nextCursor: string | null; expandedEntities: Array<{ id: string }>; facets?: Record<string, Array<{ key: string; count: number; name?: string }>>; stories?: number; sort: string };

async function search(params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await gw.app.inject({ method: 'GET', url: '/v1/search', query: params, headers });
  return { res, body: res.json() as SearchBody };
}

t.test('every hit has the documented shape', async (t) => {
  const { res, body } = await search({ q: 'Washington' });
  t.equal(res.statusCode, 200);
  t.ok(body.hits.length >= 2);
  const ar = body.hits.find((h) => h.lang === 'ar');
  t.ok(ar, 'the Arabic article matches a Latin-script place name through the entity or its text');
  const en = body.hits.find((h) => h.id === idOf('en-visit'))!;
  t.match(en, {
    id: idOf('en-visit'),
    url: 'https://gulfwire.example/en-visit',
    title: 'Iraqi premier heads to Washington for withdrawal talks',
    summary: String,
    lang: 'en',
    dir: 'ltr',
    publishedAt: String,
    source: { id: SOURCES.GULF_WIRE.id, name: 'Gulf Wire', domain: 'gulfwire.example' },
    topics: ['politics'],
    story: { id: 'story-visit', size: 3 },
    highlight: { title: 'Iraqi premier heads to <mark>Washington</mark> for withdrawal talks' },
  });
  t.ok(en.entities.some((e: Hit) => e.id === KADHIMI && e.type === 'person'), 'entities are listed with id and type');
  t.equal(ar?.dir, 'rtl');
});

t.test('filters: lang, source, domain, topic, entity, country, from/to', async (t) => {
  const ids = async (p: Record<string, string>) => (await search({ limit: '100', ...p })).body.hits.map((h) => h.id).sort();
  t.same(await ids({ q: 'Washington', lang: 'fr' }), [idOf('fr-visit')]);
  t.same(await ids({ q: 'Washington', lang: 'ar,fr' }), [idOf('ar-visit'), idOf('fr-visit')].sort(), 'a comma list is OR');
  t.same(await ids({ source: SOURCES.MONDE_ARABE.id }), [idOf('fr-visit')]);
  t.same(await ids({ domain: 'WWW.Monde-Arabe.example' }), [idOf('fr-visit')], 'domains are case-folded and www. dropped');
  t.same(await ids({ topic: 'sport' }), [idOf('en-marathon')]);
  t.same(await ids({ entity: BAGHDAD, lang: 'ar' }), [idOf('ar-visit'), idOf('ar-film')].sort());
  t.same(await ids({ country: 'tn' }), [idOf('fr-elections')]);
  t.same(await ids({ sourceCountry: 'FR' }), [idOf('fr-visit')]);
  t.same(await ids({ from: 'now-30d', to: 'now-10d' }), [idOf('en-heat')]);
  const day = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  t.same(await ids({ from: day, to: day }), [idOf('fr-elections')], 'a bare date is the whole day');
  t.same(await ids({ lang: 'ar', topic: 'economy' }), [idOf('ar-oil')], 'different filters are AND-ed');
});

t.test('query language: phrases, OR, NOT, -exclude, prefix*', async (t) => {
  const ids = async (q: string) => (await search({ q, limit: '100' })).body.hits.map((h) => h.id).sort();
  t.same(await ids('"output cuts"'), [idOf('en-oil')]);
  t.same(await ids('"cuts output"'), [], 'a phrase keeps its word order');
  t.same(await ids('marathon OR heatwave'), [idOf('en-marathon'), idOf('en-heat')].sort());
  t.same(await ids('Washington NOT troops'), [idOf('ar-visit')], 'NOT excludes (the Arabic article never says troops in English)');
  t.same(await ids('Washington -troops'), [idOf('ar-visit')]);
  t.same(await ids('maratho*'), [idOf('en-marathon')]);
  t.same(await ids('مهرجا*'), [idOf('ar-film')], 'prefix on Arabic');
  t.same(await ids('أسعار النفط'), [idOf('ar-oil')], 'Arabic words with hamza forms match');
});

t.test('cross-lingual: an entity named in any script finds articles tagged with it in every language', async (t) => {
  for (const q of ['Kadhimi', 'الكاظمي', 'al-Kazimi']) {
    const { body } = await search({ q, limit: '100' });
    t.same(body.hits.map((h) => h.lang).sort(), ['ar', 'en', 'fr'], `${q} → ar, en, fr`);
    t.same(body.expandedEntities.map((e) => e.id), [KADHIMI], `${q} is reported as expanded to the entity`);
  }
  const { body } = await search({ q: 'الكاظمي calendrier' });
  t.same(body.hits.map((h) => h.id), [idOf('fr-visit')], 'the rest of the query must still match');
  const neg = await search({ q: 'Washington -Kadhimi' });
  t.same(neg.body.expandedEntities, [], 'an excluded name is not expanded');
  const fr = (await search({ q: 'الكاظمي', lang: 'fr' })).body.hits.find((h) => h.lang === 'fr');
  t.match(fr?.highlight.body?.[0], /<mark>Moustafa al-Kazimi<\/mark>|<mark>al-Kazimi<\/mark>/, 'the entity is highlighted under its French name');
});

t.test('sort and relevance blended with recency', async (t) => {
  const newest = (await search({ sort: 'newest', limit: '100' })).body.hits.map((h) => Date.parse(h.publishedAt));
  t.same(newest, [...newest].sort((a, b) => b - a), 'newest first');
  t.equal(newest.length, FIXTURE_COUNT);
  const oldest = (await search({ sort: 'oldest', limit: '5' })).body.hits;
  t.equal(oldest[0]?.id, idOf('fr-elections'));
  // Same text, different ages: the recent report ranks first.
  const rel = (await search({ q: '"shares steady"', limit: '3' })).body;
  t.equal(rel.sort, 'relevance', 'relevance is the default with q');
  t.equal(rel.hits[0]?.id, idOf('en-market-0'));
  t.equal((await search({})).body.sort, 'newest', 'newest is the default without q');
});

t.test('cursor paging walks every hit once and rejects tampering', async (t) => {
  for (const sort of ['relevance', 'newest', 'oldest']) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { res, body }: { res: { statusCode: number }; body: SearchBody } = await search({ q: 'market', limit: '5', sort, ...(cursor ? { cursor } : {}) });
      t.equal(res.statusCode, 200);
      seen.push(...body.hits.map((h) => h.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    t.equal(seen.length, 23, `${sort}: 23 hits in all`);
    t.equal(new Set(seen).size, 23, `${sort}: no hit twice`);
  }
  const first = (await search({ q: 'market', limit: '5' })).body;
  const c = first.nextCursor!;
  const [payload, sig] = c.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), after: [99, 0, 'x'] })).toString('base64url');
  for (const bad of [`${forged}.${sig}`, 'garbage', `${payload}.${sig}x`]) {
    const { res, body } = await search({ q: 'market', limit: '5', cursor: bad });
    t.equal(res.statusCode, 400, 'tampered cursor → 400');
    t.match(body, { error: { code: 'AKHBAR_SEARCH_BAD_CURSOR', param: 'cursor' } });
  }
  const other = await search({ q: 'oil', limit: '5', cursor: c });
  t.equal(other.res.statusCode, 400, 'a cursor only pages the query that issued it');
});

t.test('collapse=story: one hit per story with its size, pageable', async (t) => {
  const { body } = await search({ q: 'Washington OR Bagdad OR marathon', collapse: 'story', limit: '100' });
  const stories = body.hits.map((h) => h.story.id);
  t.equal(new Set(stories).size, stories.length, 'one hit per story');
  t.ok(stories.includes('story-visit'));
  t.equal(body.hits.find((h) => h.story.id === 'story-visit')?.story.size, 3);
  t.equal(body.stories, stories.length, 'the number of matching stories is reported');
  const p1 = (await search({ q: 'market OR oil', collapse: 'story', limit: '10' })).body;
  const p2 = (await search({ q: 'market OR oil', collapse: 'story', limit: '10', cursor: p1.nextCursor! })).body;
  const p3 = (await search({ q: 'market OR oil', collapse: 'story', limit: '10', cursor: p2.nextCursor! })).body;
  const all = [...p1.hits, ...p2.hits, ...p3.hits].map((h) => h.story.id);
  t.equal(all.length, 24, '23 market stories + 1 oil story');
  t.equal(new Set(all).size, 24);
});

t.test('highlights come from the field of the article’s own language', async (t) => {
  // The Arabic analyzer stems: "القوات" matches "لانسحاب القوات"; the highlight is on the Arabic title.
  const ar = (await search({ q: 'انسحاب' })).body.hits.find((h) => h.id === idOf('ar-visit'));
  t.match(ar?.highlight.title, /<mark>انسحاب<\/mark>/);
  const en = (await search({ q: 'runners' })).body.hits[0];
  t.match(en?.highlight.title, /<mark>runners<\/mark>/);
  t.match(en?.highlight.body?.[0], /<mark>runners<\/mark>/);
  const none = (await search({ q: 'runners', highlight: 'false' })).body.hits[0];
  t.same(none?.highlight, {});
});

t.test('facets', async (t) => {
  const { body } = await search({ q: 'Washington OR Bagdad OR Baghdad OR بغداد', facets: 'topics,entities,sources,langs,countries', limit: '1' });
  t.ok(body.facets);
  const f = body.facets!;
  t.ok(f.langs!.some((b) => b.key === 'ar' && b.count >= 2));
  t.ok(f.entities!.some((b) => b.key === KADHIMI && b.name === 'Mustafa al-Kadhimi' && b.count === 3), 'entity facets carry names');
  t.ok(f.sources!.some((b) => b.key === SOURCES.GULF_WIRE.id && b.name === 'Gulf Wire'), 'source facets carry names');
  t.ok(f.topics!.some((b) => b.key === 'politics'));
  t.ok(f.countries!.some((b) => b.key === 'IQ'));
  const bad = await search({ facets: 'topics,colors' });
  t.equal(bad.res.statusCode, 400);
  t.match(bad.body, { error: { param: 'facets' } });
});

t.test('bad input is a coded 400 naming the parameter, never a 500', async (t) => {
  const cases: Array<[Record<string, string>, string, string]> = [
    [{ q: 'a'.repeat(10_000) }, 'q', 'AKHBAR_BAD_PARAMETER'],
    [{ colour: 'red' }, 'colour', 'AKHBAR_UNKNOWN_PARAMETER'],
    [{ limit: '1e9' }, 'limit', 'AKHBAR_BAD_PARAMETER'],
    [{ limit: '0' }, 'limit', 'AKHBAR_BAD_PARAMETER'],
    [{ limit: 'ten' }, 'limit', 'AKHBAR_BAD_PARAMETER'],
    [{ sort: 'random' }, 'sort', 'AKHBAR_BAD_PARAMETER'],
    [{ from: 'yesterday' }, 'from', 'AKHBAR_BAD_PARAMETER'],
    [{ from: '2026-02-30T10:00:00Z', to: '2026-01-01' }, 'from', 'AKHBAR_BAD_PARAMETER'],
    [{ lang: 'arabic!' }, 'lang', 'AKHBAR_BAD_PARAMETER'],
    [{ collapse: 'source' }, 'collapse', 'AKHBAR_BAD_PARAMETER'],
    [{ q: 'a\u0001b' }, 'q', 'AKHBAR_BAD_PARAMETER'],
  ];
  for (const [query, param, code] of cases) {
    const { res, body } = await search(query);
    t.equal(res.statusCode, 400, `${JSON.stringify(query).slice(0, 60)} → 400`);
    t.match(body, { error: { code, param } }, `names ${param}`);
  }
  for (const q of ['(a OR', '"unclosed', 'a AND', '-', '*', ')))', 'NOT', '+|-', '\\', '~~~', 'a'.repeat(999)]) {
    const { res } = await search({ q });
    t.equal(res.statusCode, 200, `${q.slice(0, 20)} → 200 best effort`);
  }
  for (const url of ['/v1/search?q=%FF%FE', '/v1/search?q=%ED%A0%80', '/v1/search?q=%E0%A4']) {
    const res = await gw.app.inject({ url });
    t.equal(res.statusCode, 400, `${url} (invalid UTF-8) → 400`);
    t.match(res.json(), { error: { code: 'AKHBAR_BAD_ENCODING' } });
  }
  const raw = await gw.app.inject({ url: '/v1/search?q=\xff\xfe' });
  t.equal(raw.statusCode, 400, 'raw invalid bytes → 400');
  const repeated = await gw.app.inject({ url: '/v1/search?lang=ar&lang=fr&q=Washington' });
  t.equal(repeated.statusCode, 200, 'a repeated list parameter is joined');
  t.same((repeated.json() as SearchBody).hits.map((h) => h.lang).sort(), ['ar', 'fr']);
  const res = await gw.app.inject({ url: '/v1/search?limit=1e9' });
  t.notMatch(res.body, /at .*\.ts:\d+/, 'no stack trace');
});

t.test('ETag and Cache-Control; If-None-Match gets 304', async (t) => {
  const a = await gw.app.inject({ url: '/v1/search?q=oil' });
  const etag = a.headers.etag as string;
  t.ok(etag, 'ETag set');
  t.match(a.headers['cache-control'], /^public, max-age=\d+$/);
  const b = await gw.app.inject({ url: '/v1/search?q=oil', headers: { 'if-none-match': etag } });
  t.equal(b.statusCode, 304);
  t.equal(b.body, '');
  const c = await gw.app.inject({ url: '/v1/search?q=marathon', headers: { 'if-none-match': etag } });
  t.equal(c.statusCode, 200, 'another query, another ETag');
});

t.test('search as RSS 2.0 and Atom, parsed back', async (t) => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'entry' || name === 'link' });
  const rss = await gw.app.inject({ url: '/v1/search.rss', query: { q: 'الكاظمي', limit: '10' } });
  t.equal(rss.statusCode, 200);
  t.match(rss.headers['content-type'], /^application\/rss\+xml/);
  t.equal(XMLValidator.validate(rss.body), true, 'well-formed XML');
  const r = parser.parse(rss.body);
  t.equal(r.rss['@_version'], '2.0');
  const items = r.rss.channel.item as Hit[];
  t.equal(items.length, 3);
  t.ok(items.some((i) => String(i.title).includes('الكاظمي') && i.link[0] === 'https://baghdad-today.example/ar-visit'), 'Arabic title survives');
  t.ok(items.every((i) => !Number.isNaN(Date.parse(i.pubDate))), 'RFC 822 dates');
  const times = items.map((i) => Date.parse(i.pubDate));
  t.same(times, [...times].sort((a, b) => b - a), 'newest first');

  const atom = await gw.app.inject({ url: '/v1/search.atom', query: { q: 'oil OR marathon' } });
  t.equal(atom.statusCode, 200);
  t.match(atom.headers['content-type'], /^application\/atom\+xml/);
  t.equal(XMLValidator.validate(atom.body), true);
  const a = parser.parse(atom.body);
  t.equal(a.feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
  t.ok(a.feed.id && a.feed.updated && a.feed.title, 'feed id, updated and title (required by Atom)');
  const entries = a.feed.entry as Hit[];
  t.equal(entries.length, 3);
  t.ok(entries.every((e) => e.id && e.updated && e.title), 'entries carry id, updated, title');
  const bad = await gw.app.inject({ url: '/v1/search.atom?bogus=1' });
  t.equal(bad.statusCode, 400, 'the same parameter validation');
});
