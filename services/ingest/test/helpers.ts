import { Redis } from 'ioredis';
import { QUEUES, FeedRegistry, createLogger, openQueue, type RawJob } from '@akhbar/core';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { FeedLock, HostLimiter } from '../src/coordination.ts';
import type { FetchDeps } from '../src/fetch-job.ts';

export const rss = (items: Array<{ slug: string; title?: string; body?: string; ago?: string }>, title = 'Test feed') =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>{{BASE}}/</link><language>ar</language>${items
    .map((i) => `<item><title>${i.title ?? i.slug}</title><link>{{BASE}}/news/${i.slug}?utm_source=rss</link><pubDate>{{RFC822:${i.ago ?? '-1h'}}}</pubDate><description>${i.body ?? `Body of ${i.slug}`}</description></item>`)
    .join('')}</channel></rss>`;

/** Real Redis, a unique prefix, and the fetch dependencies the worker would build. */
export async function setup(label: string, overrides: Partial<FetchDeps> = {}) {
  const prefix = uniqueQueuePrefix(label);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const registry = new FeedRegistry(redis, prefix);
  const rawQueue = openQueue<RawJob>(QUEUES.raw, { connection: redis, prefix });
  const log = createLogger('ingest-test', 'silent');
  const deps: FetchDeps = {
    registry, rawQueue, redis, prefix, log,
    lock: new FeedLock(redis, prefix),
    hosts: new HostLimiter(redis, prefix, { limit: 8, delayMs: 0 }),
    fetch: { allowPrivate: true, timeoutMs: 5_000 },
    maxFailures: 3,
    ...overrides,
  };
  const cleanup = async () => {
    await rawQueue.close();
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  };
  return { prefix, redis, registry, rawQueue, log, deps, cleanup };
}
