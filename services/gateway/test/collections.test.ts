import t from 'tap';
import { withArticles, HOUR } from './fixtures/build.ts';
import { createRedis, FeedRegistry } from '@akhbar/core';
import { createEsClient } from '@akhbar/search';
import { testEsUrl, testRedisUrl } from '@akhbar/testkit';
import { build } from '../src/app.ts';
import { ADMIN_TOKEN, admin, testGateway, type TestGateway } from './helpers.ts';

/**
 * Collections (Media Cloud's word): the categories feeds are filed under, searched as sets of
 * sources. Three feeds are registered through the API — two filed under "Iraq", one under
 * "Gulf" — and articles indexed under those feeds' ids, as ingest would.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'collections' });
});
t.teardown(async () => {
  await gw?.close();
});

async function register(url: string, category?: string): Promise<string> {
  const res = await gw.app.inject({ method: 'POST', url: '/v1/feeds', headers: admin, payload: { url, discover: false, ...(category ? { category } : {}) } });
  if (res.statusCode !== 201) throw new Error(`register ${url}: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

async function get(url: string, query: Record<string, string> = {}) {
  const res = await gw.app.inject({ method: 'GET', url, query });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

const ids = async (query: Record<string, string>) => ((await get('/v1/search', { limit: '100', ...query })).body.hits as Array<{ id: string }>).map((h) => h.id).sort();

t.test('a collection is its feeds\' sources: search, dashboards and coverage within it', async (t) => {
  const tigris = await register('https://tigris-daily.example/feed.xml', 'Iraq');
  const basra = await register('https://basra-voice.example/rss', 'Iraq');
  const gulf = await register('https://gulf-ledger.example/atom.xml', 'Gulf');
  const loose = await register('https://no-folder.example/feed.xml');
  const src = (id: string, domain: string) => ({ id, name: domain, domain });
  const [a1, a2, b1, g1, l1] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'tigris-power', lang: 'en', source: src(tigris, 'tigris-daily.example'), ageMs: 1 * HOUR, story: 's-power', title: 'Baghdad power grid strained by early heat', summary: 'Outages spread across the capital.', body: 'Outages spread across the capital as the early heat pushed demand past supply.' },
    { slug: 'tigris-budget', lang: 'ar', source: src(tigris, 'tigris-daily.example'), ageMs: 2 * HOUR, story: 's-budget', title: 'البرلمان يناقش الموازنة العامة', summary: 'جلسة مطولة حول أبواب الإنفاق.', body: 'عقد البرلمان جلسة مطولة لمناقشة أبواب الإنفاق في الموازنة العامة للعام المقبل.' },
    { slug: 'basra-port', lang: 'en', source: src(basra, 'basra-voice.example'), ageMs: 3 * HOUR, story: 's-port', title: 'Basra port expands its container terminal', summary: 'A new berth opens next month.', body: 'The port authority said a new berth for container ships opens next month in Basra.' },
    { slug: 'gulf-power', lang: 'en', source: src(gulf, 'gulf-ledger.example'), ageMs: 4 * HOUR, story: 's-gulf', title: 'Gulf grid links Kuwait to its neighbours', summary: 'Power trading starts this summer.', body: 'Power trading across the Gulf grid starts this summer, linking Kuwait to its neighbours.' },
    { slug: 'loose-power', lang: 'en', source: src(loose, 'no-folder.example'), ageMs: 5 * HOUR, story: 's-loose', title: 'Power prices fall in spring', summary: 'Lower demand eases prices.', body: 'Lower demand in spring eased power prices across the region.' },
  ]);

  const listed = (await get('/v1/collections')).body.collections as Array<{ name: string; sources: Array<{ id: string; url: string }> }>;
  t.same(listed.map((c) => [c.name, c.sources.map((s) => s.id).sort()]), [['Gulf', [gulf]], ['Iraq', [basra, tigris].sort()]], 'GET /v1/collections: each category with its feeds');

  t.same(await ids({ collection: 'Iraq' }), [a1!.id, a2!.id, b1!.id].sort(), "collection=Iraq: the articles of the Iraq feeds, in any language");
  t.same(await ids({ collection: 'iraq' }), await ids({ collection: 'Iraq' }), 'in any case');
  t.same(await ids({ collection: 'Iraq,Gulf' }), [a1!.id, a2!.id, b1!.id, g1!.id].sort(), 'several: all their sources');
  t.same(await ids({ collection: 'Iraq', q: 'power' }), [a1!.id], 'with a query');
  t.same(await ids({ collection: 'Iraq', source: tigris }), [a1!.id, a2!.id].sort(), 'with source: only the sources in both');
  t.same(await ids({ collection: 'Iraq', source: gulf }), [], 'a source outside the collection: nothing, not everything');
  t.notOk((await ids({ collection: 'Iraq,Gulf' })).includes(l1!.id), 'a feed without a category is in no collection');

  const top = (await get('/v1/stats/top', { field: 'sources', collection: 'Iraq' })).body.buckets as Array<{ key: string; count: number }>;
  t.same(Object.fromEntries(top.map((b) => [b.key, b.count])), { [tigris]: 2, [basra]: 1 }, 'dashboards take it too');
  const share = (await get('/v1/stats/timeline', { q: 'power', collection: 'Iraq', share: 'true', from: 'now-1d', interval: 'day' })).body;
  t.same([share.total, share.all], [1, 3], "a share of the collection's own coverage (Media Cloud's normalisation): 1 of its 3 articles");
  const rss = await gw.app.inject({ method: 'GET', url: '/v1/search.rss', query: { collection: 'Gulf' } });
  t.equal(rss.statusCode, 200);
  t.match(rss.body, /Gulf grid links Kuwait/, 'and search feeds');
  t.notMatch(rss.body, /Basra port/);

  const unknown = await get('/v1/search', { collection: 'Levant' });
  t.equal(unknown.status, 400, 'an unknown collection is a 400, not an empty page');
  t.equal(unknown.body.error?.param, 'collection');
  t.match(unknown.body.error?.message, /no collection named Levant \(there are: Gulf, Iraq\)/);
});

t.test('filing a feed elsewhere, removing it, importing an OPML folder: searches follow at once', async (t) => {
  const feed = await register('https://kuwait-times.example/feed.xml', 'Gulf');
  const before = ((await get('/v1/collections')).body.collections as Array<{ name: string; sources: Array<{ id: string }> }>).find((c) => c.name === 'Gulf');
  t.ok(before?.sources.some((s) => s.id === feed), 'a new feed is in its collection at once');
  const moved = await gw.app.inject({ method: 'PATCH', url: `/v1/feeds/${feed}`, headers: admin, payload: { category: 'Kuwait' } });
  t.equal(moved.statusCode, 200);
  const names = async () => ((await get('/v1/collections')).body.collections as Array<{ name: string }>).map((c) => c.name);
  t.ok((await names()).includes('Kuwait'), 'refiled: its new collection exists');
  t.equal((await get('/v1/search', { collection: 'Kuwait' })).status, 200);
  const removed = await gw.app.inject({ method: 'DELETE', url: `/v1/feeds/${feed}`, headers: admin });
  t.equal(removed.statusCode, 204);
  t.notOk((await names()).includes('Kuwait'), 'removed: a collection of no feeds is gone');

  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Levant desk</title></head><body>
    <outline text="Levant"><outline type="rss" text="Beirut Wire" xmlUrl="https://beirut-wire.example/rss"/><outline type="rss" text="Amman Post" xmlUrl="https://amman-post.example/feed"/></outline>
  </body></opml>`;
  const imported = await gw.app.inject({ method: 'POST', url: '/v1/feeds/import', headers: { ...admin, 'content-type': 'text/x-opml' }, payload: opml });
  t.equal(imported.statusCode, 200);
  const levant = ((await get('/v1/collections')).body.collections as Array<{ name: string; sources: Array<{ title?: string }> }>).find((c) => c.name === 'Levant');
  t.same(levant?.sources.map((s) => s.title).sort(), ['Amman Post', 'Beirut Wire'], "an OPML folder is a collection: the import keeps each feed's folder");

  // A folder whose name holds a comma is asked for quoted, as a CSV cell is.
  const gulfOpml = `<?xml version="1.0"?><opml version="2.0"><head><title>Gulf desk</title></head><body>
    <outline text="Bahrain, Qatar"><outline type="rss" text="Manama Mirror" xmlUrl="https://manama-mirror.example/rss"/></outline>
  </body></opml>`;
  t.equal((await gw.app.inject({ method: 'POST', url: '/v1/feeds/import', headers: { ...admin, 'content-type': 'text/x-opml' }, payload: gulfOpml })).statusCode, 200);
  t.equal((await get('/v1/search', { collection: '"bahrain, qatar",Levant' })).status, 200, 'collection="Bahrain, Qatar" (any case) in a list with another');
  const split = await get('/v1/search', { collection: 'Bahrain, Qatar' });
  t.equal(split.status, 400, 'unquoted, its comma makes two names');
  t.match(split.body.error?.message, /no collection named Bahrain \(there are: "Bahrain, Qatar", /, 'and the 400 writes the names as the parameter takes them');
});

t.test('a gateway started while its Redis connection is still opening knows the collections from its first request', async (t) => {
  // As main.ts starts it: build() right after createRedis, the producer connection not yet ready
  // (it runs no command while connecting). The demo's gateway once logged that it could not load them.
  const feed = await register('https://mosul-echo.example/feed.xml', 'Nineveh');
  const redis = createRedis(testRedisUrl(), 'producer');
  redis.on('error', () => undefined);
  t.not(redis.status, 'ready', 'the connection is still opening');
  const es = createEsClient(testEsUrl());
  const early = { app: await build({ es, redis, queuePrefix: gw.queuePrefix, indexPrefix: gw.indexPrefix, adminToken: ADMIN_TOKEN, rateLimitMax: 0 }) };
  t.teardown(async () => {
    await early.app.close();
    redis.disconnect();
    await es.close();
  });
  const listed = (await early.app.inject({ url: '/v1/collections' })).json() as { collections: Array<{ name: string; sources: Array<{ id: string }> }> };
  t.same(listed.collections.find((c) => c.name === 'Nineveh')?.sources.map((s) => s.id), [feed]);
  t.equal((await early.app.inject({ url: '/v1/search?collection=Nineveh' })).statusCode, 200);
});

t.test('an alert on a collection follows it: feeds filed there later count, feeds moved out or removed stop counting', async (t) => {
  // The alert's "test" delivery sends the newest article its stored query matches: what the
  // indexer would match a new article against.
  const newestMatch = async (id: string) => {
    const res = await gw.app.inject({ method: 'POST', url: `/v1/alerts/${id}/test`, headers: admin });
    return res.statusCode === 202 ? (res.json() as { article: { id: string } }).article.id : res.statusCode;
  };
  const oman = await register('https://muscat-herald.example/rss', 'Oman');
  const later = await register('https://sohar-courier.example/feed.xml');
  const src = (id: string, domain: string) => ({ id, name: domain, domain });
  const [older, newer] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'muscat-ferry', lang: 'en', source: src(oman, 'muscat-herald.example'), ageMs: 3 * HOUR, story: 's-ferry', title: 'Muscat ferry line adds a night crossing', summary: 'A second boat joins in May.', body: 'The ferry line between Muscat and Khasab adds a night crossing when a second boat joins in May.' },
    { slug: 'sohar-smelter', lang: 'en', source: src(later, 'sohar-courier.example'), ageMs: 1 * HOUR, story: 's-smelter', title: 'Sohar smelter hires for its new potline', summary: 'Four hundred jobs, most local.', body: 'The Sohar smelter is hiring four hundred workers for its new potline, most of them local.' },
  ]);
  const made = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'Oman desk', webhook: 'https://hooks.example/oman', query: { collection: 'Oman' } } });
  t.equal(made.statusCode, 201);
  const alert = (made.json() as { id: string }).id;
  t.equal(await newestMatch(alert), older!.id, 'at first: only the articles of the feed filed under Oman');

  t.equal((await gw.app.inject({ method: 'PATCH', url: `/v1/feeds/${later}`, headers: admin, payload: { category: 'Oman' } })).statusCode, 200);
  t.equal(await newestMatch(alert), newer!.id, 'a feed filed under Oman afterwards counts for the alert as soon as the PATCH answers');

  // Filed elsewhere behind this gateway's back (the CLI writes the registry): seen at the next reload.
  await new FeedRegistry(gw.redis, gw.queuePrefix).updateSettings(later, { category: 'Batinah' });
  await gw.app.collections.reload();
  t.equal(await newestMatch(alert), older!.id, 'moved out by someone else: it stops counting after the reload');

  t.equal((await gw.app.inject({ method: 'DELETE', url: `/v1/feeds/${oman}`, headers: admin })).statusCode, 204);
  t.equal(await newestMatch(alert), 422, 'its last feed removed: the alert matches nothing, rather than everything');
  const kept = (await gw.app.inject({ url: `/v1/alerts/${alert}`, headers: admin })).json() as { query: Record<string, string> };
  t.same(kept.query, { collection: 'Oman' }, 'and keeps its parameters: a feed filed under Oman again brings it back');
  t.equal((await gw.app.inject({ method: 'PATCH', url: `/v1/feeds/${later}`, headers: admin, payload: { category: 'oman' } })).statusCode, 200);
  t.equal(await newestMatch(alert), newer!.id, 'filed again (any case): it follows');
});
