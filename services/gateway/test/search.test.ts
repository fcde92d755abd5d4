import { connect } from 'node:net';
import t from 'tap';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlToText, parseFeed } from '@akhbar/feeds';
import { KADHIMI, BAGHDAD, WASHINGTON, FIXTURE_COUNT, SOURCES, idOf, loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { uniqueQueuePrefix } from '@akhbar/testkit';
import { build } from '../src/app.ts';
import { testGateway, type TestGateway } from './helpers.ts';
import { strictXmlProblems } from './strict-xml.ts';

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

/** Status of a request sent as raw bytes over TCP (inject() would re-encode the URL). */
async function rawStatus(path: string): Promise<number> {
  const address = await gw.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = new URL(address);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(port), '127.0.0.1', () => {
      sock.write(Buffer.concat([Buffer.from('GET '), Buffer.from(path, 'latin1'), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]));
    });
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    sock.on('error', reject);
  });
}
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
  t.same(en.entities.find((e: Hit) => e.id === KADHIMI), { id: KADHIMI, type: 'person', name: 'Mustafa al-Kadhimi' }, 'entities are listed with id, type and display name, and no more unless asked');
  t.equal(ar?.dir, 'rtl');
});

t.test('names= adds entity names in the languages asked for (the UI labels entities in its own language)', async (t) => {
  const kadhimi = async (p: Record<string, string>) => {
    const { res, body } = await search({ q: 'Washington', ...p });
    t.equal(res.statusCode, 200);
    return body.hits.find((h) => h.id === idOf('en-visit'))!.entities.find((e: Hit) => e.id === KADHIMI);
  };
  t.same((await kadhimi({ names: 'ar' })).names, { ar: 'مصطفى الكاظمي' }, 'one language');
  t.same((await kadhimi({ names: 'en,ar' })).names, { en: 'Mustafa al-Kadhimi', ar: 'مصطفى الكاظمي' }, 'two');
  t.match((await kadhimi({ names: 'all' })).names, { en: 'Mustafa al-Kadhimi', ar: 'مصطفى الكاظمي', fr: 'Moustafa al-Kazimi' }, 'every language');
  t.notOk('names' in (await kadhimi({ names: 'zu' })), 'no names map when the entity has none in that language');
  const { body } = await search({ q: 'الكاظمي' });
  t.match(body.expandedEntities.find((e) => e.id === KADHIMI), { names: { fr: 'Moustafa al-Kazimi' } }, 'the entities a query expanded to always carry their names');
  const bad = await search({ names: 'Arabic!' });
  t.match(bad.body, { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'names' } }, 'a malformed names is a coded 400 naming it');
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

t.test('in=title|summary|body: where the words must be; a named entity must then be named there too', async (t) => {
  const ids = async (q: Record<string, string>) => (await search({ ...q, limit: '100' })).body.hits.map((h) => h.id).sort();
  const visit = ['ar-visit', 'en-visit', 'fr-visit'].map(idOf);
  t.same(await ids({ q: 'Kadhimi' }), [...visit].sort(), 'everywhere: the three articles tagged with him');
  // Only the Arabic headline names him (الكاظمي, one of his aliases); the English and French ones
  // say "Iraqi premier" / "chef du gouvernement irakien".
  t.same(await ids({ q: 'Kadhimi', in: 'title' }), [idOf('ar-visit')], 'a Latin-script name finds the Arabic headline that names him');
  t.same(await ids({ q: 'الكاظمي', in: 'title' }), [idOf('ar-visit')]);
  const arTitle = (await search({ q: 'Kadhimi', in: 'title' })).body.hits[0]?.highlight.title;
  t.match(arTitle, /<mark>الكاظمي<\/mark>/, 'the alias the headline uses is marked');
  t.same(await ids({ q: 'Kadhimi', in: 'body' }), [...visit].sort(), 'every body names him, in its own language');
  t.same(await ids({ q: 'timetable', in: 'title' }), []);
  t.same(await ids({ q: 'timetable', in: 'summary' }), [idOf('en-visit')]);
  const inSummary = (await search({ q: 'timetable', in: 'summary' })).body.hits[0];
  t.match(inSummary?.highlight.body?.[0], /discuss a <mark>timetable<\/mark>/, 'the summary is marked (it has no language field)');
  t.same(await ids({ q: 'timetable', in: 'title,body' }), [idOf('en-visit')]);
  const hit = (await search({ q: 'Washington', in: 'title', lang: 'en' })).body.hits.find((h) => h.id === idOf('en-visit'));
  t.match(hit?.highlight.title, /<mark>Washington<\/mark>/);
  t.notOk(hit?.highlight.body, 'nothing marked where the words were not asked to be');
  const tl = (await gw.app.inject({ url: '/v1/stats/timeline?q=Kadhimi&in=title&from=now-1d' })).json();
  t.equal(tl.total, 1, 'the dashboards take in= too');
  const bad = await search({ q: 'Kadhimi', in: 'headline' });
  t.equal(bad.res.statusCode, 400);
  t.match(bad.body, { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'in' } });
});

t.test('excludeDomain and excludeSource leave those sources out', async (t) => {
  const langs = async (q: Record<string, string>) => (await search({ ...q, limit: '100' })).body.hits.map((h) => h.lang).sort();
  t.same(await langs({ q: 'Kadhimi', excludeDomain: 'gulfwire.example' }), ['ar', 'fr']);
  t.same(await langs({ q: 'Kadhimi', excludeDomain: 'WWW.GulfWire.example,monde-arabe.example' }), ['ar'], 'as domain=: case and www. do not matter');
  t.same(await langs({ q: 'Kadhimi', excludeSource: SOURCES.BAGHDAD_TODAY.id }), ['en', 'fr']);
  const all = (await search({ limit: '100' })).body.total;
  const without = (await search({ limit: '100', excludeDomain: 'gulfwire.example' })).body.hits;
  t.ok(without.length > 0 && without.length < all && without.every((h) => h.source.domain !== 'gulfwire.example'), 'without q too');
  const top = (await gw.app.inject({ url: `/v1/stats/top?field=sources&excludeSource=${SOURCES.GULF_WIRE.id}` })).json();
  t.notOk(top.buckets.some((b: { key: string }) => b.key === SOURCES.GULF_WIRE.id), 'and in the dashboards');
});

t.test('author= and category= find a byline\'s or a section\'s articles, in any case, as the top authors and categories list them', async (t) => {
  const [byHaddad, alsoHaddad, byOther, byBureau] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'by-haddad-1', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 5 * HOUR, story: 'story-bylines-1', author: 'Rana Haddad', categories: ['Ports', 'Basra'], title: 'Basra port reopens after dredging', summary: 'Ships return to the southern port.', body: 'The port of Basra reopened to container ships after months of dredging work in the channel.' },
    { slug: 'by-haddad-2', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 6 * HOUR, story: 'story-bylines-2', author: 'Rana Haddad', title: 'افتتاح جسر جديد في الموصل', summary: 'الجسر يربط ضفتي المدينة.', body: 'افتتحت السلطات جسرا جديدا في الموصل يربط ضفتي نهر دجلة بعد سنتين من العمل.' },
    { slug: 'by-other', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 7 * HOUR, story: 'story-bylines-3', author: 'Karim Nasser', categories: ['BASRA'], title: 'Date harvest falls short in Basra', summary: 'Growers blame the heat.', body: 'Date growers around Basra said the harvest fell short of last year after a summer of extreme heat.' },
    { slug: 'by-bureau', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 8 * HOUR, story: 'story-bylines-4', author: 'Omar Saleh, Basra bureau', title: 'Fishermen return to the Shatt al-Arab', summary: 'Salt levels fell after the rains.', body: 'Fishermen went back to the Shatt al-Arab this week as salt levels fell after heavy rains upstream.' },
  ]);
  const ids = async (q: Record<string, string>) => (await search({ ...q, limit: '100' })).body.hits.map((h) => h.id).sort();
  t.same(await ids({ author: 'Rana Haddad' }), [byHaddad!.id, alsoHaddad!.id].sort(), 'every language the byline wrote in');
  t.same(await ids({ author: 'RANA HADDAD' }), [byHaddad!.id, alsoHaddad!.id].sort(), 'case does not matter');
  t.same(await ids({ author: 'Rana Haddad,Karim Nasser', q: 'Basra' }), [byHaddad!.id, byOther!.id].sort(), 'a comma list is OR, and q still applies');
  t.same(await ids({ author: 'Rana' }), [], 'a byline is matched whole, not word by word');
  const hit = (await search({ author: 'karim nasser' })).body.hits[0];
  t.equal(hit?.author, 'Karim Nasser', 'hits carry the byline as written');
  const top = (await gw.app.inject({ url: '/v1/stats/top?field=authors' })).json() as { buckets: Array<{ key: string; count: number; name?: string }> };
  t.same(top.buckets, [{ key: 'rana haddad', count: 2, name: 'Rana Haddad' }, { key: 'basra bureau', count: 1, name: 'Basra bureau' }, { key: 'karim nasser', count: 1, name: 'Karim Nasser' }, { key: 'omar saleh', count: 1, name: 'Omar Saleh' }], 'the top authors: each name a byline gives counted in any case, named as written');
  t.same(await ids({ author: top.buckets[0]!.key }), [byHaddad!.id, alsoHaddad!.id].sort(), 'a top-authors key filters back to that byline');
  // A byline holding a comma is quoted, as a CSV cell is; unquoted, its comma separates two names.
  t.same(await ids({ author: '"Omar Saleh, Basra bureau"' }), [byBureau!.id], 'a quoted byline, whole, finds it');
  t.same(await ids({ author: 'karim nasser, "omar saleh, basra bureau"' }), [byOther!.id, byBureau!.id].sort(), 'in a list with others, in any case');
  t.same(await ids({ author: 'Omar Saleh' }), [byBureau!.id], 'so does one of the names it gives');
  t.same(await ids({ author: 'Omar Saleh, Basra bureau' }), [byBureau!.id], 'unquoted: either of its two names');
  t.same((await search({ author: 'omar saleh' })).body.hits[0]?.authors, ['Omar Saleh', 'Basra bureau'], 'hits carry the names the byline gives');
  for (const [bad, says] of [['"Omar Saleh, Basra bureau', /no closing quote/], ['"Omar Saleh" Basra', /text after a quoted value/]] as const) {
    const { res, body } = await search({ author: bad });
    t.equal(res.statusCode, 400, `${bad}: a 400`);
    t.match(body, { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'author', message: says } }, 'naming the parameter and what is wrong');
  }
  const categories = (await gw.app.inject({ url: '/v1/stats/top?field=categories' })).json() as { buckets: Array<{ key: string; count: number; name?: string }> };
  t.same(categories.buckets, [{ key: 'basra', count: 2, name: 'Basra' }, { key: 'ports', count: 1, name: 'Ports' }], 'categories too, named as the newest article gives them');
  t.same(await ids({ category: 'basra' }), [byHaddad!.id, byOther!.id].sort(), 'category= filters by them, in any case');
  t.same(await ids({ category: 'Ports,Nothing', author: 'Karim Nasser' }), [], 'with other filters: AND');
  const share = (await gw.app.inject({ url: '/v1/stats/timeline?q=Basra&author=Rana%20Haddad&share=true&interval=day&from=now-2d' })).json() as { buckets: Array<{ count: number; all: number }> };
  t.same([share.buckets.reduce((n, b) => n + b.count, 0), share.buckets.reduce((n, b) => n + b.all, 0)], [1, 2], 'share=true measures the byline\'s own coverage');
  const rss = await gw.app.inject({ url: '/v1/search.rss?author=Karim%20Nasser' });
  t.equal((rss.body.match(/<item>/g) ?? []).length, 1, 'and search feeds');
  const csv = parse((await gw.app.inject({ url: '/v1/search.csv?author=Karim%20Nasser&bom=false' })).body, { columns: true }) as Array<Record<string, string>>;
  t.same(csv.map((r) => r.author), ['Karim Nasser'], 'and the CSV export, with the byline in its column');
});

t.test('hasImage=true finds the articles with a picture (each hit carries it); false the others', async (t) => {
  const [pictured, plain] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'img-ferry', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 2 * HOUR, story: 'story-img-1', image: 'https://gulfwire.example/img/ferry.jpg', title: 'Karbala pilgrims crowd the new station', summary: 'Trains run every hour.', body: 'Pilgrims crowded the new Karbala railway station as trains began running every hour.' },
    { slug: 'img-none', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 3 * HOUR, story: 'story-img-2', title: 'Karbala hotels fill ahead of the pilgrimage', summary: 'Rooms are scarce.', body: 'Hotels in Karbala filled up ahead of the pilgrimage, with rooms scarce across the city.' },
  ]);
  const ids = async (q: Record<string, string>) => (await search({ q: 'Karbala', ...q, limit: '100' })).body.hits.map((h) => h.id).sort();
  t.same(await ids({}), [pictured!.id, plain!.id].sort(), 'both match the words');
  t.same(await ids({ hasImage: 'true' }), [pictured!.id], 'with a picture');
  t.same(await ids({ hasImage: 'false' }), [plain!.id], 'without one');
  t.equal((await search({ q: 'Karbala', hasImage: 'true' })).body.hits[0]?.image, 'https://gulfwire.example/img/ferry.jpg', 'its picture on the hit');
  const bad = await search({ hasImage: 'yes' });
  t.equal(bad.res.statusCode, 400);
  t.match(bad.body, { error: { param: 'hasImage' } });
});

t.test('query language: phrases, OR, NOT, -exclude, prefix*', async (t) => {
  const ids = async (q: string) => (await search({ q, limit: '100' })).body.hits.map((h) => h.id).sort();
  t.same(await ids('"output cuts"'), [idOf('en-oil')]);
  t.same(await ids('"cuts output"'), [], 'a phrase keeps its word order');
  t.same(await ids('marathon OR heatwave'), [idOf('en-marathon'), idOf('en-heat')].sort());
  const notTroops = [idOf('ar-visit'), idOf('fr-visit')].sort();
  t.same(await ids('Washington NOT troops'), notTroops, 'NOT excludes (only the English article says troops)');
  t.same(await ids('Washington -troops'), notTroops);
  t.same(await ids('Washington -"combat troops"'), notTroops, 'an excluded phrase, written against its quote');
  t.same(await ids('Washington NOT "combat troops"'), notTroops);
  t.same(await ids('maratho*'), [idOf('en-marathon')]);
  t.same(await ids('مهرجا*'), [idOf('ar-film')], 'prefix on Arabic');
  t.same(await ids('أسعار النفط'), [idOf('ar-oil')], 'Arabic words with hamza forms match');
});

t.test('proximity: a phrase\'s ~N finds its words at most N positions apart, in any language', async (t) => {
  const ids = async (q: string) => (await search({ q, limit: '100' })).body.hits.map((h) => h.id).sort();
  // Its summary: "… a timetable for combat troops": two words between them.
  t.same(await ids('"timetable troops"'), [], 'as a phrase, not next to each other');
  t.same(await ids('"timetable troops"~2'), [idOf('en-visit')], '~2: close enough');
  t.same(await ids('"timetable troops"~1'), [], '~1: too far apart');
  t.same(await ids('"غادر صباح"~5'), [idOf('ar-visit')], 'Arabic: غادر … صباح, five positions apart');
  t.same(await ids('"غادر صباح"~4'), []);
  t.same(await ids('"timetable troops"~2 OR marathon'), [idOf('en-visit'), idOf('en-marathon')].sort(), 'with the other operators');
  t.same(await ids('"timetable troops"~2 -Kadhimi'), [], 'and an excluded name');
  t.same(await ids('timetabel~2'), [], 'after a word, ~ is no fuzzy match (a costly expansion)');
  const far = await search({ q: '"timetable troops"~101' });
  t.equal(far.res.statusCode, 400);
  t.match(far.body, { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'q', message: /up to 100/ } }, 'N is at most 100');
});

t.test('cross-lingual: an entity named in any script finds articles tagged with it in every language', async (t) => {
  // Latin, Arabic, Persian, Cyrillic and Han script, Russian inflected ("with al-Kadhimi").
  for (const q of ['Kadhimi', 'الكاظمي', 'al-Kazimi', 'مصطفی کاظمی', 'Казыми', 'Мустафой аль-Казыми', 'Mustafa el-Kazımi', '卡迪米', '穆斯塔法·卡迪米']) {
    const { body } = await search({ q, limit: '100' });
    t.same(body.hits.map((h) => h.lang).sort(), ['ar', 'en', 'fr'], `${q} → ar, en, fr`);
    t.same(body.expandedEntities.map((e) => e.id), [KADHIMI], `${q} is reported as expanded to the entity`);
  }
  const { body } = await search({ q: 'الكاظمي calendrier' });
  t.same(body.hits.map((h) => h.id), [idOf('fr-visit')], 'the rest of the query must still match');
  const neg = await search({ q: 'Washington -Kadhimi', limit: '100' });
  t.same(neg.body.hits, [], 'an excluded name leaves out the articles tagged with it, whatever their language');
  t.same((await search({ q: 'Kadhimi OR marathon', limit: '100' })).body.hits.length, 4, 'expansion inside an OR-branch');
  // Elasticsearch reads operators left to right: "a OR b c" is "(a OR b) c", and so does the
  // expansion — the French article names him al-Kazimi, and only it says calendrier.
  const grouped = await search({ q: '(الكاظمي OR marathon) calendrier', limit: '100' });
  t.same(grouped.body.hits.map((h) => h.id), [idOf('fr-visit')], 'expansion inside a group, the rest of the query still applied');
  t.same(grouped.body.expandedEntities.map((e) => e.id), [KADHIMI]);
  t.same((await search({ q: 'الكاظمي OR marathon calendrier', limit: '100' })).body.hits.map((h) => h.id), [idOf('fr-visit')], 'without the parentheses: the same reading');
  t.same((await search({ q: 'marathon calendrier OR الكاظمي', limit: '100' })).body.hits.length, 3, '"a b OR c" is "(a b) OR c": every article tagged with him');
  t.same(neg.body.expandedEntities.map((e) => e.id), [WASHINGTON], 'an excluded name is not expanded');
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
  // The same walk by the Link header (RFC 8288): each page links the next, the last links none.
  const linked: string[] = [];
  let url: string | undefined = '/v1/search?q=market&limit=5&sort=newest';
  while (url) {
    const res = await gw.app.inject({ url });
    linked.push(...(res.json() as SearchBody).hits.map((h) => h.id));
    const link = res.headers.link as string | undefined;
    t.equal(link === undefined, (res.json() as SearchBody).nextCursor === null, 'a Link header exactly when there is a next page');
    const next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    if (link) t.ok(next?.startsWith('http://localhost/v1/search?q=market&limit=5&sort=newest&cursor='), `absolute, with the query as given (${next ?? link})`);
    url = next ? new URL(next).pathname + new URL(next).search : undefined;
  }
  t.equal(linked.length, 23, 'following the links: every hit');
  t.equal(new Set(linked).size, 23, 'each once');
  // Behind a proxy under a path (AKHBAR_PUBLIC_URL with one), the link keeps the path.
  const proxied = await build({ es: gw.es, redis: gw.redis, queuePrefix: uniqueQueuePrefix('search-link'), indexPrefix: gw.indexPrefix, publicUrl: 'https://news.example/akhbar/' });
  t.teardown(() => proxied.close());
  const behind = await proxied.inject({ url: '/v1/search?q=market&limit=5' });
  t.match(behind.headers.link, /^<https:\/\/news\.example\/akhbar\/v1\/search\?q=market&limit=5&cursor=[^>]+>; rel="next"$/, 'under the public URL, its path kept');

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

t.test('collapse=story&prefer=: each story shown by its article in the reader\'s language, same stories in the same order', async (t) => {
  const q = { q: 'Washington OR Bagdad OR marathon', collapse: 'story', limit: '100' };
  const plain = (await search(q)).body;
  const visitOf = (b: SearchBody) => b.hits.find((h) => h.story.id === 'story-visit')!;
  for (const [prefer, slug] of [['ar', 'ar-visit'], ['fr', 'fr-visit'], ['en', 'en-visit'], ['de,fr', 'fr-visit'], ['fr,ar', 'fr-visit'], ['ar,fr', 'ar-visit']] as const) {
    const { res, body } = await search({ ...q, prefer });
    t.equal(res.statusCode, 200);
    t.equal(visitOf(body).id, idOf(slug), `prefer=${prefer}`);
    t.same(body.hits.map((h) => h.story.id), plain.hits.map((h) => h.story.id), `prefer=${prefer}: the same stories in the same order`);
    t.equal(body.stories, plain.stories);
    t.equal(body.total, plain.total);
    t.equal(visitOf(body).story.size, 3);
  }
  const ar = visitOf((await search({ ...q, prefer: 'ar' })).body);
  t.match(ar.highlight.title, /<mark>/, 'the article shown in the preferred language has its highlights');
  t.equal(visitOf((await search({ ...q, prefer: 'de' })).body).id, visitOf(plain).id, 'a language the story lacks: its best match');
  const onlyEn = (await search({ ...q, lang: 'en', prefer: 'ar' })).body;
  t.ok(onlyEn.hits.every((h) => h.lang === 'en'), 'prefer never overrides lang=');
  const bad = await search({ q: 'Washington', prefer: 'ar' });
  t.equal(bad.res.statusCode, 400);
  t.match(bad.res.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'prefer' } });
  const p1 = (await search({ q: 'market OR oil', collapse: 'story', limit: '10' })).body;
  const p2 = (await search({ q: 'market OR oil', collapse: 'story', limit: '10', prefer: 'ar', cursor: p1.nextCursor! }));
  t.equal(p2.res.statusCode, 200, 'switching the preferred language keeps paging');
});

t.test('story= pages through a whole story across its languages, charts it and exports it', async (t) => {
  const visit = ['ar-visit', 'en-visit', 'fr-visit'].map(idOf);
  const oldest = (await search({ story: 'story-visit', sort: 'oldest', limit: '2', facets: 'langs,sources' })).body;
  t.equal(oldest.total, 3, 'every article of the story');
  t.same(oldest.hits.map((h) => h.id), [idOf('fr-visit'), idOf('en-visit')], 'oldest first');
  t.same(oldest.facets!.langs!.map((b) => b.key).sort(), ['ar', 'en', 'fr'], 'its languages as a facet');
  t.equal(oldest.facets!.sources!.length, 3);
  const rest = (await search({ story: 'story-visit', sort: 'oldest', limit: '2', cursor: oldest.nextCursor! })).body;
  t.same(rest.hits.map((h) => h.id), [idOf('ar-visit')], 'the cursor walks on to its newest');
  t.equal(rest.nextCursor, null);
  const two = (await search({ story: 'story-visit,story-oil', limit: '100' })).body;
  t.same(new Set(two.hits.map((h) => h.story.id)), new Set(['story-visit', 'story-oil']), 'several stories at once');
  t.equal(two.total, 5);
  t.same((await search({ story: 'story-visit', q: 'Washington', lang: 'en' })).body.hits.map((h) => h.id), [idOf('en-visit')], 'with the other filters and the query');
  t.equal((await search({ story: 'no-such-story' })).body.total, 0);
  const timeline = await gw.app.inject({ method: 'GET', url: '/v1/stats/timeline', query: { story: 'story-visit', interval: 'hour', split: 'lang', from: 'now-1d' } });
  t.equal(timeline.statusCode, 200, 'its timeline by language');
  const perLang: Record<string, number> = {};
  for (const b of (timeline.json() as { buckets: Array<{ split?: Record<string, number> }> }).buckets) for (const [l, n] of Object.entries(b.split ?? {})) perLang[l] = (perLang[l] ?? 0) + n;
  t.same(perLang, { ar: 1, en: 1, fr: 1 }, 'one article in each language, each in its hour');
  const csv = await gw.app.inject({ method: 'GET', url: '/v1/search.csv', query: { story: 'story-visit' } });
  t.equal(csv.statusCode, 200);
  t.equal(csv.body.trim().split('\n').length, 1 + visit.length, 'its CSV: a header and its three articles');
  const bad = await search({ story: 'not a story id' });
  t.equal(bad.res.statusCode, 400);
  t.match(bad.body, { error: { param: 'story' } });
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

t.test('articles the language fields cannot highlight get highlights from the neutral fields', async (t) => {
  // Polish has no analyzer of its own (only the neutral fields), and the English article says
  // "desalination" only in its separate summary: the search's language-field highlights miss both.
  const source = SOURCES.GULF_WIRE;
  const extra = await withArticles(t, gw.es, gw.indexPrefix, [
    {
      slug: 'pl-blackout', lang: 'pl', source, ageMs: 5 * HOUR, story: 'story-pl-blackout',
      title: 'Awaria prądu w Basrze przy upale ponad pięćdziesięciu stopni',
      summary: 'Sieć elektryczna miasta znów zawodzi.',
      body: 'Wielogodzinne przerwy w dostawach prądu zostawiły całe dzielnice miasta bez wentylatorów i zimnej wody.',
    },
    {
      slug: 'en-water', lang: 'en', source, ageMs: 7 * HOUR, story: 'story-water',
      title: 'Basra opens a new water plant on the Shatt al-Arab',
      summary: 'The desalination plant is meant to end the summer shortages.',
      body: 'Officials cut the ribbon on Tuesday; the plant should supply a third of the city by next year.',
    },
  ]);
  const followUps = async () => {
    const text = (await gw.app.inject({ url: '/metrics' })).body;
    return Number(/akhbar_es_request_duration_seconds_count\{[^}]*op="search_highlight",outcome="ok"\}\s+(\d+)/.exec(text)?.[1] ?? 0);
  };
  const before = await followUps();
  const pl = (await search({ q: 'prądu wentylatorów' })).body.hits.find((h) => h.id === extra[0]!.id);
  t.equal(pl?.lang, 'pl');
  t.match(pl?.highlight.title, /<mark>prądu<\/mark>/);
  t.match(pl?.highlight.body?.[0], /<mark>wentylatorów<\/mark>/);
  const en = (await search({ q: 'desalination' })).body.hits.find((h) => h.id === extra[1]!.id);
  t.match(en?.highlight.body?.[0], /The <mark>desalination<\/mark> plant/, 'the summary is marked when the body does not say it');
  t.equal(await followUps(), before + 2, 'one follow-up request per search that needed it');
  t.match((await search({ q: 'runners' })).body.hits[0]?.highlight.body?.[0], /<mark>runners<\/mark>/);
  t.equal(await followUps(), before + 2, 'none when every hit is highlighted in its own language');
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
  t.equal(await rawStatus('/v1/search?q=\xff\xfe'), 400, 'raw bytes that are not UTF-8 → 400');
  const repeated = await gw.app.inject({ url: '/v1/search?lang=ar&lang=fr&q=Washington' });
  t.equal(repeated.statusCode, 200, 'a repeated list parameter is joined');
  t.same((repeated.json() as SearchBody).hits.map((h) => h.lang).sort(), ['ar', 'fr']);
  const res = await gw.app.inject({ url: '/v1/search?limit=1e9' });
  t.notMatch(res.body, /at .*\.ts:\d+/, 'no stack trace');
  const sort = await search({ sort: 'popular' });
  t.equal((sort.res.json() as { error?: { message?: string } }).error?.message, "parameter 'sort' must be one of: relevance, newest, oldest, negative, positive, indexed, edited", 'a choice says what the choices are');
  const field = (await gw.app.inject({ url: '/v1/stats/top?field=colours' })).json() as { error: { message: string } };
  t.match(field.error.message, /^parameter 'field' must be one of: topics, entities, .*sources/, 'on every route');
  const list = (await search({ facets: 'topics,colours' })).res.json() as { error: { message: string; param: string } };
  t.same(list.error, { code: 'AKHBAR_BAD_PARAMETER', param: 'facets', message: "parameter 'facets' takes one or more of: topics, entities, sources, langs, countries (comma-separated)" }, 'a comma list of choices says what they are, not its pattern');
  t.equal(((await search({ edited: 'headline' })).res.json() as { error: { message: string } }).error.message, "parameter 'edited' takes one or more of: title, summary, body, any (comma-separated)");
});

t.test('a search that finds nothing because of a misspelt word offers the query that finds something ("did you mean")', async (t) => {
  const meant = async (params: Record<string, string>) => {
    const { res, body } = await search(params);
    t.equal(res.statusCode, 200);
    return { total: body.total, didYouMean: (body as { didYouMean?: { q: string; total: number } }).didYouMean };
  };
  const latin = await meant({ q: 'marathn' });
  t.equal(latin.total, 0, 'the misspelt word finds nothing');
  t.same(latin.didYouMean, { q: 'marathon', total: 1 }, 'the word the articles use, with what it finds');
  const arabic = (await meant({ q: 'وشنطن' })).didYouMean;
  t.equal(arabic?.q, 'واشنطن', 'Arabic: the missing alef put back');
  t.equal(arabic?.total, (await meant({ q: 'واشنطن' })).total, 'and its total is what that query finds (Washington in every language, as the name is an entity)');
  t.same((await meant({ q: 'électons' })).didYouMean, { q: 'élections', total: 1 }, 'spelt as the article spells it (the index holds the folded "elections")');
  t.same((await meant({ q: '"Baghdad maraton" -oil' })).didYouMean, { q: '"Baghdad marathon" -oil', total: 1 }, 'only the misspelt word changes: phrase, exclusion and the other words stay');
  t.notOk((await meant({ q: 'marathn', lang: 'ar' })).didYouMean, 'nothing offered when the corrected query finds nothing under the same filters either');
  t.notOk((await meant({ q: 'zqxjvwk' })).didYouMean, 'nor when no word is near');
  const found = await meant({ q: 'marathon' });
  t.ok(found.total > 0 && found.didYouMean === undefined, 'a search that finds something is not second-guessed');
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
  t.same(entries.map((e) => e.link[0]['@_href']).sort(), ['https://gulfwire.example/en-marathon', 'https://gulfwire.example/en-oil']);
  t.ok(entries.every((e) => e.id && e.updated && e.title), 'entries carry id, updated, title');
  const bad = await gw.app.inject({ url: '/v1/search.atom?bogus=1' });
  t.equal(bad.statusCode, 400, 'the same parameter validation');
});

t.test('search.rss and search.atom: one article whose text XML cannot hold as it is takes no other down, and reads back as written but for what XML does not allow', async (t) => {
  // Text such as a JSON Feed can bring in: CDATA ends, controls, a lone surrogate, non-characters,
  // markup and entities in plain text. Next to it, an Arabic article with right-to-left marks.
  const source = { id: 'fxmlhostile00001', name: 'Wire &amp; Co\u000b', domain: 'hostile-wire.example' };
  const title = 'Rates <b>up</b>]]> twice ]]> at AT&T &amp; co\u000b\ud800\ufffe\uffff end';
  const summary = 'Three ]]> ]]> ]]> ends, <i>markup</i> &amp;\u0001 \uffffok';
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-hostile-rates', lang: 'en', source, ageMs: HOUR, story: 'xml-hostile', title, summary, body: 'Central banks raised rates again this week.', topics: ['economy'] },
    { slug: 'ar-rtl-oil', lang: 'ar', source: { ...source, name: 'وكالة الأنباء' }, ageMs: 2 * HOUR, story: 'xml-rtl', title: 'خبر\u200f عاجل: النفط يرتفع', summary: 'ارتفعت أسعار\u200f النفط اليوم.', body: 'ارتفعت أسعار النفط اليوم في الأسواق.', topics: ['economy'] },
    { slug: 'en-calm-markets', lang: 'en', source, ageMs: 3 * HOUR, story: 'xml-calm', title: 'Markets calm after the vote', summary: 'Trading was quiet.', body: 'Trading was quiet on the exchanges.', topics: ['economy'] },
  ]);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'item' || n === 'entry' });
  for (const format of ['rss', 'atom'] as const) {
    const url = `/v1/search.${format}?source=${source.id}`;
    const res = await gw.app.inject({ url });
    t.equal(res.statusCode, 200, format);
    t.same(strictXmlProblems(res.body), [], `${format}: well-formed for a strict XML parser`);
    t.equal(XMLValidator.validate(res.body), true, `${format}: and for XMLValidator`);
    const again = await gw.app.inject({ url });
    t.ok(again.body === res.body && again.headers.etag === res.headers.etag, `${format}: the same bytes and ETag the next time`);
    const back = await parseFeed(Buffer.from(res.body));
    t.same(back.flags, [], `${format}: read without repair`);
    t.same(back.items.map((i) => i.link), ['https://hostile-wire.example/en-hostile-rates', 'https://hostile-wire.example/ar-rtl-oil', 'https://hostile-wire.example/en-calm-markets'], `${format}: every item there`);
    t.same(back.items.map((i) => i.title), ['Rates <b>up</b>]]> twice ]]> at AT&T &amp; co end', 'خبر\u200f عاجل: النفط يرتفع', 'Markets calm after the vote'], `${format}: each title as written (markup and entities as text, RLM kept), the invalid characters removed`);
    t.same(back.items.map((i) => htmlToText(i.html ?? '')), ['Three ]]> ]]> ]]> ends, <i>markup</i> &amp; ok', 'ارتفعت أسعار\u200f النفط اليوم.', 'Trading was quiet.'], `${format}: each summary too`);
    const doc = parser.parse(res.body);
    const authors = format === 'rss' ? (doc.rss.channel.item as Hit[]).map((i) => i.author) : (doc.feed.entry as Hit[]).map((e) => e.author.name);
    t.same(authors, ['Wire &amp; Co', 'وكالة الأنباء', 'Wire &amp; Co'], `${format}: the source name as XML text, exactly`);
    // The query is the feed's title. (A query with a control character is refused, one with a
    // non-character is not.)
    const asked = await gw.app.inject({ url: `/v1/search.${format}?source=${source.id}&q=${encodeURIComponent('rates\uffff AT&amp;T')}` });
    t.equal(asked.statusCode, 200);
    t.same(strictXmlProblems(asked.body), [], `${format}: a query with U+FFFF: well-formed`);
    const feed = parser.parse(asked.body);
    t.equal(format === 'rss' ? feed.rss.channel.title : feed.feed.title, 'Akhbar — rates AT&amp;T', `${format}: the query in the feed title as XML text, without the U+FFFF`);
  }
});

t.test('articles, related articles and stories', async (t) => {
  const one = await gw.app.inject({ url: `/v1/articles/${idOf('ar-visit')}` });
  t.equal(one.statusCode, 200);
  t.match(one.json(), { id: idOf('ar-visit'), lang: 'ar', dir: 'rtl', body: /مصطفى الكاظمي/, story: { id: 'story-visit', size: 3 }, countries: ['IQ', 'US'] });
  t.equal((await gw.app.inject({ url: '/v1/articles/doesnotexist' })).statusCode, 404);
  t.equal((await gw.app.inject({ url: '/v1/articles/bad%20id' })).statusCode, 400);

  const related = (await gw.app.inject({ url: `/v1/articles/${idOf('en-visit')}/related?limit=5` })).json().hits as Hit[];
  t.ok(related.length > 0);
  t.notOk(related.some((h) => h.id === idOf('en-visit')), 'not the article itself');
  t.same(related.slice(0, 2).map((h) => h.story.id), ['story-visit', 'story-visit'], 'the same story in other languages first (shared entities)');
  const outside = (await gw.app.inject({ url: `/v1/articles/${idOf('en-visit')}/related?excludeStory=true` })).json().hits as Hit[];
  t.notOk(outside.some((h) => h.story.id === 'story-visit'), 'excludeStory leaves the story out');

  const story = await gw.app.inject({ url: '/v1/stories/story-visit' });
  t.equal(story.statusCode, 200);
  const s = story.json();
  t.equal(s.size, 3);
  t.same(s.articles.map((a: Hit) => a.lang), ['fr', 'en', 'ar'], 'oldest first');
  t.equal(s.firstSeen, s.articles[0].publishedAt);
  t.same(s.sources.map((x: Hit) => x.name).sort(), ['Baghdad Today', 'Gulf Wire', 'Le Monde arabe']);
  t.same(s.langs.map((l: Hit) => l.key).sort(), ['ar', 'en', 'fr']);
  t.equal((await gw.app.inject({ url: '/v1/stories/story-none' })).statusCode, 404);

  // names= works wherever hits are listed, as on /v1/search.
  const kadhimiIn = (hit: Hit | undefined) => hit?.entities.find((e: Hit) => e.id === KADHIMI);
  t.same(kadhimiIn(one.json())?.names, undefined, 'an article without names= has none');
  t.same(kadhimiIn((await gw.app.inject({ url: `/v1/articles/${idOf('ar-visit')}?names=fr` })).json())?.names, { fr: 'Moustafa al-Kazimi' }, 'an article with names=fr');
  const relatedNamed = (await gw.app.inject({ url: `/v1/articles/${idOf('en-visit')}/related?limit=5&names=ar` })).json().hits as Hit[];
  t.same(kadhimiIn(relatedNamed.find((h) => h.story.id === 'story-visit'))?.names, { ar: 'مصطفى الكاظمي' }, 'related hits with names=ar');
  const storyNamed = (await gw.app.inject({ url: '/v1/stories/story-visit?names=en' })).json().articles as Hit[];
  t.same(kadhimiIn(storyNamed[0])?.names, { en: 'Mustafa al-Kadhimi' }, 'story articles with names=en');
});

t.test('several articles by id in one request, and the article of a page by its URL', async (t) => {
  const many = await gw.app.inject({ url: `/v1/articles?ids=${idOf('fr-visit')},nosuchid,${idOf('ar-visit')}&names=ar` });
  t.equal(many.statusCode, 200);
  const body = many.json() as { articles: Array<Record<string, any>>; missing: string[] };
  t.same(body.articles.map((a) => a.id), [idOf('fr-visit'), idOf('ar-visit')], 'the articles found, in the order asked');
  t.same(body.missing, ['nosuchid'], 'and the ids not in the index');
  t.match(body.articles[1], { lang: 'ar', body: /مصطفى الكاظمي/, story: { id: 'story-visit', size: 3 } }, 'each as /v1/articles/:id shows it');
  t.same(body.articles[1]!.entities.find((e: { id: string }) => e.id === KADHIMI)?.names, { ar: 'مصطفى الكاظمي' }, 'names= too');

  const page = async (url: string) => (await gw.app.inject({ url: '/v1/articles', query: { url } })).json() as { articles: Array<{ id: string }>; missing: string[] };
  t.same((await page('https://baghdad-today.example/ar-visit')).articles.map((a) => a.id), [idOf('ar-visit')], 'a page found by its URL');
  t.same((await page('HTTPS://Baghdad-Today.example/ar-visit?utm_source=newsletter&fbclid=abc#comments')).articles.map((a) => a.id), [idOf('ar-visit')], 'whatever its case, tracking parameters and fragment');
  t.same(await page('https://baghdad-today.example/not-here'), { articles: [], missing: ['https://baghdad-today.example/not-here'] }, 'a page not in the index: missing, not an error');

  for (const [query, param] of [['', 'ids'], [`ids=${idOf('ar-visit')}&url=https://a.example/`, 'url'], ['url=ftp://files.example/x', 'url'], ['url=not%20a%20url', 'url'], ['ids=a%20b', 'ids']] as const) {
    const res = await gw.app.inject({ url: `/v1/articles?${query}` });
    t.equal(res.statusCode, 400, `${query || '(nothing)'} → 400`);
    t.match(res.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param } });
  }
  const tooMany = await gw.app.inject({ url: `/v1/articles?ids=${Array.from({ length: 101 }, (_, i) => `a${i}`).join(',')}` });
  t.equal(tooMany.statusCode, 400, 'at most 100 ids');
});

t.test('suggest completes titles and entity names in any language', async (t) => {
  const title = (await gw.app.inject({ url: '/v1/suggest?prefix=Heatw' })).json().suggestions as Hit[];
  t.match(title[0], { kind: 'title', text: /^Heatwave grips/, articleId: idOf('en-heat') });
  const ar = (await gw.app.inject({ url: `/v1/suggest?prefix=${encodeURIComponent('مصطفى')}` })).json().suggestions as Hit[];
  t.ok(ar.some((s) => s.kind === 'entity' && s.entity.id === KADHIMI && s.text === 'مصطفى الكاظمي'), 'an Arabic entity name');
  const entityText = async (prefix: string, id: string) => {
    const list = (await gw.app.inject({ url: `/v1/suggest?prefix=${encodeURIComponent(prefix)}` })).json().suggestions as Hit[];
    const found = list.filter((s) => s.kind === 'entity' && s.entity.id === id);
    t.ok(found.length <= 1, `${prefix}: each entity once`);
    return found[0]?.text;
  };
  t.equal(await entityText('Kadh', KADHIMI), 'Mustafa al-Kadhimi', 'a surname completes the whole name');
  t.equal(await entityText('الكاظ', KADHIMI), 'مصطفى الكاظمي', 'in Arabic too');
  t.equal(await entityText('Bag', BAGHDAD), 'Baghdad', 'shown in the main spelling when that is what is being typed');
  t.equal(await entityText('Bagd', BAGHDAD), 'Bagdad', 'and in the spelling being typed otherwise');
  t.equal((await gw.app.inject({ url: '/v1/suggest' })).statusCode, 400, 'prefix is required');
  t.equal((await gw.app.inject({ url: `/v1/suggest?prefix=${'x'.repeat(101)}` })).statusCode, 400);
});

t.test('timeline, top values, trending, sources', async (t) => {
  const tl = (await gw.app.inject({ url: '/v1/stats/timeline?from=now-3d&to=now&interval=day&split=lang' })).json();
  t.equal(tl.interval, 'day');
  t.equal(tl.buckets.reduce((n: number, b: Hit) => n + b.count, 0), tl.total, 'buckets add up to the total');
  t.ok(tl.buckets.length >= 3 && tl.buckets.length <= 5, 'one bucket per day, empty days included');
  t.ok(tl.buckets.some((b: Hit) => b.split?.ar >= 1 && b.split?.en >= 1), 'split by language');
  const bySource = (await gw.app.inject({ url: '/v1/stats/timeline?q=Kadhimi&from=now-3d&interval=day&split=sourceCountry' })).json();
  const perSourceCountry: Record<string, number> = {};
  for (const b of bySource.buckets as Hit[]) for (const [c, n] of Object.entries(b.split ?? {})) perSourceCountry[c] = (perSourceCountry[c] ?? 0) + (n as number);
  t.same(perSourceCountry, { IQ: 1, AE: 1, FR: 1 }, 'split by where the sources are: the visit as Baghdad, the Gulf and Paris reported it');
  const auto = (await gw.app.inject({ url: '/v1/stats/timeline?q=Kadhimi&from=now-1d' })).json();
  t.equal(auto.interval, 'hour', 'auto picks hours for a day');
  t.equal(auto.total, 3, 'search filters and expansion apply');
  const tooMany = await gw.app.inject({ url: '/v1/stats/timeline?from=2000-01-01&interval=hour' });
  t.equal(tooMany.statusCode, 400);
  t.equal(tooMany.json().error.param, 'interval');
  t.equal((await gw.app.inject({ url: '/v1/stats/timeline?tz=Mars/Olympus' })).statusCode, 400);

  const top = (await gw.app.inject({ url: '/v1/stats/top?field=entities&limit=3' })).json();
  t.match(top.buckets[0], { key: BAGHDAD, name: 'Baghdad', count: 5 });
  const topSources = (await gw.app.inject({ url: '/v1/stats/top?field=sources&lang=ar' })).json();
  t.same(topSources.buckets, [{ key: SOURCES.BAGHDAD_TODAY.id, count: 3, name: 'Baghdad Today', domain: 'baghdad-today.example' }]);
  t.equal((await gw.app.inject({ url: '/v1/stats/top?field=password' })).statusCode, 400);

  const tr = (await gw.app.inject({ url: '/v1/trending?window=5h&background=60d' })).json();
  t.equal(tr.total, 3, 'the three visit articles are in the last 5 hours');
  t.equal(tr.entities[0]?.key, KADHIMI, 'Kadhimi is the trending entity (only in the window; Baghdad is everywhere)');
  t.equal(tr.entities[0]?.name, 'Mustafa al-Kadhimi');
  t.ok(tr.terms.every((x: Hit) => !['the', 'for', 'to', 'à'].includes(x.key)), 'function words are not trends');
  const bad = await gw.app.inject({ url: '/v1/trending?window=30d&background=7d' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.param, 'background');

  const src = (await gw.app.inject({ url: '/v1/sources' })).json().sources as Hit[];
  t.same(src.map((s) => s.name).sort(), ['Baghdad Today', 'Gulf Wire', 'Le Monde arabe', 'Maghreb Post']);
  t.match(src.find((s) => s.id === SOURCES.MONDE_ARABE.id), { articles: 1, langs: ['fr'], domain: 'monde-arabe.example', latestAt: String });
});
