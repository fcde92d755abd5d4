import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { QUEUES, openQueue, type EnrichedJob, type RawArticle, type RawJob } from '@akhbar/core';
import { StoryClusterer, enrichOne } from '@akhbar/enrich';
import { deleteRedisPrefix, startService } from '@akhbar/testkit';
import type { Ctx } from '../context.ts';
import { figure, median, paired, seconds } from '../measure.ts';
import { serviceMemory } from '../proc.ts';

/**
 * enrich: one enrich worker, as production runs it (`services/enrich/src/main.ts` in its own
 * process, default concurrency), against the function it calls for each job (`enrichOne`: taggers
 * + story clustering in Redis) in a plain loop, on the same articles. The worker's round starts
 * with its jobs already queued (queue paused, filled, resumed) and ends when the last enriched
 * article is on `articles.enriched`. Also: the worker's peak RSS (goal < 300 MB).
 */
export async function enrichStage(ctx: Ctx): Promise<void> {
  const articles = await ctx.rawArticles();
  const n = Math.min(ctx.sizes.enrichPerRound, articles.length);
  const prefix = `{bench-${ctx.runId}-enrich}`;
  const loopPrefix = `{bench-${ctx.runId}-enrich-loop}`;
  const redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const raw = openQueue<RawJob>(QUEUES.raw, { connection: redis, prefix });
  const enriched = openQueue<EnrichedJob>(QUEUES.enriched, { connection: redis, prefix });
  const stories = new StoryClusterer(redis, { prefix: loopPrefix });
  const worker = startService('enrich', { REDIS_URL: ctx.redisUrl, AKHBAR_QUEUE_PREFIX: prefix, METRICS_PORT: '0' });
  let round = 0;
  let expected = 0;
  try {
    await worker.waitForLog((l) => l.msg === 'enrich started', 60_000);
    // Every round enriches new articles (new ids), on both sides, so story clustering does the
    // same work in the worker and in the loop.
    const batch = (side: string) => articles.slice(0, n).map((a): RawArticle => ({ ...a, id: `${a.id}${side}${round}` }));
    ctx.log(`enrich: ${n} articles per round through the enrich service vs enrichOne() in a loop`);
    const viaWorker = async () => {
      const items = batch('w');
      round++;
      await raw.pause();
      await raw.addBulk(items.map((a) => ({ name: 'article', data: { v: 1 as const, article: a }, opts: { jobId: a.id } })));
      expected += items.length;
      const s = await seconds(async () => {
        await raw.resume();
        for (;;) {
          const c = await enriched.getJobCounts('waiting', 'prioritized');
          if ((c.waiting ?? 0) + (c.prioritized ?? 0) >= expected) break;
          const failed = await raw.getFailedCount();
          if (failed > 0) throw new Error(`enrich: ${failed} jobs failed in the worker`);
          await delay(10);
        }
      });
      return n / s;
    };
    const loop = async () => {
      const items = batch('l');
      round++;
      const s = await seconds(async () => {
        for (const a of items) await enrichOne(a, { stories });
      });
      return n / s;
    };
    const r = await paired(ctx.sizes.rounds, ctx.sizes.warmup, viaWorker, loop);
    ctx.add(figure({
      stage: 'enrich', name: 'articles/s, one worker', unit: 'art/s', value: median(r.project), baseline: median(r.baseline),
      baselineLabel: 'enrichOne() plain loop', goal: { on: 'ratio', op: '>=', target: 0.85 }, rounds: r.project, baselineRounds: r.baseline,
      note: 'goal: the queue stage’s worker-overhead goal, applied to the real worker',
    }));
    const mem = serviceMemory(worker.child.pid!);
    ctx.add(figure({
      stage: 'enrich', name: 'worker peak RSS', unit: 'MB', value: mem.worker.peakMb, goal: { on: 'value', op: '<', target: 300 },
      note: `${expected} articles enriched by this worker; RSS now ${mem.worker.rssMb.toFixed(0)} MB${mem.processes > 1 ? `; its launcher process adds ${mem.launchers.peakMb.toFixed(0)} MB` : ''}`,
    }));
  } finally {
    await worker.stop();
    await Promise.all([raw.close(), enriched.close()]);
    redis.disconnect();
    await deleteRedisPrefix(prefix, ctx.redisUrl);
    await deleteRedisPrefix(loopPrefix, ctx.redisUrl);
  }
}
