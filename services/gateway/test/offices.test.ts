import t from 'tap';
import { SOURCES } from './fixtures/articles.ts';
import { withArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * Offices across their holders (office=, GET /v1/offices), against real Elasticsearch: "the Iraqi
 * prime minister" is Kadhimi's articles from his term and Sudani's from his, not Kadhimi's after it
 * nor Sudani's before. Articles written for this test, dated in each term.
 */
let gw: TestGateway;
const { BAGHDAD_TODAY: BT, GULF_WIRE: GW } = SOURCES;
const KADHIMI = 'mustafa-al-kadhimi';
const SUDANI = 'mohammed-shia-al-sudani';
const on = (day: string) => Date.now() - Date.parse(`${day}T09:00:00Z`);
const spec = (slug: string, day: string, entities: string[], title: string, lang = 'ar', source = BT): ArticleSpec => ({
  slug, lang, source, ageMs: on(day), story: slug, entities, countries: ['IQ'], title, summary: title, body: `${title}.`,
});
const ARTICLES: ArticleSpec[] = [
  spec('office-kadhimi-2021', '2021-03-01', [KADHIMI, 'Q796'], 'رئيس الوزراء العراقي يستقبل البابا في بغداد'),
  spec('office-kadhimi-2024', '2024-03-01', [KADHIMI, 'Q796'], 'الكاظمي يتحدث عن تجربته في الحكم'),
  spec('office-sudani-2023', '2023-06-01', [SUDANI, 'Q796'], 'Iraqi prime minister opens a new power station', 'en', GW),
  spec('office-sudani-2021', '2021-06-01', [SUDANI, 'Q796'], 'Labour minister al-Sudani visits Basra', 'en', GW),
  spec('office-none', '2023-07-01', ['Q796'], 'Baghdad traffic eases after a bridge reopens', 'en', GW),
];

const idBySlug = new Map<string, string>();
const idOf = (slug: string) => idBySlug.get(slug)!;
t.before(async () => {
  gw = await testGateway({ label: 'offices' });
  for (const a of await withArticles(t, gw.es, gw.indexPrefix, ARTICLES)) idBySlug.set(new URL(a.url).pathname.slice(1), a.id);
});
t.teardown(() => gw?.close());

async function get(url: string) {
  const res = await gw.app.inject({ url });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}
const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id).sort();
const inTerm = () => [idOf('office-kadhimi-2021'), idOf('office-sudani-2023')].sort();

t.test('office=: each holder\'s articles from their own term, by id or by a title in any language, or written into q', async (t) => {
  for (const office of ['iq-prime-minister', 'رئيس الوزراء العراقي', 'Iraqi prime minister', 'Premier ministre irakien']) {
    const { status, body } = await get(`/v1/search?office=${encodeURIComponent(office)}&limit=20`);
    t.equal(status, 200, office);
    t.same(ids(body.hits), inTerm(), `${office}: Kadhimi in 2021 and Sudani in 2023; not Kadhimi in 2024 nor Sudani in 2021`);
  }
  t.same(ids((await get(`/v1/search?q=${encodeURIComponent('office:iq-prime-minister')}&limit=20`)).body.hits), inTerm(), 'office: in q');
  t.same(ids((await get(`/v1/search?office=iq-prime-minister&lang=en&limit=20`)).body.hits), [idOf('office-sudani-2023')], 'with other filters');
  const timeline = await get('/v1/stats/timeline?office=iq-prime-minister&interval=month&from=2020-01-01');
  t.equal(timeline.status, 200);
  t.same(timeline.body.buckets.filter((b: { count: number }) => b.count > 0).map((b: { t: string }) => b.t.slice(0, 7)), ['2021-03', '2023-06'], 'a timeline of the office across its holders');
});

t.test('an office no one knows is a 400 naming the parameter, not an empty answer', async (t) => {
  const { status, body } = await get(`/v1/search?office=${encodeURIComponent('Grand Vizier of Atlantis')}`);
  t.equal(status, 400);
  t.match(body, { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'office' } });
  t.match(body.error.message, /GET \/v1\/offices/);
});

t.test('GET /v1/offices: the offices, their titles and who held them when; ?name= finds them by a title', async (t) => {
  const all = await get('/v1/offices');
  t.equal(all.status, 200);
  t.ok(all.body.offices.length >= 40);
  t.match(all.body.offices.find((o: { id: string }) => o.id === 'iq-prime-minister'), {
    name: 'Prime Minister of Iraq', country: 'IQ',
    holders: [{ id: 'nouri-al-maliki' }, { id: 'haider-al-abadi' }, { id: 'adil-abdul-mahdi' }, { id: KADHIMI, name: 'Mustafa al-Kadhimi', from: '2020-05-07', to: '2022-10-27' }, { id: SUDANI }],
  });
  t.ok(all.body.offices.find((o: { id: string }) => o.id === 'iq-prime-minister').titles.includes('رئيس الوزراء العراقي'));
  t.ok(all.body.offices.find((o: { id: string }) => o.id === 'iq-prime-minister').generic.includes('رئيس الحكومة'), 'its titles without a country, read by what the article is about');
  const shared = await get(`/v1/search?office=${encodeURIComponent('the prime minister')}`);
  t.match(shared, { status: 400, body: { error: { param: 'office', message: /title without its country/ } } }, 'a title many offices share names none of them in a query');
  t.same((await get(`/v1/offices?name=${encodeURIComponent("Iraq's foreign minister")}`)).body.offices.map((o: { id: string }) => o.id), ['iq-foreign-minister']);
  t.same((await get('/v1/offices?name=un-secretary-general')).body.offices.map((o: { id: string; of?: string }) => [o.id, o.of]), [['un-secretary-general', 'Q1065']], 'by id');
  t.same((await get('/v1/offices?name=xyzzy')).body.offices, []);
});
