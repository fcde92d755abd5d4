import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, openQueue, type RawArticle, type RawJob } from '@akhbar/core';
import { cleanArticle, enrichArticle } from '@akhbar/nlp';
import { deleteRedisPrefix } from '@akhbar/testkit';
import type { Ctx } from '../context.ts';
import { figure, median, paired, seconds } from '../measure.ts';

/** The CPU work of one article in the enrich stage, without any I/O: the handler both sides run. */
function handler(article: RawArticle): string {
  return enrichArticle(cleanArticle(article)).lang;
}

function jobsOf(articles: readonly RawArticle[], tag: string) {
  return articles.map((a) => ({ name: 'article', data: { v: 1 as const, article: a }, opts: { jobId: `${a.id}-${tag}` } }));
}

/**
 * queue: BullMQ as Akhbar uses it. (1) Enqueueing: `addBulk` per feed (ingest's way) against
 * `add` one job at a time, same payloads. (2) Worker overhead: a BullMQ worker (concurrency 4,
 * the enrich default) running the enrichment handler over pre-queued jobs, against the same
 * handler in a plain loop over the same articles. Goal for (2): ≥ 0.85 of the plain loop.
 * (3) Both again with Redis fsyncing its append-only file before each reply against once a second.
 */
export async function queueStage(ctx: Ctx): Promise<void> {
  const articles = await ctx.rawArticles();
  const prefix = `{bench-${ctx.runId}-queue}`;
  const redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const queue = openQueue<RawJob>(QUEUES.raw, { connection: redis, prefix });
  let round = 0;
  try {
    // (1) add vs addBulk
    const m = Math.min(ctx.sizes.enqueueJobs, articles.length * 4);
    const payload = Array.from({ length: m }, (_, i) => articles[i % articles.length]!);
    const chunk = ctx.sizes.itemsPerFeed;
    ctx.log(`queue: enqueue ${m} jobs with addBulk (per ${chunk}) and with add`);
    const bulk = async () => {
      const jobs = jobsOf(payload, `b${round++}`).map((j, i) => ({ ...j, opts: { jobId: `${j.opts.jobId}-${i}` } }));
      const s = await seconds(async () => {
        for (let i = 0; i < jobs.length; i += chunk) await queue.addBulk(jobs.slice(i, i + chunk));
      });
      await queue.obliterate({ force: true });
      return m / s;
    };
    const single = async () => {
      const jobs = jobsOf(payload, `s${round++}`).map((j, i) => ({ ...j, opts: { jobId: `${j.opts.jobId}-${i}` } }));
      const s = await seconds(async () => {
        for (const j of jobs) await queue.add(j.name, j.data, j.opts);
      });
      await queue.obliterate({ force: true });
      return m / s;
    };
    const e = await paired(Math.min(ctx.sizes.rounds, 3), ctx.sizes.warmup, bulk, single);
    ctx.add(figure({
      stage: 'queue', name: 'enqueue, addBulk per feed', unit: 'jobs/s', value: median(e.project), baseline: median(e.baseline),
      baselineLabel: 'add one by one', rounds: e.project, baselineRounds: e.baseline,
      note: 'ingest queues each feed’s new articles with one addBulk; the ratio is what that saves',
    }));

    // (2) worker overhead
    const n = Math.min(ctx.sizes.workerJobs, articles.length);
    const sample = articles.slice(0, n);
    ctx.log(`queue: worker overhead, ${n} jobs per round through a BullMQ worker vs a plain loop`);
    const viaWorker = async () => {
      await queue.addBulk(jobsOf(sample, `w${round++}`));
      const conn = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
      let done = 0;
      // The worker is connected and ready before the clock starts: a service starts its worker
      // once and runs it for days, so the goal is about the cost per job, not a new connection
      // and worker set-up in every round (5–17 ms from a new worker to its first job done here).
      const worker = new Worker<RawJob>(QUEUES.raw, async (job) => handler(job.data.article), { connection: conn, prefix, concurrency: 4, autorun: false });
      await worker.waitUntilReady();
      const s = await seconds(
        () =>
          new Promise<void>((resolve, reject) => {
            worker.on('completed', () => {
              if (++done === n) resolve();
            });
            worker.on('failed', (_job, err) => reject(err));
            worker.run().catch(reject);
          }),
      );
      await worker.close();
      conn.disconnect();
      await queue.obliterate({ force: true });
      return n / s;
    };
    const plain = async () => {
      const s = await seconds(() => {
        for (const a of sample) handler(a);
      });
      return n / s;
    };
    const w = await paired(ctx.sizes.rounds, ctx.sizes.warmup, viaWorker, plain);
    ctx.add(figure({
      stage: 'queue', name: 'worker, enrichment handler', unit: 'jobs/s', value: median(w.project), baseline: median(w.baseline),
      baselineLabel: 'same handler, plain loop', goal: { on: 'ratio', op: '>=', target: 0.85 }, rounds: w.project, baselineRounds: w.baseline,
    }));

    // (3) What durability costs: Redis writes its append-only file before each reply
    //     (`appendfsync always`, how infra/local, docker-compose and the Helm values run it) against
    //     once a second (`everysec`, which can lose acknowledged hand-offs in a crash), switched
    //     with CONFIG SET on the same server between rounds and restored after.
    const original = await redis.config('GET', 'appendfsync').then((r) => (r as string[])[1]).catch(() => undefined);
    if (original === undefined) ctx.log('queue: CONFIG GET refused by this Redis; the appendfsync comparison is skipped');
    else {
      ctx.log(`queue: appendfsync always vs everysec (this server runs ${original})`);
      const fsync = (mode: string, fn: () => Promise<number>) => async () => {
        await redis.config('SET', 'appendfsync', mode);
        return fn();
      };
      try {
        const ew = await paired(Math.min(ctx.sizes.rounds, 3), ctx.sizes.warmup, fsync('always', bulk), fsync('everysec', bulk));
        ctx.add(figure({
          stage: 'queue', name: 'enqueue (addBulk), appendfsync always', unit: 'jobs/s', value: median(ew.project), baseline: median(ew.baseline),
          baselineLabel: 'everysec', rounds: ew.project, baselineRounds: ew.baseline,
          note: 'the price of losing no acknowledged write in a Redis crash (README Reliability)',
        }));
        const ww = await paired(ctx.sizes.rounds, ctx.sizes.warmup, fsync('always', viaWorker), fsync('everysec', viaWorker));
        ctx.add(figure({
          stage: 'queue', name: 'worker (enrichment handler), appendfsync always', unit: 'jobs/s', value: median(ww.project), baseline: median(ww.baseline),
          baselineLabel: 'everysec', rounds: ww.project, baselineRounds: ww.baseline,
        }));
      } finally {
        await redis.config('SET', 'appendfsync', original).catch(() => undefined);
      }
    }
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redis.disconnect();
    await deleteRedisPrefix(prefix, ctx.redisUrl);
  }
}
