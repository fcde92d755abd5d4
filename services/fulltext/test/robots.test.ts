import t from 'tap';
import { Redis } from 'ioredis';
import { closeFetchAgents } from '@akhbar/feeds';
import { deleteRedisPrefix, startFeedServer, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { ROBOTS_AGENT } from '../src/config.ts';
import { RobotsCache, judgeRobots } from '../src/robots.ts';

t.test('robots.txt rules for Akhbar, with * as the fallback group', async (t) => {
  const body = 'User-agent: *\nDisallow: /search\nCrawl-delay: 5\n\nUser-agent: Akhbar\nDisallow: /members/\nAllow: /members/open\nCrawl-delay: 2\n';
  const judge = (path: string) => judgeRobots(`https://site.example${path}`, { s: 'ok', body }, ROBOTS_AGENT);
  t.same(judge('/news/1'), { allowed: true, source: 'ok', crawlDelayMs: 2000 }, 'our group, with its own crawl delay');
  t.equal(judge('/members/story').allowed, false);
  t.equal(judge('/members/open/story').allowed, true, 'a longer Allow wins');
  t.equal(judge('/search?q=x').allowed, true, 'the * group does not apply when ours exists');
  t.equal(judgeRobots('https://x.example/a', { s: 'ok', body: 'User-agent: *\nDisallow: /\n' }, ROBOTS_AGENT).allowed, false);
  t.equal(judgeRobots('https://x.example/a', { s: 'none' }, ROBOTS_AGENT).allowed, true, 'no file: no rules');
  t.equal(judgeRobots('https://x.example/a', { s: 'unreachable' }, ROBOTS_AGENT).allowed, false, 'unreachable: nothing is fetched');
});

t.test('RFC 9309 answers: 4xx allows, 5xx disallows for a short while, an HTML answer is no robots.txt', async (t) => {
  const prefix = uniqueQueuePrefix('robots');
  const redis = new Redis(testRedisUrl());
  const gone = await startFeedServer({ '/robots.txt': { status: 404, body: 'no', headers: { 'content-type': 'text/plain' } } });
  const broken = await startFeedServer({ '/robots.txt': { status: 500, body: 'oops', headers: { 'content-type': 'text/plain' }, conditional: false } });
  const html = await startFeedServer({ '/robots.txt': { body: '<html><body>Welcome! Disallow: /</body></html>', headers: { 'content-type': 'text/html' } } });
  t.teardown(async () => {
    await Promise.all([gone.close(), broken.close(), html.close()]);
    await closeFetchAgents();
    await deleteRedisPrefix(prefix);
    redis.disconnect();
  });
  const cache = new RobotsCache(redis, prefix, { agent: ROBOTS_AGENT, ttlSec: 3600, unreachableTtlSec: 120, fetch: { allowPrivate: true, timeoutMs: 3000 } });
  t.match(await cache.check(`${gone.url}/a`), { allowed: true, source: 'none', cached: false });
  t.match(await cache.check(`${gone.url}/b`), { allowed: true, source: 'none', cached: true }, 'second page of the site: from the cache');
  t.match(await cache.check(`${broken.url}/a`), { allowed: false, source: 'unreachable' });
  const key = (u: string) => `${prefix}:fulltext:robots:http://${new URL(u).host}`;
  const shortTtl = await redis.ttl(key(broken.url));
  t.ok(shortTtl > 0 && shortTtl <= 120, `an unreachable answer expires soon (${shortTtl} s)`);
  t.ok((await redis.ttl(key(gone.url))) > 3000, 'a real answer keeps the long expiry');
  t.match(await cache.check(`${html.url}/a`), { allowed: true, source: 'none' });
  t.equal(gone.requests.filter((r) => r.path === '/robots.txt').length, 1);
});
