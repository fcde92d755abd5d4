import t from 'tap';
import { Redis } from 'ioredis';
import { articleSignature } from '@akhbar/nlp';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { StoryClusterer } from '../src/story.ts';
import { LEDE_AR, SPORT_AR, rawArticle } from './fixtures.ts';

/** Story clustering against the real Redis. */

const connections: Redis[] = [];
const prefixes: string[] = [];
t.teardown(async () => {
  for (const p of prefixes) await deleteRedisPrefix(p);
  for (const r of connections) r.disconnect();
});
function redis(): Redis {
  const r = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
  connections.push(r);
  return r;
}
function prefix(label: string): string {
  const p = uniqueQueuePrefix(label);
  prefixes.push(p);
  return p;
}
const sig = (body: string) => articleSignature(rawArticle('x', 't', body))!;

t.test('the same wire story under other URLs shares one story id; another story does not', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('story') });
  const now = new Date().toISOString();
  const first = await stories.assign('a1', now, sig(LEDE_AR));
  t.same(first, { storyId: 'a1', outcome: 'new' });
  const copy = await stories.assign('a2', now, sig(`بغداد - ${LEDE_AR} ومن المقرر أن يلتقي الكاظمي الرئيس الأمريكي يوم الخميس.`));
  t.equal(copy.storyId, 'a1', 'a copy with a dateline and an extra sentence joins the story');
  t.equal(copy.outcome, 'joined');
  t.ok((copy.similarity ?? 0) >= 0.45);
  const other = await stories.assign('a3', now, sig(SPORT_AR));
  t.same(other, { storyId: 'a3', outcome: 'new' }, 'an unrelated story starts its own');
  const again = await stories.assign('a2', now, sig(LEDE_AR));
  t.same(again, { storyId: 'a1', outcome: 'existing' }, 're-enriching an article keeps its story');
});

t.test('the time window bounds a story', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('window'), windowMs: 24 * 3600_000 });
  await stories.assign('old', new Date(Date.now() - 5 * 24 * 3600_000).toISOString(), sig(LEDE_AR));
  const fresh = await stories.assign('fresh', new Date().toISOString(), sig(LEDE_AR));
  t.equal(fresh.storyId, 'fresh', 'the same text five days later is a new story');
});

t.test('a story id given by an earlier enrichment is kept when no near-duplicate says otherwise', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('previous') });
  const res = await stories.assign('b1', new Date().toISOString(), sig(SPORT_AR), 'story-from-before');
  t.equal(res.storyId, 'story-from-before');
});

t.test('concurrent workers never split a story', async (t) => {
  const p = prefix('race');
  // Eight "workers", each with its own connection, enrich copies of one new story at once.
  const workers = Array.from({ length: 8 }, () => new StoryClusterer(redis(), { prefix: p }));
  const now = new Date().toISOString();
  const copies = Array.from({ length: 40 }, (_, i) => ({ id: `copy-${String(i)}`, body: `${['بغداد', 'البصرة', 'أربيل', 'النجف'][i % 4]!} - ${LEDE_AR}` }));
  const results = await Promise.all(copies.map((c, i) => workers[i % workers.length]!.assign(c.id, now, sig(c.body))));
  const ids = new Set(results.map((r) => r.storyId));
  t.equal(ids.size, 1, `one story for 40 copies (got ${[...ids].join(', ')})`);
  t.equal(results.filter((r) => r.outcome === 'new').length, 1, 'exactly one copy started it');
});
