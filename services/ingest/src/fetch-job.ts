import { UnrecoverableError, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { articleJobId, errorCode, isAkhbarError, type FeedRegistry, type Logger, type RawArticle, type RawJob } from '@akhbar/core';
import { fetchFeed, parseFeed, toRawArticle } from '@akhbar/feeds';

export interface FetchDeps {
  registry: FeedRegistry;
  rawQueue: Queue<RawJob>;
  redis: Redis;
  prefix: string;
  allowPrivate: boolean;
  log: Logger;
}

export interface FetchOutcome {
  status: number;
  items: number;
  queued: number;
  updated: number;
}

/**
 * One poll of one feed: fetch, parse, normalise, deduplicate, queue. Every outcome is written to
 * the feed's status; a failure is rethrown so BullMQ retries it (or not, when permanent).
 */
export async function fetchOnce(feedId: string, deps: FetchDeps): Promise<FetchOutcome> {
  const { registry, log } = deps;
  const feed = await registry.get(feedId);
  if (!feed) {
    log.info({ feedId }, 'feed no longer registered; skipping');
    return { status: 0, items: 0, queued: 0, updated: 0 };
  }
  const now = new Date();
  try {
    const res = await fetchFeed(feed.url, {
      allowPrivate: deps.allowPrivate,
      ...(feed.status.etag ? { etag: feed.status.etag } : {}),
      ...(feed.status.lastModified ? { lastModified: feed.status.lastModified } : {}),
    });
    if (res.notModified) {
      await registry.updateStatus(feedId, { state: 'active', lastFetchAt: now.toISOString(), lastSuccessAt: now.toISOString(), lastHttpStatus: 304, consecutiveFailures: 0, itemsLastFetch: 0 });
      return { status: 304, items: 0, queued: 0, updated: 0 };
    }
    const parsed = await parseFeed(res.body, { url: res.url, ...(res.headers['content-type'] ? { contentType: res.headers['content-type'] } : {}) });
    const articles = parsed.items.map((it) => toRawArticle(it, parsed, feed, now)).filter((a): a is RawArticle => a !== undefined);
    const { queued, updated } = await queueArticles(articles, deps);
    await registry.updateStatus(feedId, {
      state: 'active',
      lastFetchAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      lastHttpStatus: res.status,
      consecutiveFailures: 0,
      itemsLastFetch: articles.length,
      lastErrorCode: null,
      lastError: null,
      etag: res.headers.etag ?? null,
      lastModified: res.headers['last-modified'] ?? null,
    });
    if (!feed.title && parsed.title) await registry.updateSettings(feedId, { title: parsed.title });
    await registry.incrementItemsSeen(feedId, queued);
    log.info({ feedId, status: res.status, items: articles.length, queued, updated }, 'feed fetched');
    return { status: res.status, items: articles.length, queued, updated };
  } catch (err) {
    const failures = await registry.incrementFailures(feedId);
    await registry.updateStatus(feedId, {
      state: 'failing',
      lastFetchAt: now.toISOString(),
      lastErrorCode: errorCode(err),
      lastError: err instanceof Error ? err.message : String(err),
    });
    log.warn({ feedId, err, code: errorCode(err), failures }, 'feed fetch failed');
    if (isAkhbarError(err) && err.permanent) throw new UnrecoverableError(`${err.code}: ${err.message}`);
    throw err;
  }
}

/**
 * Queue new and changed articles once. A Redis hash remembers each article's content hash:
 * unknown → new job (job id = article id, so concurrent polls of two feeds collapse);
 * known with another hash → an update job; same hash → nothing.
 */
async function queueArticles(articles: RawArticle[], deps: FetchDeps): Promise<{ queued: number; updated: number }> {
  if (articles.length === 0) return { queued: 0, updated: 0 };
  const seenKey = `${deps.prefix}:ingest:seen`;
  const previous = await deps.redis.hmget(seenKey, ...articles.map((a) => a.id));
  let queued = 0;
  let updated = 0;
  const jobs: Array<{ name: string; data: RawJob; opts: { jobId: string } }> = [];
  const seenInBatch = new Set<string>();
  articles.forEach((article, i) => {
    if (seenInBatch.has(article.id)) return;
    seenInBatch.add(article.id);
    const prev = previous[i];
    if (prev === article.contentHash) return;
    if (prev) {
      article.flags.push('update');
      updated++;
    } else {
      queued++;
    }
    jobs.push({ name: 'article', data: { v: 1, article }, opts: { jobId: articleJobId(article) } });
  });
  if (jobs.length > 0) {
    await deps.rawQueue.addBulk(jobs);
    await deps.redis.hset(seenKey, Object.fromEntries(jobs.map((j) => [j.data.article.id, j.data.article.contentHash])));
  }
  return { queued, updated };
}
