import ICAL from 'ical.js';
import t from 'tap';
import { SOURCES } from './fixtures/articles.ts';
import { DAY, HOUR, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * GET /v1/agenda — the days the news names — and mentions= on search, against real Elasticsearch.
 * The fixtures' days are read by enrichment's own extractor (fixtures/build.ts), from text written
 * the way the outlets write dates: an Iraqi outlet's «٥ كانون الأول» in Arabic-Indic digits and
 * Levantine month names, a wire's "December 5", a French «5 décembre».
 */
let gw: TestGateway;
const { BAGHDAD_TODAY: BT, GULF_WIRE: GW, MAGHREB_POST: MP } = SOURCES;
const NOW = Date.now();
/** The calendar day `n` days from today (UTC), YYYY-MM-DD, and as each outlet writes it. */
const day = (n: number) => new Date(Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), new Date(NOW).getUTCDate() + n));
const iso = (n: number) => day(n).toISOString().slice(0, 10);
const written = (n: number, locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day(n));
const withYear = (n: number, locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day(n));

const SUMMIT_AR = `ومن المقرر أن يعقد الاجتماع في ${written(4, 'ar-IQ')} بحضور وزراء الطاقة في البلدين`;
const ARTICLES: ArticleSpec[] = [
  {
    slug: 'agenda-summit-ar', lang: 'ar', source: BT, ageMs: 3 * HOUR, story: 'agenda-summit', countries: ['IQ'],
    title: 'بغداد وعمّان تحددان موعد اجتماع الطاقة المشترك',
    summary: 'اجتماع لوزراء الطاقة في البلدين',
    body: `أعلنت وزارة الكهرباء العراقية اتفاقها مع الجانب الأردني على عقد اجتماع مشترك لبحث ربط الشبكتين.\n${SUMMIT_AR}.\nوكان الاجتماع قد أرجئ مرتين خلال العام الجاري.`,
  },
  {
    slug: 'agenda-summit-en', lang: 'en', source: GW, ageMs: 2 * HOUR, story: 'agenda-summit', countries: ['IQ', 'JO'],
    title: 'Iraq and Jordan set a date for their energy meeting',
    summary: 'Ministers are to discuss linking the two grids.',
    body: `Iraq's electricity ministry said its ministers would meet their Jordanian counterparts on ${written(4, 'en-US')} to discuss linking the two grids.\nThe meeting had been postponed twice this year.`,
  },
  {
    // Newer than the meeting's reports, but one outlet's: the meeting, carried by two, comes first.
    slug: 'agenda-minor-fr', lang: 'fr', source: MP, ageMs: HOUR / 2, story: 'agenda-minor', countries: ['IQ'],
    title: 'Un salon du livre à Erbil',
    summary: 'Le salon ouvrira ses portes.',
    body: `Le salon du livre d'Erbil ouvrira ses portes le ${withYear(4, 'fr-FR')}, selon les organisateurs.`,
  },
  {
    slug: 'agenda-vote-ar', lang: 'ar', source: BT, ageMs: 1 * HOUR, story: 'agenda-vote', countries: ['IQ'],
    title: 'البرلمان يصوت على قانون الموازنة',
    summary: 'جلسة للتصويت على الموازنة',
    body: `قرر مجلس النواب تحديد يوم ${withYear(6, 'ar-IQ')} موعدا للتصويت على قانون الموازنة العامة.\nوقال نائب إن الخلافات بين الكتل ما زالت قائمة.`,
  },
  {
    slug: 'agenda-far-fr', lang: 'fr', source: MP, ageMs: 5 * HOUR, story: 'agenda-far', countries: ['TN'],
    title: 'La Tunisie fixe la date de ses élections municipales',
    summary: "L'instance électorale a publié son calendrier.",
    body: `Les électeurs tunisiens se rendront aux urnes le ${withYear(40, 'fr-FR')}, a annoncé l'instance électorale.\nLes listes seront déposées à partir du ${withYear(5, 'fr-FR')}.`,
  },
  {
    // What the news said would happen on a day now past.
    slug: 'agenda-past-en', lang: 'en', source: GW, ageMs: 12 * DAY, story: 'agenda-past', countries: ['IQ'],
    title: 'Basra port to reopen after dredging',
    summary: 'The port authority gave a date.',
    body: `The port of Umm Qasr will reopen to container ships on ${withYear(-10, 'en-US')}, the port authority said.`,
  },
  {
    slug: 'agenda-none', lang: 'en', source: GW, ageMs: 4 * HOUR, story: 'agenda-none', countries: ['IQ'],
    title: 'Baghdad traffic eases after bridge reopens',
    summary: 'Commuters report shorter journeys.',
    body: 'Traffic on the Jadriya bridge eased after repairs finished, commuters reported.',
  },
];

type Item = { text: string; sentence: string; article: { id: string; title: string; lang: string; dir: string; source: { id: string } }; story: { id: string; articles: number; sources: number } };
type Day = { date: string; articles: number; stories: number; sources: number; items: Item[] };
type Body = { start: string; end: string; total: number; days: Day[]; error?: { code?: string; param?: string; message?: string } };
const agenda = async (query: Record<string, string>) => {
  const res = await gw.app.inject({ url: '/v1/agenda', query });
  return { status: res.statusCode, body: res.json() as Body };
};

t.before(async () => {
  gw = await testGateway({ label: 'agenda' });
  await withArticles(t, gw.es, gw.indexPrefix, ARTICLES);
});
t.teardown(() => gw?.close());

t.test('the next two weeks: each day some article names, its stories (one item per story, most outlets first)', async (t) => {
  const { status, body } = await agenda({});
  t.equal(status, 200);
  t.equal(body.start, iso(0), 'from today');
  t.equal(body.end, iso(13), 'two weeks by default');
  t.same(body.days.map((d) => d.date), [iso(4), iso(5), iso(6)], 'the meeting, the lists opening, the vote — not the election 40 days out, not the day past');
  const summit = body.days[0]!;
  t.match(summit, { articles: 3, stories: 2, sources: 3 });
  t.same(summit.items.map((i) => i.story.id), ['agenda-summit', 'agenda-minor'], 'the Arabic and the English report of one meeting are one item, before a newer story only one outlet carries');
  t.match(summit.items[0], { story: { id: 'agenda-summit', articles: 2, sources: 2 }, article: { lang: 'en', title: /energy meeting/ } }, 'the newest report shown');
  t.equal(summit.items[0]!.text, written(4, 'en-US'), 'the words naming the day, as written');
  t.match(summit.items[0]!.sentence, /would meet their Jordanian counterparts on/, 'the sentence saying what happens');
  const vote = body.days[2]!;
  t.match(vote.items[0], { article: { lang: 'ar', dir: 'rtl', title: 'البرلمان يصوت على قانون الموازنة' }, story: { sources: 1 } });
  t.match(vote.items[0]!.sentence, /موعدا للتصويت على قانون الموازنة/);
  t.equal(body.total, 5, 'articles naming a day in the window: two on the meeting, the book fair, the vote, the French calendar');
  const one = await agenda({ perDay: '1', start: iso(4), end: iso(4) });
  t.same(one.body.days.map((d) => d.items.map((i) => i.story.id)), [['agenda-summit']], 'perDay=1: the story most outlets carry');
});

t.test('a search filter narrows the agenda, and a past day is what the news said about it', async (t) => {
  const fr = await agenda({ lang: 'fr', end: 'now+60d', q: 'électorale' });
  t.same(fr.body.days.map((d) => d.date), [iso(5), iso(40)], 'the French article names two days');
  const ar = await agenda({ q: 'الموازنة' });
  t.same(ar.body.days.map((d) => d.date), [iso(6)]);
  const past = await agenda({ start: iso(-10), end: iso(-10) });
  t.same(past.body.days.map((d) => d.date), [iso(-10)]);
  t.match(past.body.days[0]!.items[0], { article: { title: /Basra port/ }, sentence: /will reopen to container ships/ });
  const tn = await agenda({ country: 'TN', start: 'now+1w', end: 'now+2M' });
  t.equal(tn.body.start, iso(7));
  t.same(tn.body.days.map((d) => d.date), [iso(40)], 'a day outside the window is not listed though the article names it');
});

t.test('mentionsFrom / mentionsTo on search: the articles naming a day in the range, whenever published', async (t) => {
  const res = await gw.app.inject({ url: '/v1/search', query: { mentionsFrom: iso(4), mentionsTo: iso(4), limit: '10' } });
  t.equal(res.statusCode, 200);
  t.same((res.json() as { hits: Array<{ story: { id: string } }> }).hits.map((h) => h.story.id).sort(), ['agenda-minor', 'agenda-summit', 'agenda-summit']);
  const math = await gw.app.inject({ url: '/v1/search', query: { mentionsFrom: 'now-30d/d', mentionsTo: 'now/d', limit: '10' } });
  t.same((math.json() as { hits: Array<{ story: { id: string } }> }).hits.map((h) => h.story.id), ['agenda-past'], 'date math, the past day only');
  const bad = await gw.app.inject({ url: '/v1/search', query: { mentionsFrom: iso(5), mentionsTo: iso(4) } });
  t.equal(bad.statusCode, 400);
  t.equal((bad.json() as Body).error?.param, 'mentionsFrom');
});

t.test('the agenda as an iCalendar feed a calendar subscribes to', async (t) => {
  const res = await gw.app.inject({ url: '/v1/agenda.ics' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/calendar/);
  const cal = new ICAL.Component(ICAL.parse(res.body));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  t.equal(events.length, 4, 'one event per day and story');
  const summit = events.find((e) => e.summary.includes('energy meeting'));
  t.ok(summit, 'titled with the headline');
  t.ok(summit!.startDate.isDate, 'an all-day event');
  t.equal(summit!.startDate.toString(), iso(4), 'on the day named');
  t.match(summit!.description, /Jordanian counterparts/);
  t.match(summit!.description, /2 outlets/);
  const again = await gw.app.inject({ url: '/v1/agenda.ics' });
  const uids = (body: string) => new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid')).sort();
  t.same(uids(again.body), uids(res.body), 'the same UIDs on reload: a calendar updates its events instead of adding copies');
});

t.test('bad input: a coded 400 naming the parameter', async (t) => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ start: iso(5), end: iso(4) }, 'end'],
    [{ start: iso(0), end: 'now+1y' }, 'end'],
    [{ start: '2026-02-30' }, 'start'],
    [{ start: 'tomorrow' }, 'start'],
    [{ tz: 'Mars/Olympus' }, 'tz'],
    [{ mentionsFrom: iso(1) }, 'mentionsFrom'],
    [{ perDay: '0' }, 'perDay'],
  ];
  for (const [query, param] of cases) {
    const { status, body } = await agenda(query);
    t.equal(status, 400, JSON.stringify(query));
    t.equal(body.error?.param, param, `${JSON.stringify(query)} names ${param}`);
  }
});

t.test("a story's page gives the days its articles name, the most named first", async (t) => {
  const res = await gw.app.inject({ url: '/v1/stories/agenda-summit' });
  t.equal(res.statusCode, 200);
  t.same((res.json() as { dates: unknown }).dates, [{ date: iso(4), articles: 2 }], 'the meeting day, named by both reports');
  const none = await gw.app.inject({ url: '/v1/stories/agenda-none' });
  t.same((none.json() as { dates: unknown }).dates, [], 'a story naming no day has none');
});
