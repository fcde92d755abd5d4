import t from 'tap';
import { Redis } from 'ioredis';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { FeedLock } from '../src/coordination.ts';

/** The feed lease (coordination.ts) against real Redis: short terms, renewed while a fetch runs. */

t.test('a feed lease is renewed while its fetch runs, and a replica that dies mid-fetch holds the feed one term only', async (t) => {
  const prefix = uniqueQueuePrefix('lease');
  const alive = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const dying = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  t.teardown(async () => {
    alive.disconnect();
    dying.disconnect();
    await deleteRedisPrefix(prefix);
  });
  const mine = new FeedLock(alive, prefix, { leaseMs: 300 });
  const other = new FeedLock(alive, prefix, { leaseMs: 300 });
  const release = await mine.acquire('f1', 60_000);
  t.ok(release, 'the first fetch takes the feed');
  await new Promise((r) => setTimeout(r, 1_000));
  t.equal(await other.acquire('f1', 60_000), undefined, 'three terms later it is still held: renewed while the fetch runs');
  await release!();
  const again = await other.acquire('f1', 60_000);
  t.ok(again, 'released: the next fetch takes it at once');
  await again!();

  // A replica killed mid-fetch renews no more (its connection is gone): the lease runs out after one term.
  const doomed = await new FeedLock(dying, prefix, { leaseMs: 300 }).acquire('f2', 60_000);
  t.ok(doomed);
  dying.disconnect();
  t.equal(await other.acquire('f2', 60_000), undefined, 'held just after');
  await new Promise((r) => setTimeout(r, 700));
  const taken = await other.acquire('f2', 60_000);
  t.ok(taken, 'free a term later, not after the longest a fetch may take');
  await taken!();
});
