import t from 'tap';
import { Redis } from 'ioredis';
import { QueueEvents } from 'bullmq';
import { QUEUES, createLogger, createWorkerMetrics, openQueue, type EnrichedJob, type RawJob } from '@akhbar/core';
import { deleteRedisPrefix, startRedisServer, testRedisUrl, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { createEnrichMetrics } from '../src/metrics.ts';
import { startEnricher, type Enricher } from '../src/worker.ts';
import { LEDE_AR, SPORT_AR, rawArticle } from './fixtures.ts';

/** The enrich worker between two real BullMQ queues on the real Redis. */

const log = createLogger('enrich-test', 'silent');

async function setup(t: { teardown(fn: () => Promise<void>): void }, taggers?: Parameters<typeof startEnricher>[0]['taggers']) {
  const prefix = uniqueQueuePrefix('enrich');
  const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const workerConnection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const metrics = createWorkerMetrics('enrich');
  const enricher: Enricher = startEnricher({
    connection, workerConnection, queuePrefix: prefix, concurrency: 4, log, metrics: createEnrichMetrics(metrics.registry), ...(taggers ? { taggers } : {}),
  });
  const raw = openQueue<RawJob>(QUEUES.raw, { connection, prefix });
  t.teardown(async () => {
    await enricher.close();
    await raw.close();
    await deleteRedisPrefix(prefix);
    connection.disconnect();
    workerConnection.disconnect();
  });
  const enriched = async (n: number) =>
    waitFor(async () => {
      const jobs = await enricher.enrichedQueue.getJobs(['waiting', 'prioritized', 'delayed']);
      return jobs.length >= n ? jobs.map((j) => j.data as EnrichedJob) : undefined;
    }, { timeoutMs: 15_000, what: `${String(n)} enriched jobs` });
  return { prefix, raw, enricher, enriched, metrics, connection };
}

t.test('raw articles come out enriched, near-duplicates share a story, boilerplate is gone', async (t) => {
  const { raw, enriched, metrics } = await setup(t);
  const a = rawArticle('art-1', 'مقربون: الكاظمي يحمل إلى واشنطن خريطة الفصائل', `${LEDE_AR}\nإقرأ ايضا\nالتعليقات`, { langHint: 'ar' });
  const b = rawArticle('art-2', 'مصادر: خريطة الفصائل المسلحة على طاولة ترامب', `بغداد - ${LEDE_AR}`);
  const c = rawArticle('art-3', 'المنتخب العراقي يفوز على الأردن', SPORT_AR);
  for (const x of [a, b, c]) await raw.add('article', { v: 1, article: x }, { jobId: x.id });
  const out = await enriched(3);
  const byId = new Map(out.map((j) => [j.article.id, j.article]));
  const ea = byId.get('art-1')!;
  t.equal(ea.enrichment.lang, 'ar');
  t.ok(ea.enrichment.entities.some((e) => e.id === 'mustafa-al-kadhimi'));
  t.ok(ea.enrichment.topics.some((x) => x.id === 'politics'));
  t.notOk(ea.body.includes('التعليقات'), 'boilerplate stripped from the body the indexer gets');
  t.match(ea.enrichment.provenance.body, { tagger: 'akhbar-boilerplate' });
  t.equal(byId.get('art-2')!.enrichment.storyId, byId.get('art-1')!.enrichment.storyId, 'the two copies share a story');
  t.not(byId.get('art-3')!.enrichment.storyId, byId.get('art-1')!.enrichment.storyId, 'the sport story is another');
  t.match(ea.enrichment.provenance.storyId, { tagger: 'akhbar-minhash-lsh' });
  const text = await metrics.registry.metrics();
  t.match(text, /akhbar_enrich_articles_total\{lang="ar",service="enrich"\} 3/, 'articles counted by language on the worker registry');
  t.match(text, /akhbar_enrich_story_assignments_total\{outcome="joined",service="enrich"\} 1/);
});

t.test('a tagger that throws: the field is marked failed and the article still flows on', async (t) => {
  const { raw, enriched, metrics } = await setup(t, {
    topics: () => {
      throw new Error('broken lexicon');
    },
  });
  const a = rawArticle('art-f', 'الكاظمي في واشنطن', LEDE_AR);
  await raw.add('article', { v: 1, article: a }, { jobId: a.id });
  const [job] = await enriched(1);
  t.equal(job!.article.enrichment.provenance.topics?.failed, 'AKHBAR_NLP_TAGGER_FAILED');
  t.same(job!.article.enrichment.topics, []);
  t.ok(job!.article.enrichment.entities.length > 0, 'the other taggers ran');
  t.match(await metrics.registry.metrics(), /akhbar_enrich_tagger_failures_total\{field="topics",code="AKHBAR_NLP_TAGGER_FAILED",service="enrich"\} 1/);
});

t.test('a payload that is not an article goes to the dead-letter queue with its code', async (t) => {
  const { raw, enricher, prefix, connection } = await setup(t);
  const eventsConnection = connection.duplicate();
  const events = new QueueEvents(QUEUES.raw, { connection: eventsConnection, prefix });
  t.teardown(async () => {
    await events.close();
    eventsConnection.disconnect();
  });
  await events.waitUntilReady();
  const job = await raw.add('article', { v: 1, article: { id: 'broken', title: 42 } } as unknown as RawJob, { jobId: 'broken' });
  await t.rejects(job.waitUntilFinished(events, 15_000), /AKHBAR_PAYLOAD_INVALID/);
  const dead = await waitFor(async () => (await enricher.dlq.getJobs(['waiting']))[0], { what: 'the dead-letter entry' });
  t.match(dead.data, { stage: 'enrich', queue: QUEUES.raw, code: 'AKHBAR_PAYLOAD_INVALID', articleId: 'broken' });
  t.equal(await enricher.enrichedQueue.count(), 0, 'nothing reached the indexer');
});

t.test('REDIS_MIN_REPLICAS: while the replica is stalled no raw job completes; each is retried and goes through once it is back', async (t) => {
  const master = await startRedisServer();
  const replica = await startRedisServer();
  const prefix = uniqueQueuePrefix('enrich-replicas');
  const connection = new Redis(master.url, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(master.url, { maxRetriesPerRequest: null });
  const onReplica = new Redis(replica.url, { maxRetriesPerRequest: 1 });
  let stalled: number | undefined;
  await replica.admin.replicaof('127.0.0.1', Number(new URL(master.url).port));
  await waitFor(async () => /master_link_status:up/.test(await replica.admin.info('replication')) || undefined, { timeoutMs: 15_000, what: 'the replica to follow' });
  const enricher = startEnricher({ connection, workerConnection, queuePrefix: prefix, concurrency: 2, log, replicas: { count: 1, timeoutMs: 1_500 } });
  const raw = openQueue<RawJob>(QUEUES.raw, { connection, prefix });
  t.teardown(async () => {
    if (stalled) process.kill(stalled, 'SIGCONT');
    await enricher.close();
    await raw.close();
    for (const c of [connection, workerConnection, onReplica]) c.disconnect();
    await Promise.all([master.close(), replica.close()]);
  });
  stalled = Number(/process_id:(\d+)/.exec(await replica.admin.info('server'))![1]);
  process.kill(stalled, 'SIGSTOP');
  const a = rawArticle('rep-1', 'الكاظمي يصل إلى واشنطن', LEDE_AR, { langHint: 'ar' });
  await raw.add('article', { v: 1, article: a }, { jobId: a.id });
  const failed = await waitFor(async () => {
    const job = await raw.getJob(a.id);
    return job && job.attemptsMade >= 1 ? job : undefined;
  }, { timeoutMs: 15_000, what: 'the first attempt to fail' });
  t.match(failed.failedReason, /AKHBAR_REDIS_REPLICAS|replicas required acknowledged/, 'the attempt failed on the replicas, with the code');
  t.notOk(await raw.getJob(a.id).then((j) => j?.finishedOn), 'the raw job is not completed: the article is still owed to the next stage');

  process.kill(stalled, 'SIGCONT');
  stalled = undefined;
  await waitFor(async () => ((await raw.getJob(a.id))?.finishedOn ? true : undefined), { timeoutMs: 20_000, what: 'the retry to complete' });
  t.equal(await onReplica.exists(`${prefix}:${QUEUES.enriched}:${a.id}`), 1, 'the replica holds the enriched job the stage handed on');
  t.equal(await enricher.enrichedQueue.count(), 1, 'once, whatever the attempts');
});
