import t from 'tap';
import { Registry } from 'prom-client';
import { QUEUES, articleJobId, contentHash, createLogger, createRedis, openQueue, type EnrichedArticle, type EnrichedJob } from '@akhbar/core';
import { MAX_BODY_CHARS, articleIndexBody, createEsClient, ensureArticleIndex, indexNames, migrateArticleIndex, type ArticleDocument, type Client } from '@akhbar/search';
import { deleteRedisPrefix, dropIndexPrefix, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeArticle } from '../../../packages/search/test/fixtures.ts';
import { indexerCommands } from '../src/cli.ts';
import { startIndexer, type Indexer } from '../src/indexer.ts';
import { createIndexerMetrics, type IndexerMetrics } from '../src/metrics.ts';
import { startEsProxy } from './proxy.ts';

/**
 * The indexer worker over real Redis (BullMQ) and real Elasticsearch, in this process so the test
 * can watch each job complete. `test/e2e.test.ts` runs it as its own process.
 */

const es = createEsClient(testEsUrl());
const log = createLogger('indexer-test', 'silent');

interface Rig {
  indexer: Indexer;
  queue: ReturnType<typeof openQueue<EnrichedJob>>;
  queuePrefix: string;
  indexPrefix: string;
  write: string;
  metrics: IndexerMetrics;
  registry: Registry;
}

async function rig(
  t: { teardown: (fn: () => Promise<void>) => void },
  label: string,
  opts: { es?: Client; itemAttempts?: number; prepare?: (indexPrefix: string) => Promise<void>; i18nRefreshMs?: number } = {},
): Promise<Rig> {
  const queuePrefix = uniqueQueuePrefix(label);
  const indexPrefix = uniqueIndexPrefix(label);
  await (opts.prepare ?? ((p: string) => ensureArticleIndex(es, p)))(indexPrefix);
  const workerConnection = createRedis(testRedisUrl(), 'worker');
  const connection = createRedis(testRedisUrl(), 'worker');
  const registry = new Registry();
  const metrics = createIndexerMetrics(registry);
  const indexer = startIndexer({
    es: opts.es ?? es,
    workerConnection,
    connection,
    queuePrefix,
    indexPrefix,
    concurrency: 200,
    batch: { maxDocs: 50, flushMs: 50, itemAttempts: opts.itemAttempts ?? 6, retryBaseMs: 20, outageBaseMs: 50, retryCapMs: 400 },
    log,
    metrics,
    ...(opts.i18nRefreshMs ? { i18nRefreshMs: opts.i18nRefreshMs } : {}),
  });
  const queue = openQueue<EnrichedJob>(QUEUES.enriched, { connection, prefix: queuePrefix });
  t.teardown(async () => {
    await indexer.close();
    await queue.close();
    await Promise.all([workerConnection.quit(), connection.quit()]);
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  return { indexer, queue, queuePrefix, indexPrefix, write: indexNames(indexPrefix).write, metrics, registry };
}

const enqueue = (r: Rig, article: EnrichedArticle, jobId = articleJobId(article), attempts?: number) =>
  r.queue.add('article', { v: 1, article }, { jobId, ...(attempts ? { attempts } : {}) });

async function finished(r: Rig, n: number): Promise<void> {
  await waitFor(
    async () => {
      const c = await r.queue.getJobCounts('completed', 'failed');
      return (c.completed ?? 0) + (c.failed ?? 0) >= n;
    },
    { timeoutMs: 30_000, what: `${n} finished jobs` },
  );
}

t.teardown(() => es.close());

t.test('a job completes only once its document is acknowledged; poison goes to the dead-letter queue', async (t) => {
  const r = await rig(t, 'idx-main');
  const concrete = (await es.indices.getAlias({ name: r.write })) as Record<string, unknown>;
  const mappingBefore = await es.indices.getMapping({ index: Object.keys(concrete)[0]! });

  // At the moment BullMQ reports a job completed, its document must already be in Elasticsearch
  // (a realtime GET needs no refresh).
  const checks: Array<Promise<boolean>> = [];
  r.indexer.worker.on('completed', (job) => {
    checks.push(es.exists({ index: r.write, id: job.data.article.id }));
  });

  const good = Array.from({ length: 20 }, (_, i) => makeArticle({ lang: i % 2 ? 'ar' : 'fr', title: i % 2 ? `خبر رقم ${i}` : `Dépêche numéro ${i}` }));
  const long = makeArticle({ title: 'A very long report', body: 'word '.repeat(30_000) });
  const junk = makeArticle({ title: 'Carries thousands of unknown keys' });
  for (let i = 0; i < 3000; i++) (junk as Record<string, unknown>)[`x${i}`] = i;
  const badGeo = makeArticle({ title: 'Impossible coordinates', entities: [{ id: 'Q2', type: 'place', name: 'Atlantis', count: 1, location: { lat: 500, lon: 10 } }] });
  for (const a of [...good.slice(0, 10), junk, badGeo, long, ...good.slice(10)]) await enqueue(r, a);
  await finished(r, 23);

  const counts = await r.queue.getJobCounts('completed', 'failed');
  t.same([counts.completed, counts.failed], [21, 2]);
  t.equal(checks.length, 21);
  t.same(await Promise.all(checks), Array(21).fill(true), 'every completed job had its document in Elasticsearch');

  for (const id of [articleJobId(junk), articleJobId(badGeo)]) {
    const job = await r.queue.getJob(id);
    t.equal(job?.attemptsMade, 1, `${id}: failed once, not retried`);
  }
  const dead = await r.indexer.dlq.getJobs(['waiting']);
  const byArticle = new Map(dead.map((d) => [d.data.articleId, d.data]));
  t.match(byArticle.get(junk.id), { stage: 'indexer', queue: QUEUES.enriched, code: 'AKHBAR_PAYLOAD_INVALID', reason: /article\/x\d+/ });
  t.match(byArticle.get(badGeo.id), { stage: 'indexer', code: 'AKHBAR_INDEX_REJECTED', reason: /locations|geo_point/ });
  t.same(Object.keys((byArticle.get(junk.id)?.payload as EnrichedJob).article).length > 3000, true, 'the payload is kept whole for inspection');
  t.same(await es.indices.getMapping({ index: Object.keys(concrete)[0]! }), mappingBefore, 'the mapping is untouched');

  const stored = await es.get<ArticleDocument>({ index: r.write, id: long.id });
  t.equal((stored._source!.body as string).length, MAX_BODY_CHARS, 'the over-long body is truncated');
  t.ok((stored._source!.flags as string[]).includes('body-truncated'));

  const metrics = await r.registry.metrics();
  t.match(metrics, /akhbar_indexer_bulk_docs_count \d+/);
  t.match(metrics, /akhbar_indexer_items_total\{outcome="created"\} 21/);
  t.match(metrics, /akhbar_indexer_items_total\{outcome="rejected"\} 1/);
  t.match(metrics, /akhbar_indexer_dead_lettered_total\{code="AKHBAR_PAYLOAD_INVALID"\} 1/);
  t.match(metrics, /akhbar_indexer_dead_lettered_total\{code="AKHBAR_INDEX_REJECTED"\} 1/);
});

t.test('an update replaces the document and applies its new story id; a stale replay does not', async (t) => {
  const r = await rig(t, 'idx-update');
  const first = makeArticle({ title: 'Talks begin', storyId: 'story-a', fetchedAt: '2024-06-01T10:00:00.000Z' });
  await enqueue(r, first);
  await finished(r, 1);

  const body = 'Talks ended with an agreement.';
  const update: EnrichedArticle = {
    ...first,
    title: 'Talks end in agreement',
    body,
    fetchedAt: '2024-06-01T12:00:00.000Z',
    contentHash: contentHash([first.title, first.summary, body]),
    flags: ['update'],
    enrichment: { ...first.enrichment, storyId: 'story-b' },
  };
  await enqueue(r, update);
  await finished(r, 2);
  const stale: EnrichedArticle = { ...first, enrichment: { ...first.enrichment, storyId: 'story-old' } };
  const staleJob = await enqueue(r, stale, `${first.id}-replay`);
  await finished(r, 3);

  t.equal((await r.queue.getJob(staleJob.id!))?.returnvalue, 'duplicate', 'the stale replay completes as a duplicate');
  const got = await es.get<ArticleDocument>({ index: r.write, id: first.id });
  t.equal(got._source?.title, 'Talks end in agreement');
  t.equal(got._source?.storyId, 'story-b', 'the story-id change is applied');
  t.same(got._source?.revisions, [{ seenAt: '2024-06-01T12:00:00.000Z', fields: ['title', 'body'], title: 'Talks begin', body: first.body }], 'the headline and text it replaced are kept, with what the edit changed');
  t.equal(got._source?.editedAt, '2024-06-01T12:00:00.000Z');
  const counted = await r.registry.metrics();
  t.match(counted, /akhbar_indexer_edits_total\{field="title"\} 1\n/, 'the edit is counted by what it changed');
  t.match(counted, /akhbar_indexer_edits_total\{field="body"\} 1\n/);

  // Several updates at once (one multi-get): each keeps its own earlier version; one never indexed has none.
  const others = Array.from({ length: 5 }, (_, i) => makeArticle({ title: `Draft ${String(i)}`, fetchedAt: '2024-06-01T10:00:00.000Z' }));
  for (const a of others) await enqueue(r, a);
  await finished(r, 8);
  const edits = others.map((a, i): EnrichedArticle => ({ ...a, title: `Final ${String(i)}`, fetchedAt: '2024-06-01T11:00:00.000Z', flags: ['update'] }));
  const neverIndexed = makeArticle({ title: 'Only ever seen as an update' });
  for (const a of [...edits, { ...neverIndexed, flags: ['update' as const] }]) await enqueue(r, a, `${a.id}-edit`);
  await finished(r, 14);
  const docs = await es.mget<ArticleDocument>({ index: r.write, ids: [...edits.map((a) => a.id), neverIndexed.id] });
  t.same(
    docs.docs.map((d) => ('_source' in d ? [d._source?.title, (d._source?.revisions as Array<{ title?: string }> | undefined)?.map((x) => x.title)] : null)),
    [...others.map((_, i) => [`Final ${String(i)}`, [`Draft ${String(i)}`]]), ['Only ever seen as an update', undefined]],
  );
  await es.indices.refresh({ index: r.write });
  t.equal((await es.count({ index: r.write, query: { term: { id: first.id } } })).count, 1, 'one document per article id');
});

t.test('Elasticsearch down: the worker pauses, the queue keeps every job, all are indexed when it returns', async (t) => {
  const proxy = await startEsProxy(testEsUrl());
  const client = createEsClient(proxy.url, { requestTimeout: 3_000 });
  t.teardown(async () => {
    await proxy.close();
    await client.close();
  });
  const r = await rig(t, 'idx-down', { es: client });
  const before = makeArticle({ title: 'Indexed before the outage', fetchedAt: '2024-06-01T10:00:00.000Z' });
  await enqueue(r, before);
  await finished(r, 1);
  await proxy.down();
  // An update whose earlier version cannot be read while Elasticsearch is away waits, like the rest.
  const edit: EnrichedArticle = { ...before, title: 'Edited during the outage', fetchedAt: '2024-06-01T11:00:00.000Z', flags: ['update'] };
  await enqueue(r, edit, `${edit.id}-edit`);
  const articles = Array.from({ length: 30 }, (_, i) => makeArticle({ title: `Held item ${i}` }));
  for (const a of articles) await enqueue(r, a);
  await waitFor(() => r.indexer.worker.isPaused(), { what: 'the worker to pause' });
  await sleep(1_000);
  const during = await r.queue.getJobCounts('completed', 'failed', 'waiting', 'active');
  t.same([during.completed, during.failed], [1, 0], 'nothing completed or failed during the outage');
  t.equal((during.waiting ?? 0) + (during.active ?? 0), 31, 'every job is still in the queue');
  t.match(await r.registry.metrics(), /akhbar_indexer_elasticsearch_up 0\n/);

  await proxy.up();
  await finished(r, 32);
  t.same(await r.queue.getJobCounts('completed', 'failed'), { completed: 32, failed: 0 });
  t.equal((await r.queue.getJob(`${edit.id}-edit`))?.attemptsMade, 1, 'the update waited the outage out in its first attempt (BullMQ counts the one that completed)');
  t.notOk(r.indexer.worker.isPaused(), 'the worker resumed');
  await es.indices.refresh({ index: r.write });
  t.equal((await es.count({ index: r.write })).count, 31);
  const edited = await es.get<ArticleDocument>({ index: r.write, id: edit.id });
  t.same([edited._source?.title, edited._source?.revisions], ['Edited during the outage', [{ seenAt: edit.fetchedAt, fields: ['title'], title: 'Indexed before the outage' }]]);
});

t.test('the index refuses writes (disk past the flood stage, then a write block): the worker pauses, nothing fails or is dead-lettered', async (t) => {
  const r = await rig(t, 'idx-blocked', { itemAttempts: 2 });
  const concrete = Object.keys(await es.indices.getAlias({ name: r.write }))[0]!;
  const unblock = { 'index.blocks.read_only_allow_delete': null, 'index.blocks.write': null };
  t.teardown(() => es.indices.putSettings({ index: concrete, settings: unblock }).then(() => undefined));
  let total = 0;
  for (const [label, block] of [
    ['flood stage', { 'index.blocks.read_only_allow_delete': true }],
    ['write block', { 'index.blocks.write': true }],
  ] as const) {
    await es.indices.putSettings({ index: concrete, settings: block });
    // One attempt per job and two per bulk item: a block counted as a failure would dead-letter them.
    for (let i = 0; i < 20; i++) await enqueue(r, makeArticle({ title: `${label}: held item ${i}` }), undefined, 1);
    total += 20;
    await waitFor(() => r.indexer.worker.isPaused(), { what: `the worker to pause (${label})` });
    await waitFor(async () => /akhbar_indexer_items_total\{outcome="blocked"\} \d{2,}/.test(await r.registry.metrics()), { what: 'several blocked rounds' });
    const during = await r.queue.getJobCounts('completed', 'failed', 'waiting', 'active');
    t.equal(during.failed, 0, `${label}: no job failed while the index refused writes`);
    t.equal((during.waiting ?? 0) + (during.active ?? 0), 20, `${label}: every new job is still in the queue`);
    t.match(await r.registry.metrics(), /akhbar_indexer_elasticsearch_up 0\n/, `${label}: reported by the up gauge`);
    await es.indices.putSettings({ index: concrete, settings: unblock });
    await finished(r, total);
    t.notOk(r.indexer.worker.isPaused(), `${label}: the worker resumed`);
  }
  t.same(await r.queue.getJobCounts('completed', 'failed'), { completed: 40, failed: 0 });
  t.equal(await r.indexer.dlq.count(), 0, 'nothing was dead-lettered');
  await es.indices.refresh({ index: r.write });
  t.equal((await es.count({ index: r.write })).count, 40);
});

t.test('an index built before Sorani had its analyzer: Sorani articles are indexed without their language field, none refused; after a migration, with it', async (t) => {
  const r = await rig(t, 'idx-ckb', {
    i18nRefreshMs: 100,
    // v1 as the v6 template built it: no Sorani analyzer, no i18n.ckb.
    prepare: async (prefix) => {
      const names = indexNames(prefix);
      type Props = { properties: Record<string, Props> };
      const older = articleIndexBody() as { settings: { analysis: { analyzer: Record<string, unknown> } }; mappings: Props };
      delete older.settings.analysis.analyzer.akhbar_ckb;
      delete older.mappings.properties.i18n!.properties.ckb;
      delete older.mappings.properties.quotes!.properties.i18n!.properties.ckb;
      await es.indices.create({ index: names.version(1), ...(older as object), aliases: { [names.read]: {}, [names.write]: { is_write_index: true } } });
    },
  });
  const sorani = makeArticle({ lang: 'ckb', title: 'مووچەی فەرمانبەران دابەش دەکرێت', slug: 'ckb-1' });
  sorani.enrichment.quotes = [{ text: 'مووچەی هەموو فەرمانبەران لە کاتی خۆیدا دابەش دەکرێت', by: 'وەزیری دارایی' }];
  const arabic = makeArticle({ lang: 'ar', title: 'صرف رواتب الموظفين الأسبوع المقبل', slug: 'ar-1' });
  await enqueue(r, sorani);
  await enqueue(r, arabic);
  await finished(r, 2);
  t.equal((await r.queue.getJobCounts('failed')).failed, 0, 'nothing refused or dead-lettered');
  const doc = async (id: string) => {
    await es.indices.refresh({ index: indexNames(r.indexPrefix).read });
    const hit = (await es.search<ArticleDocument>({ index: indexNames(r.indexPrefix).read, query: { ids: { values: [id] } } })).hits.hits[0];
    if (!hit) throw new Error(`${id} is not in the index`);
    return hit._source as ArticleDocument & { i18n?: Record<string, unknown> };
  };
  t.notOk((await doc(sorani.id)).i18n, 'the Sorani article without i18n.ckb, which that index lacks');
  t.match((await doc(sorani.id)).quotes, [{ text: /^مووچەی/, i18n: undefined }], 'its quotation kept, without quotes.i18n.ckb either');
  t.ok((await doc(arabic.id)).i18n?.ar, 'the Arabic one with its field as ever');

  await migrateArticleIndex(es, r.indexPrefix, { graceMs: 50 });
  await new Promise((resolve) => setTimeout(resolve, 400)); // the indexer reads the new write index's fields
  const later = makeArticle({ lang: 'ckb', title: 'هەولێر میوانداری پێشانگای کتێب دەکات', slug: 'ckb-2' });
  await enqueue(r, later);
  await finished(r, 3);
  t.ok((await doc(later.id)).i18n?.ckb, 'after the migration, a Sorani article gets i18n.ckb');
});

t.test('akhbar dlq list, retry and purge', async (t) => {
  const r = await rig(t, 'idx-dlq', { itemAttempts: 2 });
  const out: string[] = [];
  const err: string[] = [];
  const env = { REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: r.queuePrefix, AKHBAR_INDEX_PREFIX: r.indexPrefix };
  const cmds = indexerCommands(env, { out: (s) => out.push(s), err: (s) => err.push(s) });
  const run = async (...args: string[]) => {
    out.length = 0;
    err.length = 0;
    const cmd = cmds.find((c) => args.join(' ').startsWith(c.name))!;
    const code = await cmd.run(args.slice(cmd.name.split(' ').length));
    return { code, out: out.join(''), err: err.join('') };
  };

  t.match(await run('dlq', 'list'), { code: 0, out: /empty/ });

  // A job whose only attempt met an index with no write alias (an operator's alias change gone
  // wrong): it is dead-lettered, not dropped.
  const concrete = Object.keys(await es.indices.getAlias({ name: r.write }))[0]!;
  await es.indices.deleteAlias({ index: concrete, name: r.write });
  const stranded = makeArticle({ title: 'Arrived while the write alias was missing' });
  await enqueue(r, stranded, undefined, 1);
  const junk = makeArticle({ title: 'Junk' });
  (junk as Record<string, unknown>).extra = true;
  await enqueue(r, junk);
  await finished(r, 2);
  await es.indices.putAlias({ index: concrete, name: r.write, is_write_index: true });

  const listed = await run('dlq', 'list', '--json');
  const entries = (JSON.parse(listed.out) as { total: number; entries: Array<{ id: string; data: { code: string; articleId: string } }> }).entries;
  t.same(entries.map((e) => e.data.code).sort(), ['AKHBAR_INDEX_GAVE_UP', 'AKHBAR_PAYLOAD_INVALID']);
  const text = await run('dlq', 'list', '--stage', 'indexer');
  t.match(text.out, new RegExp(`AKHBAR_INDEX_GAVE_UP\\s+article ${stranded.id}`));
  t.match(text.out, /2 of 2 shown/);

  t.match(await run('dlq', 'retry'), { code: 2, err: /ids, or --all/ });
  t.match(await run('dlq', 'retry', 'no-such-id'), { code: 1, err: /no-such-id: no such dead-letter entry/ });
  t.match(await run('dlq', 'retry', '--all', '--code', 'AKHBAR_INDEX_GAVE_UP'), { code: 0, out: /1 replayed/ });
  await waitFor(() => es.exists({ index: r.write, id: stranded.id }), { what: 'the replayed article' });
  t.equal((await es.get<ArticleDocument>({ index: r.write, id: stranded.id }))._source?.title, 'Arrived while the write alias was missing', 'the replayed article is indexed');

  const junkEntry = entries.find((e) => e.data.code === 'AKHBAR_PAYLOAD_INVALID')!;
  t.match(await run('dlq', 'purge', junkEntry.id), { code: 0, out: /1 purged/ });
  t.match(await run('dlq', 'list'), { out: /empty/ });
});
