import t from 'tap';
import { Redis } from 'ioredis';
import { createLogger } from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { deleteRedisPrefix, startFeedServer, testRedisUrl, uniqueQueuePrefix, type FeedServer } from '@akhbar/testkit';
import { loadIngestConfig } from '../src/config.ts';
import { fetchOnce } from '../src/fetch-job.ts';
import { createIngest } from '../src/worker.ts';
import { setup } from './helpers.ts';

/**
 * A Google News sitemap index registered as a feed, served over HTTP and polled by the real fetch
 * path into real Redis: its newest children are fetched and their articles queued, a failing
 * child costs only its own items, and INGEST_SITEMAP_CHILDREN bounds how many are fetched.
 */

t.teardown(() => closeFetchAgents());

const NEWS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';
const newsEntry = (slug: string, title: string, ago: string) =>
  `<url><loc>{{BASE}}/ar/news/${slug}</loc><news:news><news:publication><news:name>أخبار دجلة</news:name><news:language>ar</news:language></news:publication><news:publication_date>{{ISO:${ago}}}</news:publication_date><news:title>${title}</news:title></news:news></url>`;

function site(): Promise<FeedServer> {
  return startFeedServer({
    '/sitemap_index.xml': {
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{{BASE}}/sitemaps/news-old.xml</loc><lastmod>{{ISO:-3d}}</lastmod></sitemap>
<sitemap><loc>{{BASE}}/sitemaps/news-today.xml</loc><lastmod>{{ISO:-10m}}</lastmod></sitemap>
<sitemap><loc>{{BASE}}/sitemaps/pages.xml</loc><lastmod>{{ISO:-30h}}</lastmod></sitemap>
<sitemap><loc>{{BASE}}/sitemaps/news-yesterday.xml</loc><lastmod>{{ISO:-20h}}</lastmod></sitemap>
</sitemapindex>`,
    },
    '/sitemaps/news-today.xml': {
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><urlset ${NEWS}>
${newsEntry('ministry-exams', 'وزارة التربية تعلن موعد الامتحانات الوزارية', '-1h')}
${newsEntry('zawraa-win', 'الزوراء يفوز على الشرطة ويتصدر الدوري', '-3h')}
</urlset>`,
    },
    '/sitemaps/news-yesterday.xml': { status: 500, body: 'upstream error' },
    '/sitemaps/pages.xml': {
      headers: { 'content-type': 'text/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{{BASE}}/ar/news/ministry-exams</loc><lastmod>{{ISO:-1h}}</lastmod></url>
<url><loc>{{BASE}}/ar/reports/marshes-water</loc><lastmod>{{ISO:-5h}}</lastmod></url>
<url><loc>{{BASE}}/ar/about</loc><lastmod>{{ISO:-400d}}</lastmod></url>
</urlset>`,
    },
    '/sitemaps/news-old.xml': { headers: { 'content-type': 'application/xml' }, body: `<urlset ${NEWS}>${newsEntry('old-story', 'خبر قديم', '-3d')}</urlset>` },
  });
}

t.test('a sitemap index: the newest children fetched, the one answering 500 logged with its code, the others queued', async (t) => {
  const lines: Array<Record<string, unknown>> = [];
  // Log lines are captured instead of written (the hook never calls pino's writer).
  const log = createLogger('ingest-test', 'info', {
    hooks: {
      logMethod(args) {
        const [obj, msg] = args as unknown as [Record<string, unknown>, string];
        lines.push({ ...this.bindings(), ...obj, msg });
      },
    },
  });
  const env = await setup('sitemap', { log });
  const srv = await site();
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const { feed } = await env.registry.add({ url: `${srv.url}/sitemap_index.xml` });
  const out = await fetchOnce(feed.id, env.deps, 'new');
  t.match(out, { outcome: 'fetched', status: 200, items: 3, queued: 3 }, `${out.code ?? ''} ${out.message ?? ''}`);
  const jobs = await env.rawQueue.getJobs(['waiting']);
  const byPath = new Map(jobs.map((j) => [new URL(j.data.article.url).pathname, j.data.article]));
  t.same([...byPath.keys()].sort(), ['/ar/news/ministry-exams', '/ar/news/zawraa-win', '/ar/reports/marshes-water'], 'the news and the recent page, once each; nothing old');
  t.match(byPath.get('/ar/news/ministry-exams'), { title: 'وزارة التربية تعلن موعد الامتحانات الوزارية', langHint: 'ar', source: { name: 'أخبار دجلة' } });
  t.equal(byPath.get('/ar/reports/marshes-water')?.title, '', 'a plain sitemap entry waits for its page to give it a title');

  const asked = srv.requests.map((r) => r.path);
  t.ok(asked.includes('/sitemaps/news-today.xml') && asked.includes('/sitemaps/news-yesterday.xml') && asked.includes('/sitemaps/pages.xml'), 'the three newest children fetched');
  t.notOk(asked.includes('/sitemaps/news-old.xml'), 'the oldest child is beyond INGEST_SITEMAP_CHILDREN (3)');
  t.match(lines.find((l) => l.msg === 'child sitemap failed; the other children are still read'), { code: 'AKHBAR_FEED_HTTP_STATUS', child: `${srv.url}/sitemaps/news-yesterday.xml`, feedId: feed.id });
  const after = await env.registry.require(feed.id);
  t.match(after, { title: 'أخبار دجلة', lang: 'ar', status: { state: 'active', itemsLastFetch: 3, lastErrorCode: null } }, 'the feed is healthy and named after the publication');
  t.match(lines.find((l) => l.msg === 'feed fetched'), { format: 'sitemap', sitemap: 'index', children: 2, queued: 3 });

  // Polled again: the index is asked for in full (a static index can name changing children); nothing is queued twice.
  const again = await fetchOnce(feed.id, env.deps, 'manual');
  t.match(again, { outcome: 'fetched', queued: 0, updated: 0 });
  t.notOk(srv.requests.filter((r) => r.path === '/sitemap_index.xml').at(-1)?.headers['if-none-match'], 'no conditional GET for an index');
  const lastAsk = (path: string) => srv.requests.filter((r) => r.path === path).at(-1)?.headers;
  t.ok(lastAsk('/sitemaps/news-today.xml')?.['if-none-match'], 'a child read before is asked for conditionally');
  t.ok(lastAsk('/sitemaps/pages.xml')?.['if-none-match']);
  t.notOk(lastAsk('/sitemaps/news-yesterday.xml')?.['if-none-match'], 'the child that failed is asked for in full');
  t.match(lines.filter((l) => l.msg === 'feed fetched').at(-1), { children: 0, unchanged: 2 }, 'the two unchanged children answered 304 and were not parsed again');
  t.match(await env.registry.require(feed.id), { status: { state: 'active', lastErrorCode: null } }, 'unchanged children are not a failure');

  // A child that changes is read again in full, its new stories queued.
  srv.route('/sitemaps/news-today.xml', {
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><urlset ${NEWS}>
${newsEntry('ministry-exams', 'وزارة التربية تعلن موعد الامتحانات الوزارية', '-1h')}
${newsEntry('karbala-visitors', 'ملايين الزائرين يصلون كربلاء', '-5m')}
</urlset>`,
  });
  const changed = await fetchOnce(feed.id, env.deps, 'manual');
  t.match(changed, { outcome: 'fetched', queued: 1 }, 'the new story of the changed child is queued');
  t.match(lines.filter((l) => l.msg === 'feed fetched').at(-1), { children: 1, unchanged: 1 });
});

t.test('every child failing fails the poll with a child\'s code; an index inside an index is not followed', async (t) => {
  const env = await setup('sitemap-fail');
  const srv = await startFeedServer({
    '/broken-index.xml': { body: '<sitemapindex><sitemap><loc>{{BASE}}/a.xml</loc></sitemap><sitemap><loc>{{BASE}}/b.xml</loc></sitemap></sitemapindex>' },
    '/a.xml': { status: 500, body: 'no' },
    '/b.xml': { status: 410, body: 'gone' },
    '/nested.xml': { body: '<sitemapindex><sitemap><loc>{{BASE}}/inner.xml</loc></sitemap></sitemapindex>' },
    '/inner.xml': { body: '<sitemapindex><sitemap><loc>{{BASE}}/deeper.xml</loc></sitemap></sitemapindex>' },
  });
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  const { feed: broken } = await env.registry.add({ url: `${srv.url}/broken-index.xml` });
  t.match(await fetchOnce(broken.id, env.deps, 'new'), { outcome: 'failed', code: 'AKHBAR_FEED_HTTP_STATUS', message: /every child sitemap failed \(2\)/ });
  t.match((await env.registry.require(broken.id)).status, { state: 'failing' }, "a child's 410 does not retire the index");
  const { feed: nested } = await env.registry.add({ url: `${srv.url}/nested.xml` });
  t.match(await fetchOnce(nested.id, env.deps, 'new'), { outcome: 'failed', code: 'AKHBAR_FEED_SITEMAP_NESTED' });
  t.notOk(srv.requests.some((r) => r.path === '/deeper.xml'), 'no recursion');
});

t.test('INGEST_SITEMAP_CHILDREN and INGEST_SITEMAP_MAX_AGE_HOURS reach the worker', async (t) => {
  const prefix = uniqueQueuePrefix('sitemap-cfg');
  const config = loadIngestConfig({
    REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_HOST_DELAY_MS: '0',
    INGEST_SCHEDULER_SYNC_SEC: '3600', LOG_LEVEL: 'silent', INGEST_SITEMAP_CHILDREN: '2', INGEST_SITEMAP_MAX_AGE_HOURS: '2',
  });
  t.match(config, { sitemapChildren: 2, sitemapMaxAgeHours: 2 });
  t.throws(() => loadIngestConfig({ REDIS_URL: testRedisUrl(), INGEST_SITEMAP_CHILDREN: '0' }), /INGEST_SITEMAP_CHILDREN/);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const ingest = createIngest(config, redis, createLogger('ingest-test', 'silent'));
  const srv = await site();
  t.teardown(async () => {
    await ingest.close();
    redis.disconnect();
    await srv.close();
    await deleteRedisPrefix(prefix);
  });
  const { feed } = await ingest.registry.add({ url: `${srv.url}/sitemap_index.xml` });
  const out = await fetchOnce(feed.id, ingest.deps, 'new');
  t.match(out, { outcome: 'fetched', items: 2, queued: 2 }, 'the two news items of the newest child; the second child (500) lost nothing else');
  const asked = srv.requests.map((r) => r.path);
  t.same(asked.filter((p) => p.startsWith('/sitemaps/')).sort(), ['/sitemaps/news-today.xml', '/sitemaps/news-yesterday.xml'], 'two children, the newest two');
  const { feed: pages } = await ingest.registry.add({ url: `${srv.url}/sitemaps/pages.xml` });
  t.match(await fetchOnce(pages.id, ingest.deps, 'new'), { outcome: 'fetched', items: 1 }, 'a plain sitemap: only the entry changed within 2 hours');
});
