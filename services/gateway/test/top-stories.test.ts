import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KADHIMI, SOURCES, idOf, loadFixtures } from './fixtures/articles.ts';
import { DAY, HOUR, withArticles } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';

/**
 * GET /v1/stories: the front page — the stories most sources cover in a recent window. Fixture
 * stories: the premier's visit (3 sources, ar/en/fr, 2–4 h ago), oil prices (2 sources, 24–25 h
 * ago), 23 one-article market reports (6–28 h ago, one an hour), older single-source stories.
 * Windows are whole hours and so are the fixtures' ages, so checks avoid an article exactly
 * `window` old (inside or not depends on the minute the request falls in).
 */
let gw: TestGateway;
/** The articles as indexed (their dates are relative to when they were loaded). */
let fixtures: Awaited<ReturnType<typeof loadFixtures>>;
t.before(async () => {
  gw = await testGateway({ label: 'top-stories' });
  fixtures = await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

interface Story {
  id: string;
  articles: number;
  sources: number;
  langs: string[];
  firstSeen: string;
  lastSeen: string;
  tone: number | null;
  article: { id: string; title: string; story: { id: string; size: number }; entities: Array<{ id: string; names?: Record<string, string> }> };
}
type Body = { window: string; now: string; total: number; stories: Story[]; expandedEntities: Array<{ id: string }>; error?: { code: string; param?: string } };

const published = (slug: string) => fixtures.find((a) => a.id === idOf(slug))!.publishedAt;

async function top(query: Record<string, string>) {
  const res = await gw.app.inject({ method: 'GET', url: '/v1/stories', query });
  return { status: res.statusCode, body: res.json() as Body, headers: res.headers };
}

t.test('the story most sources cover comes first, with its newest article and what it spans', async (t) => {
  const { status, body, headers } = await top({ window: '12h' });
  t.equal(status, 200);
  t.match(headers['cache-control'], /max-age=\d+/);
  const [first, ...rest] = body.stories;
  t.match(first, {
    id: 'story-visit',
    articles: 3,
    sources: 3,
    firstSeen: published('fr-visit'),
    lastSeen: published('ar-visit'),
    tone: Math.round(((-0.6 - 0.4 + 0) / 3) * 100) / 100,
    article: { id: idOf('ar-visit'), story: { id: 'story-visit', size: 3 } },
  });
  t.same([...first!.langs].sort(), ['ar', 'en', 'fr']);
  t.ok(rest.length >= 5, 'the market reports of the last hours follow');
  t.ok(rest.every((s) => s.sources === 1 && s.id.startsWith('story-market-')), 'each a story of one source');
  t.notOk(body.stories.some((s) => s.id === 'story-oil'), 'a story older than the window is not there');
  t.ok(body.total >= 3 + 5, 'total counts the matching articles in the window');
});

t.test('rank, minSources and limit', async (t) => {
  const bySources = await top({ window: '3d' });
  t.same(bySources.body.stories.slice(0, 2).map((s) => [s.id, s.sources, s.articles]), [['story-visit', 3, 3], ['story-oil', 2, 2]]);
  const counts = bySources.body.stories.map((s) => s.sources);
  t.same(counts, [...counts].sort((a, b) => b - a), 'ranked by distinct sources');
  t.equal(bySources.body.stories.length, 20, 'limit defaults to 20');

  const covered = await top({ window: '3d', minSources: '2' });
  t.same(covered.body.stories.map((s) => s.id), ['story-visit', 'story-oil'], 'minSources leaves out single-source stories');
  const byArticles = await top({ window: '3d', rank: 'articles', minSources: '2' });
  t.same(byArticles.body.stories.map((s) => s.id), ['story-visit', 'story-oil'], 'minSources also works when not ranking by sources');

  const latest = await top({ window: '3d', rank: 'latest', limit: '5' });
  t.equal(latest.body.stories.length, 5);
  t.equal(latest.body.stories[0]!.id, 'story-visit');
  t.equal(latest.body.stories[1]!.id, 'story-market-0', 'then the newest market report (6 h)');
  const seen = latest.body.stories.map((s) => Date.parse(s.lastSeen));
  t.same(seen, [...seen].sort((a, b) => b - a), 'newest article first');
});

t.test('every search filter narrows the stories, the query language and entity expansion included', async (t) => {
  const ar = await top({ window: '3d', lang: 'ar' });
  t.match(ar.body.stories[0], { id: 'story-visit', articles: 1, sources: 1, langs: ['ar'], article: { id: idOf('ar-visit') } }, 'only the Arabic coverage counts');
  t.ok(ar.body.stories.every((s) => s.langs.length === 1 && s.langs[0] === 'ar'));

  const oil = await top({ window: '3d', q: 'النفط' });
  t.equal(oil.body.stories[0]?.id, 'story-oil', 'an Arabic word finds the oil story');

  const kadhimi = await top({ window: '3d', q: 'Kadhimi', names: 'ar' });
  t.same(kadhimi.body.stories.map((s) => s.id), ['story-visit'], 'the French article spells him al-Kazimi: the entity tag still counts it');
  t.equal(kadhimi.body.stories[0]!.sources, 3);
  t.ok(kadhimi.body.expandedEntities.some((e) => e.id === KADHIMI));
  t.equal(kadhimi.body.stories[0]!.article.entities.find((e) => e.id === KADHIMI)?.names?.ar, 'مصطفى الكاظمي', 'names= works on the lead article');

  const upbeat = await top({ window: '3d', toneMin: '1' });
  t.same(upbeat.body.stories.map((s) => [s.id, s.tone]), [['story-oil', 1.35], ['story-marathon', 4.8]], 'a tone filter keeps the upbeat stories, averaged');

  const none = await top({ window: '3d', q: 'zebrafishmarathonx' });
  t.equal(none.status, 200);
  t.same(none.body.stories, []);
  t.equal(none.body.total, 0);
});

t.test('prefer shows each story by its article in the reader\'s language, without filtering', async (t) => {
  const visit = async (query: Record<string, string>) => (await top({ window: '12h', ...query })).body.stories.find((s) => s.id === 'story-visit')!;
  t.equal((await visit({})).article.id, idOf('ar-visit'), 'by default its newest article (the Arabic one)');
  t.equal((await visit({ prefer: 'en' })).article.id, idOf('en-visit'), 'an English reader sees the English report');
  t.equal((await visit({ prefer: 'de,fr,en' })).article.id, idOf('fr-visit'), 'the first preferred language the story has wins');
  const german = await top({ window: '12h', prefer: 'de' });
  t.equal(german.body.stories.find((s) => s.id === 'story-visit')!.article.id, idOf('ar-visit'), 'none of them: its newest');
  t.same(german.body.stories.map((s) => s.id), (await top({ window: '12h' })).body.stories.map((s) => s.id), 'the same stories in the same order');
  const visitEntry = async (format: 'atom' | 'rss', prefer: string) => {
    const res = await gw.app.inject({ method: 'GET', url: `/v1/stories.${format}`, query: { window: '12h', prefer } });
    return res.body;
  };
  const en = fixtures.find((a) => a.id === idOf('en-visit'))!;
  t.ok((await visitEntry('atom', 'en')).includes(en.url), 'the feeds follow it too');
  const bad = await top({ prefer: 'english' });
  t.match(bad, { status: 400, body: { error: { param: 'prefer' } } });
});

t.test('bad parameters are coded 400s naming them', async (t) => {
  for (const [query, param] of [
    [{ window: '2w' }, 'window'],
    [{ rank: 'best' }, 'rank'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '51' }, 'limit'],
    [{ minSources: '0' }, 'minSources'],
    [{ minLangs: '0' }, 'minLangs'],
    [{ minLangs: '11' }, 'minLangs'],
    [{ without: 'english!' }, 'without'],
    [{ from: 'now-1d' }, 'from'],
    [{ toneMax: 'grim' }, 'toneMax'],
  ] as Array<[Record<string, string>, string]>) {
    const { status, body } = await top(query);
    t.equal(status, 400, JSON.stringify(query));
    t.equal(body.error?.param, param, `${JSON.stringify(query)} names ${param}`);
  }
});

t.test('top stories as RSS 2.0 and Atom, parsed back: one entry per story, linking its newest article', async (t) => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'entry' || name === 'link' });
  const json = (await top({ window: '3d', minSources: '2' })).body;
  const rss = await gw.app.inject({ url: '/v1/stories.rss', query: { window: '3d', minSources: '2' }, headers: { host: 'news.example.org' } });
  t.equal(rss.statusCode, 200);
  t.match(rss.headers['content-type'], /^application\/rss\+xml/);
  t.equal(XMLValidator.validate(rss.body), true, 'well-formed XML');
  const channel = parser.parse(rss.body).rss.channel;
  const items = channel.item as Array<Record<string, any>>;
  t.equal(items.length, json.stories.length, 'as many items as the JSON has stories');
  t.equal(items[0]!.title, json.stories[0]!.article.title, 'the newest article of the biggest story leads');
  t.equal(items[0]!.link[0], 'https://baghdad-today.example/ar-visit');
  t.equal(items[0]!.guid['#text'] ?? items[0]!.guid, 'http://news.example.org/v1/stories/story-visit', 'its id is the story, so a reader sees one entry as the story grows');
  t.match(items[0]!.description, /\(3 sources, 3 articles; (ar|en|fr), (ar|en|fr), (ar|en|fr)\)$/);
  t.match(items[1]!.description, /\(2 sources, 2 articles; /);

  const atom = await gw.app.inject({ url: '/v1/stories.atom', query: { window: '3d', minSources: '2', lang: 'ar' } });
  t.equal(atom.statusCode, 200);
  t.match(atom.headers['content-type'], /^application\/atom\+xml/);
  t.equal(XMLValidator.validate(atom.body), true);
  const feed = parser.parse(atom.body).feed;
  t.ok(feed.id && feed.updated && feed.title, 'feed id, updated and title (required by Atom)');
  t.ok(feed.link.some((l: Record<string, string>) => l['@_rel'] === 'self' && /\/v1\/stories\.atom\?/.test(l['@_href'])), 'its self link is the feed, query and all');
  t.ok(feed.link.some((l: Record<string, string>) => l['@_rel'] === 'alternate' && /\/v1\/stories\?/.test(l['@_href'])), 'and its alternate the JSON route with the same query');
  t.same(feed.entry, undefined, 'one source per story in Arabic alone: minSources=2 leaves none');
  const one = parser.parse((await gw.app.inject({ url: '/v1/stories.atom', query: { window: '3d', lang: 'ar' } })).body).feed;
  const entries = one.entry as Array<Record<string, any>>;
  t.same(entries.map((e) => e.link[0]['@_href']), ['https://baghdad-today.example/ar-visit', 'https://baghdad-today.example/ar-oil'], 'the Arabic coverage of the visit, then of oil');
  t.equal(entries[0]!.updated, new Date(published('ar-visit')).toISOString(), "an entry's updated is its story's newest article");
  const bad = await gw.app.inject({ url: '/v1/stories.rss?window=forever' });
  t.equal(bad.statusCode, 400, 'the same parameter validation');
  t.equal(bad.json().error.param, 'window');
});

t.test('stories that crossed a language border (minLangs) and blind spots (without): what one language\'s press has not told', async (t) => {
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'blind-ar-1', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 2 * HOUR, story: 'story-blind-ar', title: 'انقطاع الكهرباء عن أحياء في الموصل', summary: 'ساعات من الظلام.', body: 'انقطعت الكهرباء عن أحياء واسعة في الموصل لساعات.' },
    { slug: 'blind-ar-2', lang: 'ar', source: SOURCES.MAGHREB_POST, ageMs: 3 * HOUR, story: 'story-blind-ar', title: 'الموصل بلا كهرباء لساعات', summary: 'شكاوى السكان.', body: 'اشتكى سكان الموصل من انقطاع الكهرباء لساعات طويلة.' },
    { slug: 'told-ar', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 4 * HOUR, story: 'story-told-before', title: 'افتتاح معرض الكتاب في أربيل', summary: 'دور نشر من عشرين دولة.', body: 'افتتح معرض الكتاب في أربيل بمشاركة دور نشر من عشرين دولة.' },
    { slug: 'told-en', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 3 * DAY, story: 'story-told-before', title: 'Erbil book fair to open', summary: 'Publishers from twenty countries.', body: 'The Erbil book fair opens with publishers from twenty countries.' },
  ]);
  const ids = (b: Body) => b.stories.map((s) => s.id);
  const crossed = await top({ window: '12h', minLangs: '2' });
  t.equal(crossed.status, 200);
  t.same(ids(crossed.body), ['story-visit'], 'minLangs=2: only the visit, told in Arabic, English and French');
  const three = await top({ window: '12h', minLangs: '4' });
  t.same(ids(three.body), [], 'no story in four languages');

  const blind = await top({ window: '12h', without: 'en' });
  t.ok(ids(blind.body).includes('story-blind-ar'), 'without=en: the Mosul outage, told in Arabic by two sources, in no English');
  t.notOk(ids(blind.body).includes('story-visit'), 'not the visit: it has its English article');
  t.notOk(ids(blind.body).includes('story-told-before'), 'not the book fair: English told it three days ago, before the window');
  t.same(ids(blind.body)[0], 'story-blind-ar', 'ranked as ever: most sources first');
  const blindBoth = await top({ window: '12h', without: 'en,fr', minSources: '2' });
  t.same(ids(blindBoth.body), ['story-blind-ar'], 'with minSources=2 and two languages left out');
  const feed = await gw.app.inject({ url: '/v1/stories.rss', query: { window: '12h', without: 'en', minSources: '2' } });
  t.equal((feed.body.match(/<item>/g) ?? []).length, 1, 'the stories feeds take them too');
});

t.test("a story's articles say which repeat an earlier one's text (a wire copy), in the same language only", async (t) => {
  // A wire story of a realistic length: a credit line or a retouched headline leaves its fingerprint as it was.
  const WIRE = [
    'Iraq signed a deal on Sunday with a French energy group to build a solar plant of one gigawatt in the southern desert near Samawa, the electricity ministry said.',
    'The plant, the largest of its kind in the country, is due to feed the national grid within three years and to cover part of the shortfall that leaves homes with a few hours of power a day in summer.',
    'Officials said the contract also covers a training programme for Iraqi engineers and a maintenance centre in Muthanna province, one of the poorest in Iraq.',
  ].join(' ');
  const [original, copy, rewrite, arabic] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'solar-wire', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: 5 * HOUR, story: 'story-solar', title: 'Iraq signs solar plant deal', summary: 'A gigawatt near Samawa.', body: WIRE },
    { slug: 'solar-copy', lang: 'en', source: SOURCES.MAGHREB_POST, ageMs: 4 * HOUR, story: 'story-solar', title: 'Iraq signs a solar plant deal near Samawa', summary: 'A gigawatt near Samawa.', body: `${WIRE} (Reuters)` },
    { slug: 'solar-own', lang: 'en', source: SOURCES.BAGHDAD_TODAY, ageMs: 3 * HOUR, story: 'story-solar', title: 'Samawa to host a giant solar farm', summary: 'Our correspondent visited the site.', body: 'Farmers near Samawa told our correspondent they hope the new solar farm brings jobs and steady power to a town that gets four hours of electricity a day in summer.' },
    { slug: 'solar-ar', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: 2 * HOUR, story: 'story-solar', title: 'العراق يوقع عقدا لمحطة شمسية', summary: 'قرب السماوة.', body: 'وقع العراق عقدا مع مجموعة فرنسية لبناء محطة للطاقة الشمسية بقدرة غيغاواط في صحراء السماوة.' },
  ]);
  const res = await gw.app.inject({ url: '/v1/stories/story-solar' });
  const body = res.json() as { articles: Array<{ id: string; copyOf?: string }> };
  t.same(body.articles.map((a) => [a.id, a.copyOf ?? null]), [[original!.id, null], [copy!.id, original!.id], [rewrite!.id, null], [arabic!.id, null]],
    'the republished wire text names the original; the own report and the Arabic one do not');
});
