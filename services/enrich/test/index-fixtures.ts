import type { Test } from 'tap';
import { Redis } from 'ioredis';
import { QUEUES, openQueue, type EnrichedArticle, type EnrichedJob } from '@akhbar/core';
import { createEsClient, ensureArticleIndex } from '@akhbar/search';
import { deleteRedisPrefix, dropIndexPrefix, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix } from '@akhbar/testkit';
import { rawArticle } from './fixtures.ts';

/** What the re-enrichment tests (the function and the command) start from: indexed articles from an older release. */

/** An article as an old tagger left it: no entities, no topics, no tone, its own story id. */
export function stale(id: string, title: string, body: string, publishedAt: string, storyId = id): EnrichedArticle {
  const raw = rawArticle(id, title, body, { publishedAt });
  return {
    ...raw,
    enrichment: {
      lang: 'und', langConfidence: 0, dir: 'ltr', normalized: { title, body }, entities: [], countries: [], topics: [], keywords: [],
      extract: '', wordCount: 0, readingTimeSec: 0, storyId, provenance: { entities: { tagger: 'akhbar-gazetteer', version: '0.0.1' } },
      enrichedAt: publishedAt,
    },
  };
}

/** A fresh article index and enriched queue of their own, removed when the test ends. */
export async function setup(t: Test, name: string) {
  const es = createEsClient(testEsUrl());
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
  const indexPrefix = uniqueIndexPrefix(name);
  const queuePrefix = uniqueQueuePrefix(name);
  const enrichedQueue = openQueue<EnrichedJob>(QUEUES.enriched, { connection: redis, prefix: queuePrefix });
  t.teardown(async () => {
    await enrichedQueue.close();
    await deleteRedisPrefix(queuePrefix);
    redis.disconnect();
    await dropIndexPrefix(indexPrefix);
    await es.close();
  });
  await ensureArticleIndex(es, indexPrefix);
  return { es, redis, indexPrefix, queuePrefix, enrichedQueue };
}
