import { Redis } from 'ioredis';
import { createEsClient, dropArticleIndices } from '@akhbar/search';
import { testEsUrl, testRedisUrl } from './env.ts';

/** Delete every Redis key under a queue/registry prefix (what one test created); resolves with how many. */
export async function deleteRedisPrefix(prefix: string, url = testRedisUrl()): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Drop the article indices and aliases under an index prefix. */
export async function dropIndexPrefix(prefix: string, url = testEsUrl()): Promise<void> {
  const es = createEsClient(url);
  try {
    await dropArticleIndices(es, prefix);
  } finally {
    await es.close();
  }
}
