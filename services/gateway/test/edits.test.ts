import t from 'tap';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { htmlToText, parseFeed } from '@akhbar/feeds';
import { SOURCES } from './fixtures/articles.ts';
import { HOUR, editedArticle, enrichedFromSpec, indexArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * Articles their sites edited after they were indexed (the indexer keeps each earlier version as
 * a revision): edited= finds them, sort=edited puts the latest edit first, hits say when and what,
 * the article gives its earlier headlines. Real Elasticsearch; the revisions are made by the
 * indexer's own withRevision from an earlier and a later version of each article.
 */
let gw: TestGateway;
const now = Date.now();

const spec = (slug: string, title: string, body: string, ageMs: number): ArticleSpec => ({
  slug, lang: 'ar', source: SOURCES.BAGHDAD_TODAY, title, summary: body.split('.')[0]!, body, ageMs, story: `story-${slug}`,
});
const article = (s: ArticleSpec) => enrichedFromSpec(s, `https://${s.source.domain}/${s.slug}`, now);
const edited = (before: ArticleSpec, after: Partial<ArticleSpec>, minutes: number) => editedArticle(before, after, minutes, now);

const headline = edited(
  spec('edit-headline', 'مقتل ثلاثة في انفجار ببغداد', 'قتل ثلاثة أشخاص في انفجار عبوة ناسفة في بغداد. وقالت الشرطة إن التحقيق جار.', 5 * HOUR),
  { title: 'إصابة ثلاثة في انفجار ببغداد' },
  20,
);
const text = edited(
  spec('edit-text', 'البرلمان يناقش الموازنة', 'ناقش البرلمان مشروع الموازنة الاتحادية. وحضر الجلسة 180 نائبا.', 4 * HOUR),
  { body: 'ناقش البرلمان مشروع الموازنة الاتحادية. وحضر الجلسة 210 نواب.' },
  90,
);
const untouched = article(spec('edit-none', 'افتتاح معرض بغداد للكتاب', 'افتتح معرض بغداد الدولي للكتاب. ويستمر عشرة أيام.', 3 * HOUR));

t.before(async () => {
  gw = await testGateway({ label: 'edits' });
  await indexArticles(gw.es, gw.indexPrefix, [headline, text, untouched]);
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = { id: string; edited?: { at: string; fields: string[] } };
async function search(query: Record<string, string>) {
  const res = await gw.app.inject({ url: '/v1/search', query });
  return { status: res.statusCode, body: res.json() as { hits: Hit[]; nextCursor: string | null; error?: { code: string; param?: string } } };
}

t.test('edited= finds the articles their sites edited, by what the edit changed', async (t) => {
  const ids = async (edited: string) => (await search({ edited, sort: 'newest' })).body.hits.map((h) => h.id);
  t.same(await ids('any'), [text.id, headline.id], 'edited at all');
  t.same(await ids('title'), [headline.id], 'a changed headline');
  t.same(await ids('body'), [text.id], 'a changed text');
  t.same(await ids('summary,title'), [headline.id], 'any of several');
  t.same((await search({ q: 'edited:title' })).body.hits.map((h) => h.id), [headline.id], 'written into q, as edited:title');
  t.same((await search({ q: 'الموازنة edited:any' })).body.hits.map((h) => h.id), [text.id], 'beside words');
  const bad = await search({ edited: 'headline' });
  t.equal(bad.status, 400);
  t.match(bad.body.error, { code: 'AKHBAR_BAD_PARAMETER', param: 'edited' });
});

t.test('sort=edited: the latest edit first, never-edited articles after; hits say when and what', async (t) => {
  const { body } = await search({ sort: 'edited' });
  t.same(body.hits.map((h) => h.id), [text.id, headline.id, untouched.id], 'the text edited 90 minutes after its fetch is the latest edit');
  t.same(body.hits[0]!.edited, { at: text.revisions![0]!.seenAt, fields: ['body'] });
  t.same(body.hits[1]!.edited, { at: headline.revisions![0]!.seenAt, fields: ['title'] });
  t.equal(body.hits[2]!.edited, undefined, 'nothing on an article never edited');
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof search>> = await search({ sort: 'edited', limit: '2', ...(cursor ? { cursor } : {}) });
    t.equal(page.status, 200);
    seen.push(...page.body.hits.map((h) => h.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  t.same(seen, [text.id, headline.id, untouched.id], 'paged with a cursor, in the same order, each once');
});

t.test('the article gives its earlier headline and when it changed', async (t) => {
  const res = await gw.app.inject({ url: `/v1/articles/${headline.id}` });
  t.equal(res.statusCode, 200);
  const a = res.json() as { title: string; revisions?: Array<Record<string, unknown>>; edited?: unknown };
  t.equal(a.title, 'إصابة ثلاثة في انفجار ببغداد');
  t.same(a.revisions, [{ seenAt: headline.revisions![0]!.seenAt, fields: ['title'], title: 'مقتل ثلاثة في انفجار ببغداد' }]);
  const plain = (await gw.app.inject({ url: `/v1/articles/${untouched.id}` })).json() as { revisions?: unknown };
  t.equal(plain.revisions, undefined);
});

type Changes = Array<{ op: 'same' | 'removed' | 'added'; text: string }>;
type RevisionBody = {
  n: number; of: number; seenAt: string; fields: string[]; lang: string; dir: string;
  before: Record<string, string>; after: Record<string, string>; changes: Record<string, Changes>;
  error?: { code: string; message: string; param?: string };
};
const revision = async (id: string, n: number | string) => {
  const res = await gw.app.inject({ url: `/v1/articles/${id}/revisions/${String(n)}` });
  return { status: res.statusCode, body: res.json() as RevisionBody };
};
/** A side of a word-by-word comparison put back together. */
const side = (changes: Changes, drop: 'added' | 'removed') => changes.filter((c) => c.op !== drop).map((c) => c.text).join('');

t.test('an edit of the text, word by word: the figure the site corrected, both versions whole', async (t) => {
  const a = (await gw.app.inject({ url: `/v1/articles/${text.id}` })).json() as { revisions: Array<Record<string, unknown>> };
  t.same(a.revisions, [{ seenAt: text.revisions![0]!.seenAt, fields: ['body'], textKept: true }], 'the article says the text before the edit is kept, without repeating it');
  const { status, body } = await revision(text.id, 1);
  t.equal(status, 200);
  t.match(body, { n: 1, of: 1, seenAt: text.revisions![0]!.seenAt, fields: ['body'], lang: 'ar', dir: 'rtl' });
  t.same(body.before, { body: 'ناقش البرلمان مشروع الموازنة الاتحادية. وحضر الجلسة 180 نائبا.' }, 'the text as first read');
  t.same(body.after, { body: 'ناقش البرلمان مشروع الموازنة الاتحادية. وحضر الجلسة 210 نواب.' }, 'and as the edit left it');
  const changes = body.changes.body!;
  t.same(changes.filter((c) => c.op !== 'same').map((c) => [c.op, c.text]), [['removed', '180 نائبا'], ['added', '210 نواب']], 'what was taken out and put in: whole Arabic words, not letters');
  t.equal(side(changes, 'added'), body.before.body, 'the unchanged and removed runs are the text before');
  t.equal(side(changes, 'removed'), body.after.body, 'the unchanged and added runs are the text after');
});

t.test('an edited headline, word by word', async (t) => {
  const { status, body } = await revision(headline.id, 1);
  t.equal(status, 200);
  t.same(body.before, { title: 'مقتل ثلاثة في انفجار ببغداد' });
  t.same(body.after, { title: 'إصابة ثلاثة في انفجار ببغداد' });
  t.same(body.changes, { title: [{ op: 'removed', text: 'مقتل' }, { op: 'added', text: 'إصابة' }, { op: 'same', text: ' ثلاثة في انفجار ببغداد' }] });
});

t.test('an edit the article does not have is a coded 404, a number that is not one a 400 naming it', async (t) => {
  const beyond = await revision(headline.id, 2);
  t.equal(beyond.status, 404);
  t.match(beyond.body.error, { code: 'AKHBAR_NOT_FOUND', message: /keeps 1 edit, not 2/ });
  const none = await revision(untouched.id, 1);
  t.equal(none.status, 404);
  t.match(none.body.error, { code: 'AKHBAR_NOT_FOUND', message: /has no edits/ });
  t.equal((await revision('no-such-article', 1)).status, 404);
  for (const n of ['0', 'x', '21']) {
    const bad = await revision(headline.id, n);
    t.equal(bad.status, 400, `n=${n}`);
    t.match(bad.body.error, { code: 'AKHBAR_BAD_PARAMETER', param: 'n' }, `n=${n}: names the parameter`);
  }
});

t.test('the CSV export says when each article was edited and what changed', async (t) => {
  const res = await gw.app.inject({ url: '/v1/search.csv', query: { sort: 'edited', bom: 'false' } });
  t.equal(res.statusCode, 200);
  const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
  t.same(rows.map((r) => [r.id, r.editedAt, r.edited]), [
    [text.id, text.revisions![0]!.seenAt, 'body'],
    [headline.id, headline.revisions![0]!.seenAt, 'title'],
    [untouched.id, '', ''],
  ]);
});

t.test('in the Atom feed an edited article is an updated entry, published when it was; RSS keeps the publication date', async (t) => {
  const xml = new XMLParser({ ignoreAttributes: false });
  const atom = await gw.app.inject({ url: '/v1/search.atom', query: { edited: 'any', sort: 'edited' } });
  t.equal(atom.statusCode, 200);
  const entries = ([] as Array<Record<string, any>>).concat(xml.parse(atom.body).feed.entry);
  const entry = entries.find((e) => String(e.id).endsWith('/edit-headline'))!;
  t.equal(new Date(entry.updated).toISOString(), headline.revisions![0]!.seenAt, '<updated>: when the edit was seen');
  t.equal(new Date(entry.published).toISOString(), headline.publishedAt, '<published>: when it was published');
  const rss = await gw.app.inject({ url: '/v1/search.rss', query: { edited: 'any', sort: 'edited' } });
  const items = ([] as Array<Record<string, any>>).concat(xml.parse(rss.body).rss.channel.item);
  const item = items.find((i) => String(i.link).endsWith('/edit-headline'))!;
  t.equal(new Date(item.pubDate).getTime(), Math.floor(Date.parse(headline.publishedAt) / 1000) * 1000, 'RSS: the publication date');

  // Read back as a feed reader would: each edited entry leads with what its site changed.
  const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  for (const [format, body] of [['atom', atom.body], ['rss', rss.body]] as const) {
    const back = await parseFeed(Buffer.from(body));
    const summary = (slug: string) => htmlToText(back.items.find((i) => i.link?.endsWith(`/${slug}`))?.html ?? '');
    t.equal(summary('edit-headline'), `[Edited by its site ${when(headline.revisions![0]!.seenAt)}: the headline. The headline was “مقتل ثلاثة في انفجار ببغداد”.] ${headline.summary}`, `${format}: the headline it had`);
    t.equal(summary('edit-text'), `[Edited by its site ${when(text.revisions![0]!.seenAt)}: the text.] ${text.summary}`, `${format}: an edit of the text says so`);
  }
  const plain = await gw.app.inject({ url: '/v1/search.atom', query: { q: 'معرض' } });
  const back = await parseFeed(Buffer.from(plain.body));
  t.equal(htmlToText(back.items[0]?.html ?? ''), untouched.summary, 'an article never edited: its summary alone');
});

t.test("a source's page (and any profile) counts the articles its site edited, and whose headline changed", async (t) => {
  const res = await gw.app.inject({ url: `/v1/sources/${SOURCES.BAGHDAD_TODAY.id}` });
  t.equal(res.statusCode, 200);
  t.same((res.json() as { edited: unknown }).edited, { articles: 2, title: 1, summary: 0, body: 1 });
  const narrowed = (await gw.app.inject({ url: `/v1/sources/${SOURCES.BAGHDAD_TODAY.id}?q=${encodeURIComponent('البرلمان')}` })).json() as { total: number; edited: unknown };
  t.same([narrowed.total, narrowed.edited], [1, { articles: 1, title: 0, summary: 0, body: 1 }], 'a search filter narrows what is counted');
});
