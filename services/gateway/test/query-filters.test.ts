import t from 'tap';
import { KADHIMI, SOURCES, loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * Filters written into q (`Kadhimi lang:ar`, `-domain:…`, `tone<-2`), as GDELT's and Media
 * Cloud's query boxes take them. Each must find exactly what the same filter as a URL parameter
 * finds, so every expectation here is the parameter's own answer from the same index.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'qfilters' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Body = { total: number; sort: string; hits: Array<{ id: string }>; didYouMean?: { q: string; total: number }; error?: { code: string; param?: string; message: string } };
async function search(query: Record<string, string>) {
  const res = await gw.app.inject({ url: `/v1/search?${new URLSearchParams({ limit: '100', ...query }).toString()}` });
  return { status: res.statusCode, body: res.json() as Body };
}
const ids = async (query: Record<string, string>) => {
  const { status, body } = await search(query);
  if (status !== 200) throw new Error(`${JSON.stringify(query)}: ${String(status)} ${JSON.stringify(body.error)}`);
  return body.hits.map((h) => h.id).sort();
};

t.test('each filter written into q finds what its URL parameter finds', async (t) => {
  const cases: Array<[string, Record<string, string>]> = [
    ['Kadhimi lang:ar', { q: 'Kadhimi', lang: 'ar' }],
    ['Kadhimi Lang:AR', { q: 'Kadhimi', lang: 'ar' }],
    ['lang:ar lang:fr', { lang: 'ar,fr' }],
    [`source:${SOURCES.GULF_WIRE.id}`, { source: SOURCES.GULF_WIRE.id }],
    ['domain:baghdad-today.example', { domain: 'baghdad-today.example' }],
    ['Baghdad -domain:gulfwire.example', { q: 'Baghdad', excludeDomain: 'gulfwire.example' }],
    ['Baghdad NOT domain:gulfwire.example', { q: 'Baghdad', excludeDomain: 'gulfwire.example' }],
    [`-source:${SOURCES.MAGHREB_POST.id}`, { excludeSource: SOURCES.MAGHREB_POST.id }],
    ['country:iq', { country: 'IQ' }],
    ['country:Iraq', { country: 'IQ' }],
    ['country:العراق', { country: 'IQ' }],
    ['sourcecountry:"United Arab Emirates"', { sourceCountry: 'AE' }],
    ['sourcecountry:FR', { sourceCountry: 'FR' }],
    ['topic:politics', { topic: 'politics' }],
    ['tone<-2', { toneMax: '-2' }],
    ['tone>=1 Baghdad', { q: 'Baghdad', toneMin: '1' }],
    ['from:now-2d Baghdad', { q: 'Baghdad', from: 'now-2d' }],
    ['Kadhimi AND lang:en', { q: 'Kadhimi', lang: 'en' }],
    ['"oil prices" sourcecountry:AE', { q: '"oil prices"', sourceCountry: 'AE' }],
    ['Kadhimi in:title', { q: 'Kadhimi', in: 'title' }],
    ['Baghdad in:Title in:summary', { q: 'Baghdad', in: 'title,summary' }],
  ];
  for (const [q, params] of cases) {
    const expected = await ids(params);
    t.same(await ids({ q }), expected, `${q} = ${new URLSearchParams(params).toString()} (${expected.length} articles)`);
  }
  t.not((await ids({ q: 'Kadhimi lang:ar' })).length, (await ids({ q: 'Kadhimi' })).length, 'the filter narrows: Kadhimi is reported in more languages than Arabic');
  t.ok((await ids({ q: 'Kadhimi in:title' })).length < (await ids({ q: 'Kadhimi' })).length, 'in:title narrows: not every article on him names him in its headline');
  const badIn = await search({ q: 'Kadhimi in:headline' });
  t.equal(badIn.status, 400, 'in: takes title, summary or body');
  t.match(badIn.body.error, { code: 'AKHBAR_BAD_PARAMETER', param: 'q' });
  t.ok((await ids({ q: 'lang:ar' })).length > 0, 'a language alone finds its articles');
});

t.test('a byline in q is quoted as a phrase, commas and all', async (t) => {
  const [bureau, other] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'qf-bureau', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 3 * HOUR, story: 'qf-1', author: 'Omar Saleh, Basra bureau', title: 'Basra ferries resume night crossings', summary: 'The river service runs again.', body: 'Ferries across the Shatt al-Arab resumed night crossings in Basra.' },
    { slug: 'qf-other', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 4 * HOUR, story: 'qf-2', author: 'Layla Ahmed', title: 'Basra fish market moves indoors', summary: 'A new hall opens.', body: 'The Basra fish market moved into a new covered hall this week.' },
  ]);
  t.same(await ids({ q: 'Basra author:"Omar Saleh, Basra bureau"' }), [bureau!.id], 'the byline whole, comma included');
  t.same(await ids({ q: 'author:"layla ahmed" author:"Omar Saleh, Basra bureau"' }), [bureau!.id, other!.id].sort(), 'twice: either byline, in any case');
});

t.test('q of filters only sorts as a search without words does; the words left over are what is matched', async (t) => {
  t.equal((await search({ q: 'lang:ar' })).body.sort, 'newest', 'no words: newest first');
  t.equal((await search({ q: 'Kadhimi lang:ar' })).body.sort, 'relevance', 'words: relevance');
  t.same(await ids({ q: 'Baghdad -domain:gulfwire.example', excludeDomain: 'monde-arabe.example' }), await ids({ q: 'Baghdad', excludeDomain: 'gulfwire.example,monde-arabe.example' }), 'a -domain: adds to excludeDomain=');
  t.equal((await search({ q: 'https://example.com/a' })).status, 200, 'a word with a colon that names no filter is just a word');
  t.equal((await search({ q: 'constructor:x toString:y __proto__:z hasOwnProperty:"a b"' })).status, 200, 'so are the names every JavaScript object has');
  t.same(await ids({ q: 'Kadhimi Story:' }), await ids({ q: 'Kadhimi Story' }), 'so is a key with nothing joined to it ("Story: …" in a headline)');
  const meant = (await search({ q: 'marathn lang:en' })).body;
  t.same([meant.total, meant.didYouMean], [0, { q: 'marathon lang:en', total: 1 }], '"did you mean" corrects the words and keeps the filters');
  const named = (await search({ q: 'marathn country:Iraq' })).body;
  t.same([named.total, named.didYouMean?.q], [0, 'marathon country:Iraq'], 'a country by name too');
});

t.test('filters in q of a compared timeline apply to their series alone', async (t) => {
  const qs = new URLSearchParams({ from: 'now-60d', interval: 'day' });
  qs.append('compare', 'Kadhimi lang:ar');
  qs.append('compare', 'Kadhimi lang:en');
  const body = (await gw.app.inject({ url: `/v1/stats/timeline?${qs.toString()}` })).json() as { compare: Array<{ q: string; total: number }> };
  t.same(body.compare.map((c) => [c.q, c.total]), [['Kadhimi lang:ar', (await ids({ q: 'Kadhimi', lang: 'ar' })).length], ['Kadhimi lang:en', (await ids({ q: 'Kadhimi', lang: 'en' })).length]], 'one series per language of the same query');
});

t.test('a filter in q that cannot be read is a 400 saying why', async (t) => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ q: 'lang:ar OR lang:en' }, 'q', /cannot be OR-ed/],
    [{ q: 'Kadhimi OR lang:ar' }, 'q', /cannot be OR-ed/],
    [{ q: '(lang:ar Kadhimi)' }, 'q', /inside parentheses/],
    [{ q: '-lang:ar' }, 'q', /only source and domain can be left out/],
    [{ q: 'Kadhimi author:""' }, 'q', /needs a value/],
    [{ q: 'country:Atlantis' }, 'q', /not a valid country value \(a two-letter code, or a country Akhbar knows by name\)/],
    [{ q: 'tone<-500' }, 'q', /-100 to 100/],
    [{ q: 'from:now-2d from:now-1d' }, 'q', /twice/],
    [{ q: 'Kadhimi lang:ar', lang: 'en' }, 'lang', /given twice: as lang= and in q/],
  ];
  for (const [query, param, says] of cases) {
    const { status, body } = await search(query);
    t.equal(status, 400, `${JSON.stringify(query)}: a 400`);
    t.equal(body.error?.param, param, `naming ${param}`);
    t.match(body.error?.message, says);
  }
});

t.test('GET /v1/query: how a q is read — its filters, the text left and the names in it', async (t) => {
  const read = async (q: string) => {
    const res = await gw.app.inject({ url: `/v1/query?${new URLSearchParams({ q }).toString()}` });
    return { status: res.statusCode, body: res.json() as { text: string | null; filters: Array<{ param: string; value: string; written: string }>; expandedEntities: Array<{ id: string; names?: Record<string, string> }>; error?: { param?: string; message: string } } };
  };
  const { status, body } = await read('الكاظمي lang:ar NOT domain:gulfwire.example country:Iraq tone<-2 author:"Rana Haddad"');
  t.equal(status, 200);
  t.equal(body.text, 'الكاظمي', 'the words left to match');
  t.same(body.filters, [
    { param: 'lang', value: 'ar', written: 'lang:ar' },
    { param: 'excludeDomain', value: 'gulfwire.example', written: '-domain:gulfwire.example' },
    { param: 'country', value: 'IQ', written: 'country:Iraq' },
    { param: 'toneMax', value: '-2', written: 'tone<-2' },
    { param: 'author', value: 'Rana Haddad', written: 'author:"Rana Haddad"' },
  ], 'each filter in order: the parameter it sets, its value as that takes it, its token');
  t.same(body.expandedEntities.map((e) => e.id), [KADHIMI], 'the Arabic name read as the entity, as the search expands it');
  t.equal(body.expandedEntities[0]?.names?.en, 'Mustafa al-Kadhimi');

  // Taking filters out (as a chip's × does): the text with the other tokens after it searches as the rest do.
  const without = [body.text, ...body.filters.filter((f) => f.param !== 'toneMax' && f.param !== 'author').map((f) => f.written)].join(' ');
  const byParams = await ids({ q: 'الكاظمي', lang: 'ar', excludeDomain: 'gulfwire.example', country: 'IQ' });
  t.ok(byParams.length > 0, `they find something (${byParams.length})`);
  t.same(await ids({ q: without }), byParams, `"${without}" finds what the same parameters find`);

  const plain = await read('oil prices');
  t.same(plain.body, { q: 'oil prices', text: 'oil prices', reading: 'oil AND prices', filters: [], expandedEntities: [] }, 'no filters, no names: the text as it came');
  const lang = await read('lang:fr');
  t.equal(lang.body.text, null, 'filters only: no text');
  t.equal((lang.body as { reading?: unknown }).reading, null, 'and nothing to read');
  // How Elasticsearch groups the operators (left to right, no precedence), written out.
  const reading = async (q: string) => ((await read(q)).body as { reading?: string }).reading;
  t.equal(await reading('Kadhimi OR Sudani Washington lang:en'), '(Kadhimi OR Sudani) AND Washington', 'OR then a word: the word applies to both');
  t.equal(await reading('Washington Kadhimi OR Sudani'), '(Washington AND Kadhimi) OR Sudani');
  t.equal(await reading('oil -"price cap" NOT (gas OR coal*)'), 'oil AND NOT "price cap" AND NOT (gas OR coal*)');
  t.equal(await reading('(oil OR'), 'oil', 'an unclosed parenthesis is ignored, as the search ignores it');
  t.equal((await read('"Source: Reuters"')).body.filters.length, 0, 'a key inside a phrase is words');

  for (const [q, says] of [['lang:ar OR lang:en', /cannot be OR-ed/], ['country:Atlantis', /not a valid country/]] as const) {
    const bad = await read(q);
    t.equal(bad.status, 400, `${q}: the 400 a search gives`);
    t.equal(bad.body.error?.param, 'q');
    t.match(bad.body.error?.message, says);
  }
  t.equal((await gw.app.inject({ url: '/v1/query' })).statusCode, 400, 'q is required');
  t.equal((await gw.app.inject({ url: '/v1/query?q=x&lang=ar' })).statusCode, 400, 'it takes q alone');
});
