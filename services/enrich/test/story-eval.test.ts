import t from 'tap';
import { Redis } from 'ioredis';
import { loadEvalSet, loadSameLanguageStories, loadStoryLabels } from '@akhbar/nlp/eval';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { enrichOne } from '../src/process.ts';
import { StoryClusterer } from '../src/story.ts';
import { rawArticle } from './fixtures.ts';

/**
 * Story clustering scored on the labelled set: its 88 articles in fourteen languages, fourteen
 * stories of which are told in two to twelve of them (packages/nlp/eval/stories.json). Every article
 * goes through the enrich service's own path (taggers, then the story script in the real Redis),
 * published over one afternoon; every pair of articles is then right or wrong about sharing a story.
 */

const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
const prefix = uniqueQueuePrefix('story-eval');
t.teardown(async () => {
  await deleteRedisPrefix(prefix);
  redis.disconnect();
});

/**
 * Every pair of articles (those `counted`) right or wrong about sharing a story: `assigned` is each
 * article's story, `gold` its labelled one (an article absent from it is a story of its own).
 */
function scorePairs(assigned: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>, counted: (a: string, b: string) => boolean = () => true) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  const ids = [...assigned.keys()];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [a, b] = [ids[i]!, ids[j]!];
      if (!counted(a, b)) continue;
      const same = assigned.get(a) === assigned.get(b);
      const should = gold.has(a) && gold.get(a) === gold.get(b);
      if (same && should) tp++;
      else if (same) {
        fp++;
        wrong.push(`${a}~${b}`);
      } else if (should) {
        fn++;
        missed.push(`${a}~${b}`);
      }
    }
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), tp, fn, wrong, missed };
}

t.test('cross-lingual stories on the labelled set: precision, recall, stories found whole', async (t) => {
  const stories = new StoryClusterer(redis, { prefix });
  const labels = loadStoryLabels();
  const gold = new Map<string, string>();
  for (const [story, ids] of Object.entries(labels)) for (const id of ids) gold.set(id, story);
  const set = loadEvalSet();
  const start = Date.now() - 6 * 3600_000;
  const assigned = new Map<string, string>();
  const linked: string[] = [];
  for (const [i, a] of set.entries()) {
    // Declared language as a feed would give it; four minutes apart, in file order.
    const raw = rawArticle(a.id, a.title, a.body, { langHint: a.lang, publishedAt: new Date(start + i * 240_000).toISOString(), source: { id: `src-${a.lang}`, name: a.lang, domain: `${a.lang}.example` } });
    const e = await enrichOne(raw, { stories });
    assigned.set(a.id, e.enrichment.storyId);
    if (e.enrichment.provenance.storyId?.tagger === 'akhbar-entity-link') linked.push(a.id);
  }
  const { precision, recall, tp, fn, wrong } = scorePairs(assigned, gold);
  const whole = Object.values(labels).filter((g) => new Set(g.map((id) => assigned.get(id))).size === 1).length;
  t.comment(`stories: pairs precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} of ${tp + fn} pairs); ${whole} of ${Object.keys(labels).length} multilingual stories found whole; wrongly joined: ${wrong.join(' ') || 'none'}`);
  // Floors a little under what was measured (precision 1.000, recall 0.952, 10 of 14 whole), so a
  // change that merges unrelated stories, or stops linking languages, fails here.
  t.ok(precision >= 0.95, `precision ${precision.toFixed(3)} ≥ 0.95`);
  t.ok(recall >= 0.9, `recall ${recall.toFixed(3)} ≥ 0.9`);
  t.ok(whole >= 8, `${whole} stories found whole ≥ 8`);
  t.ok(linked.length > 0 && linked.every((id) => assigned.get(id) !== id), 'a linked article says so in its provenance and carries the story it joined');
  const kadhimi = new Set(labels['kadhimi-washington']!.map((id) => assigned.get(id)));
  t.equal(kadhimi.size, 1, 'the prime minister\'s Washington visit is one story in Arabic, English, French, Spanish, German, Turkish, Persian, Urdu, Russian, Chinese and both Kurdish scripts');
});

t.test('the same story in one language: another outlet\'s rewrite joins it, a different event naming the same people does not', async (t) => {
  const stories = new StoryClusterer(redis, { prefix: `${prefix}-same` });
  const labels = loadStoryLabels();
  const gold = new Map<string, string>();
  for (const [story, ids] of Object.entries(labels)) for (const id of ids) gold.set(id, story);
  const set = loadEvalSet();
  const extra = loadSameLanguageStories();
  for (const a of set) if (!gold.has(a.id)) gold.set(a.id, a.id);
  for (const a of extra) gold.set(a.id, a.sameAs === null ? a.id : gold.get(a.sameAs)!);
  const start = Date.now() - 8 * 3600_000;
  const assigned = new Map<string, string>();
  const langOf = new Map<string, string>();
  // The set first, then the rewrites and negatives, four minutes apart: each meets its original already placed.
  for (const [i, a] of [...set, ...extra].entries()) {
    const raw = rawArticle(a.id, a.title, a.body, { langHint: a.lang, publishedAt: new Date(start + i * 240_000).toISOString(), source: { id: `src-${a.id}`, name: a.id, domain: `${a.id}.example` } });
    assigned.set(a.id, (await enrichOne(raw, { stories })).enrichment.storyId);
    langOf.set(a.id, a.lang);
  }
  const { precision, recall, tp, fn, wrong, missed } = scorePairs(assigned, gold, (a, b) => langOf.get(a) === langOf.get(b));
  t.comment(`same-language pairs: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} of ${tp + fn}); wrongly joined: ${wrong.join(' ') || 'none'}; missed: ${missed.join(' ') || 'none'}`);
  // Measured: precision 0.900, recall 0.900 (9 of 10 pairs). Without same-language links: 0.833 and 0.500 (five rewrites
  // joined only through a report in another language). The miss: ar-13's report of the Nasiriyah fire names one place
  // only. The wrong join, ar-n01 (a raid on Kataib Hezbollah near the Green Zone) into the rocket attack on it, comes
  // through the French report of the attack, a cross-lingual link made with or without them.
  t.ok(precision >= 0.85, `precision ${precision.toFixed(3)} ≥ 0.85`);
  t.ok(recall >= 0.8, `recall ${recall.toFixed(3)} ≥ 0.8`);
  const joined = extra.filter((x) => x.sameAs === null && assigned.get(x.id) !== x.id).map((x) => x.id);
  t.ok(joined.length <= 1, `at most one of the four different events joins the story it resembles (${joined.join(', ') || 'none'})`);
});

