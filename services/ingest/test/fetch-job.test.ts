import t from 'tap';
import { articleId, canonicalUrl } from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { startFeedServer } from '@akhbar/testkit';
import { HostLimiter } from '../src/coordination.ts';
import { fetchOnce } from '../src/fetch-job.ts';
import { rss, setup } from './helpers.ts';

t.teardown(() => closeFetchAgents());

t.test("a feed's declared language is learned whole: Central Kurdish is ckb, not \"ck\"", async (t) => {
  const env = await setup('ckb');
  const srv = await startFeedServer({ '/ckb.rss.xml': { body: rss([{ slug: 'erbil-salaries' }], 'Hewler News').replace('<language>ar</language>', '<language>ckb-IQ</language>') } });
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const { feed } = await env.registry.add({ url: `${srv.url}/ckb.rss.xml` });
  t.match(await fetchOnce(feed.id, env.deps, 'new'), { outcome: 'fetched', queued: 1 });
  t.equal((await env.registry.require(feed.id)).lang, 'ckb');
  const [job] = await env.rawQueue.getJobs(['waiting']);
  t.equal(job?.data.article.langHint, 'ckb', 'and passed on to enrichment as the hint');
});

t.test('articles are queued once across feeds and polls; a changed article is queued as an update', async (t) => {
  const env = await setup('dedup');
  const srv = await startFeedServer({
    '/a.rss.xml': { body: rss([{ slug: 'story', ago: '-10m' }, { slug: 'other', ago: '-40m' }, { slug: 'third', ago: '-70m' }], 'Feed A') },
    '/b.rss.xml': { body: rss([{ slug: 'story', ago: '-10m' }], 'Feed B').replace('utm_source=rss', 'fbclid=abc') },
  });
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const { feed: a } = await env.registry.add({ url: `${srv.url}/a.rss.xml` });
  const { feed: b } = await env.registry.add({ url: `${srv.url}/b.rss.xml` });

  const first = await fetchOnce(a.id, env.deps, 'new');
  t.match(first, { outcome: 'fetched', status: 200, items: 3, queued: 3, updated: 0 });
  const afterA = await env.registry.require(a.id);
  t.match(afterA, { title: 'Feed A', lang: 'ar', siteUrl: `${srv.url}/` }, 'title, site and language learned from the feed');
  t.match(afterA.status, { state: 'active', lastHttpStatus: 200, consecutiveFailures: 0, itemsSeen: 3, itemsLastFetch: 3, repaired: false });
  t.ok(afterA.status.etag && afterA.status.lastModified, 'validators stored for conditional GET');
  t.equal(afterA.status.effectiveIntervalSec, 900, 'posts every ~30 min: polled every 15 min');

  const second = await fetchOnce(b.id, env.deps, 'new');
  t.match(second, { outcome: 'fetched', items: 1, queued: 0, updated: 0 }, 'the same story from another feed is not queued again');
  const storyId = articleId(canonicalUrl(`${srv.url}/news/story`));
  const jobs = await env.rawQueue.getJobs(['waiting']);
  t.equal(jobs.length, 3);
  t.ok(jobs.some((j) => j.id === storyId), 'job id is the article id');

  const again = await fetchOnce(a.id, env.deps, 'schedule');
  t.match(again, { outcome: 'not-modified', status: 304, queued: 0 });
  t.equal(srv.requests.at(-1)!.headers['if-none-match'], afterA.status.etag, 'conditional GET');

  srv.route('/a.rss.xml', { body: rss([{ slug: 'story', ago: '-10m', body: 'Corrected body' }, { slug: 'other', ago: '-40m' }, { slug: 'third', ago: '-70m' }], 'Feed A') });
  const changed = await fetchOnce(a.id, env.deps, 'schedule');
  t.match(changed, { outcome: 'fetched', queued: 0, updated: 1 });
  const update = (await env.rawQueue.getJobs(['waiting'])).find((j) => j.id !== storyId && j.id?.startsWith(storyId));
  t.ok(update, 'the update has its own job id (article id + content hash)');
  t.equal(update?.id, `${storyId}-${update?.data.article.contentHash}`);
  t.ok(update?.data.article.flags.includes('update'));
  t.equal(update?.data.article.body, 'Corrected body');
  t.equal((await env.registry.require(a.id)).status.itemsSeen, 3, 'items seen counts distinct articles');
});

t.test('HTTP outcomes: 301 moves the feed, 410 retires it, 429 is honoured, failures back off then disable', async (t) => {
  const env = await setup('http');
  const srv = await startFeedServer({
    '/old.rss.xml': { handler: (_q, res) => void res.writeHead(301, { location: '/new.rss.xml' }).end() },
    '/new.rss.xml': { body: rss([{ slug: 'moved' }]) },
    '/gone.rss.xml': { status: 410, body: 'gone' },
    '/busy.rss.xml': { status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' },
    '/page.rss.xml': { body: '<!doctype html><html><head><title>Not a feed</title></head><body>hi</body></html>', headers: { 'content-type': 'text/html' } },
    '/fine.rss.xml': { body: rss([{ slug: 'fine' }]) },
  });
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const add = async (p: string) => (await env.registry.add({ url: `${srv.url}${p}` })).feed;

  const moved = await add('/old.rss.xml');
  t.match(await fetchOnce(moved.id, env.deps), { outcome: 'fetched', queued: 1 });
  const m = await env.registry.require(moved.id);
  t.equal(m.url, `${srv.url}/new.rss.xml`, '301: stored URL updated');
  t.equal(m.originalUrl, `${srv.url}/old.rss.xml`, 'the original URL is kept');

  const gone = await add('/gone.rss.xml');
  t.match(await fetchOnce(gone.id, env.deps), { outcome: 'failed', status: 410, code: 'AKHBAR_FEED_GONE' });
  t.match((await env.registry.require(gone.id)).status, { state: 'gone', lastHttpStatus: 410, lastErrorCode: 'AKHBAR_FEED_GONE' });
  t.match(await fetchOnce(gone.id, env.deps, 'schedule'), { outcome: 'skipped', skipped: 'gone' }, 'a gone feed is not polled');

  const busy = await add('/busy.rss.xml');
  const before = Date.now();
  t.match(await fetchOnce(busy.id, env.deps), { outcome: 'failed', status: 429 });
  const bs = (await env.registry.require(busy.id)).status;
  t.equal(bs.state, 'failing');
  t.ok(Date.parse(bs.nextFetchAt!) >= before + 3_599_000, 'Retry-After: 3600 respected');
  const requests = srv.requests.length;
  t.match(await fetchOnce(busy.id, env.deps, 'schedule'), { outcome: 'skipped', skipped: 'backoff' });
  t.match(await fetchOnce(busy.id, env.deps, 'manual'), { outcome: 'skipped', skipped: 'backoff' }, 'even a manual refresh waits for Retry-After');
  t.equal(srv.requests.length, requests, 'no request was sent while backing off');

  const page = await add('/page.rss.xml');
  const interval = page.intervalSec * 1000;
  const delays: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const at = Date.now();
    t.match(await fetchOnce(page.id, env.deps, 'manual'), { outcome: 'failed', code: 'AKHBAR_FEED_NOT_A_FEED' });
    const s = (await env.registry.require(page.id)).status;
    t.equal(s.consecutiveFailures, i);
    if (i < 3) {
      t.equal(s.state, 'failing');
      delays.push(Date.parse(s.nextFetchAt!) - at);
    } else {
      t.equal(s.state, 'disabled', 'disabled after maxFailures consecutive failures');
      t.notOk(s.nextFetchAt);
    }
  }
  t.ok(delays[0]! >= interval / 2 - 1000 && delays[0]! <= interval + 1000, `first backoff within one interval (${delays[0]} ms)`);
  t.ok(delays[1]! >= interval - 1000 && delays[1]! <= 2 * interval + 1000, `second backoff doubles (${delays[1]} ms)`);
  t.match(await fetchOnce(page.id, env.deps, 'schedule'), { outcome: 'skipped', skipped: 'disabled' });

  const fine = await add('/fine.rss.xml');
  t.match(await fetchOnce(fine.id, env.deps), { outcome: 'fetched', queued: 1 }, 'other feeds go on');
});

t.test('never two fetches of one feed at once; per-host concurrency and politeness hold across replicas', async (t) => {
  const env = await setup('limits');
  const slowBody = rss([{ slug: 'slow' }]);
  const srv = await startFeedServer({
    '/slow.rss.xml': { handler: (_q, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(slowBody.replaceAll('{{BASE}}', 'http://x.example').replace(/\{\{RFC822:[^}]+\}\}/g, new Date().toUTCString())), 800) },
    '/slow2.rss.xml': { handler: (_q, res) => void setTimeout(() => res.writeHead(200).end(slowBody.replaceAll('{{BASE}}', 'http://y.example').replace(/\{\{RFC822:[^}]+\}\}/g, new Date().toUTCString())), 800) },
  });
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const { feed } = await env.registry.add({ url: `${srv.url}/slow.rss.xml` });
  const both = await Promise.all([fetchOnce(feed.id, env.deps, 'manual'), fetchOnce(feed.id, env.deps, 'manual')]);
  t.same(both.map((o) => o.outcome).sort(), ['fetched', 'skipped']);
  t.equal(both.find((o) => o.outcome === 'skipped')?.skipped, 'busy');
  t.equal(srv.requests.length, 1, 'one request reached the server');

  // Two "replicas" (separate limiters on the same Redis) and one slot per host.
  const { feed: other } = await env.registry.add({ url: `${srv.url}/slow2.rss.xml` });
  const replica = (deps: typeof env.deps) => ({ ...deps, hosts: new HostLimiter(env.redis, env.prefix, { limit: 1, delayMs: 0 }) });
  const pair = await Promise.all([fetchOnce(feed.id, replica(env.deps), 'manual'), fetchOnce(other.id, replica(env.deps), 'manual')]);
  t.same(pair.map((o) => o.outcome).sort(), ['deferred', 'fetched'], 'the second fetch of the host waits');
  t.ok(pair.find((o) => o.outcome === 'deferred')!.deferMs! > 0);

  const polite = new HostLimiter(env.redis, env.prefix, { limit: 10, delayMs: 2_000 });
  const first = await polite.acquire('polite.example', 10_000);
  const second = await polite.acquire('polite.example', 10_000);
  t.ok('release' in first, 'first request may start');
  t.ok('waitMs' in second && second.waitMs > 0 && second.waitMs <= 2_000, 'the next one waits for the politeness delay');
  t.ok('release' in (await polite.acquire('elsewhere.example', 10_000)), 'other hosts are not held up');
});

t.test('a feed with thousands of items is queued in full, in bounded chunks', async (t) => {
  const env = await setup('big');
  const items = Array.from({ length: 1_200 }, (_, i) => ({ slug: `item-${i}`, ago: `-${i + 1}m` }));
  const srv = await startFeedServer({ '/big.rss.xml': { body: rss(items) } });
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const { feed } = await env.registry.add({ url: `${srv.url}/big.rss.xml` });
  t.match(await fetchOnce(feed.id, env.deps), { outcome: 'fetched', items: 1_200, queued: 1_200 });
  t.equal((await env.rawQueue.getJobCounts('waiting')).waiting, 1_200);
  srv.route('/big.rss.xml', { body: rss(items).replace('<channel>', '<channel><description>changed</description>'), conditional: false });
  t.match(await fetchOnce(feed.id, env.deps), { outcome: 'fetched', queued: 0, updated: 0 }, 'a re-poll with the same items queues nothing');
});
