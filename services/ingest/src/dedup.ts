import type { Queue } from 'bullmq';
import { articleJobId, fulltextWorkersKey, type FulltextPolicy, type RawArticle, type RawJob, type RedisClient } from '@akhbar/core';
import { needsFulltext } from '@akhbar/extract/policy';

/** Items per Redis round trip (MGET, addBulk, SET pipeline). */
const CHUNK = 500;

/**
 * Queue each article once. Redis remembers every article id with its content hash (one key per
 * article with a TTL, so memory stays bounded): unknown → a new job whose id is the article id
 * (two feeds carrying the same story in the same instant still collapse into one BullMQ job);
 * known with another hash → an update job; same hash → nothing.
 */
export async function queueArticles(
  articles: readonly RawArticle[],
  deps: { redis: RedisClient; rawQueue: Queue<RawJob>; prefix: string; seenTtlSec: number; fulltext?: { queue: Queue<RawJob>; policy: FulltextPolicy } },
): Promise<{ queued: number; updated: number }> {
  if (articles.length === 0) return { queued: 0, updated: 0 };
  const unique = [...new Map(articles.map((a) => [a.id, a])).values()];
  const key = (id: string) => `${deps.prefix}:ingest:seen:${id}`;
  // Bounded command sizes: a feed with tens of thousands of items is read and queued in chunks.
  const previous: Array<string | null> = [];
  for (let i = 0; i < unique.length; i += CHUNK) previous.push(...(await deps.redis.mget(...unique.slice(i, i + CHUNK).map((a) => key(a.id)))));
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
  // Full text (services/fulltext) for the feed's short items, while a fulltext worker runs; it
  // hands each article on to articles.raw under the same job id.
  const ft = deps.fulltext;
  const route = ft && ft.policy !== 'never' && (await deps.redis.zcount(fulltextWorkersKey(deps.prefix), Date.now(), '+inf')) > 0;
  const toFulltext = route ? jobs.filter((j) => needsFulltext(j.data.article, ft.policy)) : [];
  const toFulltextSet = new Set(toFulltext);
  for (let i = 0; i < jobs.length; i += CHUNK) {
    const chunk = jobs.slice(i, i + CHUNK);
    const ftChunk = chunk.filter((j) => toFulltextSet.has(j));
    if (ftChunk.length > 0) await ft!.queue.addBulk(ftChunk);
    if (ftChunk.length < chunk.length) await deps.rawQueue.addBulk(chunk.filter((j) => !toFulltextSet.has(j)));
    // Remembered only once queued: a crash in between re-queues (same job id), never loses.
    const pipe = deps.redis.pipeline();
    for (const j of chunk) pipe.set(key(j.data.article.id), j.data.article.contentHash, 'EX', deps.seenTtlSec);
    await pipe.exec();
  }
  return { queued, updated };
}
