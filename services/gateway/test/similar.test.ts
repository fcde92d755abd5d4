import t from 'tap';
import { ensureArticleIndex } from '@akhbar/search';
import { startFeedServer, type FeedServer } from '@akhbar/testkit';
import { loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { AlertRegistry } from '@akhbar/core';
import { admin, testGateway, type TestGateway } from './helpers.ts';

/**
 * `POST /v1/similar`: coverage like a text the index does not hold, against real Elasticsearch.
 * The articles are about a drought on the Euphrates around Basra, in Arabic and English, beside
 * one about Basra's football and the gateway's usual fixtures; the texts asked about are written
 * here, in other words than any article.
 */
const BASRA = 'Q48195';
const EUPHRATES = 'euphrates';
const SOUTH = { id: 'fsouthnews0001', name: 'South News', domain: 'south-news.example', country: 'IQ' };
const RIVER = { id: 'friverwire0001', name: 'River Wire', domain: 'river-wire.example' };

const ARTICLES: ArticleSpec[] = [
  {
    slug: 'ar-drought', lang: 'ar', source: SOUTH, ageMs: 3 * HOUR, story: 'story-drought',
    title: 'انحسار مياه الفرات يهدد مزارع البصرة بالجفاف',
    summary: 'مزارعون يتركون أراضيهم بعد ارتفاع ملوحة المياه.',
    body: 'قال مزارعون في شمال البصرة إن منسوب مياه الفرات تراجع إلى أدنى مستوياته منذ سنوات، وإن ملوحة المياه ارتفعت حتى نفقت المواشي وجفت بساتين النخيل، فترك كثيرون منهم قراهم نحو المدينة.',
    topics: ['environment'], entities: [BASRA, EUPHRATES], countries: ['IQ'],
  },
  {
    slug: 'ar-drought-2', lang: 'ar', source: SOUTH, ageMs: 5 * HOUR, story: 'story-drought',
    title: 'نفوق المواشي في قرى البصرة مع اشتداد ملوحة الفرات',
    summary: 'الأهالي يطالبون بحصة مائية أكبر.',
    body: 'طالب أهالي القرى الواقعة على ضفاف الفرات في البصرة بإطلاق حصة مائية أكبر، بعدما أدت الملوحة إلى نفوق مواشيهم وتلف محاصيلهم.',
    topics: ['environment'], entities: [BASRA, EUPHRATES], countries: ['IQ'],
  },
  {
    slug: 'en-drought', lang: 'en', source: RIVER, ageMs: 4 * HOUR, story: 'story-drought-en',
    title: 'Farmers abandon villages as river runs low',
    summary: 'Salt water has crept up the channel.',
    body: 'Along the lower Euphrates north of Basra, families are leaving the land: the water is too salty for livestock, and the palm groves are dying.',
    topics: ['environment'], entities: [BASRA, EUPHRATES], countries: ['IQ'],
  },
  {
    slug: 'ar-football', lang: 'ar', source: SOUTH, ageMs: 2 * HOUR, story: 'story-football',
    title: 'نادي الميناء يفوز على ضيفه في ملعب البصرة',
    summary: 'هدفان في الشوط الثاني حسما المباراة.',
    body: 'فاز نادي الميناء على ضيفه بهدفين نظيفين في المباراة التي أقيمت على ملعب البصرة الدولي أمام جمهور غفير.',
    topics: ['sport'], entities: [BASRA], countries: ['IQ'],
  },
];

/** A reader's own account of the drought, in none of the articles' words order. */
const AR_TEXT = 'يشكو المزارعون في البصرة من تراجع مياه الفرات وارتفاع ملوحتها، ما تسبب في نفوق المواشي وجفاف بساتين النخيل وهجرة الأهالي من القرى.';
const EN_TEXT = 'Salty water on the Euphrates near Basra is killing livestock and palm groves, and farmers are leaving their villages.';

/** An article page from a site Akhbar does not follow: the drought, told by a reporter there. */
const PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>أهالي الفاو يهجرون بساتينهم | شط نيوز</title>
<meta property="og:title" content="أهالي الفاو يهجرون بساتينهم مع تقدم اللسان الملحي"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/sport">رياضة</a></nav>
<article><h1>أهالي الفاو يهجرون بساتينهم مع تقدم اللسان الملحي</h1>
<p>يقول مزارعون في أقصى جنوب البصرة إن مياه الفرات وشط العرب لم تعد صالحة لري النخيل، بعدما تقدم اللسان الملحي من الخليج مسافة غير مسبوقة هذا الصيف.</p>
<p>وأوضح أحد المزارعين أن ملوحة المياه قتلت نصف مواشيه خلال أسابيع، وأن عائلات كثيرة من القرى المجاورة تركت بيوتها وانتقلت إلى مركز المدينة بحثا عن عمل.</p>
<p>ويطالب الأهالي بإطلاق حصة مائية أكبر من السدود في الشمال، محذرين من أن استمرار الجفاف سيقضي على ما تبقى من بساتين النخيل في المنطقة.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>`;
const HOME = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>شط نيوز</title></head><body>
<ul><li><a href="/a">خبر</a></li><li><a href="/b">خبر آخر</a></li><li><a href="/c">تقرير</a></li></ul></body></html>`;

let gw: TestGateway;
let site: FeedServer;
let ids: Record<string, string>;
t.before(async () => {
  site = await startFeedServer({
    '/fao.html': { body: PAGE },
    '/home.html': { body: HOME },
    '/report.pdf': { body: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), headers: { 'content-type': 'application/pdf' } },
    '/gone.html': { body: 'gone', status: 410 },
  });
  // The page server is on 127.0.0.1, which only a gateway allowed private networks may fetch.
  gw = await testGateway({ label: 'similar', allowPrivateNetworks: true });
  await loadFixtures(gw.indexPrefix, gw.es);
  const articles = await withArticles(t, gw.es, gw.indexPrefix, ARTICLES);
  ids = Object.fromEntries(ARTICLES.map((s, i) => [s.slug, articles[i]!.id]));
});
// Separate: the page server closes even when the gateway's teardown fails (it would hold the process open).
t.teardown(() => site?.close());
t.teardown(() => gw?.close());

type Hit = { id: string; lang: string; story: { id: string; size: number } };
type Answer = { total: number; stories?: number; lang: string | null; read?: { url: string; title: string; id?: string; fetched: boolean }; entities: Array<{ id: string }>; expandedEntities: Array<{ id: string }>; hits: Hit[]; error?: { code: string; param?: string } };
async function similar(text: unknown, query = '', headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await gw.app.inject({ method: 'POST', url: `/v1/similar${query}`, headers, payload: typeof text === 'string' && headers['content-type'] !== 'application/json' ? text : JSON.stringify(text) });
  return { status: res.statusCode, body: res.json() as Answer };
}
const slugsOf = (hits: Hit[]) => hits.map((h) => Object.keys(ids).find((k) => ids[k] === h.id) ?? h.id);

t.test('an Arabic paragraph finds the coverage it is about, in Arabic and in English, and not what only shares a place', async (t) => {
  const { status, body } = await similar({ text: AR_TEXT });
  t.equal(status, 200);
  t.equal(body.lang, 'ar', 'the text is read as Arabic');
  t.same(body.entities.map((e) => e.id).sort(), [BASRA, EUPHRATES].sort(), 'the places it names');
  const found = slugsOf(body.hits);
  t.ok(['ar-drought', 'ar-drought-2'].includes(found[0]!), `an Arabic article about the drought comes first (${found.join(', ')})`);
  t.ok(found.includes('ar-drought') && found.includes('ar-drought-2'), 'both Arabic articles about it, though their words take other forms');
  t.ok(found.includes('en-drought'), 'the English article about it, through the places both name');
  t.notOk(found.includes('ar-football'), 'not the football match that only shares Basra');
  t.same(found.filter((s) => !s.includes('drought')), [], 'nothing else: not the match in Basra, not the fixtures about Kadhimi or oil prices');
  t.equal(body.total, body.hits.length, 'total counts what is alike');
});

t.test('an English text finds the Arabic coverage; filters narrow, q must match too', async (t) => {
  const en = await similar({ text: EN_TEXT });
  t.equal(en.body.lang, 'en');
  const found = slugsOf(en.body.hits);
  t.equal(found[0], 'en-drought', 'the English article first: it shares the words');
  t.same(found.filter((s) => !s.includes('drought')), [], 'and nothing that shares only "the", "and", "on" with it');
  t.ok(found.includes('ar-drought') && found.includes('ar-drought-2'), 'the Arabic ones too, by the places they are about');

  const ar = await similar({ text: EN_TEXT }, '?lang=ar');
  t.same(slugsOf(ar.body.hits).sort(), ['ar-drought', 'ar-drought-2'], 'lang=ar: only the Arabic coverage');
  const q = await similar({ text: EN_TEXT }, `?q=${encodeURIComponent('المواشي')}`);
  t.same(slugsOf(q.body.hits).sort(), ['ar-drought', 'ar-drought-2'].filter((s) => ARTICLES.find((a) => a.slug === s)!.body.includes('المواشي') || ARTICLES.find((a) => a.slug === s)!.title.includes('المواشي')), 'q= keeps only what also has its words');
  const old = await similar({ text: EN_TEXT }, '?to=now-1d');
  t.equal(old.body.total, 0, 'to= narrows by date like a search');
});

t.test('collapse=story: one hit per story, with its size', async (t) => {
  const { body } = await similar({ text: AR_TEXT }, '?collapse=story');
  const stories = body.hits.map((h) => h.story.id);
  t.equal(new Set(stories).size, stories.length, 'each story once');
  const drought = body.hits.find((h) => h.story.id === 'story-drought');
  t.equal(drought?.story.size, 2, 'the Arabic story, with both its articles');
  t.ok(body.hits.some((h) => h.story.id === 'story-drought-en'));
  t.equal(body.stories, stories.length, 'stories counts them');
  t.ok(body.total > stories.length, 'total still counts articles');
});

t.test('function words make nothing alike: a text of them alone finds nothing', async (t) => {
  // Every English article here has "the", "and", "for", "he", "will"; the neutral fields index them.
  const { status, body } = await similar({ text: 'He said that it was to be done, and that they will have it for the ones who were there.' });
  t.equal(status, 200);
  t.equal(body.lang, 'en');
  t.same(body.hits.map((h) => h.id), [], 'nothing is like a text with no subject');
  const ar = await similar({ text: 'وقال إنه من المقرر أن يتم ذلك في هذا اليوم على أن يكون هناك ما بعده' });
  t.same(ar.body.hits.map((h) => h.id), [], 'nor in Arabic');
});

t.test('a text/plain body is the text itself', async (t) => {
  const plain = await similar(EN_TEXT, '', { 'content-type': 'text/plain; charset=utf-8' });
  t.equal(plain.status, 200);
  t.same(plain.body.hits.map((h) => h.id), (await similar({ text: EN_TEXT })).body.hits.map((h) => h.id), 'the same hits as {"text": …}');
  const blank = await similar('  ', '', { 'content-type': 'text/plain' });
  t.match(blank.body.error, { param: 'text' });
  const latin1 = await gw.app.inject({ method: 'POST', url: '/v1/similar', headers: { 'content-type': 'text/plain' }, payload: Buffer.from([0x63, 0x61, 0x66, 0xe9]) });
  t.equal(latin1.statusCode, 400, 'bytes that are not UTF-8 (café in Latin-1)');
  t.match(latin1.json(), { error: { code: 'AKHBAR_BAD_ENCODING' } }, 'refused as a JSON body would be, not searched as replacement characters');
  const string = await similar(EN_TEXT);
  t.equal(string.status, 400, 'a JSON string is not a text/plain body');
});

t.test('a text naming no known entity still finds coverage by its words; limit caps the hits', async (t) => {
  const { body } = await similar({ text: 'ملوحة المياه نفوق المواشي بساتين النخيل' });
  t.same(body.entities, []);
  t.ok(slugsOf(body.hits).includes('ar-drought'));
  const one = await similar({ text: AR_TEXT }, '?limit=1');
  t.equal(one.body.hits.length, 1);
  t.ok(one.body.total > 1);
});

t.test('bad input is a coded 400 naming what is wrong, never a 500', async (t) => {
  for (const [what, payload, param] of [
    ['no text', {}, 'text'],
    ['an empty text', { text: '' }, 'text'],
    ['a blank text', { text: ' \n ' }, 'text'],
    ['a text over 20 000 characters', { text: 'ماء '.repeat(5_001) }, 'text'],
    ['a text that is not a string', { text: { words: 'ماء' } }, 'text'],
    ['an unknown key', { text: AR_TEXT, url: 'https://x.example/' }, 'url'],
  ] as const) {
    const { status, body } = await similar(payload);
    t.equal(status, 400, what);
    t.equal(body.error?.param, param, `${what}: names ${param}`);
  }
  const unknown = await similar({ text: AR_TEXT }, '?sort=newest');
  t.equal(unknown.status, 400);
  t.match(unknown.body.error, { code: 'AKHBAR_UNKNOWN_PARAMETER', param: 'sort' }, 'an unknown parameter is named');
  const limit = await similar({ text: AR_TEXT }, '?limit=1000');
  t.match(limit.body.error, { param: 'limit' });
  const form = await similar('text=x', '', { 'content-type': 'application/x-www-form-urlencoded' });
  t.equal(form.status, 415, 'a body neither JSON nor plain text');
  t.match(form.body.error, { code: 'AKHBAR_UNSUPPORTED_MEDIA_TYPE' });
  const long = await similar('ماء '.repeat(5_001), '', { 'content-type': 'text/plain' });
  t.match(long.body.error, { param: 'text' }, 'a plain-text body is held to the same limit');
  const broken = await gw.app.inject({ method: 'POST', url: '/v1/similar', headers: { 'content-type': 'application/json' }, payload: '{"text": "غير مكتمل' });
  t.equal(broken.statusCode, 400, 'broken JSON');
});

t.test("an article's address: a page from elsewhere is fetched and its story read; an article the index holds is read from it and left out", async (t) => {
  const page = await similar({ url: `${site.url}/fao.html` });
  t.equal(page.status, 200);
  t.match(page.body.read, { url: `${site.url}/fao.html`, title: 'أهالي الفاو يهجرون بساتينهم مع تقدم اللسان الملحي', fetched: true });
  t.equal(page.body.read?.id, undefined, 'the index does not hold it');
  t.equal(page.body.lang, 'ar');
  const found = slugsOf(page.body.hits);
  t.ok(found.includes('ar-drought') && found.includes('ar-drought-2') && found.includes('en-drought'), `its coverage here, in Arabic and English (${found.join(', ')})`);
  t.same(found.filter((s) => !s.includes('drought')), [], 'nothing else: not the menu\'s "رياضة", not the match in Basra');

  const fetched = site.requests.filter((r) => r.path.startsWith('/fao.html')).length;
  const again = await similar({ url: `${site.url}/fao.html?utm_source=newsletter` });
  t.same(again.body.hits.map((h) => h.id), page.body.hits.map((h) => h.id), 'the same link pasted again (tracking parameters aside): the same coverage…');
  t.equal(site.requests.filter((r) => r.path.startsWith('/fao.html')).length, fetched, '…from the page kept for ten minutes, not fetched again');

  const held = `https://${SOUTH.domain}/ar-drought?utm_source=share`;
  const before = site.requests.length;
  const indexed = await similar({ url: held });
  t.equal(indexed.status, 200);
  t.match(indexed.body.read, { id: ids['ar-drought'], fetched: false, title: ARTICLES[0]!.title }, 'the index holds it (tracking parameters do not matter): read from there');
  t.equal(site.requests.length, before, 'nothing fetched');
  const heldFound = slugsOf(indexed.body.hits);
  t.notOk(heldFound.includes('ar-drought'), 'not itself');
  t.ok(heldFound.includes('ar-drought-2') && heldFound.includes('en-drought'), 'the rest of its coverage, in both languages');
});

t.test('an address that gives no article is a coded error naming url; one Akhbar may not fetch a 400', async (t) => {
  const cases: Array<[string, string, number, string]> = [
    ['a PDF', '/report.pdf', 422, 'AKHBAR_FULLTEXT_NOT_HTML'],
    ['a page of links', '/home.html', 422, 'AKHBAR_FULLTEXT_NO_ARTICLE'],
    ['a page gone (410)', '/gone.html', 502, 'AKHBAR_FULLTEXT_HTTP_STATUS'],
  ];
  for (const [what, path, status, code] of cases) {
    const res = await similar({ url: `${site.url}${path}` });
    t.equal(res.status, status, what);
    t.match(res.body.error, { code, param: 'url' }, `${what}: ${code}`);
  }
  const closed = await testGateway({ label: 'similar-closed', allowPrivateNetworks: false });
  t.teardown(() => closed.close());
  await ensureArticleIndex(closed.es, closed.indexPrefix);
  const res = await closed.app.inject({ method: 'POST', url: '/v1/similar', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ url: `${site.url}/fao.html` }) });
  t.equal(res.statusCode, 400, 'a private address, on a gateway that may not reach them');
  t.match(res.json(), { error: { param: 'url' } });
  for (const [what, payload, param] of [
    ['not http', { url: 'ftp://files.example/a.html' }, 'url'],
    ['not a URL', { url: 'just words' }, 'url'],
    ['text and url both', { text: AR_TEXT, url: `${site.url}/fao.html` }, 'url'],
  ] as const) {
    const r = await similar(payload);
    t.equal(r.status, 400, what);
    t.equal(r.body.error?.param, param, `${what}: names ${param}`);
  }
});

t.test('fetching a page costs 5 requests of the rate limit: refused before the fetch when the allowance is short, the refusal costing only itself', async (t) => {
  const limited = await testGateway({ label: 'similar-limit', rateLimitMax: 7, allowPrivateNetworks: true });
  t.teardown(() => limited.close());
  await ensureArticleIndex(limited.es, limited.indexPrefix);
  const post = (body: unknown) => limited.app.inject({ method: 'POST', url: '/v1/similar', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const fetches = () => site.requests.filter((r) => r.path.startsWith('/fao.html')).length;
  const before = fetches();
  const first = await post({ url: `${site.url}/fao.html` });
  t.equal(first.statusCode, 200);
  t.equal(first.headers['x-ratelimit-remaining'], '6', 'the headers count the request itself…');
  t.equal(fetches(), before + 1);
  // Another page (a kept one costs nothing: its text is not fetched again).
  const second = await post({ url: `${site.url}/fao.html?page=2` });
  t.equal(second.statusCode, 429, '…and the fetch four more: 2 were left, a fetch needs 5');
  t.match(second.json(), { error: { code: 'AKHBAR_RATE_LIMITED', message: /a similar search that fetches a page counts as 5 requests; 1 more are left in this window/ } });
  t.ok(Number(second.headers['retry-after']) > 0, 'with when to try again');
  t.equal(fetches(), before + 1, 'refused before fetching anything');
  const text = await post({ text: AR_TEXT });
  t.equal(text.statusCode, 200, 'the refusal cost only itself: a text still fits');
});

t.test("an alert like the article at an address: its text becomes the alert's like (from the index, or the page fetched once); errors name likeUrl", async (t) => {
  const make = (payload: Record<string, unknown>) => gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'like a page', webhook: 'https://hooks.example/like', query: {}, ...payload } });
  const patch = (id: string, payload: Record<string, unknown>) => gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${id}`, headers: admin, payload });
  type Made = { id: string; like?: string; likeUrl?: string; searchUrl?: string; error?: { code: string; param?: string } };
  const registry = new AlertRegistry(gw.redis, gw.queuePrefix);
  const selected = async (id: string) => slugsOf((await gw.es.search({ index: gw.app.gw.index, size: 100, query: (await registry.get(id))!.query, _source: ['id'] })).hits.hits.map((h) => ({ id: h._id! })) as Hit[]);

  const fromPage = await make({ likeUrl: `${site.url}/fao.html` });
  t.equal(fromPage.statusCode, 201);
  const page = fromPage.json() as Made;
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${page.id}`, headers: admin }));
  t.equal(page.likeUrl, `${site.url}/fao.html`, 'shown with the address it was read from');
  t.match(page.like, /^أهالي الفاو يهجرون بساتينهم مع تقدم اللسان الملحي\n\n/, "its text: the page's story, headline first");
  t.notOk(page.like!.includes('جميع الحقوق محفوظة'), 'without the page around it');
  const found = await selected(page.id);
  t.ok(found.includes('ar-drought') && found.includes('en-drought'), `it selects the coverage like the page, in both languages (${found.join(', ')})`);
  t.same(found.filter((s) => !s.includes('drought')), [], 'and nothing else');

  const held = `https://${SOUTH.domain}/ar-drought`;
  const before = site.requests.length;
  const fromIndex = (await make({ likeUrl: held })).json() as Made;
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${fromIndex.id}`, headers: admin }));
  t.ok(fromIndex.like?.startsWith(`${ARTICLES[0]!.title}\n\n`), 'an article the index holds: its text from there');
  t.equal(fromIndex.likeUrl, held);
  t.equal(site.requests.length, before, 'nothing fetched');

  const words = (await patch(fromIndex.id, { like: null, query: { q: 'Basra' } })).json() as Made;
  t.same([words.like, words.likeUrl, typeof words.searchUrl], [undefined, undefined, 'string'], 'dropping the text drops its address: an ordinary alert again');
  const again = (await patch(fromIndex.id, { likeUrl: `${site.url}/fao.html` })).json() as Made;
  t.same([again.likeUrl, again.like === page.like], [`${site.url}/fao.html`, true], 'PATCH likeUrl reads an address anew');
  const typed = (await patch(fromIndex.id, { like: 'Date palms die as salt water rises in the Shatt al-Arab' })).json() as Made;
  t.same([typed.likeUrl, typed.like], [undefined, 'Date palms die as salt water rises in the Shatt al-Arab'], 'a typed text replaces it, address and all');

  const count = async () => ((await gw.app.inject({ url: '/v1/alerts', headers: admin })).json() as { alerts: unknown[] }).alerts.length;
  const alerts = await count();
  const cases: Array<[string, Record<string, unknown>, number, string]> = [
    ['a PDF', { likeUrl: `${site.url}/report.pdf` }, 422, 'AKHBAR_FULLTEXT_NOT_HTML'],
    ['a page of links', { likeUrl: `${site.url}/home.html` }, 422, 'AKHBAR_FULLTEXT_NO_ARTICLE'],
    ['not http', { likeUrl: 'ftp://files.example/a.html' }, 400, 'AKHBAR_BAD_PARAMETER'],
    ['a text and an address', { likeUrl: `${site.url}/fao.html`, like: 'Salt water in the Shatt al-Arab' }, 400, 'AKHBAR_BAD_PARAMETER'],
  ];
  for (const [what, payload, status, code] of cases) {
    const res = await make(payload);
    t.equal(res.statusCode, status, what);
    t.match((res.json() as Made).error, { code, param: 'likeUrl' }, `${what}: ${code}, naming likeUrl`);
  }
  t.equal(await count(), alerts, 'and no alert made');
});
