import t from 'tap';
import { startFeedServer } from '@akhbar/testkit';
import { closeFetchAgents, discoverFeeds, findFeedLinks, parseOpml, toOpml } from '@akhbar/feeds';
import { fixture } from './helpers.ts';

t.teardown(() => closeFetchAgents());

t.test('autodiscovery from <link rel="alternate"> and feed-looking anchors', async (t) => {
  const feeds = findFeedLinks(fixture('page-with-feeds.html').toString('utf8'), 'https://furat-news.example/ar/index.html');
  t.same(feeds, [
    { url: 'https://furat-news.example/ar/feed/latest.xml', title: 'الفرات - آخر الأخبار', type: 'application/rss+xml' },
    { url: 'https://furat-news.example/en/atom.xml', title: 'Furat — English', type: 'application/atom+xml' },
    { url: 'https://furat-news.example/feed.json', title: 'JSON', type: 'application/feed+json' },
    { url: 'https://furat-news.example/sport/rss', title: 'رياضة RSS' },
    { url: 'https://furat-news.example/ar/comments/feed/', title: 'تعليقات', type: 'application/rss+xml' },
  ], '<base href> honoured, duplicates and non-feed links dropped, comment feeds last');
  t.same(findFeedLinks('<html><head><title>No feeds</title></head></html>', 'https://x.example/'), []);
});

t.test('discoverFeeds fetches a page, or recognises a feed URL', async (t) => {
  const srv = await startFeedServer({
    '/index.html': { body: '<html><head><link rel="alternate" type="application/rss+xml" title="Main" href="/main.rss.xml"></head><body></body></html>' },
    '/main.rss.xml': { body: '<rss version="2.0"><channel><title>Main</title></channel></rss>' },
    '/data.bin': { body: 'just some text' },
  });
  t.teardown(() => srv.close());
  t.same(await discoverFeeds(`${srv.url}/index.html`, { allowPrivate: true }), [{ url: `${srv.url}/main.rss.xml`, title: 'Main', type: 'application/rss+xml' }]);
  t.same(await discoverFeeds(`${srv.url}/main.rss.xml`, { allowPrivate: true }), [{ url: `${srv.url}/main.rss.xml`, type: 'application/rss+xml' }], 'a feed URL is its own answer');
  await t.rejects(discoverFeeds(`${srv.url}/index.html`), { code: 'AKHBAR_FEED_PRIVATE_ADDRESS' }, 'discovery goes through the SSRF guard');
  await t.rejects(discoverFeeds(`${srv.url}/data.bin`, { allowPrivate: true }), { code: 'AKHBAR_FEED_NOT_A_FEED' });
});

t.test('OPML import: nested folders become categories, invalid and duplicate entries are skipped', async (t) => {
  const outlines = parseOpml(fixture('subscriptions.opml'));
  t.same(outlines, [
    { url: 'https://tigris-daily.example/economy/feed', title: 'Tigris Daily', siteUrl: 'https://tigris-daily.example/', lang: 'en', category: 'Iraq' },
    { url: 'https://baghdad-today.example/rss', title: 'بغداد اليوم', lang: 'ar', category: 'Iraq' },
    { url: 'https://erbil.example/feed.xml', title: 'Erbil & Duhok', category: 'Kurdistan' },
    { url: 'https://loose.example/atom.xml', title: 'Loose feed', category: 'Regional/Gulf' },
  ]);
  t.throws(() => parseOpml('<html><body>nope</body></html>'), { code: 'AKHBAR_OPML_INVALID' });
  t.same(parseOpml('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "boom">]><opml version="1.0"><body><outline xmlUrl="https://a.example/&x;"/></body></opml>'), [{ url: 'https://a.example/&x;' }], 'entities are never expanded');
});

t.test('OPML export round-trips through import', async (t) => {
  const feeds = [
    { url: 'https://a.example/feed?x=1&y=2', title: 'A "quoted" & <odd> title', siteUrl: 'https://a.example/', lang: 'ar', category: 'Iraq' },
    { url: 'https://b.example/rss', title: 'B' },
    { url: 'https://c.example/atom' },
  ];
  const xml = toOpml(feeds, { title: 'Test', now: new Date('2025-06-01T00:00:00Z') });
  t.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
  t.match(xml, /<outline text="Iraq" title="Iraq">/);
  const back = parseOpml(xml);
  t.same(back.sort((x, y) => x.url.localeCompare(y.url)), [
    feeds[0],
    { url: 'https://b.example/rss', title: 'B' },
    { url: 'https://c.example/atom', title: 'https://c.example/atom' },
  ]);
});
