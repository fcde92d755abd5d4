import t from 'tap';
import { Value } from '@sinclair/typebox/value';
import { RawArticleSchema } from '@akhbar/core';
import { findFeedLinks, parseFeed, sniffFormat, toRawArticles, type ParsedFeed, type SitemapOptions } from '@akhbar/feeds';
import { fixture } from './helpers.ts';

/**
 * Sitemaps as feeds: what a user who adds a Google News sitemap (or a site's plain sitemap, or a
 * sitemap index) gets out of it, and what hostile or broken ones get instead.
 */

const NOW = new Date('2025-03-14T12:00:00Z');
const URL_OF = 'https://dijla-news.example/sitemap-news.xml';

async function load(name: string, sitemap: SitemapOptions = { now: NOW }): Promise<ParsedFeed> {
  return parseFeed(fixture(name), { url: URL_OF, contentType: 'application/xml', sitemap });
}

function articles(p: ParsedFeed) {
  const list = toRawArticles(p, { id: 'fsitemap', url: URL_OF }, NOW);
  for (const a of list) if (!Value.Check(RawArticleSchema, a)) throw new Error(`invalid RawArticle: ${JSON.stringify([...Value.Errors(RawArticleSchema, a)][0])}`);
  return list;
}

t.test('an Arabic Google News sitemap: titles, dates with their zones, language, keywords, image', async (t) => {
  const p = await load('sitemap-news-ar.xml');
  t.match(p, { format: 'sitemap', sitemap: { kind: 'news', entries: 3 }, title: 'أخبار دجلة', language: 'ar', link: 'https://dijla-news.example/', flags: [] });
  const [exams, football, dinar] = articles(p);
  t.match(exams, {
    url: 'https://dijla-news.example/ar/news/2025/03/14/education-ministry-exams',
    title: 'وزارة التربية تحدد موعد الامتحانات الوزارية للصف السادس الإعدادي',
    publishedAt: '2025-03-14T06:30:00.000Z',
    langHint: 'ar',
    image: 'https://dijla-news.example/media/2025/03/exams.jpg',
    source: { name: 'أخبار دجلة', lang: 'ar' },
    flags: [],
  }, 'tracking parameter dropped, +03:00 read as such, the picture kept');
  t.same(exams!.categories, ['وزارة التربية', 'امتحانات', 'السادس الإعدادي'], 'keywords split on Latin and Arabic commas, trimmed, empties dropped');
  t.equal(football!.title, 'الزوراء يفوز على الشرطة 2-1 في دوري نجوم العراق & يتصدر الترتيب', 'CDATA title');
  t.equal(football!.publishedAt, '2025-03-13T18:45:00.000Z');
  t.equal(dinar!.url, 'https://dijla-news.example/ar/economy/2025/03/14/dinar-rate?id=7&ref=home', '&amp; in <loc> decoded');
  t.equal(dinar!.publishedAt, '2025-03-14T08:00:00.000Z', 'an unreadable publication date falls back to lastmod');
  t.notOk(dinar!.flags.includes('date-unparseable'));
  t.ok(articles(p).every((a) => a.body === '' && a.summary === ''), 'no body: the full-text stage will read each page');
});

t.test('a French news sitemap under another prefix, with a date-only publication date', async (t) => {
  const p = await load('sitemap-news-fr.xml');
  t.match(p, { sitemap: { kind: 'news' }, title: 'Le Quotidien du Levant', language: 'fr' });
  const [port, festival] = articles(p);
  t.match(port, { title: 'Le port de Beyrouth retrouve son activité d’avant-crise', publishedAt: '2025-03-14T05:15:00.000Z', langHint: 'fr', categories: ['Liban', 'port', 'économie'] });
  t.match(festival, { title: "Baalbek annonce la programmation de son festival d'été", publishedAt: '2025-03-13T00:00:00.000Z' });
});

t.test('a plain sitemap: only entries changed within the window become articles, without titles', async (t) => {
  const p = await load('sitemap-plain.xml');
  t.match(p, { sitemap: { kind: 'plain', entries: 9 }, title: undefined });
  const list = articles(p);
  t.same(list.map((a) => a.url), ['https://basra-times.example/news/port-cranes-arrive', 'https://basra-times.example/news/date-palm-harvest'],
    'old, undated, badly dated, loc-less and non-http entries and the home page are left out; the neighbours stay');
  t.same(list.map((a) => a.publishedAt), ['2025-03-13T15:20:00.000Z', '2025-03-12T20:30:00.000Z']);
  t.ok(list.every((a) => a.title === ''), 'no title yet: the full-text stage takes it from the page');
  const narrow = await load('sitemap-plain.xml', { now: NOW, maxAgeHours: 24 });
  t.same(narrow.items.map((i) => i.link), ['https://basra-times.example/news/port-cranes-arrive'], 'the window is configurable');
  const later = await load('sitemap-plain.xml', { now: new Date('2025-04-01T00:00:00Z') });
  t.same(later.items, [], 'weeks later nothing in it is news');
});

t.test('a sitemap index: its items are the child sitemaps, newest lastmod first; no articles of its own', async (t) => {
  const p = await load('sitemap-index.xml');
  t.match(p, { format: 'sitemap', sitemap: { kind: 'index', entries: 4 } });
  t.same(p.items.map((i) => i.link?.replace('https://dijla-news.example/sitemaps/', '')), ['news-2025-03-14.xml', 'news-2025-03-13.xml', 'news-2025-03-12.xml', 'pages.xml']);
  t.same(articles(p), [], 'child sitemaps are not articles');
});

t.test('format is told by the root element, not the URL', async (t) => {
  t.equal(sniffFormat(fixture('sitemap-news-ar.xml').toString('utf8')), 'sitemap');
  t.equal(sniffFormat(fixture('sitemap-index.xml').toString('utf8'), 'text/html'), 'sitemap');
  t.equal(sniffFormat('<?xml version="1.0"?><sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"/>'), 'sitemap');
  await t.rejects(parseFeed(Buffer.from('<?xml version="1.0"?><catalog><book/></catalog>')), { code: 'AKHBAR_FEED_NOT_A_FEED' }, 'other XML is still not a feed');
});

t.test('repairs: junk before the root and control characters, as for feeds', async (t) => {
  const text = fixture('sitemap-news-ar.xml').toString('utf8');
  const p = await parseFeed(Buffer.from(`<b>Warning</b>: headers already sent\n${text.replace('وزارة التربية تحدد', 'وزارة\u0007 التربية تحدد')}`), { url: URL_OF, sitemap: { now: NOW } });
  t.same(p.repairs, ['junk-before-root', 'control-characters']);
  t.ok(p.flags.includes('feed-repaired'));
  t.equal(p.items.length, 3);
  t.match(p.items[0]!.title, /^وزارة التربية تحدد/);
  const cut = await parseFeed(Buffer.from(text.slice(0, text.indexOf('<url>', text.indexOf('zawraa')) + 40)), { url: URL_OF, sitemap: { now: NOW } });
  t.same(cut.items.map((i) => i.title.slice(0, 12)), ['وزارة التربي', 'الزوراء يفوز'], 'a body cut short keeps the entries before the cut');
});

t.test('hostile sitemaps: refused with a code, or the bad entry skipped, never a crash', async (t) => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.example/&c;</loc><news:news><news:title>&c;</news:title></news:news></url></urlset>`;
  await t.rejects(parseFeed(Buffer.from(bomb)), { code: 'AKHBAR_FEED_XML_ENTITIES' }, 'billion laughs');
  const xxe = '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>https://x.example/&x;</loc></url></urlset>';
  await t.rejects(parseFeed(Buffer.from(xxe)), { code: 'AKHBAR_FEED_XML_ENTITIES' }, 'external entity');
  const deep = `<urlset><url><loc>https://x.example/a</loc><lastmod>2025-03-14T10:00:00Z</lastmod>${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}</url></urlset>`;
  const started = Date.now();
  await t.rejects(parseFeed(Buffer.from(deep), { sitemap: { now: NOW } }), { code: 'AKHBAR_FEED_UNPARSEABLE', message: /nest deeper/ }, 'absurd nesting');
  t.ok(Date.now() - started < 2000, 'refused quickly');
  const odd = `<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><news:news><news:title>no loc at all</news:title></news:news></url>
<url><loc>   </loc><news:news><news:title>blank loc</news:title></news:news></url>
<url><loc>https://x.example/both-dates-bad</loc><lastmod>soon</lastmod><news:news><news:publication_date>31/31/2025 99:99</news:publication_date><news:title>bad dates</news:title></news:news></url>
<url><loc>https://x.example/${'a'.repeat(100_000)}</loc><news:news><news:title>very long loc (over the protocol's 2 048 characters)</news:title></news:news></url>
<url><loc>https://x.example/fine</loc><news:news><news:publication_date>2025-03-14T11:00:00+03:00</news:publication_date><news:title>fine</news:title></news:news></url>
<url><loc>https://x.example/unclosed<news:news><news:title>unclosed loc</news:title></news:news></url>
</urlset>`;
  const p = await parseFeed(Buffer.from(odd), { url: URL_OF, sitemap: { now: NOW } });
  const list = articles(p);
  t.same(list.map((a) => a.title).filter((x) => x !== 'unclosed loc'), ['bad dates', 'fine'], 'entries without a loc (or one cut to nonsense) are skipped, their neighbours kept');
  t.match(list.find((a) => a.title === 'bad dates'), { publishedAt: NOW.toISOString(), flags: ['date-unparseable'] }, 'unreadable dates: fetch time, flagged');
  t.match(list.find((a) => a.title === 'fine'), { publishedAt: '2025-03-14T08:00:00.000Z', flags: [] });
});

t.test('a 10 MB plain sitemap: one linear pass, the 1000 newest entries kept, bounded memory', async (t) => {
  const n = 90_000;
  const start = Date.parse('2025-03-13T00:00:00Z');
  const lines: string[] = [];
  // Oldest first, as many generators write them: the newest are at the very end.
  for (let i = 0; i < n; i++) lines.push(`<url><loc>https://big.example/news/${i}/a-story-with-a-longish-slug</loc><lastmod>${new Date(start + i * 1000).toISOString()}</lastmod></url>`);
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join('\n')}\n</urlset>`);
  t.ok(body.length > 10 * 1024 * 1024, `${(body.length / 1048576).toFixed(1)} MiB`);
  const before = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const p = await parseFeed(body, { url: 'https://big.example/sitemap.xml', sitemap: { now: NOW } });
  t.comment(`parsed in ${Number(process.hrtime.bigint() - started) / 1e6} ms`);
  t.equal(p.sitemap?.entries, n);
  t.equal(p.items.length, 1000, 'capped at 1000 items, as Google caps a news sitemap');
  t.equal(p.items[0]!.link, `https://big.example/news/${n - 1}/a-story-with-a-longish-slug`, 'the newest first');
  t.equal(p.items.at(-1)!.link, `https://big.example/news/${n - 1000}/a-story-with-a-longish-slug`, 'and only the newest');
  t.ok(process.memoryUsage().heapUsed - before < 256 * 1024 * 1024, 'memory stays bounded');
});

t.test('discovery offers a sitemap the page announces, after its feeds', async (t) => {
  const page = `<!doctype html><html><head><title>دجلة</title>
<link rel="sitemap" type="application/xml" title="Sitemap" href="/sitemap-news.xml">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
</head><body><p>…</p></body></html>`;
  t.same(findFeedLinks(page, 'https://dijla-news.example/ar/'), [
    { url: 'https://dijla-news.example/rss.xml', title: 'RSS', type: 'application/rss+xml' },
    { url: 'https://dijla-news.example/sitemap-news.xml', title: 'Sitemap', type: 'application/xml' },
  ]);
  t.same(findFeedLinks('<html><head><link rel="sitemap" href="sitemap.xml"></head></html>', 'https://only-sitemap.example/a/'), [{ url: 'https://only-sitemap.example/a/sitemap.xml' }]);
});
