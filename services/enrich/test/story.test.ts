import t from 'tap';
import { Redis } from 'ioredis';
import { articleSignature, cleanArticle, enrichArticle, storyEntities } from '@akhbar/nlp';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { StoryClusterer } from '../src/story.ts';
import { LEDE_AR, LEDE_EN, PARLIAMENT_AR, SPORT_AR, rawArticle } from './fixtures.ts';

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
const sig = (body: string) => ({ signature: articleSignature(rawArticle('x', 't', body))! });

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

/** An article's whole story evidence as the enrich service computes it. */
function evidence(id: string, title: string, body: string, lang: string) {
  const a = cleanArticle(rawArticle(id, title, body, { langHint: lang }));
  return { signature: articleSignature(a), entities: storyEntities(enrichArticle(a)) };
}
const KADHIMI_AR = () => evidence('k-ar', 'الكاظمي يحمل إلى واشنطن خريطة الفصائل', LEDE_AR, 'ar');
const KADHIMI_EN = () => evidence('k-en', 'Kadhimi to bring map of Iran-backed militias to Washington', LEDE_EN, 'en');
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

t.test('the same story in another language links to it by the people and places both name', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('link') });
  t.same(await stories.assign('k-ar', hoursAgo(5), KADHIMI_AR()), { storyId: 'k-ar', outcome: 'new' });
  const en = await stories.assign('k-en', hoursAgo(2), KADHIMI_EN());
  t.equal(en.storyId, 'k-ar', 'the English report joins the Arabic story');
  t.equal(en.outcome, 'linked');
  t.ok((en.similarity ?? 0) >= 0.4, `entity similarity ${String(en.similarity)}`);
  const sport = await stories.assign('s-ar', hoursAgo(1), evidence('s-ar', 'المنتخب العراقي يفوز على الأردن', SPORT_AR, 'ar'));
  t.equal(sport.storyId, 's-ar', 'a story naming other people stays apart');
});

t.test('another story about the same people in the same language is not linked (its words are read instead)', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('samelang') });
  await stories.assign('k-ar', hoursAgo(3), KADHIMI_AR());
  const other = await stories.assign('p-ar', hoursAgo(1), evidence('p-ar', 'البرلمان يستضيف الكاظمي', PARLIAMENT_AR, 'ar'));
  t.same(other, { storyId: 'p-ar', outcome: 'new' });
});

/** The story of LEDE_AR as another Arabic outlet rewrites it: the same people and places, few of its words. */
const REWRITE_AR = () => evidence('r-ar', 'خريطة الفصائل في حقيبة الكاظمي إلى واشنطن', 'يتوجه رئيس الوزراء مصطفى الكاظمي إلى واشنطن حاملا ملفا عن أماكن انتشار الجماعات المسلحة التي تدعمها طهران، بحسب ما نقلته مصادر حكومية. وتقول المصادر إن الكاظمي تلقى من المسؤولين في طهران رسالة يريدون إيصالها إلى الأمريكيين لتهدئة التوتر بين إيران والولايات المتحدة.', 'ar');

t.test("another outlet's rewrite in the same language joins the story by the people and places both name; ENRICH_STORY_SAME_LANG_SIMILARITY=0 turns that off", async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('rewrite') });
  await stories.assign('k-ar', hoursAgo(3), KADHIMI_AR());
  const rewrite = await stories.assign('r-ar', hoursAgo(1), REWRITE_AR());
  t.equal(rewrite.storyId, 'k-ar', 'the rewrite joins the first report');
  t.equal(rewrite.outcome, 'linked', 'by its entities, not its words');
  const off = new StoryClusterer(redis(), { prefix: prefix('rewrite-off'), sameLangThreshold: 0 });
  await off.assign('k-ar', hoursAgo(3), KADHIMI_AR());
  t.same(await off.assign('r-ar', hoursAgo(1), REWRITE_AR()), { storyId: 'r-ar', outcome: 'new' });
});

t.test('links are bounded in time: the link window between reports, the story window since the story began', async (t) => {
  const far = new StoryClusterer(redis(), { prefix: prefix('linkwin'), linkWindowMs: 36 * 3600_000 });
  await far.assign('k-ar', hoursAgo(50), KADHIMI_AR());
  t.equal((await far.assign('k-en', hoursAgo(1), KADHIMI_EN())).storyId, 'k-en', 'two days apart: separate stories');

  // A running thread: the story began 80 hours ago (beyond the 72-hour story window); a copy 30
  // hours ago joined it as a near-duplicate; a report now, within the link window of that copy,
  // must not extend a story that old.
  const thread = new StoryClusterer(redis(), { prefix: prefix('thread') });
  await thread.assign('k-ar-1', hoursAgo(80), KADHIMI_AR());
  t.equal((await thread.assign('k-ar-2', hoursAgo(30), KADHIMI_AR())).storyId, 'k-ar-1', 'the copy joins by its words');
  t.same(await thread.assign('k-en', hoursAgo(1), KADHIMI_EN()), { storyId: 'k-en', outcome: 'new' });
});

t.test('ENRICH_STORY_LINK_SIMILARITY=0 turns links off', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('nolink'), linkThreshold: 0 });
  await stories.assign('k-ar', hoursAgo(3), KADHIMI_AR());
  t.same(await stories.assign('k-en', hoursAgo(1), KADHIMI_EN()), { storyId: 'k-en', outcome: 'new' });
});

t.test('an article too short for a signature still links by its entities', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('short') });
  await stories.assign('k-ar', hoursAgo(3), KADHIMI_AR());
  const short = evidence('k-fr', 'Kazimi à Washington, message de Téhéran', '', 'fr');
  t.equal(short.signature, undefined, 'a headline alone makes no signature');
  t.equal((await stories.assign('k-fr', hoursAgo(1), short)).storyId, 'k-ar');
});

t.test('an article clustered before entities were indexed gains its index when re-enriched, and keeps its story', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('upgrade') });
  // As an earlier release registered it: the signature only.
  await stories.assign('k-ar', hoursAgo(3), { signature: KADHIMI_AR().signature });
  t.same(await stories.assign('k-ar', hoursAgo(3), KADHIMI_AR()), { storyId: 'k-ar', outcome: 'existing' }, 're-enriched: same story');
  t.equal((await stories.assign('k-en', hoursAgo(1), KADHIMI_EN())).storyId, 'k-ar', 'a later English report now links to it');
});

t.test('a stored entry that does not decode is skipped, not allowed to fail the articles that meet it', async (t) => {
  const r = redis();
  const p = prefix('corrupt');
  const stories = new StoryClusterer(r, { prefix: p });
  await stories.assign('k-ar', hoursAgo(3), KADHIMI_AR());
  // Another article in the same entity index, with junk where its entities should be.
  await r.hset(`${p}:story:sig`, 'junk', `junk ${String(Date.now() - 2 * 3600_000)} -`);
  await r.hset(`${p}:story:ents`, 'junk', '{"lang":"en","entities":[["mustafa-al-kadhimi","heavy"]],"topics":');
  await r.zadd(`${p}:story:ent:mustafa-al-kadhimi`, Date.now() - 2 * 3600_000, 'junk');
  const en = await stories.assign('k-en', hoursAgo(1), KADHIMI_EN());
  t.same([en.storyId, en.outcome], ['k-ar', 'linked'], 'the English report still links to the Arabic one');
  await r.hset(`${p}:story:ents`, 'junk', '{"lang":"fr","entities":[["mustafa-al-kadhimi","heavy","n"],[7],"x"],"topics":[]}');
  const fr = await stories.assign('k-fr', hoursAgo(1), evidence('k-fr', 'Kazimi à Washington, message de Téhéran', '', 'fr'));
  t.equal(fr.storyId, 'k-ar', 'entities of the wrong shape are skipped too');
});

t.test('among stories whose best links are within a hundredth, the one more of the linkable articles belong to', async (t) => {
  const stories = new StoryClusterer(redis(), { prefix: prefix('near-tie') });
  const ev = (lang: string, entities: Array<[string, number, 'n' | 'p' | 'c']>) => ({ entities: { lang, topics: ['politics'], entities } });
  // Story A, one article sharing two people with the new one; story B, two articles in two other
  // languages sharing a person and two places with it. A's article is a shade more similar (0.562
  // against 0.559): weights that coarse cannot tell them apart, two reports of B can.
  t.equal((await stories.assign('a1', hoursAgo(6), ev('ar', [['P', 5, 'n'], ['Q', 5, 'n'], ['Z', 3.8, 'n']]))).storyId, 'a1');
  t.equal((await stories.assign('b1', hoursAgo(5), ev('fr', [['P', 5, 'n'], ['R', 2, 'p'], ['S', 2, 'p'], ['Y', 2.1, 'p']]))).storyId, 'b1', 'B is not A: one person shared');
  t.equal((await stories.assign('b2', hoursAgo(4), ev('es', [['P', 5, 'n'], ['R', 2, 'p'], ['S', 2, 'p'], ['Y', 2.1, 'p']]))).storyId, 'b1');
  const x = await stories.assign('x', hoursAgo(1), ev('en', [['P', 5, 'n'], ['Q', 5, 'n'], ['R', 2, 'p'], ['S', 2, 'p']]));
  t.same([x.storyId, x.outcome], ['b1', 'linked']);
  t.equal(x.similarity, Math.round((9 / 16.1) * 1000) / 1000, 'the similarity it reports is its best link to B');
  // A clearer lead is not a tie: the most similar story wins.
  const clear = new StoryClusterer(redis(), { prefix: prefix('no-tie') });
  await clear.assign('a1', hoursAgo(6), ev('ar', [['P', 5, 'n'], ['Q', 5, 'n'], ['Z', 3, 'n']]));
  await clear.assign('b1', hoursAgo(5), ev('fr', [['P', 5, 'n'], ['R', 2, 'p'], ['S', 2, 'p'], ['Y', 2.1, 'p']]));
  await clear.assign('b2', hoursAgo(4), ev('es', [['P', 5, 'n'], ['R', 2, 'p'], ['S', 2, 'p'], ['Y', 2.1, 'p']]));
  t.equal((await clear.assign('x', hoursAgo(1), ev('en', [['P', 5, 'n'], ['Q', 5, 'n'], ['R', 2, 'p'], ['S', 2, 'p']]))).storyId, 'a1', '0.588 against 0.559');
});
