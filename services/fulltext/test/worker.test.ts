import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, articleId, articleJobId, contentHash, createLogger, type RawArticle, type RawJob } from '@akhbar/core';
import { FulltextErrors, needsFulltext } from '@akhbar/extract';
import { closeFetchAgents, parseFeed, toRawArticles } from '@akhbar/feeds';
import { REPO_ROOT, deleteRedisPrefix, startFeedServer, testRedisUrl, uniqueQueuePrefix, waitFor, type FeedServer } from '@akhbar/testkit';
import { loadFulltextConfig } from '../src/config.ts';
import { createFulltext, type Fulltext, type FulltextResult } from '../src/worker.ts';

/**
 * The full-text worker in process, against real Redis and pages served by the testkit server:
 * every outcome an article can meet, and that each one still reaches `articles.raw`.
 */

// The extraction evaluation set's pages (labelled, in the repo) double as the sites served here.
const EVAL_PAGES = join(REPO_ROOT, 'packages/extract/eval/pages');
const para = (s: string, n: number) => `<p>${s.repeat(n)}</p>`;
const englishStory = `<!doctype html><html lang="en"><head><title>Port reopens</title></head><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav><article><h1>Port reopens</h1>
${para('The port reopened on Monday after a week of repairs to the main quay, officials said. ', 4)}
${para('Shipping lines said they would resume calls within days and clear the backlog by the end of the month. ', 3)}
<div class="share"><a href="https://twitter.com/intent/tweet?u=1">Tweet</a><a href="https://facebook.com/sharer.php?u=1">Share</a></div>
<h3>Comments</h3><p>Reader: finally, after all this time, the port is open again and the trucks are moving.</p></article></body></html>`;

let server: FeedServer;
let prefix: string;
let redis: Redis;
let fulltext: Fulltext;
let raw: Queue<RawJob>;

function articleFor(path: string, extra: Partial<RawArticle> = {}): RawArticle {
  const url = `${server.url}${path}`;
  const summary = 'One line of feed summary.';
  return {
    id: articleId(url), url, feedId: 'ftest', source: { id: 'ftest', name: 'Test', domain: '127.0.0.1' },
    title: 'From the feed', summary, body: summary, categories: [], publishedAt: new Date().toISOString(), fetchedAt: new Date().toISOString(),
    contentHash: contentHash(['From the feed', summary, summary]), flags: [], ...extra,
  };
}

/** Queue an article for full text and wait for what the worker hands to articles.raw. */
async function through(article: RawArticle, timeoutMs = 20_000): Promise<{ forwarded: RawArticle; result: FulltextResult }> {
  const jobId = articleJobId(article);
  await fulltext.fulltextQueue.add('article', { v: 1, article }, { jobId, attempts: 8, backoff: { type: 'akhbar', delay: 200 } });
  const forwarded = await waitFor(async () => (await raw.getJob(jobId))?.data.article, { timeoutMs, what: `article ${article.url} on articles.raw` });
  const result = await waitFor(async () => (await fulltext.fulltextQueue.getJob(jobId))?.returnvalue as FulltextResult | undefined, { what: 'the fulltext job result' });
  return { forwarded, result };
}

t.before(async () => {
  server = await startFeedServer({
    '/news/ar-1256': { body: readFileSync(join(EVAL_PAGES, 'ar-1256-wordpress-comments.html')), headers: { 'content-type': 'text/html' } },
    '/news/en': { body: englishStory, headers: { 'content-type': 'text/html; charset=utf-8' } },
    '/files/report.pdf': { body: Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), headers: { 'content-type': 'application/pdf' } },
    '/home': { body: `<html><body><ul>${Array.from({ length: 20 }, (_, i) => `<li><a href="/n/${i}">Headline ${i}</a></li>`).join('')}</ul></body></html>`, headers: { 'content-type': 'text/html' } },
    '/loop-a': { status: 302, headers: { location: '/loop-b' }, conditional: false },
    '/loop-b': { status: 302, headers: { location: '/loop-a' }, conditional: false },
    '/huge': {
      // 50 MB of markup, streamed, so the test server does not hold it in memory.
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.from(`<p>${'padding '.repeat(8000)}</p>`);
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
      },
    },
  });
  prefix = uniqueQueuePrefix('fulltext');
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const config = loadFulltextConfig({
    REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', METRICS_PORT: '0',
    FULLTEXT_HOST_DELAY_MS: '0', FULLTEXT_HOST_CONCURRENCY: '4', FULLTEXT_MAX_ATTEMPTS: '2', FULLTEXT_MAX_BYTES: String(2 * 1024 * 1024),
    FULLTEXT_TIMEOUT_MS: '5000', FULLTEXT_CONCURRENCY: '4',
    // a 503 without Retry-After pauses the domain; bounded here so the test does not wait a minute
    FULLTEXT_MAX_RETRY_AFTER_SEC: '2',
  });
  fulltext = createFulltext(config, redis, createLogger('fulltext-test', 'silent'));
  raw = new Queue<RawJob>(QUEUES.raw, { connection: redis, prefix });
});

t.teardown(async () => {
  await fulltext.close();
  await raw.close();
  await server.close();
  await closeFetchAgents();
  await deleteRedisPrefix(prefix);
  redis.disconnect();
});

t.test('an Arabic windows-1256 page replaces the one-line summary; same job id; flagged fulltext', async (t) => {
  const article = articleFor('/news/ar-1256');
  const { forwarded, result } = await through(article);
  t.equal(result.outcome, 'extracted');
  t.match(forwarded.body, /أعادت جامعة الموصل، أمس السبت، افتتاح مكتبتها المركزية/, 'decoded as correct Arabic from <meta charset>');
  t.notMatch(forwarded.body, /تعليقات|اترك تعليقاً|شارك هذا|أحدث المقالات/, 'comments, share bar and widgets are gone');
  t.ok(forwarded.body.split('\n\n').length >= 5, 'paragraphs kept');
  t.ok(forwarded.flags.includes('fulltext'));
  t.notOk(forwarded.flags.includes('fulltext-failed'));
  t.match(forwarded.html, /^<p>/);
  t.notMatch(forwarded.html, /<script|<form|<textarea/);
  t.equal(forwarded.author, 'عمر الطائي', 'author from the page fills the gap');
  t.equal(forwarded.id, article.id);
  t.equal(forwarded.contentHash, article.contentHash);
  const ua = server.requests.find((r) => r.path === '/news/ar-1256')?.headers['user-agent'];
  t.match(ua, /^Akhbar\//, 'the User-Agent names Akhbar');
});

t.test('pages that give nothing: the article goes on with its feed text and a coded reason', async (t) => {
  const cases: Array<[string, string]> = [
    ['/files/report.pdf', FulltextErrors.NOT_HTML],
    ['/home', FulltextErrors.NO_ARTICLE],
    ['/loop-a', FulltextErrors.REDIRECT_LOOP],
    ['/huge', FulltextErrors.TOO_LARGE],
    ['/missing-page', FulltextErrors.HTTP_STATUS],
  ];
  const results = await Promise.all(cases.map(async ([path]) => through(articleFor(path))));
  cases.forEach(([path, code], i) => {
    const { forwarded, result } = results[i]!;
    t.equal(result.code, code, `${path}: ${code}`);
    t.equal(forwarded.body, 'One line of feed summary.', `${path}: feed text kept`);
    t.same(forwarded.flags, ['fulltext-failed'], `${path}: flagged`);
  });
  t.equal(server.requests.filter((r) => r.path === '/files/report.pdf').length, 1, 'a permanent failure is not retried');
});

t.test('sitemap entries come without a title: the page gives it, even when it holds no story', async (t) => {
  server.route('/sitemap.xml', {
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{{BASE}}/sitemap/port-reopens</loc><lastmod>{{ISO:-1h}}</lastmod></url>
<url><loc>{{BASE}}/sitemap/flash</loc><lastmod>{{ISO:-2h}}</lastmod></url></urlset>`,
  });
  server.route('/sitemap/port-reopens', { body: englishStory, headers: { 'content-type': 'text/html; charset=utf-8' } });
  server.route('/sitemap/flash', {
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<html lang="ar"><head><title>عاجل: إغلاق ميناء أم قصر بسبب العاصفة - أخبار دجلة</title><meta property="og:title" content="عاجل: إغلاق ميناء أم قصر بسبب العاصفة"></head><body><p>التفاصيل لاحقاً.</p></body></html>',
  });
  const res = await fetch(`${server.url}/sitemap.xml`);
  const parsed = await parseFeed(Buffer.from(await res.arrayBuffer()), { url: `${server.url}/sitemap.xml` });
  const [story, flash] = toRawArticles(parsed, { id: 'fsitemap', url: `${server.url}/sitemap.xml` }, new Date());
  t.ok(story && flash, 'both recent entries are articles');
  t.same([story!.title, flash!.title], ['', ''], 'no title from the sitemap');
  t.ok(needsFulltext(story!) && needsFulltext(flash!), 'no text either: both go through full text under the default policy');

  const read = await through(story!);
  t.equal(read.result.outcome, 'extracted');
  t.equal(read.forwarded.title, 'Port reopens', "the page's headline");
  t.match(read.forwarded.body, /The port reopened on Monday/);
  const short = await through(flash!);
  t.equal(short.result.code, FulltextErrors.NO_ARTICLE);
  t.equal(short.forwarded.title, 'عاجل: إغلاق ميناء أم قصر بسبب العاصفة', 'a page too short to be a story still names it');
  t.same(short.forwarded.flags, ['fulltext-failed']);
});

t.test('robots.txt is honoured and cached in Redis with an expiry', async (t) => {
  const robotsServer = await startFeedServer({
    '/robots.txt': { body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n', headers: { 'content-type': 'text/plain' } },
    '/private/story': { body: englishStory, headers: { 'content-type': 'text/html' } },
    '/public/story': { body: englishStory, headers: { 'content-type': 'text/html' } },
  });
  t.teardown(() => robotsServer.close());
  const saved = server;
  server = robotsServer;
  const blocked = await through(articleFor('/private/story'));
  const allowed = await through(articleFor('/public/story'));
  server = saved;
  t.equal(blocked.result.code, FulltextErrors.ROBOTS_DISALLOWED);
  t.same(blocked.forwarded.flags, ['fulltext-failed']);
  t.equal(robotsServer.requests.filter((r) => r.path === '/private/story').length, 0, 'the disallowed page is never requested');
  t.equal(allowed.result.outcome, 'extracted');
  t.equal(robotsServer.requests.filter((r) => r.path === '/robots.txt').length, 1, 'robots.txt fetched once for both pages');
  const key = `${prefix}:fulltext:robots:${new URL(robotsServer.url).protocol}//${new URL(robotsServer.url).host}`;
  const ttl = await redis.ttl(key);
  t.ok(ttl > 3600, `cached with its own expiry (${ttl} s left)`);
});

t.test('429 with Retry-After pauses the domain and the page is read on a later try', async (t) => {
  let hits = 0;
  server.route('/busy/story', {
    handler: (_req, res) => {
      hits++;
      if (hits === 1) res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(englishStory);
    },
  });
  const { forwarded, result } = await through(articleFor('/busy/story'));
  t.equal(result.outcome, 'extracted');
  t.ok(forwarded.flags.includes('fulltext'));
  const times = server.requests.filter((r) => r.path === '/busy/story').map((r) => r.at);
  t.equal(times.length, 2);
  t.ok(times[1]! - times[0]! >= 1000, `the second request waited for Retry-After (${times[1]! - times[0]!} ms)`);
});

t.test('a page that keeps failing (503) goes on flagged after FULLTEXT_MAX_ATTEMPTS tries', async (t) => {
  server.route('/down/story', { status: 503, body: 'maintenance', headers: { 'content-type': 'text/plain' }, conditional: false });
  const { forwarded, result } = await through(articleFor('/down/story'), 30_000);
  t.equal(result.code, FulltextErrors.RATE_LIMITED);
  t.same(forwarded.flags, ['fulltext-failed']);
  t.equal(server.requests.filter((r) => r.path === '/down/story').length, 2, 'two tries, as configured');
});

t.test('an invalid payload is dead-lettered without touching articles.raw', async (t) => {
  await fulltext.fulltextQueue.add('article', { v: 1, article: { id: 'x' } } as never, { jobId: 'bad-payload', attempts: 3 });
  // Read the job only once it is failed: a copy fetched earlier lacks failedReason.
  const failed = await waitFor(async () => {
    if ((await fulltext.fulltextQueue.getJobState('bad-payload')) !== 'failed') return undefined;
    return fulltext.fulltextQueue.getJob('bad-payload');
  }, { what: 'the bad job to fail' });
  t.match(failed.failedReason, /AKHBAR_PAYLOAD_INVALID/);
  t.equal(failed.attemptsMade, 1, 'not retried');
  t.notOk(await raw.getJob('bad-payload'));
  const dead = new Queue(QUEUES.dead, { connection: redis, prefix });
  t.teardown(() => dead.close());
  const parked = await dead.getJobs(['waiting']);
  t.match(parked.map((j) => j.data), [{ stage: 'fulltext', queue: QUEUES.fulltext, code: 'AKHBAR_PAYLOAD_INVALID', articleId: 'x' }], 'parked in the dead-letter queue for akhbar dlq');
});

t.test('FULLTEXT_REVISIT_AFTER: a page edited after it was read, its feed item unchanged, is sent on as an update; an unchanged page and a stale chain send nothing', async (t) => {
  const story = (dead: string) => `<!doctype html><html lang="en"><head><title>Bridge collapse</title></head><body><article><h1>Bridge collapse</h1>
${para(`Part of the old bridge over the river collapsed on Monday morning and ${dead}, the governor said. `, 3)}
${para('Engineers had warned last year that the bridge needed urgent repairs, and traffic had been limited since the spring. ', 3)}
</article></body></html>`;
  const page = { body: story('five people were killed'), headers: { 'content-type': 'text/html; charset=utf-8' } };
  const quay = { body: englishStory, headers: { 'content-type': 'text/html; charset=utf-8' } };
  const site = await startFeedServer({ '/news/bridge': page, '/news/quay': quay });
  const revisitPrefix = uniqueQueuePrefix('fulltext-revisit');
  const worker = createFulltext(
    loadFulltextConfig({
      REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: revisitPrefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', METRICS_PORT: '0',
      FULLTEXT_HOST_DELAY_MS: '0', FULLTEXT_HOST_CONCURRENCY: '4', FULLTEXT_REVISIT_AFTER: '400ms,900ms',
    }),
    redis,
    createLogger('fulltext-revisit-test', 'silent'),
  );
  const rawQ = new Queue<RawJob>(QUEUES.raw, { connection: redis, prefix: revisitPrefix });
  t.teardown(async () => {
    await worker.close();
    await rawQ.close();
    await site.close();
    await deleteRedisPrefix(revisitPrefix);
  });
  const summary = 'A bridge collapsed.';
  const feedItem = (path: string, title: string, fetchedAt: string, flags: RawArticle['flags'] = []): RawArticle => {
    const url = `${site.url}${path}`;
    return {
      id: articleId(url), url, feedId: 'frevisit', source: { id: 'frevisit', name: 'Test', domain: '127.0.0.1' },
      title, summary, body: summary, categories: [], publishedAt: fetchedAt, fetchedAt, contentHash: contentHash([title, summary, summary, fetchedAt]), flags,
    };
  };
  const onRaw = async (id: string) => (await rawQ.getJobs(['waiting', 'completed', 'active'])).map((j) => j.data.article).filter((a) => a.id === id);

  // The bridge: read, then edited on the page (the toll corrected); the feed item never changes.
  const first = feedItem('/news/bridge', 'Bridge collapses', new Date().toISOString());
  await worker.fulltextQueue.add('article', { v: 1, article: first }, { jobId: articleJobId(first) });
  await waitFor(async () => ((await onRaw(first.id)).length === 1 ? true : undefined), { timeoutMs: 10_000, what: 'the first read on articles.raw' });
  t.match((await onRaw(first.id))[0]!.body, /five people were killed/);
  page.body = story('nobody was hurt');
  const updates = await waitFor(async () => {
    const u = (await onRaw(first.id)).filter((a) => a.flags.includes('update'));
    return u.length > 0 ? u : undefined;
  }, { timeoutMs: 10_000, what: 'the re-read to send the edit on' });
  t.equal(updates.length, 1, 'one update');
  const [update] = updates;
  t.match(update!.body, /nobody was hurt/, 'with the page as it is now');
  t.notMatch(update!.body, /five people/);
  t.ok(Date.parse(update!.fetchedAt) > Date.parse(first.fetchedAt), 'fetched later than the version it replaces (the indexer keeps that one as an edit)');
  t.ok(update!.flags.includes('fulltext'), 'read from its page, as the first version was');
  t.not(update!.contentHash, first.contentHash, 'its content hash is the new text\'s: a job of its own down the pipeline');
  t.equal(update!.title, first.title, 'the feed\'s headline, as before');
  // The second re-read finds the page as the first re-read left it: nothing more.
  await new Promise((r) => setTimeout(r, 1500));
  t.equal((await onRaw(first.id)).filter((a) => a.flags.includes('update')).length, 1, 'an unchanged page sends nothing');
  t.same(await worker.fulltextQueue.getDelayedCount(), 0, 'the chain ends after its last re-read');

  // The quay: the feed sends a newer version before the first re-read; only the newer chain runs.
  const older = feedItem('/news/quay', 'Port reopens', new Date().toISOString());
  await worker.fulltextQueue.add('article', { v: 1, article: older }, { jobId: articleJobId(older) });
  await waitFor(async () => ((await onRaw(older.id)).length === 1 ? true : undefined), { timeoutMs: 10_000, what: 'the quay on articles.raw' });
  const newer = feedItem('/news/quay', 'Port reopens after repairs', new Date(Date.now() + 1000).toISOString(), ['update']);
  await worker.fulltextQueue.add('article', { v: 1, article: newer }, { jobId: articleJobId(newer) });
  await waitFor(async () => ((await onRaw(older.id)).length === 2 ? true : undefined), { timeoutMs: 10_000, what: 'the newer version on articles.raw' });
  quay.body = englishStory.replace('within days', 'next week');
  await new Promise((r) => setTimeout(r, 2500));
  const quayUpdates = (await onRaw(older.id)).filter((a) => a.flags.includes('update') && /next week/.test(a.body));
  t.same(quayUpdates.map((a) => a.title), [newer.title], 'the page edit is sent on once, from the newer version (the older chain is stale)');
  t.same(await worker.fulltextQueue.getDelayedCount(), 0, 'and both chains are done');
});
