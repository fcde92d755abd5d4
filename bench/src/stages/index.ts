import { Redis } from 'ioredis';
import { QUEUES, openQueue, type EnrichedArticle, type EnrichedJob } from '@akhbar/core';
import { BulkBatcher, startIndexer } from '@akhbar/indexer';
import { cleanArticle, enrichArticle } from '@akhbar/nlp';
import { createEsClient, documentVersion, dropArticleIndices, ensureArticleIndex, indexNames, toDocument, type Client } from '@akhbar/search';
import { createLogger } from '@akhbar/core';
import { deleteRedisPrefix } from '@akhbar/testkit';
import type { Ctx } from '../context.ts';
import { figure, median, paired, seconds } from '../measure.ts';

/** Index settings of both sides: what the indexer creates by default (1 shard, 0 replicas, 1 s refresh). */
const INDEX_OPTIONS = { shards: 1, replicas: 0, refreshInterval: '1000ms' };
/** `_bulk` requests in flight at once, both sides (INDEXER_BULK_CONCURRENCY's default). */
const IN_FLIGHT = 2;

interface Doc {
  id: string;
  doc: Record<string, unknown>;
  version: number | undefined;
}

/** Enriched articles of the corpus (pure enrichment, no story clustering), for the index stages. */
export async function enrichedArticles(ctx: Ctx, n: number): Promise<EnrichedArticle[]> {
  const raws = (await ctx.rawArticles()).slice(0, n);
  return raws.map((r) => {
    const a = cleanArticle(r);
    return { ...a, enrichment: enrichArticle(a) };
  });
}

/** Send `docs` as raw `_bulk` requests of `batch` documents, `IN_FLIGHT` at a time, with fetch. */
export async function rawBulk(esUrl: string, index: string, docs: readonly Doc[], batch: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < docs.length) {
      const slice = docs.slice(next, next + batch);
      next += batch;
      let body = '';
      for (const d of slice) body += `{"index":{"_id":${JSON.stringify(d.id)}}}\n${JSON.stringify(d.doc)}\n`;
      const res = await fetch(`${esUrl}/${index}/_bulk?filter_path=errors,items.*.error`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      const out = (await res.json()) as { errors?: boolean; items?: unknown[] };
      if (!res.ok || out.errors) throw new Error(`raw _bulk failed: ${res.status} ${JSON.stringify(out).slice(0, 500)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

async function freshIndex(es: Client, prefix: string): Promise<string> {
  await ensureArticleIndex(es, prefix, INDEX_OPTIONS);
  return indexNames(prefix).write;
}

async function count(es: Client, prefix: string): Promise<number> {
  await es.indices.refresh({ index: indexNames(prefix).read });
  return (await es.count({ index: indexNames(prefix).read })).count;
}

/**
 * index: the indexer's batcher (`BulkBatcher`, exported by @akhbar/indexer for this) against raw
 * `_bulk` requests of the identical documents into the same Elasticsearch, each trial into a fresh
 * index with the same mapping, for a sweep of batch sizes; then the indexer itself, taking the
 * documents' jobs from `articles.enriched` through BullMQ, against raw `_bulk` at its default
 * batch. Goal ≥ 0.9 of raw.
 */
export async function indexStage(ctx: Ctx): Promise<{ rawDocsPerSec: number }> {
  const n = ctx.sizes.indexDocs;
  ctx.log(`index: enriching ${n} articles for the documents (not timed)`);
  const articles = await enrichedArticles(ctx, n);
  const docs: Doc[] = articles.map((a) => {
    const doc = toDocument(a);
    return { id: a.id, doc, version: documentVersion(doc) };
  });
  const mb = docs.reduce((s, d) => s + Buffer.byteLength(JSON.stringify(d.doc)), 0) / 1e6;
  ctx.log(`index: ${docs.length} documents, ${mb.toFixed(1)} MB of JSON, batch sizes ${ctx.sizes.batchSizes.join(', ')}`);
  const es = createEsClient(ctx.esUrl, { requestTimeout: 120_000 });
  const prefixes: string[] = [];
  let trial = 0;
  const nextPrefix = () => {
    const p = `bench-${ctx.runId}-index-${trial++}`.toLowerCase();
    prefixes.push(p);
    return p;
  };
  const drop = async (p: string) => dropArticleIndices(es, p);
  let rawAt500 = NaN;
  try {
    const rounds = Math.min(ctx.sizes.rounds, 3);
    for (const batch of ctx.sizes.batchSizes) {
      const viaBatcher = async () => {
        const p = nextPrefix();
        const index = await freshIndex(es, p);
        // Byte cap lifted so the sweep's batch size is what is sent (the default 5 MiB cap would
        // cut the larger batches of these ~22 KB documents: 3 000 make 65 MB of JSON).
        const batcher = new BulkBatcher(es, { index, maxDocs: batch, maxBytes: 100 * 1024 * 1024, concurrency: IN_FLIGHT, flushMs: 500 });
        const s = await seconds(async () => {
          const acks = docs.map((d) => batcher.submit({ id: d.id, doc: d.doc, ...(d.version !== undefined ? { version: d.version } : {}) }));
          // The caller knows nothing more is coming: send the last partial batch now rather than
          // after the flush timer (raw _bulk sends it at once too).
          await batcher.drain();
          await Promise.all(acks);
        });
        await batcher.close();
        const c = await count(es, p);
        if (c !== docs.length) throw new Error(`index: the batcher indexed ${c} of ${docs.length} documents`);
        await drop(p);
        return docs.length / s;
      };
      const viaRaw = async () => {
        const p = nextPrefix();
        const index = await freshIndex(es, p);
        const s = await seconds(() => rawBulk(ctx.esUrl, index, docs, batch));
        const c = await count(es, p);
        if (c !== docs.length) throw new Error(`index: raw _bulk indexed ${c} of ${docs.length} documents`);
        await drop(p);
        return docs.length / s;
      };
      ctx.log(`index: batch ${batch}`);
      // Three rounds at the indexer's default batch (its goal), two elsewhere in the sweep.
      const r = await paired(batch === 500 ? rounds : Math.min(rounds, 2), batch === ctx.sizes.batchSizes[0] ? ctx.sizes.warmup : 0, viaBatcher, viaRaw);
      if (batch === 500) rawAt500 = median(r.baseline);
      ctx.add(figure({
        stage: 'index', name: `batcher, batch ${batch}`, unit: 'docs/s', value: median(r.project), baseline: median(r.baseline),
        baselineLabel: `raw _bulk, batch ${batch}`, goal: { on: 'ratio', op: '>=', target: 0.9 }, rounds: r.project, baselineRounds: r.baseline,
      }));
    }

    // The indexer worker itself: jobs on articles.enriched → batcher → Elasticsearch, defaults.
    const redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
    const log = createLogger('bench-indexer', 'warn');
    const viaIndexer = async () => {
      const p = nextPrefix();
      const qp = `{bench-${ctx.runId}-indexer-${trial}}`;
      await freshIndex(es, p);
      const queue = openQueue<EnrichedJob>(QUEUES.enriched, { connection: redis, prefix: qp });
      for (let i = 0; i < articles.length; i += 500) {
        await queue.addBulk(articles.slice(i, i + 500).map((a) => ({ name: 'article', data: { v: 1 as const, article: a }, opts: { jobId: a.id } })));
      }
      const workerConn = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
      let done = 0;
      let indexer: ReturnType<typeof startIndexer> | undefined;
      const s = await seconds(
        () =>
          new Promise<void>((resolve, reject) => {
            indexer = startIndexer({ es, workerConnection: workerConn, connection: redis, queuePrefix: qp, indexPrefix: p, log });
            indexer.worker.on('completed', () => {
              if (++done === articles.length) resolve();
            });
            indexer.worker.on('failed', (_j, err) => reject(err));
          }),
      );
      await indexer!.close();
      await queue.close();
      workerConn.disconnect();
      const c = await count(es, p);
      if (c !== docs.length) throw new Error(`index: the indexer indexed ${c} of ${docs.length} documents`);
      await drop(p);
      await deleteRedisPrefix(qp, ctx.redisUrl);
      return docs.length / s;
    };
    const viaRaw500 = async () => {
      const p = nextPrefix();
      const index = await freshIndex(es, p);
      const s = await seconds(() => rawBulk(ctx.esUrl, index, docs, 500));
      await drop(p);
      return docs.length / s;
    };
    ctx.log('index: the indexer worker (BullMQ → batcher → Elasticsearch) vs raw _bulk, batch 500');
    try {
      const r = await paired(rounds, 0, viaIndexer, viaRaw500);
      if (!Number.isFinite(rawAt500)) rawAt500 = median(r.baseline);
      ctx.add(figure({
        stage: 'index', name: 'indexer through the queue, defaults', unit: 'docs/s', value: median(r.project), baseline: median(r.baseline),
        baselineLabel: 'raw _bulk, batch 500', goal: { on: 'ratio', op: '>=', target: 0.9 }, rounds: r.project, baselineRounds: r.baseline,
        note: 'INDEXER_BATCH_DOCS 500, INDEXER_BATCH_BYTES 5 MiB, 2 bulks in flight, 1000 jobs held',
      }));
    } finally {
      redis.disconnect();
    }
    ctx.notes.index = { docs: docs.length, jsonMB: mb, inFlight: IN_FLIGHT, index: INDEX_OPTIONS };
    return { rawDocsPerSec: rawAt500 };
  } finally {
    for (const p of prefixes) await drop(p).catch(() => undefined);
    await es.close();
  }
}
