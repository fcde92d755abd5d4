import t from 'tap';
import { Redis } from 'ioredis';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { FeedLanguages } from '../src/feed-lang.ts';
import { enrichOne } from '../src/process.ts';
import { LEDE_AR, LEDE_EN, rawArticle } from './fixtures.ts';

/**
 * A feed that declares no language: its language is learned from its articles and decides the
 * language of its headline-only items, which are too short for the detector alone.
 */

const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
const prefixes: string[] = [];
t.teardown(async () => {
  for (const p of prefixes) await deleteRedisPrefix(p);
  redis.disconnect();
});
function languages(opts: { cacheMs?: number } = {}): FeedLanguages {
  const prefix = uniqueQueuePrefix('feedlang');
  prefixes.push(prefix);
  return new FeedLanguages(redis, { prefix, cacheMs: opts.cacheMs ?? 0 });
}

const HEADLINE = 'Oil slides as OPEC+ weighs output increase; Iraq budget under strain';
/** An item of `feedId` as a feed without a language gives it (no langHint, no source.lang). */
const item = (feedId: string, id: string, title: string, body: string, extra: Parameters<typeof rawArticle>[3] = {}) =>
  rawArticle(id, title, body, { feedId, source: { id: feedId, name: feedId, domain: `${feedId}.example` }, ...extra });
const langOf = async (feedLanguages: FeedLanguages, a: ReturnType<typeof item>) => (await enrichOne(a, { feedLanguages })).enrichment.lang;

t.test('a feed without a declared language: its headline-only items take the language its articles have shown', async (t) => {
  const feedLanguages = languages();
  t.equal(await langOf(feedLanguages, item('wire', 'h0', HEADLINE, '')), 'und', 'a new feed: the headline alone is too little to tell');
  for (let i = 0; i < 5; i++) t.equal(await langOf(feedLanguages, item('wire', `a${String(i)}`, `Report ${String(i)}`, LEDE_EN)), 'en');
  t.equal(await feedLanguages.prior('wire'), 'en', 'five confident English articles: the feed is English');
  t.equal(await langOf(feedLanguages, item('wire', 'h1', HEADLINE, '')), 'en', 'now the headline is English, and lang=en finds it');
  t.equal(await langOf(feedLanguages, item('wire', 'ar1', 'الكاظمي في واشنطن', LEDE_AR)), 'ar', 'an article that plainly says otherwise keeps its own language');
  t.equal(await langOf(feedLanguages, item('other', 'h2', HEADLINE, '')), 'und', 'what one feed taught says nothing about another');
});

t.test('a feed that mixes languages gets no language; a declared language is never overridden or learned from', async (t) => {
  const feedLanguages = languages();
  for (let i = 0; i < 3; i++) {
    await enrichOne(item('mixed', `en${String(i)}`, `Report ${String(i)}`, LEDE_EN), { feedLanguages });
    await enrichOne(item('mixed', `ar${String(i)}`, `تقرير ${String(i)}`, LEDE_AR), { feedLanguages });
  }
  t.equal(await feedLanguages.prior('mixed'), undefined, 'half English, half Arabic: no language');
  t.equal(await langOf(feedLanguages, item('mixed', 'h', HEADLINE, '')), 'und');

  for (let i = 0; i < 6; i++) await enrichOne(item('declared', `d${String(i)}`, `Report ${String(i)}`, LEDE_EN, { langHint: 'en' }), { feedLanguages });
  t.equal(await feedLanguages.prior('declared'), undefined, 'articles with a declared language teach nothing');
  t.equal(await langOf(feedLanguages, item('declared', 'dh', HEADLINE, '', { langHint: 'fr' })), 'und', 'and a declared language is the only hint such an item gets');
});

t.test('a feed that changes language is re-learned from its recent articles', async (t) => {
  const prefix = uniqueQueuePrefix('feedlang');
  prefixes.push(prefix);
  const feedLanguages = new FeedLanguages(redis, { prefix, cacheMs: 0 });
  for (let i = 0; i < 300; i++) await feedLanguages.learn('relaunch', 'en', 0.9);
  t.equal(await feedLanguages.prior('relaunch'), 'en');
  // Relaunched in French: with every article it ever published counted, 1 200 French articles
  // would be needed to reach 80 %; counted over its recent articles, about 120.
  for (let i = 0; i < 150; i++) await feedLanguages.learn('relaunch', 'fr', 0.9);
  t.equal(await feedLanguages.prior('relaunch'), 'fr', 'French after 150 French articles');
  const counts = await redis.hgetall(`${prefix}:enrich:feedlang:relaunch`);
  const total = Object.values(counts).reduce((s, n) => s + Number(n), 0);
  t.ok(total > 0 && total <= 100, `the counts stay within the window (${JSON.stringify(counts)})`);
  t.ok((await redis.ttl(`${prefix}:enrich:feedlang:relaunch`)) > 29 * 86_400, 'and still expire a month after the last article');
});
