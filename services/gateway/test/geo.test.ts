import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from '@akhbar/feeds';
import { gazetteer } from '@akhbar/nlp';
import { HOUR, indexArticles, enrichedFromSpec, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, admin, type TestGateway } from './helpers.ts';

/**
 * Where the news is: the near/bbox filters and the GeoJSON map, against real Elasticsearch over
 * articles about places the gazetteer puts on the map (each article is where the places and
 * countries it is about are).
 */

const MOSUL = 'Q161179';
const BASRA = 'Q48195';
const BAGHDAD = 'Q1530';
const BEIRUT = 'Q3820';
const WASHINGTON = 'Q61';
const PARIS = 'Q90';
const country = (iso: string) => gazetteer().country(iso)!.id;
const IRAQ = country('IQ');
const LEBANON = country('LB');

const WIRE = { id: 'fgeowire00000001', name: 'Geo Wire', domain: 'geowire.example', country: 'IQ' };
const PRESSE = { id: 'fgeopresse000001', name: 'Presse Géo', domain: 'presse-geo.example', country: 'FR' };

const SPECS: ArticleSpec[] = [
  {
    slug: 'ar-mosul-bridge', lang: 'ar', source: WIRE, ageMs: 2 * HOUR, story: 'geo-bridge', tone: 2,
    title: 'إعادة افتتاح الجسر القديم في الموصل بعد ترميمه',
    summary: 'الجسر يربط ضفتي دجلة من جديد.',
    body: 'افتتحت السلطات المحلية في الموصل الجسر القديم بعد أشهر من أعمال الترميم، وعادت حركة المارة بين ضفتي المدينة.',
    topics: ['society'], entities: [MOSUL, IRAQ], countries: ['IQ'],
  },
  {
    slug: 'en-mosul-bridge', lang: 'en', source: WIRE, ageMs: 3 * HOUR, story: 'geo-bridge', tone: 1,
    title: 'Old bridge in Mosul reopens after restoration',
    summary: 'Pedestrians cross the Tigris again in the city centre.',
    body: 'Local authorities in Mosul reopened the old bridge after months of restoration work, reconnecting the two banks of the city.',
    topics: ['society'], entities: [MOSUL, IRAQ], countries: ['IQ'],
  },
  {
    slug: 'fr-basra-port', lang: 'fr', source: PRESSE, ageMs: 4 * HOUR, story: 'geo-port', tone: 0.5,
    title: 'Le port de Bassora agrandit ses quais',
    summary: 'Deux nouveaux quais pour les porte-conteneurs.',
    body: 'Le port de Bassora inaugure deux nouveaux quais destinés aux porte-conteneurs, selon la direction du port.',
    topics: ['economy'], entities: [BASRA, IRAQ], countries: ['IQ'],
  },
  {
    slug: 'en-baghdad-washington', lang: 'en', source: WIRE, ageMs: 5 * HOUR, story: 'geo-talks', tone: -1,
    title: 'Baghdad and Washington resume energy talks',
    summary: 'Delegations meet to discuss electricity imports.',
    body: 'Officials from Baghdad travelled to Washington to resume talks on electricity imports and grid investment.',
    topics: ['politics'], entities: [BAGHDAD, WASHINGTON, IRAQ], countries: ['IQ', 'US'],
  },
  {
    slug: 'en-beirut-port', lang: 'en', source: WIRE, ageMs: 6 * HOUR, story: 'geo-beirut', tone: -2,
    title: 'Beirut port operators report record traffic',
    summary: 'Container volumes rose in the last quarter.',
    body: 'Operators at the port of Beirut reported record container traffic in the last quarter.',
    topics: ['economy'], entities: [BEIRUT, LEBANON], countries: ['LB'],
  },
  {
    slug: 'fr-paris-salon', lang: 'fr', source: PRESSE, ageMs: 7 * HOUR, story: 'geo-salon',
    title: 'Le salon du livre de Paris ouvre ses portes',
    summary: 'Des éditeurs venus de quarante pays.',
    body: 'Le salon du livre de Paris accueille cette année des éditeurs venus de quarante pays.',
    topics: ['arts'], entities: [PARIS], countries: ['FR'],
  },
  {
    slug: 'en-nowhere', lang: 'en', source: WIRE, ageMs: 8 * HOUR, story: 'geo-none',
    title: 'New study on sleep and memory',
    summary: 'Researchers followed volunteers for a year.',
    body: 'Researchers followed a group of volunteers for a year to study how sleep affects memory.',
    topics: ['science'],
  },
];

let gw: TestGateway;
const ids = new Map<string, string>();
t.before(async () => {
  gw = await testGateway({ label: 'geo' });
  const now = Date.now();
  const articles = SPECS.map((s) => enrichedFromSpec(s, `https://${s.source.domain}/${s.slug}`, now));
  for (const [i, a] of articles.entries()) ids.set(SPECS[i]!.slug, a.id);
  await indexArticles(gw.es, gw.indexPrefix, articles);
});
t.teardown(async () => {
  await gw?.close();
});

const GEORSS = 'http://www.georss.org/georss';
const atomXml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' });

const slugsOf = (hits: Array<{ id: string }>) => {
  const bySlug = new Map([...ids].map(([slug, id]) => [id, slug]));
  return hits.map((h) => bySlug.get(h.id)).sort();
};

async function get(url: string) {
  const res = await gw.app.inject({ url });
  return { res, body: res.json() as Record<string, any> };
}

async function searchSlugs(params: string) {
  const { res, body } = await get(`/v1/search?${params}`);
  if (res.statusCode !== 200) throw new Error(`${params}: ${res.statusCode} ${res.body}`);
  return slugsOf(body.hits);
}

t.test('near: articles about a place within the radius, the place given by point, id or any of its names', async (t) => {
  const mosul = ['ar-mosul-bridge', 'en-mosul-bridge'];
  t.same(await searchSlugs('near=Mosul&radius=100km'), mosul, 'by its English name');
  t.same(await searchSlugs(`near=${encodeURIComponent('الموصل')}&radius=100km`), mosul, 'by its Arabic name');
  t.same(await searchSlugs('near=Mossoul&radius=100km'), mosul, 'by its French name');
  t.same(await searchSlugs(`near=${MOSUL}&radius=100km`), mosul, 'by its id');
  t.same(await searchSlugs('near=36.34,43.13&radius=100km'), mosul, 'by latitude,longitude');
  t.same(await searchSlugs('near=36.34,43.13'), mosul, 'the default radius (50 km) holds a city');
  // Baghdad → Mosul ~350 km, Basra ~450 km, Beirut ~800 km.
  t.same(await searchSlugs('near=Baghdad&radius=600km'), ['ar-mosul-bridge', 'en-baghdad-washington', 'en-mosul-bridge', 'fr-basra-port']);
  t.same(await searchSlugs('near=Baghdad&radius=373mi'), ['ar-mosul-bridge', 'en-baghdad-washington', 'en-mosul-bridge', 'fr-basra-port'], 'miles');
  t.same(await searchSlugs('near=Baghdad&radius=900km'), ['ar-mosul-bridge', 'en-baghdad-washington', 'en-beirut-port', 'en-mosul-bridge', 'fr-basra-port']);
  t.same(await searchSlugs('near=Washington&radius=100km'), ['en-baghdad-washington'], 'an article is at each of its places');
  t.same(await searchSlugs('near=Lebanon&radius=100km'), ['en-beirut-port'], 'a country with a radius: around its centre');
  t.match((await get('/v1/search?near=Iraq')).body.error.message, /country=IQ/, 'a country without a radius: the filter meant is named');
  t.same(await searchSlugs('near=Mosul&radius=100km&lang=en'), ['en-mosul-bridge'], 'with the other filters');
  t.same(await searchSlugs(`near=Basra&radius=100km&q=${encodeURIComponent('quais')}`), ['fr-basra-port'], 'with a query');
});

t.test('near ranks the articles about the place before those that only mention it', async (t) => {
  // Newer than the Basra port report, about Baghdad, with Basra named in passing.
  const [passing] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'en-baghdad-grid', lang: 'en', source: WIRE, ageMs: HOUR / 2, story: 'geo-grid',
    title: 'Baghdad grid operator adds evening shifts',
    summary: 'Power cuts in the capital shorten.',
    body: 'The Baghdad grid operator added evening shifts to shorten power cuts in the capital; crews trained in Basra last year joined them.',
    topics: ['economy'], entities: [BAGHDAD, BASRA, IRAQ], countries: ['IQ'],
  }]);
  const port = ids.get('fr-basra-port')!;
  const order = async (params: string) => ((await get(`/v1/search?${params}`)).body.hits as Array<{ id: string }>).map((h) => h.id);
  t.same(await order('near=Basra'), [port, passing!.id], 'the report about Basra first, though older');
  t.same(await order('near=Basra&sort=newest'), [passing!.id, port], 'sort=newest still means newest');
  const baghdad = await order('near=Baghdad&radius=600km');
  t.same(baghdad.slice(0, 2), [passing!.id, ids.get('en-baghdad-washington')], 'near Baghdad, the reports about Baghdad first, the newer first');
  t.equal(baghdad.length, 5, 'then those about Mosul and Basra, within the radius');
  t.same(await order(`near=Basra&q=${encodeURIComponent('port OR Basra OR Bassora')}`), [port, passing!.id], 'with a query too');
  const first = (await get('/v1/search?near=Basra&limit=1')).body;
  t.same(first.hits.map((h: { id: string }) => h.id), [port], 'page 1');
  const next = (await get(`/v1/search?near=Basra&limit=1&cursor=${encodeURIComponent(first.nextCursor as string)}`)).body;
  t.same(next.hits.map((h: { id: string }) => h.id), [passing!.id], 'page 2 goes on in the same order');
});

t.test('an article its feed put on the map (GeoRSS) is found at its own point, named place or not', async (t) => {
  // A village no gazetteer knows: the feed's point is all there is to place it.
  const [quake] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'ar-halabja-tremor', lang: 'ar', source: WIRE, ageMs: HOUR, story: 'geo-tremor', geo: { lat: 35.18, lon: 45.99 },
    title: 'هزة أرضية خفيفة تضرب قرية جبلية شرق حلبجة',
    summary: 'لم تسجل أضرار.',
    body: 'شعر سكان قرية جبلية شرق حلبجة بهزة أرضية خفيفة فجر اليوم، ولم تسجل أي أضرار بحسب الدفاع المدني.',
    topics: ['society'],
  }]);
  const near = (await get('/v1/search?near=35.2,46.0&radius=10km')).body;
  t.same(near.hits.map((h: { id: string }) => h.id), [quake!.id], 'near its point, with no place named');
  t.same(near.hits[0].geo, { lat: 35.18, lon: 45.99 }, 'the hit carries the point');
  t.same((await get('/v1/search?bbox=45.5,35,46.5,35.5')).body.hits.map((h: { id: string }) => h.id), [quake!.id], 'inside a viewport');
  t.same((await get(`/v1/articles/${quake!.id}`)).body.geo, { lat: 35.18, lon: 45.99 }, 'and the article');
  const grid = (await get('/v1/stats/map?by=grid&zoom=6&bbox=45.5,35,46.5,35.5')).body;
  t.equal(grid.features.reduce((n: number, f: { properties: { count: number } }) => n + f.properties.count, 0), 1, 'the map\'s tiles count it');
  const rss = await gw.app.inject({ url: '/v1/search.rss?near=35.2,46.0&radius=10km' });
  t.match(rss.body, /<georss:point xmlns:georss="http:\/\/www\.georss\.org\/georss">35\.18 45\.99<\/georss:point>/, 'search.rss passes the point on as GeoRSS');
  t.equal(XMLValidator.validate(rss.body), true, 'and stays well-formed');
  const [again] = (await parseFeed(Buffer.from(rss.body))).items;
  t.same(again?.geo, { lat: 35.18, lon: 45.99 }, 'another Akhbar subscribed to this search reads the point back');
  const atom = await gw.app.inject({ url: '/v1/search.atom?near=35.2,46.0&radius=10km' });
  t.equal(XMLValidator.validate(atom.body), true, 'search.atom stays well-formed');
  const atomBack = await parseFeed(Buffer.from(atom.body));
  t.equal(atomBack.format, 'atom');
  t.same(atomBack.flags, [], 'read without repair');
  t.same(atomBack.items.map((i) => i.geo), [{ lat: 35.18, lon: 45.99 }], 'search.atom passes the point on as GeoRSS too');
  const entry = atomXml.parse(atom.body).feed.entry[0];
  t.equal(entry['georss:point']?.['#text'], '35.18 45.99', 'as <georss:point> in its <entry>');
  t.equal(entry['georss:point']?.['@_xmlns:georss'] ?? atomXml.parse(atom.body).feed['@_xmlns:georss'], GEORSS, 'its prefix bound to the GeoRSS namespace');
  const mosul = (await get('/v1/search?near=Mosul&radius=100km')).body.hits as Array<{ geo?: unknown }>;
  t.ok(mosul.length > 0 && mosul.every((h) => h.geo === undefined), 'an article its feed gave no point has no geo');
});

t.test('search.atom: each entry carries its own point and one without a point none, whatever its title and summary hold', async (t) => {
  // Titles and summaries written to break a writer that edits the feed's text: the end of an
  // entry, a GeoRSS point of their own, a CDATA end, markup and entities.
  const hostile = '</entry><georss:point>1 1</georss:point></entry></feed>';
  const [zakho, sinjar] = await withArticles(t, gw.es, gw.indexPrefix, [
    {
      slug: 'en-zakho-flood', lang: 'en', source: WIRE, ageMs: HOUR, story: 'geo-zakho', geo: { lat: 37.14, lon: 42.68 },
      title: `Flood "warning" <b>near</b> Zakho & Duhok ]]> ${hostile}`,
      summary: `Rain <i>&amp;</i> snowmelt ${hostile}`,
      body: 'The river rose overnight near Zakho after days of rain and snowmelt in the mountains.',
      topics: ['society'],
    },
    {
      slug: 'en-sinjar-road', lang: 'en', source: WIRE, ageMs: 90 * 60_000, story: 'geo-sinjar', geo: { lat: 36.32, lon: 41.87 },
      title: `<entry> Sinjar road reopens </entry>`,
      summary: 'Traffic resumes <georss:point>2 2</georss:point>.',
      body: 'The road to Sinjar reopened to traffic after repairs.',
      topics: ['society'],
    },
  ]);
  // Zakho, Sinjar (their own points) and Mosul (named, no point of its own).
  const atom = await gw.app.inject({ url: '/v1/search.atom?bbox=41.5,36,43.5,37.5' });
  t.equal(atom.statusCode, 200);
  t.equal(XMLValidator.validate(atom.body), true, 'well-formed');
  const back = await parseFeed(Buffer.from(atom.body));
  t.same(back.flags, [], 'read without repair');
  const pointOf = new Map(back.items.map((i) => [i.link, i.geo]));
  t.same([...pointOf.keys()].sort(), [zakho!.url, sinjar!.url, 'https://geowire.example/ar-mosul-bridge', 'https://geowire.example/en-mosul-bridge'].sort(), 'one entry each');
  t.same(pointOf.get(zakho!.url), { lat: 37.14, lon: 42.68 }, 'each its own point');
  t.same(pointOf.get(sinjar!.url), { lat: 36.32, lon: 41.87 });
  t.equal(pointOf.get('https://geowire.example/en-mosul-bridge'), undefined, 'an article without a point has none');
  t.equal(pointOf.get('https://geowire.example/ar-mosul-bridge'), undefined);
  const entries = atomXml.parse(atom.body).feed.entry as Array<Record<string, any>>;
  t.same(entries.map((e) => e['georss:point']?.['#text']).filter(Boolean).sort(), ['36.32 41.87', '37.14 42.68'], 'two <georss:point>, both from the articles');
  t.ok(back.items.find((i) => i.link === zakho!.url)?.title.includes('Zakho & Duhok'), 'the title comes through');
});

t.test('the response says where near= searched and which place it took the name for', async (t) => {
  const named = (await get(`/v1/search?near=${encodeURIComponent('الموصل')}&radius=100km`)).body;
  t.match(named.near, { lat: 36.34, lon: 43.13, radiusKm: 100, place: { id: MOSUL, type: 'place', name: 'Mosul', names: { ar: 'الموصل', fr: 'Mossoul' } } });
  const point = (await get('/v1/search?near=36.3,43.1&radius=373mi')).body;
  t.same(point.near, { lat: 36.3, lon: 43.1, radiusKm: 600.285 }, 'a point names no place; miles in km');
  t.notOk('near' in (await get('/v1/search?q=port')).body, 'nothing without near');
  t.match((await get('/v1/stats/map?near=Basra&radius=100km')).body.near, { place: { id: BASRA } }, 'the map says it too');
});

t.test('bbox: articles about a place inside a map viewport, across the antimeridian too', async (t) => {
  const iraq = '38.7,29,48.8,37.4';
  t.same(await searchSlugs(`bbox=${iraq}`), ['ar-mosul-bridge', 'en-baghdad-washington', 'en-mosul-bridge', 'fr-basra-port']);
  t.same(await searchSlugs('bbox=-10,40,20,55'), ['fr-paris-salon'], 'western Europe');
  // From 100°E eastwards over the Pacific to 60°W: the Americas, not Europe or the Middle East.
  t.same(await searchSlugs('bbox=100,-60,-60,60'), ['en-baghdad-washington']);
  t.same(await searchSlugs('bbox=-180,-90,180,90&near=Beirut&radius=20km'), ['en-beirut-port'], 'both areas apply');
});

t.test('near and bbox filter the dashboards and the feeds alike', async (t) => {
  const top = await get('/v1/stats/top?field=sources&near=Baghdad&radius=600km');
  t.equal(top.res.statusCode, 200);
  t.same(top.body.buckets.map((b: { key: string; count: number }) => [b.key, b.count]).sort(), [[PRESSE.id, 1], [WIRE.id, 3]]);
  const timeline = await get('/v1/stats/timeline?bbox=-10,40,20,55&from=now-1d');
  t.equal(timeline.body.total, 1);
  const rss = await gw.app.inject({ url: '/v1/search.rss?near=Mosul&radius=100km' });
  t.equal(rss.statusCode, 200);
  t.equal((rss.body.match(/<item>/g) ?? []).length, 2);
});

t.test('a near or bbox that cannot be a place is a coded 400 naming it', async (t) => {
  const bad: Array<[string, string]> = [
    ['near=Atlantisville&radius=10km', 'near'],
    ['near=Iraq', 'near'],
    ['near=91,10', 'near'],
    ['near=10,181', 'near'],
    ['radius=10km', 'radius'],
    ['near=Mosul&radius=0km', 'radius'],
    ['near=Mosul&radius=30000km', 'radius'],
    ['near=Mosul&radius=10', 'radius'],
    ['near=Mosul&radius=-5km', 'radius'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=10,50,20,40', 'bbox'],
    ['bbox=190,0,10,10', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
  ];
  for (const [params, name] of bad) {
    const { res, body } = await get(`/v1/search?${params}`);
    t.equal(res.statusCode, 400, params);
    t.equal(body.error?.code, 'AKHBAR_BAD_PARAMETER', params);
    t.equal(body.error?.param, name, `${params}: names ${name}`);
  }
});

type Feature = { type: string; id: string; geometry: { type: string; coordinates: [number, number] }; bbox?: number[]; properties: Record<string, any> };

t.test('the map of places is GeoJSON: one point per place, at the place, most articles first', async (t) => {
  const { res, body } = await get('/v1/stats/map');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/geo\+json/);
  t.equal(body.type, 'FeatureCollection');
  t.equal(body.by, 'place');
  t.equal(body.total, SPECS.length, 'every matching article, those about no place too');
  const features = body.features as Feature[];
  const keys = features.map((f) => f.properties.key);
  t.equal(keys[0], MOSUL, 'Mosul has the most articles');
  t.same([...keys].sort(), [BAGHDAD, BASRA, BEIRUT, MOSUL, PARIS, WASHINGTON].sort(), 'places only: no country among them');
  const mosul = features[0]!;
  t.match(mosul, { type: 'Feature', id: MOSUL, geometry: { type: 'Point' }, properties: { key: MOSUL, count: 2, name: 'Mosul', type: 'place', country: 'IQ' } });
  const [lon, lat] = mosul.geometry.coordinates;
  t.ok(Math.abs(lon - 43.13) < 0.01 && Math.abs(lat - 36.34) < 0.01, `[longitude, latitude] order (${lon}, ${lat})`);
  t.notOk('names' in mosul.properties, 'no names unless asked for');

  const ar = (await get('/v1/stats/map?names=ar,fr&tone=true&limit=2')).body.features as Feature[];
  t.equal(ar.length, 2, 'limit');
  t.same(ar[0]!.properties.names, { ar: 'الموصل', fr: 'Mossoul' });
  t.equal(ar[0]!.properties.tone, 1.5, 'the average tone of its articles');
});

t.test('the map counts only what stands inside the area searched', async (t) => {
  // The Baghdad article also names Washington; on a map of Iraq, Washington is not a point.
  const iraq = (await get('/v1/stats/map?bbox=38.7,29,48.8,37.4')).body;
  t.same(iraq.features.map((f: Feature) => [f.properties.key, f.properties.count]).sort(), [[BAGHDAD, 1], [BASRA, 1], [MOSUL, 2]].sort());
  t.equal(iraq.total, 4);
  const sea = (await get('/v1/stats/map?bbox=-40,-40,-20,-20')).body;
  t.same(sea.features, [], 'no known place in the South Atlantic');
  t.equal(sea.total, 0);
  const near = (await get('/v1/stats/map?near=Mosul&radius=100km')).body;
  t.same(near.features.map((f: Feature) => f.properties.key), [MOSUL]);
});

t.test('the map by country: the countries the articles are about, at their centre', async (t) => {
  const { res, body } = await get('/v1/stats/map?by=country&names=ar');
  t.equal(res.statusCode, 200);
  const byKey = new Map((body.features as Feature[]).map((f) => [f.properties.key, f]));
  t.same([...byKey.keys()].sort(), ['FR', 'IQ', 'LB', 'US']);
  t.match(byKey.get('IQ'), { id: 'IQ', properties: { count: 4, type: 'country', name: 'Iraq', names: { ar: 'العراق' } } });
  const [lon, lat] = byKey.get('IQ')!.geometry.coordinates;
  t.ok(lon > 38 && lon < 49 && lat > 29 && lat < 38, 'a point inside Iraq');
  const lebanon = (await get('/v1/stats/map?by=country&near=Beirut&radius=200km')).body.features as Feature[];
  t.same(lebanon.map((f) => f.properties.key), ['LB'], 'within an area, the countries whose centre is in it');
});

t.test('the map by grid: slippy-map tiles with their articles, each tile a point and its box', async (t) => {
  const { body } = await get('/v1/stats/map?by=grid&zoom=4');
  t.equal(body.by, 'grid');
  t.equal(body.zoom, 4);
  const features = body.features as Feature[];
  for (const f of features) {
    t.match(f.properties.key, /^4\/\d+\/\d+$/);
    const [w, s, e, n] = f.bbox!;
    const [lon, lat] = f.geometry.coordinates;
    t.ok(w < lon && lon < e && s < lat && lat < n, `${f.id}: its point is inside its tile`);
  }
  const containing = (lon: number, lat: number) => features.find((f) => f.bbox![0] <= lon && lon <= f.bbox![2] && f.bbox![1] <= lat && lat <= f.bbox![3]);
  t.ok(containing(2.35, 48.86), 'a tile over Paris');
  t.ok(containing(-77.04, 38.9), 'a tile over Washington');
  const beirutTile = containing(35.5, 33.89)!;
  t.ok(beirutTile.properties.count >= 1);
  const world = (await get('/v1/stats/map?by=grid&zoom=0')).body.features as Feature[];
  t.equal(world.length, 1, 'zoom 0: one tile, the world');
  t.equal(world[0]!.properties.count, SPECS.length - 1, 'every article about a place');
  const europe = (await get('/v1/stats/map?by=grid&zoom=4&bbox=-10,40,20,55')).body.features as Feature[];
  t.ok(europe.length >= 1 && europe.every((f) => f.bbox![2] > -10 && f.bbox![0] < 20 && f.bbox![3] > 40 && f.bbox![1] < 55), 'tiles of the box only');
  t.equal((await get('/v1/stats/map?by=grid&zoom=16')).res.statusCode, 400, 'zoom above 15');
});

t.test('an alert can watch an area', async (t) => {
  const res = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'Mosul', webhook: 'https://hooks.example/mosul', query: { near: 'Mosul', radius: '100km' } } });
  t.equal(res.statusCode, 201, res.body);
  const bad = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'Nowhere', webhook: 'https://hooks.example/x', query: { near: 'Atlantisville' } } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().error.message, /near/);
});
