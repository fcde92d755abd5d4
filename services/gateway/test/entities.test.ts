import t from 'tap';
import { KADHIMI, BAGHDAD, WASHINGTON, SOURCES, idOf, loadFixtures } from './fixtures/articles.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * Entities in the news: an entity's page and the name lookup, against real Elasticsearch over the
 * hand-written fixtures (Kadhimi's visit to Washington in Arabic, English and French; Baghdad in
 * five articles).
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'entities' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

async function get(url: string) {
  const res = await gw.app.inject({ url });
  return { res, body: res.json() as Record<string, any> };
}
const keys = (buckets: Array<{ key: string }>) => buckets.map((b) => b.key).sort();

t.test("an entity's page: who it is in every language, and its coverage", async (t) => {
  const { res, body } = await get(`/v1/entities/${KADHIMI}`);
  t.equal(res.statusCode, 200);
  t.match(body.entity, { id: KADHIMI, type: 'person', name: 'Mustafa al-Kadhimi', names: { ar: 'مصطفى الكاظمي', fr: 'Moustafa al-Kazimi' }, country: 'IQ' });
  t.notOk('wikidata' in body.entity, 'a slug id has no Wikidata page');
  t.equal(body.total, 3, 'the three reports of the visit');
  t.same(keys(body.langs), ['ar', 'en', 'fr']);
  t.same(keys(body.sources), [SOURCES.BAGHDAD_TODAY.id, SOURCES.GULF_WIRE.id, SOURCES.MONDE_ARABE.id].sort());
  t.ok(body.sources.every((s: { name?: string }) => typeof s.name === 'string' && s.name.length > 0), 'sources by name');
  t.same(keys(body.topics), ['politics']);
  t.equal(body.tone, -0.33, 'the average tone of the three');
  t.ok(Date.parse(body.firstSeen) < Date.parse(body.lastSeen));
  t.same(body.articles.map((a: { id: string }) => a.id), ['ar-visit', 'en-visit', 'fr-visit'].map(idOf), 'newest first');
  t.equal(body.articles[0].story.size, 3, 'each article with its story size');
  const places = body.related.places as Array<{ key: string; name: string; count: number }>;
  t.match(places.find((p) => p.key === BAGHDAD), { name: 'Baghdad', count: 3 });
  t.match(places.find((p) => p.key === WASHINGTON), { count: 3 });
  t.notOk((body.related.people as Array<{ key: string }>).some((p) => p.key === KADHIMI), 'not related to itself');
});

t.test('a place has its point and its Wikidata page; those named with it are related', async (t) => {
  const { body } = await get(`/v1/entities/${BAGHDAD}?limit=3&articles=2&names=ar`);
  t.match(body.entity, { id: BAGHDAD, type: 'place', name: 'Baghdad', country: 'IQ', wikidata: `https://www.wikidata.org/wiki/${BAGHDAD}` });
  t.ok(Math.abs(body.entity.location.lat - 33.31) < 0.1 && Math.abs(body.entity.location.lon - 44.37) < 0.1);
  t.equal(body.total, 5);
  t.equal(body.articles.length, 2, 'articles=');
  t.ok(body.topics.length <= 3, 'limit=');
  t.match(body.related.people, [{ key: KADHIMI, count: 3 }]);
  const kadhimi = body.articles.flatMap((a: { entities: Array<{ id: string; names?: Record<string, string> }> }) => a.entities).find((e: { id: string }) => e.id === KADHIMI);
  t.same(kadhimi?.names, { ar: 'مصطفى الكاظمي' }, 'names= on its articles');
  t.same(body.related.people[0].names, { ar: 'مصطفى الكاظمي' }, 'and on those named with it');
  t.notOk('names' in (await get(`/v1/entities/${BAGHDAD}`)).body.related.people[0], 'not unless asked for');
});

t.test('search filters narrow what is counted', async (t) => {
  t.equal((await get(`/v1/entities/${KADHIMI}?lang=ar`)).body.total, 1);
  t.equal((await get(`/v1/entities/${BAGHDAD}?topic=sport,arts`)).body.total, 2);
  t.equal((await get(`/v1/entities/${BAGHDAD}?from=now-1d`)).body.total, 3, 'the visit, not the marathon or the film');
  const none = (await get(`/v1/entities/${BAGHDAD}?lang=de`)).body;
  t.match(none, { total: 0, firstSeen: null, lastSeen: null, tone: null, articles: [], langs: [] });
  t.equal((await get(`/v1/entities/${KADHIMI}?q=${encodeURIComponent('انسحاب')}`)).body.total, 1, 'q: the Arabic report, which says withdrawal');
});

t.test('an entity nobody knows is a 404; a known one without articles is a page with none', async (t) => {
  const unknown = await get('/v1/entities/Q999999999');
  t.equal(unknown.res.statusCode, 404);
  t.equal(unknown.body.error.code, 'AKHBAR_NOT_FOUND');
  const paris = await get('/v1/entities/Q90');
  t.equal(paris.res.statusCode, 200);
  t.match(paris.body, { entity: { name: 'Paris', type: 'place' }, total: 0, articles: [] });
  t.equal((await get('/v1/entities/..%2Fetc')).res.statusCode, 400);
  t.equal((await get(`/v1/entities/${KADHIMI}?limit=1000`)).res.statusCode, 400);
});

t.test('a name in any language or spelling → the entities it names', async (t) => {
  for (const name of ['الكاظمي', 'al-Kazimi', 'Kadhimi']) {
    const { body } = await get(`/v1/entities?name=${encodeURIComponent(name)}`);
    t.match(body.entities, [{ id: KADHIMI, type: 'person', country: 'IQ' }], name);
  }
  const { body } = await get(`/v1/entities?name=${encodeURIComponent('Kadhimi in Bagdad')}`);
  t.same(body.entities.map((e: { id: string }) => e.id).sort(), [BAGHDAD, KADHIMI].sort(), 'every entity a text names');
  t.ok(body.entities.find((e: { id: string }) => e.id === BAGHDAD).location, 'places with their point');
  t.same((await get('/v1/entities?name=xyzzy')).body.entities, []);
  t.match((await get(`/v1/entities?name=${BAGHDAD}`)).body.entities, [{ id: BAGHDAD, name: 'Baghdad', names: { ar: 'بغداد' } }], 'an id, as near= takes it');
  t.equal((await get('/v1/entities')).res.statusCode, 400, 'name is required');
});

t.test("a person's offices and terms on the page; the lookup takes a title for whoever holds it today", async (t) => {
  const { body } = await get(`/v1/entities/${KADHIMI}`);
  t.same(body.entity.offices, [{
    office: 'iq-prime-minister', name: 'Prime Minister of Iraq',
    names: { en: 'Prime Minister of Iraq', ar: 'رئيس الوزراء العراقي', fr: 'Premier ministre irakien', fa: 'نخست‌وزیر عراق' },
    from: '2020-05-07', to: '2022-10-27',
  }]);
  t.notOk('offices' in (await get(`/v1/entities/${BAGHDAD}`)).body.entity, 'a place holds none');
  const found = (await get(`/v1/entities?name=${encodeURIComponent("Iraq's foreign minister")}`)).body.entities as Array<{ id: string; offices?: unknown[] }>;
  t.same(found.map((e) => e.id).sort(), ['Q796', 'fuad-hussein'].sort(), 'the country and the holder today (as the curated terms know them)');
  t.ok(found.find((e) => e.id === 'fuad-hussein')?.offices?.length, 'with the terms that make him so');
  t.same((await get(`/v1/entities?name=${encodeURIComponent('Kadhimi')}`)).body.entities.map((e: { id: string }) => e.id), [KADHIMI], 'a name is as before');
});
