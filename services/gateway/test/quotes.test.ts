import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strictXmlProblems } from './strict-xml.ts';
import t from 'tap';
import { SOURCES } from './fixtures/articles.ts';
import { HOUR, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * GET /v1/quotes — who said what — against real Elasticsearch. The fixtures' quotations are read
 * by enrichment's own extractor (fixtures/build.ts), so these tests see what the pipeline would
 * index: a prime minister's promise told in Arabic and English, a central bank's statement, a
 * French president's words, and an article that quotes no one.
 */
let gw: TestGateway;
const { BAGHDAD_TODAY: BT, GULF_WIRE: GW, MAGHREB_POST: MP } = SOURCES;
const SUDANI = 'mohammed-shia-al-sudani';
const CBI = 'central-bank-of-iraq';
const MACRON = 'Q3052772';
const ARTICLES: ArticleSpec[] = [
  {
    slug: 'quotes-salaries-ar', lang: 'ar', source: BT, ageMs: 5 * HOUR, story: 'quotes-salaries', entities: [SUDANI, CBI],
    title: 'السوداني يتعهد بصرف رواتب الموظفين قبل العيد',
    summary: 'رئيس الوزراء يؤكد توفر السيولة لصرف الرواتب',
    body:
      // No "أن" after the verb: the lead reports no statement, so the quotations below are his only words.
      'أكد رئيس الوزراء محمد شياع السوداني، اليوم الأحد، التزام الحكومة بصرف رواتب موظفي الدولة كاملة وفي موعدها.\n' +
      'وقال السوداني في مؤتمر صحفي عقده ببغداد: «لن يتأخر راتب أي موظف بعد اليوم، فالأموال متوفرة في الخزينة».\n' +
      'من جانبه، ذكر البنك المركزي العراقي في بيان: "احتياطي العملة الأجنبية بلغ أعلى مستوياته منذ عشر سنوات".',
  },
  {
    slug: 'quotes-salaries-en', lang: 'en', source: GW, ageMs: 3 * HOUR, story: 'quotes-salaries', entities: [SUDANI],
    title: 'Iraqi premier vows salaries will be paid before the holiday',
    summary: 'Sudani says the treasury has the cash to pay public servants.',
    body:
      "Iraq's prime minister promised on Sunday that public salaries would be paid in full and on time.\n" +
      '"No public employee will wait for a salary again, the money is in the treasury," Mohammed Shia al-Sudani told reporters in Baghdad.\n' +
      'Critics called the pledge a "gamble" and said the budget still relied on oil.',
  },
  {
    slug: 'quotes-macron-fr', lang: 'fr', source: MP, ageMs: 2 * HOUR, story: 'quotes-macron', entities: [MACRON],
    title: "Macron appelle au calme après les frappes dans le nord de l'Irak",
    summary: "Le président français s'exprime sur la situation en Irak.",
    body: "« Nous suivons la situation dans le nord de l'Irak avec la plus grande attention », a déclaré Emmanuel Macron mardi à Paris.",
  },
  {
    slug: 'quotes-none', lang: 'en', source: GW, ageMs: 1 * HOUR, story: 'quotes-none', entities: [SUDANI],
    title: 'Baghdad traffic eases after bridge reopens',
    summary: 'Commuters report shorter journeys.',
    // (No "commuters said": the reader takes that for the commuters' report, as it is.)
    body: 'Traffic on the Jadriya bridge eased on Monday after repairs finished, and the prime minister Mohammed Shia al-Sudani visited the site.',
  },
];

type Quote = { text: string; by?: string; highlight?: string; speaker?: { id: string; name: string; names?: Record<string, string> }; article: { id: string; title: string; lang: string; url: string; source: { id: string } } };
type Body = { total: number; speakers: Array<{ id: string; name: string }>; quotes: Quote[]; nextCursor: string | null; error?: { code?: string; param?: string } };
const quotes = async (query: Record<string, string>) => {
  const res = await gw.app.inject({ url: '/v1/quotes', query });
  return { status: res.statusCode, body: res.json() as Body };
};

t.before(async () => {
  gw = await testGateway({ label: 'quotes' });
  await withArticles(t, gw.es, gw.indexPrefix, ARTICLES);
});
t.teardown(() => gw?.close());

t.test("a speaker's words, in every language they were reported in, newest first", async (t) => {
  const { status, body } = await quotes({ speaker: SUDANI });
  t.equal(status, 200);
  t.equal(body.total, 2, 'the Arabic and the English report quote him; the traffic story names him but quotes no one');
  t.same(body.speakers.map((s) => s.id), [SUDANI]);
  t.same(body.quotes.map((q) => q.article.lang), ['en', 'ar'], 'newest article first');
  t.match(body.quotes[0], { text: /^No public employee will wait for a salary again/, speaker: { id: SUDANI, name: 'Mohammed Shia al-Sudani' }, article: { source: { id: GW.id }, title: /salaries/ } });
  t.match(body.quotes[1], { text: 'لن يتأخر راتب أي موظف بعد اليوم، فالأموال متوفرة في الخزينة', speaker: { id: SUDANI } });
  t.notOk(body.quotes.some((q) => q.speaker?.id === CBI), "the central bank's statement in the same article is not his");
});

t.test('speaker= takes a name in any language or spelling, and names= gives the speaker its names', async (t) => {
  for (const name of ['محمد شياع السوداني', 'Mohammed Shia al-Sudani']) {
    const { status, body } = await quotes({ speaker: name });
    t.equal(status, 200, name);
    t.same(body.speakers.map((s) => s.id), [SUDANI], `${name} is read as the prime minister`);
    t.equal(body.quotes.length, 2);
  }
  const named = await quotes({ speaker: CBI, names: 'ar' });
  t.equal(named.body.quotes.length, 1, 'an organisation is a speaker too');
  t.match(named.body.quotes[0], { text: /^احتياطي العملة الأجنبية/, speaker: { id: CBI, names: { ar: 'البنك المركزي العراقي' } } });
  const unknown = await quotes({ speaker: 'Nobody Atall' });
  t.equal(unknown.status, 400, 'a name no one known has');
  t.match(unknown.body.error, { code: 'AKHBAR_BAD_PARAMETER', param: 'speaker' });
});

t.test('said= finds words inside the quotation and marks them; the search filters narrow the articles', async (t) => {
  const said = await quotes({ said: 'الخزينة' });
  t.equal(said.body.total, 1);
  t.equal(said.body.quotes.length, 1, 'only the quotation holding the word, not the bank statement of the same article');
  t.match(said.body.quotes[0], { speaker: { id: SUDANI }, highlight: /<mark>الخزينة<\/mark>/ });
  const stemmed = await quotes({ said: 'أموال' });
  t.same(stemmed.body.quotes.map((q) => q.speaker?.id), [SUDANI], 'Arabic as a reader types it: أموال finds «فالأموال» (its clitics and article read off)');
  t.match(stemmed.body.quotes[0], { highlight: /<mark>فالأموال<\/mark>/ }, 'and marks it');
  const english = await quotes({ said: 'employees salaries' });
  t.same(english.body.quotes.map((q) => q.article.lang), ['en'], "other languages' words are read in their own analysis too: employees and salaries find “employee … a salary”");
  t.match(english.body.quotes[0], { highlight: /<mark>employee<\/mark> will wait for a <mark>salary<\/mark>/ }, 'and marks them as written');
  t.same((await quotes({ said: 'situations' })).body.quotes.map((q) => q.speaker?.id), [MACRON], 'French too: situations finds « la situation »');
  t.equal((await quotes({ said: 'budget' })).body.total, 0, "words outside the marks (the critics' sentence) are not a quotation's");
  t.equal((await quotes({ said: 'gamble' })).body.total, 0, 'a one-word scare quote is not a quotation');
  const french = await quotes({ lang: 'fr' });
  t.same(french.body.quotes.map((q) => [q.speaker?.id, q.article.lang]), [[MACRON, 'fr']], 'lang= keeps the French article; « » read with "a déclaré"');
  const byQ = await quotes({ q: 'holiday', speaker: SUDANI });
  t.same(byQ.body.quotes.map((q) => q.article.lang), ['en'], 'q matches the article (its title here), as a search does');
  const all = await quotes({});
  t.equal(all.body.total, 3, 'every article that quotes someone, none that quotes no one');
});

t.test('pages with a signed cursor that only pages the query that issued it', async (t) => {
  const first = await quotes({ speaker: SUDANI, limit: '1' });
  t.equal(first.body.quotes.length, 1);
  t.type(first.body.nextCursor, 'string');
  const second = await quotes({ speaker: SUDANI, limit: '1', cursor: first.body.nextCursor! });
  t.equal(second.status, 200);
  t.not(second.body.quotes[0]?.article.id, first.body.quotes[0]?.article.id, 'the next article');
  const third = await quotes({ speaker: SUDANI, limit: '1', cursor: second.body.nextCursor ?? '' });
  t.ok(third.status === 200 ? third.body.quotes.length === 0 : third.status === 400, 'nothing after the last');
  const other = await quotes({ speaker: CBI, limit: '1', cursor: first.body.nextCursor! });
  t.match(other, { status: 400, body: { error: { param: 'cursor' } } }, "another query's cursor");
  const search = await gw.app.inject({ url: '/v1/search', query: { limit: '1' } });
  const searchCursor = (search.json() as { nextCursor: string }).nextCursor;
  t.match(await quotes({ limit: '1', cursor: searchCursor }), { status: 400, body: { error: { param: 'cursor' } } }, "a search's cursor does not page quotations");
  for (const [query, param] of [[{ limit: '51' }, 'limit'], [{ perArticle: '9' }, 'perArticle'], [{ speaker: '' }, 'speaker'], [{ bogus: '1' }, 'bogus']] as const) {
    const res = await quotes(query as Record<string, string>);
    t.equal(res.status, 400, JSON.stringify(query));
    t.equal(res.body.error?.param, param, `names ${param}`);
  }
});

t.test("an article's page carries its quotations; top speakers counts who is quoted", async (t) => {
  const { body } = await quotes({ speaker: CBI });
  const article = (await gw.app.inject({ url: `/v1/articles/${body.quotes[0]!.article.id}` })).json() as { quotes?: Quote[] };
  t.same(article.quotes?.map((q) => q.speaker?.id), [SUDANI, CBI], 'in text order, each with its speaker');
  t.match(article.quotes?.[1], { by: /البنك المركزي العراقي/ });
  const top = (await gw.app.inject({ url: '/v1/stats/top', query: { field: 'speakers' } })).json() as { buckets: Array<{ key: string; count: number; name?: string }> };
  t.same(top.buckets.map((b) => [b.key, b.count]), [[SUDANI, 2], [MACRON, 1], [CBI, 1]], 'most quoted first, ties by id');
  t.equal(top.buckets[0]?.name, 'Mohammed Shia al-Sudani', 'named');
});

t.test('as CSV: the same quotations, a row each', async (t) => {
  const json = (await quotes({ speaker: SUDANI })).body;
  const res = await gw.app.inject({ url: '/v1/quotes.csv', query: { speaker: SUDANI, bom: 'false' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
  t.same(rows.map((r) => [r.speaker, r.text, r.url]), json.quotes.map((q) => [q.speaker?.id, q.text, q.article.url]));
});

t.test('speaker= is a search filter too: the articles quoting someone, their timeline, a 400 for a name no one has', async (t) => {
  const search = (await gw.app.inject({ url: '/v1/search', query: { speaker: 'السوداني' } })).json() as { total: number; hits: Array<{ url: string }> };
  t.same(search.hits.map((h) => h.url.split('/').pop()).sort(), ['quotes-salaries-ar', 'quotes-salaries-en'], 'the two that quote him, not the traffic story that only names him');
  const timeline = (await gw.app.inject({ url: '/v1/stats/timeline', query: { speaker: SUDANI, interval: 'day' } })).json() as { total: number };
  t.equal(timeline.total, 2, 'how often he is quoted over time');
  t.same(((await gw.app.inject({ url: '/v1/search', query: { speaker: 'Sudani' } })).json() as { total: number }).total, 2, 'a surname alone, in Latin script too');
  const two = await gw.app.inject({ url: '/v1/search', query: { speaker: 'Barzani' } });
  t.equal(two.statusCode, 400, 'a surname several known people share');
  t.match(two.json(), { error: { param: 'speaker', message: /Masoud Barzani.*Nechirvan Barzani|Nechirvan Barzani.*Masoud Barzani/ } }, 'names them, so the reader can choose');
  const bad = await gw.app.inject({ url: '/v1/search', query: { speaker: 'Nobody Atall' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'speaker' } });
});

t.test('as RSS and Atom: a quotation an entry, titled with who said it, parsed back', async (t) => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'entry' || name === 'link' });
  const rss = await gw.app.inject({ url: '/v1/quotes.rss', query: { speaker: SUDANI } });
  t.equal(rss.statusCode, 200);
  t.match(rss.headers['content-type'], /^application\/rss\+xml/);
  t.same(strictXmlProblems(rss.body), [], 'well-formed for a strict parser');
  t.equal(XMLValidator.validate(rss.body), true);
  const channel = parser.parse(rss.body).rss.channel as { title: string; item: Array<{ title: string; link: string[]; guid: { '#text': string } | string }> };
  t.match(channel.title, /who said what: Mohammed Shia al-Sudani/);
  t.same(channel.item.map((i) => String(i.title)), [
    'Mohammed Shia al-Sudani: “No public employee will wait for a salary again, the money is in the treasury”',
    'Mohammed Shia al-Sudani: “لن يتأخر راتب أي موظف بعد اليوم، فالأموال متوفرة في الخزينة”',
  ], 'who said what, newest first, the Arabic words as written');
  t.same(channel.item.map((i) => i.link[0]), ['https://gulfwire.example/quotes-salaries-en', 'https://baghdad-today.example/quotes-salaries-ar'], 'each links its article');
  const again = await gw.app.inject({ url: '/v1/quotes.rss', query: { speaker: SUDANI } });
  t.equal(again.body, rss.body, 'the same quotations, the same feed (entry ids stay)');
  const atom = await gw.app.inject({ url: '/v1/quotes.atom', query: { speaker: CBI } });
  t.equal(atom.statusCode, 200);
  t.same(strictXmlProblems(atom.body), []);
  const entries = parser.parse(atom.body).feed.entry as Array<{ title: { '#text': string } | string; id: string }>;
  t.equal(entries.length, 1);
  t.match(JSON.stringify(entries[0]!.title), /Central Bank of Iraq: “احتياطي العملة الأجنبية/);
  t.equal((await gw.app.inject({ url: '/v1/quotes.atom', query: { speaker: 'Nobody Atall' } })).statusCode, 400, 'the same validation');
});

t.test('the same words from the same speaker in several outlets are one quotation, the others in alsoIn; the CSV keeps a row each', async (t) => {
  const wire = 'وقال رئيس الوزراء محمد شياع السوداني في مؤتمر صحفي: «سنبدأ بتوزيع أراض سكنية على الموظفين في كل المحافظات مطلع العام المقبل».';
  const [bt, gw2, mp] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'quotes-land-bt', lang: 'ar', source: BT, ageMs: 40 * 60_000, story: 'quotes-land', entities: [SUDANI], title: 'السوداني يعد بتوزيع أراض سكنية', summary: 'أراض للموظفين.', body: wire },
    // A copy with its own punctuation and spacing: still the same words.
    { slug: 'quotes-land-gw', lang: 'ar', source: GW, ageMs: 30 * 60_000, story: 'quotes-land', entities: [SUDANI], title: 'أراض سكنية للموظفين', summary: 'وعد حكومي.', body: wire.replace('المحافظات مطلع', 'المحافظات،  مطلع') },
    { slug: 'quotes-land-mp', lang: 'ar', source: MP, ageMs: 20 * 60_000, story: 'quotes-land', entities: [SUDANI], title: 'توزيع أراض', summary: 'وعد.', body: wire },
  ]);
  const { body } = await quotes({ story: 'quotes-land' });
  t.equal(body.total, 3, 'three articles carry it');
  t.equal(body.quotes.length, 1, 'shown once');
  const one = body.quotes[0] as Quote & { alsoIn?: Array<{ id: string; source: { id: string } }> };
  t.equal(one.article.id, mp!.id, 'under its newest article');
  t.same(one.alsoIn?.map((a) => a.id), [gw2!.id, bt!.id], 'the others, newest first');
  const other = await quotes({ story: 'quotes-land', speaker: CBI });
  t.equal(other.body.quotes.length, 0, 'no one else said it');
  const csv = await gw.app.inject({ url: '/v1/quotes.csv', query: { story: 'quotes-land', bom: 'false' } });
  t.same((parse(csv.body, { columns: true }) as Array<{ articleId: string }>).map((r) => r.articleId), [mp!.id, gw2!.id, bt!.id], 'a row per article carrying it');
});

t.test('reported speech and unnamed sources: direct= and unnamed= choose, and a source close to someone is not them', async (t) => {
  const [report] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'quotes-reported-ar', lang: 'ar', source: BT, ageMs: 10 * 60_000, story: 'quotes-reported', entities: ['fuad-hussein', SUDANI],
    title: 'حسين: العراق لن يكون ساحة لتصفية الحسابات', summary: 'وزير الخارجية يتحدث عن زيارة مرتقبة.',
    body: 'وقال وزير الخارجية فؤاد حسين إن العراق لن يكون ساحة لتصفية الحسابات بين الدول المتنازعة في المنطقة.\n' +
      'وكشفت مصادر مقربة من رئيس الوزراء محمد شياع السوداني أنه سيزور واشنطن الشهر المقبل لبحث جدول انسحاب القوات.',
  }]);
  const all = await quotes({ story: 'quotes-reported' });
  t.equal(all.status, 200);
  const got = all.body.quotes as Array<Quote & { indirect?: boolean; unnamed?: boolean }>;
  t.same(got.map((q) => [q.speaker?.id ?? null, q.indirect ?? false, q.unnamed ?? false]), [['fuad-hussein', true, false], [null, true, true]], 'his reported words; the sources\' words, no one\'s');
  t.match(got[0], { text: /^العراق لن يكون ساحة لتصفية الحسابات/ });
  t.match(got[1], { by: /^مصادر مقربة/, text: /سيزور واشنطن الشهر المقبل/ });
  t.equal((await quotes({ story: 'quotes-reported', direct: 'true' })).body.total, 0, 'direct=true: no words in quotation marks here');
  t.equal((await quotes({ story: 'quotes-reported', direct: 'false' })).body.quotes.length, 2, 'direct=false: reported speech');
  t.same((await quotes({ story: 'quotes-reported', unnamed: 'true' })).body.quotes.map((q) => q.by?.split(' ')[0]), ['مصادر'], 'unnamed=true: what the unnamed sources said');
  t.same((await quotes({ story: 'quotes-reported', unnamed: 'false' })).body.quotes.map((q) => q.speaker?.id), ['fuad-hussein']);
  const sudani = await quotes({ speaker: SUDANI });
  t.notOk(sudani.body.quotes.some((q) => q.article.id === report!.id), 'the prime minister is not quoted: sources close to him are');
  const csv = parse((await gw.app.inject({ url: '/v1/quotes.csv', query: { story: 'quotes-reported', bom: 'false' } })).body, { columns: true }) as Array<{ kind: string; unnamed: string }>;
  t.same(csv.map((r) => [r.kind, r.unnamed]), [['reported', 'false'], ['reported', 'true']], 'the CSV says which');
  t.equal((await quotes({ direct: 'maybe' })).status, 400, 'a bad direct= is a coded 400');
});

t.test('a wire report quoting several people gives each of them by default, in text order; perArticle gives fewer', async (t) => {
  await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'quotes-four', lang: 'en', source: GW, ageMs: 4 * HOUR, story: 'quotes-four', entities: [SUDANI],
    title: 'Basra port reopens after the storm', summary: 'Ships are moving again.',
    body:
      'The port of Umm Qasr reopened on Monday after the storm, port officials said.\n' +
      '"The first ships have already docked and more are waiting outside," the harbour master told reporters.\n' +
      '"We lost four days of trade, but nothing was damaged," a shipping agent said.\n' +
      'Mohammed Shia al-Sudani said the government would pay for repairs to the breakwater.',
  }]);
  const all = await quotes({ story: 'quotes-four' });
  t.same(all.body.quotes.map((q) => q.text.split(' ').slice(0, 3).join(' ')), ['The port of', 'The first ships', 'We lost four', 'the government would'], 'all four, in the order the article gives them');
  t.same((await quotes({ story: 'quotes-four', perArticle: '2' })).body.quotes.length, 2, 'perArticle=2: the first two');
});
