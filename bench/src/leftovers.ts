import { createEsClient } from '@akhbar/search';
import { deleteRedisPrefix } from '@akhbar/testkit';

/**
 * Remove what interrupted earlier runs left behind: every run's queue prefixes start `{bench-`
 * and its index prefixes `bench-`, and a run removes its own at the end, so anything under them
 * now is a leftover (one benchmark runs at a time on a machine). Left in place they skew the run:
 * an interrupted end-to-end stage leaves ~330 000 keys, many with a TTL, and Redis's expiry cycle
 * over them doubled its CPU per job in the index stage.
 */
export async function sweepLeftovers(esUrl: string, redisUrl: string): Promise<{ keys: number; indices: number }> {
  // A glob prefix: every `{bench-…}:…` key.
  const keys = await deleteRedisPrefix('{bench-*', redisUrl);
  const es = createEsClient(esUrl);
  try {
    // Named one by one: Elasticsearch refuses wildcard deletes by default.
    const names = Object.keys(await es.indices.get({ index: 'bench-*', expand_wildcards: 'all', allow_no_indices: true, ignore_unavailable: true }));
    for (const index of names) await es.indices.delete({ index }, { ignore: [404] });
    return { keys, indices: names.length };
  } finally {
    await es.close();
  }
}
