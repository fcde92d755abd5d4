import t from 'tap';
import { TAGGERS, enrichArticle } from '@akhbar/nlp';
import { indexNames, toDocument } from '@akhbar/search';
import { reenrich } from '../src/reenrich.ts';
import { StoryClusterer } from '../src/story.ts';
import { LEDE_AR, SPORT_AR, rawArticle } from './fixtures.ts';
import { setup, stale } from './index-fixtures.ts';

/** `akhbar reenrich` against the real Elasticsearch and Redis: read indexed articles, enrich again, hand to the indexer. */

t.test('re-runs enrichment over indexed articles since a date and sends them to the indexer queue', async (t) => {
  const { es, redis, indexPrefix, queuePrefix, enrichedQueue } = await setup(t, 'reenrich');
  const day = 24 * 3600_000;
  const recent = new Date(Date.now() - day).toISOString();
  const articles = [
    stale('re-1', 'الكاظمي يحمل إلى واشنطن خريطة الفصائل', LEDE_AR, recent, 'story-kept'),
    stale('re-2', 'المنتخب العراقي يفوز على الأردن', SPORT_AR, recent),
    stale('re-3', 'Kadhimi in Washington', 'Iraqi Prime Minister Mustafa al-Kadhimi met President Donald Trump at the White House to discuss security and energy.', recent),
    stale('re-old', 'خبر قديم عن الكاظمي', LEDE_AR, new Date(Date.now() - 30 * day).toISOString()),
  ];
  for (const a of articles) await es.index({ index: indexNames(indexPrefix).write, id: a.id, document: toDocument(a) });
  await es.indices.refresh({ index: indexNames(indexPrefix).write });

  const progress: number[] = [];
  const res = await reenrich({
    es, indexPrefix, enrichedQueue, stories: new StoryClusterer(redis, { prefix: queuePrefix }),
    since: new Date(Date.now() - 7 * day), pageSize: 1, onProgress: (done) => progress.push(done),
  });
  t.same(res, { total: 3, sent: 3, upToDate: 0 }, 'the three articles of the last week, not the older one');
  t.same(progress, [1, 2, 3], 'paged through with search_after, one document a page');

  const jobs = await enrichedQueue.getJobs(['waiting']);
  t.equal(jobs.length, 3);
  const byId = new Map(jobs.map((j) => [j.data.article.id, j]));
  t.notOk(byId.has('re-old'));
  const a1 = byId.get('re-1')!;
  t.match(a1.id, /^re-1-re[0-9a-z]+$/, 'a job id of its own, so BullMQ does not drop it as the first enrichment');
  t.equal(a1.data.article.enrichment.lang, 'ar');
  t.ok(a1.data.article.enrichment.entities.some((e) => e.id === 'mustafa-al-kadhimi'), 'new entities');
  t.equal(a1.data.article.enrichment.provenance.entities?.version, TAGGERS.entities.version, 'provenance carries the current tagger version (the index had 0.0.1)');
  t.equal(a1.data.article.enrichment.storyId, 'story-kept', 'the story id it had is kept');
  t.equal(a1.data.article.body, LEDE_AR, 'the stored body, not re-fetched');
  t.ok(byId.get('re-3')!.data.article.enrichment.topics.some((x) => x.id === 'politics'));
});

t.test('dry run enriches and counts but sends nothing', async (t) => {
  const { es, indexPrefix, enrichedQueue } = await setup(t, 'reenrich-dry');
  const a = stale('dry-1', 'الكاظمي', LEDE_AR, new Date().toISOString());
  await es.index({ index: indexNames(indexPrefix).write, id: a.id, document: toDocument(a), refresh: true });
  const res = await reenrich({ es, indexPrefix, enrichedQueue, since: new Date(Date.now() - 3600_000), dryRun: true });
  t.same(res, { total: 1, sent: 0, upToDate: 0 });
  t.equal(await enrichedQueue.count(), 0);
});

t.test('--stale: only the articles a tagger has changed for since they were enriched, or one failed for; the rest are up to date', async (t) => {
  const { es, indexPrefix, enrichedQueue } = await setup(t, 'reenrich-stale');
  const now = new Date().toISOString();
  const current = (id: string) => {
    const raw = rawArticle(id, 'المنتخب العراقي يفوز على الأردن', SPORT_AR, { publishedAt: now });
    return { ...raw, enrichment: enrichArticle(raw) };
  };
  const failed = current('st-failed');
  failed.enrichment.provenance.quotes = { ...TAGGERS.quotes, failed: 'AKHBAR_NLP_TAGGER_FAILED' };
  const older = current('st-older');
  older.enrichment.provenance.topics = { ...TAGGERS.topics, version: '1.0.0' };
  const docs = [current('st-current'), stale('st-stale', 'الكاظمي', LEDE_AR, now), failed, older];
  for (const a of docs) await es.index({ index: indexNames(indexPrefix).write, id: a.id, document: toDocument(a) });
  await es.indices.refresh({ index: indexNames(indexPrefix).write });

  const res = await reenrich({ es, indexPrefix, enrichedQueue, since: new Date(Date.now() - 3600_000), stale: true });
  t.same(res, { total: 3, sent: 3, upToDate: 1 });
  const sent = (await enrichedQueue.getJobs(['waiting'])).map((j) => j.data.article.id).sort();
  t.same(sent, ['st-failed', 'st-older', 'st-stale'], 'an older tagger, a failed one, an old release: re-read; the current one left alone');
  const all = await reenrich({ es, indexPrefix, enrichedQueue, since: new Date(Date.now() - 3600_000), dryRun: true });
  t.same(all, { total: 4, sent: 0, upToDate: 0 }, 'without --stale every article is re-read');
});
