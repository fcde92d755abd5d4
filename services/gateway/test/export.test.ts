import t from 'tap';
import { parse } from 'csv-parse/sync';
import { KADHIMI, FIXTURE_COUNT, SOURCES, idOf, loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { uniqueQueuePrefix } from '@akhbar/testkit';
import { build } from '../src/app.ts';
import { testGateway, type TestGateway } from './helpers.ts';
import { CSV_COLUMNS, defuseCell, exportPages, textPageSize } from '../src/routes/export.ts';

/**
 * /v1/search.csv and /v1/search.ndjson against real Elasticsearch: every matching article, paged
 * behind the scenes (7 per Elasticsearch request here, so the fixtures take several pages), read
 * back with a CSV parser.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'export', exportPageSize: 7, exportMax: 50 });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

async function csv(query: Record<string, string>) {
  const res = await gw.app.inject({ url: '/v1/search.csv', query });
  const rows = res.statusCode === 200 ? (parse(res.rawPayload, { bom: true, columns: true }) as Row[]) : [];
  return { res, rows };
}

async function newestIds(limit: number): Promise<string[]> {
  const res = await gw.app.inject({ url: '/v1/search', query: { sort: 'newest', limit: String(limit) } });
  return (res.json() as { hits: Array<{ id: string }> }).hits.map((h) => h.id);
}

t.test('CSV: every matching article once, in the order of the search, across pages', async (t) => {
  const { res, rows } = await csv({ max: '50' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /attachment; filename="akhbar-search\.csv"/);
  t.equal(res.headers['x-total-count'], String(FIXTURE_COUNT));
  t.equal(res.headers['x-total-relation'], 'eq');
  t.same(Object.keys(rows[0]!), [...CSV_COLUMNS], 'the documented columns, in order');
  t.equal(rows.length, FIXTURE_COUNT, `all ${FIXTURE_COUNT} articles, though a page holds 7`);
  t.same(rows.map((r) => r.id), await newestIds(100), 'newest first, each once');
  t.same(res.rawPayload.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]), 'a UTF-8 BOM for spreadsheet programs');
  const ar = rows.find((r) => r.id === idOf('ar-visit'))!;
  t.equal(ar.title, 'الكاظمي يتوجه إلى واشنطن لبحث جدول انسحاب القوات', 'Arabic comes through byte for byte');
  t.equal(ar['source.name'], SOURCES.BAGHDAD_TODAY.name);
  t.equal(ar.topics, 'politics');
  t.ok(ar.entities.split(';').includes(KADHIMI), 'entity ids joined with ;');
  t.ok(ar.entityNames.split(';').includes('Mustafa al-Kadhimi'));
  t.equal(ar['story.id'], 'story-visit');
  t.equal(ar['story.size'], '3');

  const noBom = await csv({ max: '3', bom: 'false' });
  t.equal(noBom.res.rawPayload[0], 'i'.charCodeAt(0), 'bom=false: the header comes first');
  t.same(noBom.rows.map((r) => r.id), (await newestIds(3)), 'max stops the export mid-page');
});

t.test('the search parameters apply, entity expansion included', async (t) => {
  const { rows, res } = await csv({ q: 'الكاظمي' });
  t.equal(res.headers['x-total-count'], '3');
  t.same(rows.map((r) => r.lang).sort(), ['ar', 'en', 'fr'], 'the Arabic name finds the articles tagged with him in every language');
  const fr = await csv({ q: 'الكاظمي', lang: 'fr' });
  t.same(fr.rows.map((r) => r.id), [idOf('fr-visit')]);
  const none = await csv({ q: 'no-such-word-anywhere' });
  t.equal(none.res.statusCode, 200);
  t.same(none.rows, [], 'no match: the header alone');
  t.equal(none.res.headers['x-total-count'], '0');
});

t.test('NDJSON: one /v1/search hit per line', async (t) => {
  const res = await gw.app.inject({ url: '/v1/search.ndjson', query: { q: 'Kadhimi', names: 'ar' } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/x-ndjson/);
  const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
  t.equal(lines.length, 3);
  const search = (await gw.app.inject({ url: '/v1/search', query: { q: 'Kadhimi', names: 'ar', sort: 'newest', highlight: 'false' } })).json() as { hits: unknown[] };
  t.same(lines, search.hits, 'the same hits, in the same shape, as the search (newest first)');
  t.match(lines[0]!.entities.find((e: { id: string }) => e.id === KADHIMI), { names: { ar: 'مصطفى الكاظمي' } });
  const all = await gw.app.inject({ url: '/v1/search.ndjson', query: { max: '50' } });
  t.equal(all.body.trimEnd().split('\n').length, FIXTURE_COUNT, 'all pages');
});

t.test('text=true: each article\'s text too, as the article route gives it — a last CSV column, a field of each NDJSON line', async (t) => {
  const bodyOf = async (id: string) => ((await gw.app.inject({ url: `/v1/articles/${id}` })).json() as { body: string }).body;
  const lines = (await gw.app.inject({ url: '/v1/search.ndjson', query: { q: 'Kadhimi', text: 'true' } })).body.trim().split('\n').map((l) => JSON.parse(l) as { id: string; body?: string });
  t.ok(lines.length >= 3, `the Kadhimi reports (${lines.length})`);
  for (const l of lines) t.equal(l.body, await bodyOf(l.id), `${l.id}: its text`);
  t.match(lines.find((l) => l.id === idOf('ar-visit'))?.body, /غادر رئيس الوزراء مصطفى الكاظمي بغداد/, 'Arabic text byte for byte');
  const plain = (await gw.app.inject({ url: '/v1/search.ndjson', query: { q: 'Kadhimi' } })).body.trim().split('\n').map((l) => JSON.parse(l) as { body?: string });
  t.ok(plain.every((l) => l.body === undefined), 'without text=true, no text: the export stays small');

  const { res, rows } = await csv({ q: 'Kadhimi', text: 'true', max: '50' });
  t.equal(res.statusCode, 200);
  t.same(Object.keys(rows[0]!), [...CSV_COLUMNS, 'body'], 'the CSV: body last, the other columns where they were');
  for (const r of rows as Array<Row & { body: string }>) t.equal(r.body, await bodyOf(r.id), `${r.id}: its text in the CSV`);

  // A page with texts holds a tenth as many articles (7 here → 1): every article still comes, once, in order.
  t.equal(textPageSize(7), 1);
  t.equal(textPageSize(500), 50);
  const whole = await csv({ text: 'true', max: '50' });
  t.equal(whole.rows.length, FIXTURE_COUNT, `all ${FIXTURE_COUNT} articles, a page of one at a time`);
  t.same(whole.rows.map((r) => r.id), await newestIds(100), 'newest first, each once');
  t.ok((whole.rows as Array<Row & { body: string }>).every((r) => r.body.length > 0), 'each with its text');
  const few = await csv({ text: 'true', max: '3' });
  t.same(few.rows.map((r) => r.id), await newestIds(3), 'max stops it where asked');
});

t.test('bad input is a coded 400 naming the parameter', async (t) => {
  for (const [query, param] of [
    [{ max: '0' }, 'max'],
    [{ max: '51' }, 'max'],
    [{ max: 'lots' }, 'max'],
    [{ cursor: 'abc' }, 'cursor'],
    [{ limit: '5' }, 'limit'],
    [{ bom: 'perhaps' }, 'bom'],
    [{ from: 'yesterday-ish' }, 'from'],
  ] as const) {
    for (const format of ['csv', 'ndjson']) {
      const res = await gw.app.inject({ url: `/v1/search.${format}`, query });
      t.equal(res.statusCode, 400, `${format} ${JSON.stringify(query)}`);
      t.match(res.json(), { error: { param } });
    }
  }
});

t.test('a title that reads as a spreadsheet formula is defused in CSV, kept in NDJSON', async (t) => {
  t.equal(defuseCell('=HYPERLINK("x")'), '\'=HYPERLINK("x")');
  t.equal(defuseCell('-5% on the day'), '\'-5% on the day');
  t.equal(defuseCell('Oil falls 5%'), 'Oil falls 5%');
  const title = '=HYPERLINK("https://evil.example/","Read more")';
  const [bad] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'en-formula', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: HOUR / 2, story: 'story-formula',
    title, summary: 'A headline written to run in a spreadsheet.', body: 'The feed put a formula where the headline goes.',
  }]);
  const { rows } = await csv({ max: '50' });
  t.equal(rows.length, FIXTURE_COUNT + 1, 'its neighbours are all there');
  t.equal(rows.find((r) => r.id === bad!.id)?.title, `'${title}`);
  const nd = await gw.app.inject({ url: '/v1/search.ndjson', query: { max: '1' } });
  t.equal((JSON.parse(nd.body) as { title: string }).title, title);
});

t.test('an export is the index as it was when it started: articles indexed meanwhile do not slip in', async (t) => {
  const before = await newestIds(100);
  // Oldest first, 7 per page: articles indexed after the first page, newer than every fixture,
  // would come on the last page if each page looked at the live index.
  const pages = exportPages(gw.app, { sort: 'oldest', limit: 7, facetSize: 10, highlight: false }, 50, 7);
  const first = await pages.next();
  t.equal(first.done, false);
  const late = await withArticles(t, gw.es, gw.indexPrefix, [1, 2, 3].map((i) => ({
    slug: `en-late-${String(i)}`, lang: 'en', source: SOURCES.GULF_WIRE, ageMs: i * 1000, story: `story-late-${String(i)}`,
    title: `Late bulletin ${String(i)}`, summary: 'Indexed while an export was running.', body: 'Indexed while an export was running.',
  })));
  const ids = first.done ? [] : first.value.hits.map((h) => h.id);
  for await (const page of pages) ids.push(...page.hits.map((h) => h.id));
  t.equal(new Set(ids).size, ids.length, 'no article twice');
  t.same([...ids].sort(), [...before].sort(), 'exactly the articles there when it started');
  t.notOk(late.some((a) => ids.includes(a.id)));
  t.equal((await newestIds(100)).length, before.length + 3, 'while a search now finds the new ones');
});

t.test('each page an export reads counts against the rate limit; short of allowance it is a coded 429 before any byte', async (t) => {
  const pages = Math.ceil(FIXTURE_COUNT / 7);
  t.ok(pages >= 3, 'the fixtures take several pages');
  // Its own gateway over the same index and clients, with room for one full export and a little more.
  const limit = pages + 5;
  const rl = { app: await build({ es: gw.es, redis: gw.redis, queuePrefix: uniqueQueuePrefix('export-rl'), indexPrefix: gw.indexPrefix, exportPageSize: 7, exportMax: 50, rateLimitMax: limit }) };
  t.teardown(() => rl.app.close());
  const remaining = async () => Number((await rl.app.inject({ url: '/v1/search', query: { limit: '1' } })).headers['x-ratelimit-remaining']);

  t.equal((await rl.app.inject({ url: '/v1/search.csv', query: { max: '5' } })).statusCode, 200);
  t.equal(await remaining(), limit - 2, 'a one-page export costs one request');

  const big = await rl.app.inject({ url: '/v1/search.ndjson', query: { max: '50' } });
  t.equal(big.statusCode, 200);
  t.equal(big.body.trim().split('\n').length, FIXTURE_COUNT, 'every article');
  const left = await remaining();
  t.equal(left, limit - 2 - pages - 1, `a ${String(pages)}-page export costs ${String(pages)} requests`);

  const refused = await rl.app.inject({ url: '/v1/search.csv', query: { max: '50' } });
  t.equal(refused.statusCode, 429, 'not enough allowance left for every page');
  t.match(refused.json(), { error: { code: 'AKHBAR_RATE_LIMITED', message: new RegExp(`reads ${String(pages)} pages and counts as ${String(pages)} requests; ${String(left - 1)} more are left`) } });
  t.ok(Number(refused.headers['retry-after']) > 0, 'with Retry-After');
  t.notMatch(refused.headers['content-type'], /text\/csv/, 'a JSON error, not a cut-off file');
  t.equal(await remaining(), left - 2, 'refusing charged the request, not the pages it would have read');
});
