import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { articleJobId, type RawArticle, type RawJob } from '@akhbar/core';

/**
 * Queue each article once. Redis remembers every article id with its content hash (one key per
 * article with a TTL, so memory stays bounded): unknown → a new job whose id is the article id
 * (two feeds carrying the same story in the same instant still collapse into one BullMQ job);
 * known with another hash → an update job; same hash → nothing.
 */
export async function queueArticles(
  articles: readonly RawArticle[],
  deps: { redis: Redis; rawQueue: Queue<RawJob>; prefix: string; seenTtlSec: number },
): Promise<{ queued: number; updated: number }> {
  if (articles.length === 0) return { queued: 0, updated: 0 };
  const unique = [...new Map(articles.map((a) => [a.id, a])).values()];
  const key = (id: string) => `${deps.prefix}:ingest:seen:${id}`;
  const previous = await deps.redis.mget(...unique.map((a) => key(a.id)));
  let queued = 0;
  let updated = 0;
  const jobs: Array<{ name: string; data: RawJob; opts: { jobId: string } }> = [];
  unique.forEach((original, i) => {
    const prev = previous[i];
    if (prev === original.contentHash) return;
    const article: RawArticle = prev ? { ...original, flags: [...original.flags, 'update'] } : original;
    if (prev) updated++;
    else queued++;
    jobs.push({ name: 'article', data: { v: 1, article }, opts: { jobId: articleJobId(article) } });
  });
  if (jobs.length === 0) return { queued, updated };
  await deps.rawQueue.addBulk(jobs);
  const pipe = deps.redis.pipeline();
  for (const j of jobs) pipe.set(key(j.data.article.id), j.data.article.contentHash, 'EX', deps.seenTtlSec);
  await pipe.exec();
  return { queued, updated };
}
