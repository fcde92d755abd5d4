import t from 'tap';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, articleId, articleJobId, createLogger, fulltextWorkersKey, type RawArticle, type RawJob } from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { deleteRedisPrefix, startFeedServer, testRedisUrl, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { loadFulltextConfig } from '../src/config.ts';
import { DomainGate } from '../src/politeness.ts';
import { createFulltext } from '../src/worker.ts';

t.test('the domain gate is shared by replicas: concurrency, spacing, pause', async (t) => {
  const prefix = uniqueQueuePrefix('gate');
  const redis = new Redis(testRedisUrl());
  t.teardown(async () => {
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });
  const replicaA = new DomainGate(redis, prefix, { limit: 1, delayMs: 0 });
  const replicaB = new DomainGate(redis, prefix, { limit: 1, delayMs: 0 });
  const first = await replicaA.acquire('news.example', 10_000);
  t.ok('release' in first, 'replica A takes the only slot');
  const second = await replicaB.acquire('news.example', 10_000);
  t.ok('waitMs' in second && second.waitMs > 0, 'replica B must wait for it');
  t.ok('release' in (await replicaB.acquire('other.example', 10_000)), 'another domain is not held up');
  if ('release' in first) await first.release();
  t.ok('release' in (await replicaB.acquire('news.example', 10_000)), 'released: replica B goes');

  const spaced = new DomainGate(redis, prefix, { limit: 5, delayMs: 800 });
  const a = await spaced.acquire('slow.example', 10_000);
  const b = await spaced.acquire('slow.example', 10_000);
  t.ok('release' in a);
  t.ok('waitMs' in b && b.waitMs > 500 && b.waitMs <= 800, 'the politeness delay holds between two starts');
  await new Promise((r) => setTimeout(r, 500));
  if ('release' in a) await a.release();
  const c = await spaced.acquire('slow.example', 10_000);
  t.ok('waitMs' in c && c.waitMs > 600, 'and between the end of one fetch and the next start');

  await spaced.pause('busy.example', 3000);
  const paused = await spaced.acquire('busy.example', 10_000);
  t.ok('waitMs' in paused && paused.waitMs > 2000, 'a paused domain (429/503) waits out the pause');
  await spaced.space('crawl.example', 2000);
  const crawl = await spaced.acquire('crawl.example', 10_000);
  t.ok('waitMs' in crawl && crawl.waitMs > 1000, 'a robots.txt Crawl-delay longer than ours is kept');
});

t.test('two worker replicas never hit one site twice at once and space their requests', async (t) => {
  let active = 0;
  let maxActive = 0;
  const server = await startFeedServer({});
  const page = `<html lang="en"><body><article>${'<p>The council approved the budget for the new library after a long debate about costs and opening hours. </p>'.repeat(4)}</article></body></html>`;
  for (let i = 0; i < 4; i++) {
    server.route(`/story/${i}`, {
      handler: (_req, res) => {
        active++;
        maxActive = Math.max(maxActive, active);
        setTimeout(() => {
          active--;
          res.writeHead(200, { 'content-type': 'text/html' }).end(page);
        }, 50);
      },
    });
  }
  const prefix = uniqueQueuePrefix('polite');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const env = {
    REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true',
    FULLTEXT_HOST_CONCURRENCY: '1', FULLTEXT_HOST_DELAY_MS: '500', FULLTEXT_CONCURRENCY: '4',
  };
  const replicas = [createFulltext(loadFulltextConfig(env), redis, createLogger('a', 'silent')), createFulltext(loadFulltextConfig(env), redis, createLogger('b', 'silent'))];
  const raw = new Queue<RawJob>(QUEUES.raw, { connection: redis, prefix });
  t.teardown(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await raw.close();
    await server.close();
    await closeFetchAgents();
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });
  const articles: RawArticle[] = [0, 1, 2, 3].map((i) => {
    const url = `${server.url}/story/${i}`;
    return {
      id: articleId(url), url, feedId: 'f', source: { id: 'f', name: 'F', domain: '127.0.0.1' }, title: 't', summary: 's', body: 's',
      categories: [], publishedAt: new Date().toISOString(), fetchedAt: new Date().toISOString(), contentHash: 'h', flags: [],
    };
  });
  await replicas[0]!.fulltextQueue.addBulk(articles.map((a) => ({ name: 'article', data: { v: 1 as const, article: a }, opts: { jobId: articleJobId(a) } })));
  await waitFor(async () => (await raw.getJobCounts('waiting')).waiting === 4, { timeoutMs: 20_000, what: 'all four articles on articles.raw' });
  const starts = server.requests.filter((r) => r.path.startsWith('/story/')).map((r) => r.at).sort((x, y) => x - y);
  t.equal(starts.length, 4);
  t.equal(maxActive, 1, 'never two requests to the site at once');
  // The delay runs from the end of one fetch to the next start, so two requests are at least
  // the delay plus the 50 ms the page takes apart; without it they would be ~50 ms apart.
  for (let i = 1; i < starts.length; i++) t.ok(starts[i]! - starts[i - 1]! >= 500, `request ${i + 1} started ${starts[i]! - starts[i - 1]!} ms after the previous`);
  for (const a of articles) t.ok((await raw.getJob(articleJobId(a)))?.data.article.flags.includes('fulltext'), `${a.url} extracted`);
});

t.test('each replica announces itself for ingest while it runs, and leaves when it closes', async (t) => {
  const prefix = uniqueQueuePrefix('beat');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  t.teardown(async () => {
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });
  const env = { REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix };
  const live = () => redis.zcount(fulltextWorkersKey(prefix), Date.now(), '+inf');
  const a = createFulltext(loadFulltextConfig(env), redis, createLogger('a', 'silent'));
  const b = createFulltext(loadFulltextConfig(env), redis, createLogger('b', 'silent'));
  await waitFor(async () => (await live()) === 2, { what: 'both replicas to announce themselves' });
  await a.close();
  t.equal(await live(), 1, 'one replica left');
  await b.close();
  t.equal(await live(), 0, 'none left: ingest sends articles straight to articles.raw');
});

t.test('a replica told to stop as it starts closes cleanly (no unhandled "Connection is closed.")', async (t) => {
  // BullMQ rejected the start-up of a worker closed mid-start with nobody listening; under
  // --unhandled-rejections=throw that crashed the process. 25 replicas closed at once make the
  // race all but certain (it struck ~1 close in 8 before settleBull).
  const prefix = uniqueQueuePrefix('quick');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  t.teardown(async () => {
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });
  const env = { REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix };
  for (let i = 0; i < 25; i++) {
    const replica = createFulltext(loadFulltextConfig(env), redis, createLogger('q', 'silent'));
    await new Promise((resolve) => setTimeout(resolve, i % 5));
    await replica.close();
  }
  t.equal(await redis.zcard(fulltextWorkersKey(prefix)), 0, 'every replica left the ingest roster');
});
