import t from 'tap';
import { KADHIMI, idOf, loadFixtures } from './fixtures/articles.ts';
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

t.test('bad parameters are coded 400s naming them', async (t) => {
  for (const [query, param] of [
    [{ window: '2w' }, 'window'],
    [{ rank: 'best' }, 'rank'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '51' }, 'limit'],
    [{ minSources: '0' }, 'minSources'],
    [{ from: 'now-1d' }, 'from'],
    [{ toneMax: 'grim' }, 'toneMax'],
  ] as Array<[Record<string, string>, string]>) {
    const { status, body } = await top(query);
    t.equal(status, 400, JSON.stringify(query));
    t.equal(body.error?.param, param, `${JSON.stringify(query)} names ${param}`);
  }
});
