import t from 'tap';
import { loadFixtures, SOURCES } from './fixtures/articles.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';
import { StorySizes } from '../src/story-sizes.ts';

/**
 * Story sizes (the "+8 articles" of a hit) against real Elasticsearch: searches that miss the
 * same stories at once share one request; a size past its freshness is shown at once while one
 * background request refreshes it; past its staleness a search waits for the new size.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'story-sizes' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

/** The story_sizes requests the gateway has sent Elasticsearch so far (its /metrics). */
async function sizeRequests(): Promise<number> {
  const text = (await gw.app.inject({ url: '/metrics' })).body;
  let n = 0;
  for (const [, count] of text.matchAll(/^akhbar_es_request_duration_seconds_count\{[^}]*op="story_sizes"[^}]*\} (\S+)$/gm)) n += Number(count);
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('searches missing the same stories at once share one request, and all get the sizes', async (t) => {
  const sizes = new StorySizes();
  const before = await sizeRequests();
  const answers = await Promise.all(Array.from({ length: 8 }, () => sizes.get(gw.app, ['story-visit', 'story-oil', 'story-heat'])));
  t.equal((await sizeRequests()) - before, 1, 'one request for eight searches');
  for (const a of answers) t.same(Object.fromEntries(a), { 'story-visit': 3, 'story-oil': 2, 'story-heat': 1 });
  const again = await sizes.get(gw.app, ['story-visit', 'story-unknown']);
  t.same(Object.fromEntries(again), { 'story-visit': 3, 'story-unknown': 1 }, 'a story no article has counts one (the article shown)');
  t.equal((await sizeRequests()) - before, 2, 'only the story not cached was asked for');
});

t.test('past its freshness a size is shown at once and refreshed behind; past its staleness the search waits', async (t) => {
  let clock = Date.now();
  const sizes = new StorySizes({ ttlMs: 30_000, staleMs: 300_000, now: () => clock });
  t.equal((await sizes.get(gw.app, ['story-visit'])).get('story-visit'), 3);
  // One more article joins the story.
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-visit-late', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: HOUR, story: 'story-visit', title: 'Iraqi premier lands in Washington', summary: 'The delegation arrived.', body: 'The Iraqi delegation arrived in Washington on Wednesday evening.' },
  ]);
  let before = await sizeRequests();
  clock += 29_000;
  t.equal((await sizes.get(gw.app, ['story-visit'])).get('story-visit'), 3, 'still fresh: the cached size…');
  t.equal(await sizeRequests(), before, '…and no request');
  clock += 2_000;
  t.equal((await sizes.get(gw.app, ['story-visit'])).get('story-visit'), 3, 'stale: the old size at once…');
  await t.resolveMatch(
    (async () => {
      for (let i = 0; i < 250 && (await sizeRequests()) === before; i++) await sleep(20);
      await sleep(20); // the request is counted as it ends, just before its sizes are cached
      return (await sizes.get(gw.app, ['story-visit'])).get('story-visit');
    })(),
    4,
    '…while one request refreshes it for the next search',
  );
  t.equal((await sizeRequests()) - before, 1, 'one refresh');
  // Past staleness nothing old is shown: the answer waits for Elasticsearch.
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'ar-visit-late', lang: 'ar', source: SOURCES.BAGHDAD_TODAY, ageMs: HOUR, story: 'story-visit', title: 'الكاظمي يصل إلى واشنطن', summary: 'وصل الوفد.', body: 'وصل الوفد العراقي إلى واشنطن مساء الأربعاء.' },
  ]);
  before = await sizeRequests();
  clock += 301_000;
  t.equal((await sizes.get(gw.app, ['story-visit'])).get('story-visit'), 5);
  t.equal((await sizeRequests()) - before, 1);
});

t.test('a failed refresh keeps the stale size; a failed first request fails the search that needed it', async (t) => {
  let clock = Date.now();
  const sizes = new StorySizes({ ttlMs: 30_000, staleMs: 300_000, now: () => clock });
  t.equal((await sizes.get(gw.app, ['story-oil'])).get('story-oil'), 2);
  clock += 60_000;
  const search = gw.app.es.search.bind(gw.app.es);
  (gw.app.es as { search: unknown }).search = () => Promise.reject(new Error('Elasticsearch went away'));
  try {
    t.equal((await sizes.get(gw.app, ['story-oil'])).get('story-oil'), 2, 'the stale size');
    await sleep(50);
    t.equal((await sizes.get(gw.app, ['story-oil'])).get('story-oil'), 2, 'still, after the refresh failed');
    await t.rejects(sizes.get(gw.app, ['story-heat']), /went away/, 'no size to show: the error reaches the route, as a failed search would');
  } finally {
    (gw.app.es as { search: unknown }).search = search;
  }
  t.equal((await sizes.get(gw.app, ['story-heat'])).get('story-heat'), 1, 'and the next search asks again');
});
