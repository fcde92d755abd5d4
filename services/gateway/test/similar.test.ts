import t from 'tap';
import { loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

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

let gw: TestGateway;
let ids: Record<string, string>;
t.before(async () => {
  gw = await testGateway({ label: 'similar' });
  await loadFixtures(gw.indexPrefix, gw.es);
  const articles = await withArticles(t, gw.es, gw.indexPrefix, ARTICLES);
  ids = Object.fromEntries(ARTICLES.map((s, i) => [s.slug, articles[i]!.id]));
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = { id: string; lang: string; story: { id: string; size: number } };
type Answer = { total: number; stories?: number; lang: string | null; entities: Array<{ id: string }>; expandedEntities: Array<{ id: string }>; hits: Hit[]; error?: { code: string; param?: string } };
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
