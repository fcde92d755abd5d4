import t from 'tap';
import { parse } from 'csv-parse/sync';
import { loadFixtures } from './fixtures/articles.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * The share of coverage over time (GDELT's volume timeline, Media Cloud's normalised attention):
 * with share=true each bucket says how many articles of the same sources, languages and dates
 * there were in all, and what share of them match. The expected figures are counted here from
 * the fixtures' own dates, languages and topics.
 */
let gw: TestGateway;
let fixtures: Awaited<ReturnType<typeof loadFixtures>>;
t.before(async () => {
  gw = await testGateway({ label: 'share' });
  // Dated back from yesterday noon (UTC): the visit (2–4 h before) and the first market reports
  // (6 h and more) then share a day whatever the hour, the day the partial share below needs;
  // dated back from now, between midnight and 4 am they fell on two days.
  const today = new Date();
  fixtures = await loadFixtures(gw.indexPrefix, gw.es, Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 12 * 3_600_000);
});
t.teardown(async () => {
  await gw?.close();
});

type Bucket = { t: string; count: number; all?: number; share?: number | null; tone?: number | null; split?: Record<string, number>; toneSplit?: Record<string, number | null> };
type Timeline = { total: number; all?: number; share?: number | null; tone?: number | null; buckets: Bucket[] };

async function timeline(query: Record<string, string>) {
  const res = await gw.app.inject({ method: 'GET', url: '/v1/stats/timeline', query: { from: 'now-60d', interval: 'day', tz: 'UTC', ...query } });
  return { status: res.statusCode, body: res.json() as Timeline & { error?: { param?: string } } };
}

const DAY = 86_400_000;
/** Fixtures published in the UTC day starting at `t`. */
const inDay = (t: string, keep: (a: (typeof fixtures)[number]) => boolean = () => true) =>
  fixtures.filter((a) => keep(a) && Date.parse(a.publishedAt) >= Date.parse(t) && Date.parse(a.publishedAt) < Date.parse(t) + DAY).length;
const rounded = (x: number) => Math.round(x * 1e6) / 1e6;

t.test('each day says its coverage and the share of it that matches the query', async (t) => {
  const plain = await timeline({ q: 'Kadhimi' });
  const { status, body } = await timeline({ q: 'Kadhimi', share: 'true' });
  t.equal(status, 200);
  t.equal(body.total, plain.body.total, 'total still counts the matching articles');
  t.ok(body.total >= 3 && body.total < fixtures.length, `the query matches some of the articles (${body.total} of ${fixtures.length})`);
  t.equal(body.all, fixtures.length, 'all counts every article of the range, whatever it is about');
  t.equal(body.share, rounded(body.total / fixtures.length));
  t.same(body.buckets.map((b) => [b.t, b.count]), plain.body.buckets.map((b) => [b.t, b.count]), 'the same days and counts as without share');
  let withCoverage = 0;
  for (const b of body.buckets) {
    t.equal(b.all, inDay(b.t), `${b.t}: every article of the day`);
    if (b.all! > 0) {
      withCoverage++;
      t.equal(b.share, rounded(b.count / b.all!), `${b.t}: ${b.count} of ${b.all}`);
    } else t.equal(b.share, null, `${b.t}: no coverage, no share (not 0)`);
  }
  t.ok(withCoverage >= 4, 'several days have coverage');
  t.ok(body.buckets.some((b) => b.share! > 0 && b.share! < 1), 'a day where some but not all of the coverage matches');
});

t.test('coverage keeps where the news is read (language, source, dates), not what it is about', async (t) => {
  const arabic = await timeline({ q: 'Kadhimi', lang: 'ar', share: 'true' });
  t.equal(arabic.body.all, fixtures.filter((a) => a.enrichment.lang === 'ar').length, 'lang=ar: the Arabic coverage');
  for (const b of arabic.body.buckets) t.equal(b.all, inDay(b.t, (a) => a.enrichment.lang === 'ar'), `${b.t}: Arabic articles of the day`);

  const economy = await timeline({ topic: 'economy', share: 'true' });
  const economic = fixtures.filter((a) => a.enrichment.topics.some((x) => x.id === 'economy')).length;
  t.equal(economy.body.total, economic, 'topic narrows what matches');
  t.equal(economy.body.all, fixtures.length, 'but not the coverage it is a share of');

  const recent = await timeline({ q: 'Kadhimi', from: 'now-2d', interval: 'hour', share: 'true' });
  const twoDays = fixtures.filter((a) => Date.parse(a.publishedAt) >= Date.now() - 2 * DAY).length;
  t.equal(recent.body.all, twoDays, 'from/to bound the coverage too');
});

t.test('tone and series are of the matching articles, as without share', async (t) => {
  const plain = await timeline({ q: 'Kadhimi', split: 'lang', tone: 'true' });
  const shared = await timeline({ q: 'Kadhimi', split: 'lang', tone: 'true', share: 'true' });
  t.equal(shared.status, 200);
  t.equal(shared.body.tone, plain.body.tone, 'the average tone of the matching articles');
  t.same(
    shared.body.buckets.map((b) => [b.t, b.count, b.tone, b.split]),
    plain.body.buckets.map((b) => [b.t, b.count, b.tone, b.split]),
    'each day: count, tone and series as without share',
  );
});

t.test('without share nothing changes; a bad value is a coded 400', async (t) => {
  const plain = await timeline({ q: 'Kadhimi' });
  t.notOk('all' in plain.body || 'share' in plain.body, 'no coverage figures unless asked');
  t.notOk(plain.body.buckets.some((b) => 'all' in b || 'share' in b));
  const bad = await timeline({ share: 'perhaps' });
  t.equal(bad.status, 400);
  t.equal(bad.body.error?.param, 'share');
});

t.test('the timeline as CSV: the same buckets in rows, for a spreadsheet', async (t) => {
  const query = { q: 'Kadhimi OR oil', from: 'now-60d', interval: 'day', tz: 'UTC', share: 'true', tone: 'true', split: 'lang' };
  const json = (await gw.app.inject({ url: '/v1/stats/timeline', query })).json() as Timeline;
  const res = await gw.app.inject({ url: '/v1/stats/timeline.csv', query });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /attachment; filename="akhbar-timeline\.csv"/);
  t.equal(res.headers['x-total-count'], String(json.total));
  t.same(res.rawPayload.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]), 'a UTF-8 byte order mark for spreadsheet programs');
  const rows = parse(res.body, { columns: true, bom: true }) as Array<Record<string, string>>;
  const langs = Object.entries(json.buckets.reduce<Record<string, number>>((acc, b) => {
    for (const [k, n] of Object.entries(b.split ?? {})) acc[k] = (acc[k] ?? 0) + n;
    return acc;
  }, {})).sort((a, b) => b[1] - a[1]).map(([k]) => k);
  t.ok(langs.length >= 2, `several series: ${langs.join(', ')}`);
  t.same(Object.keys(rows[0]!), ['t', 'count', 'all', 'share', 'tone', ...langs.map((l) => `split.${l}`), ...langs.map((l) => `toneSplit.${l}`)], 'the columns: bucket, count, coverage, tone, then a column per series, largest first');
  t.equal(rows.length, json.buckets.length, 'one row per bucket, empty days included');
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  for (const [i, b] of json.buckets.entries()) {
    const r = rows[i]!;
    t.same(
      [r.t, r.count, r.all, r.share, r.tone, ...langs.map((l) => r[`split.${l}`]), ...langs.map((l) => r[`toneSplit.${l}`])],
      [b.t, String(b.count), cell(b.all), cell(b.share), cell(b.tone), ...langs.map((l) => String(b.split?.[l] ?? 0)), ...langs.map((l) => cell(b.toneSplit?.[l]))],
      `${b.t}: the JSON bucket's figures, an empty cell for no tone or no coverage`,
    );
  }
  const plain = await gw.app.inject({ url: '/v1/stats/timeline.csv', query: { q: 'Kadhimi', from: 'now-60d', interval: 'day', bom: 'false' } });
  t.equal(plain.body.split('\n')[0], 't,count', 'without share, tone or split: the bucket and its count; bom=false leaves the mark out');
  const bad = await gw.app.inject({ url: '/v1/stats/timeline.csv', query: { q: 'Kadhimi', colour: 'red' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: { code: 'AKHBAR_UNKNOWN_PARAMETER', param: 'colour' } }, 'a bad parameter is the usual coded JSON error');
});
