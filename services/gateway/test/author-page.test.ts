import t from 'tap';
import { parseFeed } from '@akhbar/feeds';
import { KADHIMI, SOURCES, loadFixtures } from './fixtures/articles.ts';
import { HOUR, DAY, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { profileProbe, testGateway, type ProfileHit, type TestGateway } from './helpers.ts';

/**
 * An author's page (`/v1/authors/:name`, what media-monitoring tools sell as a journalist's
 * profile) against real Elasticsearch. Every figure is checked against what a search with author=
 * answers from the same index, so the page and the search it links to always agree.
 */
let gw: TestGateway;
const RANA: ArticleSpec[] = [
  { slug: 'rana-1', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: HOUR, story: 'rana-port', title: 'Basra port reopens after dredging', summary: 'Berths are open again.', body: 'The berths reopened after months of dredging.', author: 'Rana Haddad', entities: [KADHIMI], topics: ['economy'], tone: 1 },
  { slug: 'rana-2', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 2 * HOUR, story: 'rana-ships', title: 'Ships wait off Basra', summary: 'Agents wait.', body: 'Vessels waited offshore for a berth.', author: 'RANA HADDAD', topics: ['economy'], tone: -2 },
  { slug: 'rana-3', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 40 * DAY, story: 'rana-ar', title: 'ميناء البصرة يستأنف العمل', summary: 'عودة الأرصفة.', body: 'عادت الأرصفة إلى العمل بعد أشهر من الكري.', author: 'rana haddad', topics: ['economy'] },
  { slug: 'comma-1', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 3 * HOUR, story: 'comma-1', title: 'Dates harvest begins', summary: 'Farmers start early.', body: 'The harvest began early this year.', author: 'Saleh, Omar / Basra bureau' },
];

t.before(async () => {
  gw = await testGateway({ label: 'authorpage' });
  await loadFixtures(gw.indexPrefix, gw.es);
  await withArticles(t, gw.es, gw.indexPrefix, RANA);
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = ProfileHit;
const get = (url: string) => profileProbe(gw).get(url);
const searchOf = (params: Record<string, string>) => profileProbe(gw).searchOf(params);

t.test("an author's page: their articles in any case of the byline, counted as author= counts them", async (t) => {
  const { status, body } = await get(`/v1/authors/${encodeURIComponent('rana haddad')}`);
  t.equal(status, 200);
  t.same(body.author, { name: 'Rana Haddad' }, 'named as their newest article writes it');
  const all = await searchOf({ author: 'Rana Haddad' });
  t.equal(all.total, 3, 'the three articles, whatever the case of their byline');
  t.equal(body.total, all.total, 'as many articles as author= finds');
  t.equal(body.lastSeen, all.hits[0]!.publishedAt);
  t.equal(body.firstSeen, all.hits.at(-1)!.publishedAt);
  t.equal(body.last30Days, 2, 'two of them in the last 30 days');
  t.same(body.articles.map((a: Hit) => a.id), all.hits.slice(0, 5).map((h) => h.id), 'their newest articles');
  t.same(body.sources.map((b: { key: string; count: number }) => [b.key, b.count]), [[SOURCES.GULF_WIRE.id, 2], [SOURCES.BAGHDAD_TODAY.id, 1]], 'the outlets they write for, most articles first');
  t.same(body.langs.map((b: { key: string }) => b.key).sort(), ['ar', 'en'], 'in both languages');
  t.equal(body.tone, -0.5, 'the average tone of their toned articles');
  t.match(body.related.people, [{ key: KADHIMI, name: 'Mustafa al-Kadhimi', count: 1 }], 'the people they name');
});

t.test('filters narrow what is counted; a byline holding a comma and a slash has its page; unknown and bad names are coded', async (t) => {
  const en = await get(`/v1/authors/${encodeURIComponent('Rana Haddad')}?lang=en&articles=0`);
  t.equal(en.body.total, 2, 'lang=en: the English two');
  t.same(en.body.articles, []);
  const recent = await get(`/v1/authors/${encodeURIComponent('Rana Haddad')}?from=now-30d&lang=ar`);
  t.equal(recent.status, 200, 'an author with nothing matching still has a page');
  t.equal(recent.body.total, 0);
  t.same(recent.body.author, { name: 'Rana Haddad' }, 'named from their newest article at all');

  const odd = await get(`/v1/authors/${encodeURIComponent('saleh, omar / basra bureau')}`);
  t.equal(odd.status, 200);
  t.same(odd.body.author, { name: 'Saleh, Omar / Basra bureau' });
  t.equal(odd.body.total, (await searchOf({ author: '"Saleh, Omar / Basra bureau"' })).total, 'as the quoted author= counts it');
  t.equal(odd.body.total, 1);

  const none = await get(`/v1/authors/${encodeURIComponent('Nobody Here')}`);
  t.equal(none.status, 404);
  t.match(none.body, { error: { code: 'AKHBAR_NOT_FOUND' } });
  const long = await get(`/v1/authors/${'x'.repeat(129)}`);
  t.equal(long.status, 400);
  t.match(long.body, { error: { param: 'name' } });
  const blank = await get('/v1/authors/%20%20');
  t.equal(blank.status, 400);
  t.match(blank.body, { error: { param: 'name' } });
  const unknown = await get(`/v1/authors/${encodeURIComponent('Rana Haddad')}?sort=newest`);
  t.match(unknown.body, { error: { code: 'AKHBAR_UNKNOWN_PARAMETER', param: 'sort' } });
});

t.test('a path the router refuses gets the coded error every refusal gets: bad encoding, a segment past the limit', async (t) => {
  // An Arabic byline of 128 letters is 1 536 characters URL-encoded: within the limit, so a 404, not a refusal.
  const arabic = await get(`/v1/authors/${encodeURIComponent('ر'.repeat(128))}`);
  t.equal(arabic.status, 404, 'a long Arabic byline reaches the route');
  for (const [url, status, code] of [
    ['/v1/articles/%FF%FE', 400, 'AKHBAR_BAD_ENCODING'],
    ['/v1/authors/%E0%A4%A', 400, 'AKHBAR_BAD_ENCODING'],
    [`/v1/entities/${'x'.repeat(3000)}`, 414, 'AKHBAR_BAD_PARAMETER'],
  ] as const) {
    const res = await get(url);
    t.equal(res.status, status, url.slice(0, 40));
    t.match(res.body, { error: { code, message: String } }, `${code}, in the gateway's shape`);
    t.notOk(JSON.stringify(res.body).includes('xxxxxxxxxx'), 'the path is not echoed back');
  }
});

t.test('a co-written article counts for each name its byline gives: pages, author=, the top authors and the search feeds agree', async (t) => {
  const [alone, together, agency, arabic] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'layla-1', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: HOUR, story: 'layla-1', title: 'Mosul bridge opens to traffic', summary: 'Cars cross again.', body: 'The rebuilt bridge opened to cars.', author: 'Layla Nasser' },
    { slug: 'layla-2', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 2 * HOUR, story: 'layla-2', title: 'Tigris ferry service resumes', summary: 'Boats run hourly.', body: 'Ferries crossed the river every hour.', author: 'By Layla Nasser and Karim Aziz' },
    { slug: 'karim-1', lang: 'en', source: SOURCES.BAGHDAD_TODAY, ageMs: 3 * HOUR, story: 'karim-1', title: 'Wheat harvest starts in Nineveh', summary: 'Farmers begin early.', body: 'Combines moved into the fields of Nineveh.', author: 'Karim Aziz / Basra Wire' },
    { slug: 'karim-ar', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 4 * HOUR, story: 'karim-ar', title: 'بدء حصاد القمح في نينوى', summary: 'المزارعون يبدؤون مبكرا.', body: 'دخلت الحاصدات حقول نينوى.', author: 'بقلم: كريم عزيز، ليلى ناصر' },
  ]);
  const layla = await get(`/v1/authors/${encodeURIComponent('layla nasser')}`);
  t.equal(layla.status, 200);
  t.same(layla.body.author, { name: 'Layla Nasser' }, 'named as the byline writes the name, not the whole co-byline');
  t.same(layla.body.articles.map((a: Hit) => a.id), [alone!.id, together!.id], 'what she signed alone and with another');
  t.same(layla.body.authors.map((b: { key: string; name?: string; count: number }) => [b.name, b.count]), [['Karim Aziz', 1]], 'and who she writes with');

  const karim = await get(`/v1/authors/${encodeURIComponent('Karim Aziz')}`);
  t.same(karim.body.author, { name: 'Karim Aziz' });
  t.same(karim.body.articles.map((a: Hit) => a.id), [together!.id, agency!.id], "his co-written article and his agency's");
  const byFilter = await searchOf({ author: 'KARIM AZIZ' });
  t.same(byFilter.hits.map((h) => h.id), [together!.id, agency!.id], 'author= finds the same articles, in any case');
  t.same((byFilter.hits[0] as Hit & { authors?: string[] }).authors, ['Layla Nasser', 'Karim Aziz'], 'each hit lists the names');
  t.equal(byFilter.hits[0]!.author, 'By Layla Nasser and Karim Aziz', 'beside the byline as written');

  const arabicPage = await get(`/v1/authors/${encodeURIComponent('كريم عزيز')}`);
  t.same(arabicPage.body.articles.map((a: Hit) => a.id), [arabic!.id], 'an Arabic byline is split at its Arabic comma, its "بقلم:" left out');
  const top = (await get(`/v1/stats/top?field=authors&source=${SOURCES.BAGHDAD_TODAY.id}&from=now-5h`)).body as { buckets: Array<{ key: string; count: number; name?: string }> };
  t.same(top.buckets.map((b) => [b.name, b.count]).sort(), [['Basra Wire', 1], ['Karim Aziz', 1], ['كريم عزيز', 1], ['ليلى ناصر', 1]].sort(), 'the top authors count names, not bylines');

  const atom = await gw.app.inject({ url: `/v1/search.atom?author=${encodeURIComponent('Karim Aziz')}` });
  const feed = await parseFeed(Buffer.from(atom.body));
  t.same(feed.items.map((i) => i.author), ['Layla Nasser, Karim Aziz', 'Karim Aziz, Basra Wire'], 'the Atom feed names each writer (read back by the ingest parser)');
  const rss = await gw.app.inject({ url: `/v1/search.rss?author=${encodeURIComponent('Karim Aziz')}` });
  t.same((await parseFeed(Buffer.from(rss.body))).items.map((i) => i.author), ['Layla Nasser, Karim Aziz', 'Karim Aziz, Basra Wire'], 'and so does the RSS feed, one dc:creator each');
});

t.test('an author writing in two scripts: each page offers the other spelling (its consonants the same), not a different name', async (t) => {
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'rana-ar-script', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 5 * HOUR, story: 'rana-ar-script', title: 'عودة السفن إلى ميناء البصرة', summary: 'الأرصفة تعمل.', body: 'عادت السفن إلى الميناء.', author: 'رنا حداد' },
    { slug: 'rana-hamdan', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 6 * HOUR, story: 'rana-hamdan', title: 'افتتاح سوق جديد في الموصل', summary: 'السوق يفتح.', body: 'افتتح السوق.', author: 'رنا حمدان' },
  ]);
  const latin = await get(`/v1/authors/${encodeURIComponent('Rana Haddad')}`);
  t.same(latin.body.alsoWritten, [{ name: 'رنا حداد', count: 1 }], 'Rana Haddad: possibly also رنا حداد (not رنا حمدان)');
  const arabic = await get(`/v1/authors/${encodeURIComponent('رنا حداد')}`);
  t.same(arabic.body.alsoWritten, [{ name: 'Rana Haddad', count: 3 }], 'and the Arabic page the Latin spelling, as its newest article writes it, with its articles');
  t.same((await get(`/v1/authors/${encodeURIComponent('رنا حمدان')}`)).body.alsoWritten, [], 'a name with other consonants has none');
});
