import t from 'tap';
import { Redis } from 'ioredis';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { FeedRegistry, feedId, canonicalUrl } from '@akhbar/core';

t.test('feed registry in real Redis', async (t) => {
  const prefix = uniqueQueuePrefix('registry');
  const redis = new Redis(testRedisUrl());
  t.teardown(async () => {
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  });
  const registry = new FeedRegistry(redis, prefix);

  const [a, b] = await Promise.all([
    registry.add({ url: 'https://News.Example/feed.xml?utm_source=x', title: 'Example', lang: 'ar' }),
    registry.add({ url: 'https://news.example/feed.xml' }),
  ]);
  t.equal(a.feed.id, b.feed.id, 'the same canonical URL registers once');
  t.equal([a.created, b.created].filter(Boolean).length, 1, 'exactly one concurrent add creates it');
  t.equal(a.feed.id, feedId(canonicalUrl('https://news.example/feed.xml')));
  t.match(a.feed, { url: 'https://news.example/feed.xml', intervalSec: 900, fulltext: 'when-short', status: { state: 'new', itemsSeen: 0 } });

  await registry.updateStatus(a.feed.id, { state: 'active', lastHttpStatus: 200, etag: '"abc"', lastErrorCode: 'X' });
  await registry.updateStatus(a.feed.id, { lastErrorCode: null });
  await registry.incrementItemsSeen(a.feed.id, 5);
  const got = await registry.require(a.feed.id);
  t.match(got.status, { state: 'active', lastHttpStatus: 200, etag: '"abc"', itemsSeen: 5 });
  t.notOk('lastErrorCode' in got.status, 'null clears a status field');

  const edited = await registry.updateSettings(a.feed.id, { intervalSec: 3600 });
  t.equal(edited.intervalSec, 3600);
  t.equal(edited.status.etag, '"abc"', 'editing settings keeps status');

  t.equal((await registry.list()).length, 1);
  t.ok(await registry.remove(a.feed.id));
  await registry.updateStatus(a.feed.id, { state: 'failing' });
  t.equal(await registry.get(a.feed.id), undefined, 'a late status write does not resurrect a removed feed');
  await t.rejects(registry.require(a.feed.id), { code: 'AKHBAR_FEED_NOT_FOUND' });
});
