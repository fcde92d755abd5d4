import t from 'tap';
import { langTag, parseFeed, toRawArticles, websubLinks, type ParsedFeed } from '@akhbar/feeds';
import { RawArticleSchema } from '@akhbar/core';
import { Value } from '@sinclair/typebox/value';
import { fixture } from './helpers.ts';

const FETCHED = new Date('2025-06-05T00:00:00Z');
const feedRef = (url: string) => ({ id: 'ftest', url });

async function load(name: string, url = 'https://feeds.example/feed', contentType?: string): Promise<ParsedFeed> {
  return parseFeed(fixture(name), { url, contentType });
}

function articles(p: ParsedFeed, url = 'https://feeds.example/feed') {
  const list = toRawArticles(p, feedRef(url), FETCHED);
  for (const a of list) if (!Value.Check(RawArticleSchema, a)) throw new Error(`invalid RawArticle: ${JSON.stringify([...Value.Errors(RawArticleSchema, a)][0])}`);
  return list;
}

t.test('RSS 2.0: content:encoded, dc:creator, Media RSS, enclosures, categories, tracking params, duplicates', async (t) => {
  const p = await load('rss-2.0-full.rss.xml');
  t.match(p, { format: 'rss', version: '2.0', title: 'Tigris Daily — Economy', link: 'https://tigris-daily.example/economy/', language: 'en-GB', flags: [] });
  const a = articles(p);
  t.equal(p.items.length, 5);
  t.equal(a.length, 3, 'the duplicate (same canonical URL) and the link-less item are dropped');
  const [oil, dinar, podcast] = a;
  t.equal(oil!.url, 'https://tigris-daily.example/economy/oil-exports-record?id=991', 'utm_* and the fragment dropped, meaningful query kept');
  t.equal(oil!.author, 'Economy desk');
  t.same(oil!.categories, ['Energy', 'Oil']);
  t.equal(oil!.publishedAt, '2025-06-02T05:30:00.000Z');
  t.equal(oil!.summary, 'Exports through Basra rose for a third month.', 'the description is the summary beside content:encoded');
  t.match(oil!.body, /southern terminals rose for a third month/);
  t.match(oil!.body, /salaries & pensions\.\nOfficials expect more\./, 'entities decoded, <br> is a line break');
  t.notMatch(oil!.body, /trackReader|color:red/, 'no script or style text in the body');
  t.notMatch(oil!.html!, /<script|onerror|onclick|javascript:|<style/i, 'sanitised HTML has no script, handlers or javascript: links');
  t.match(oil!.html!, /<img src="https:\/\/tigris-daily\.example\/img\/terminal\.jpg"/, 'relative image made absolute against the site');
  t.match(oil!.html!, /href="https:\/\/tigris-daily\.example\/economy\/budget"/);
  t.equal(oil!.image, 'https://cdn.tigris-daily.example/img/terminal-thumb.jpg', 'media:thumbnail is the image');
  t.same(oil!.media, [{ url: 'https://cdn.tigris-daily.example/img/terminal-large.jpg', type: 'image/jpeg', medium: 'image', length: 204800 }]);
  t.equal(oil!.langHint, 'en');
  t.equal(dinar!.url, 'https://tigris-daily.example/economy/dinar-steady', 'relative link resolved against the channel link');
  t.equal(dinar!.author, 'Samira Haddad', 'RSS "email (Name)" author gives the name');
  t.equal(dinar!.body, 'The rate stays at 1,310 dinars to the dollar.', 'escaped HTML description becomes text');
  t.equal(dinar!.image, 'https://cdn.tigris-daily.example/img/dinar-thumb.jpg', 'thumbnail inside media:group');
  t.match(podcast!.media, [{ url: 'https://cdn.tigris-daily.example/audio/week-23.mp3', type: 'audio/mpeg', length: 12345678 }]);
});

t.test('RSS 0.91 with the Netscape DOCTYPE', async (t) => {
  const p = await load('rss-0.91.xml');
  t.match(p, { format: 'rss', version: '0.91', title: 'Basra Port Bulletin' });
  const a = articles(p);
  t.equal(a.length, 2);
  t.same(a[0]!.flags, ['date-missing'], 'no date: fetch time, flagged');
  t.equal(a[0]!.publishedAt, FETCHED.toISOString());
});

t.test('RSS 1.0 (RDF) with Dublin Core', async (t) => {
  const p = await load('rdf-1.0.rdf');
  t.match(p, { format: 'rdf', title: 'Mosul Heritage Archive', language: 'en' });
  const a = articles(p);
  t.equal(a.length, 2);
  t.match(a[0], { url: 'https://mosul-archive.example/news/al-nuri-minaret', author: 'Layla Omar', categories: ['Heritage'], publishedAt: '2025-05-20T06:15:00.000Z' });
  t.equal(a[1]!.publishedAt, '2025-05-18T00:00:00.000Z');
});

t.test('Atom: xml:base and relative links, html/xhtml/text content, categories, enclosure links, broken date', async (t) => {
  const p = await load('atom-xmlbase.atom.xml', 'https://najaf-review.example/blog/feed.atom');
  t.match(p, { format: 'atom', title: 'Najaf Review', link: 'https://najaf-review.example/blog/', language: 'en' });
  const a = articles(p, 'https://najaf-review.example/blog/feed.atom');
  t.equal(a.length, 3, 'a broken date in one entry does not lose the feed');
  const [rivers, kufa, plain] = a;
  t.equal(rivers!.url, 'https://najaf-review.example/blog/2025/06/rivers-and-roads', 'entry xml:base over feed xml:base');
  t.equal(rivers!.title, 'Rivers & roads: x < y in the Euphrates valley', 'type="text" title is not parsed as HTML');
  t.equal(rivers!.body, 'The old roads follow the river, then turn west.\n\nSecond paragraph.', 'xhtml content keeps word order');
  t.match(rivers!.html!, /href="https:\/\/najaf-review\.example\/blog\/maps\/caravan"/, 'relative link inside xhtml resolved against xml:base');
  t.equal(rivers!.summary, 'Why the old caravan roads follow the river.');
  t.same(rivers!.categories, ['Geography', 'water']);
  t.equal(rivers!.author, 'Hassan Ali');
  t.equal(rivers!.publishedAt, '2025-06-01T10:00:00.000Z', 'published preferred over updated');
  t.equal(rivers!.image, 'https://najaf-review.example/media/map.png', 'enclosure image');
  t.equal(kufa!.title, 'Markets of Kufa', 'type="html" title stripped of tags');
  t.equal(kufa!.url, 'https://najaf-review.example/blog/markets-of-kufa');
  t.equal(kufa!.body, 'Spice sellers & weavers.');
  t.equal(kufa!.image, 'https://cdn.najaf-review.example/kufa/stall.jpg', 'content xml:base applies to images in the content');
  t.equal(kufa!.publishedAt, '2025-05-28T05:00:00.000Z', 'updated used when published is absent');
  t.equal(plain!.body, 'Plain text where <b> is literally a less-than sign and b.', 'type="text" content stays text');
  t.same(plain!.flags, ['date-unparseable']);
  t.equal(plain!.publishedAt, FETCHED.toISOString());
});

t.test('JSON Feed 1.1', async (t) => {
  const p = await load('jsonfeed-1.1.json');
  t.match(p, { format: 'json', version: '1.1', title: 'Kirkuk Notes', link: 'https://kirkuk-notes.example/', language: 'en' });
  const a = articles(p);
  t.equal(a.length, 2, 'the item without a URL is skipped');
  t.match(a[0], {
    url: 'https://kirkuk-notes.example/posts/citadel-lights', title: 'Citadel lights return for the festival', summary: 'The citadel is lit again.',
    author: 'Dilan Aziz', categories: ['culture', 'festival'], image: 'https://kirkuk-notes.example/img/citadel.jpg', publishedAt: '2025-06-03T16:00:00.000Z',
    media: [{ url: 'https://kirkuk-notes.example/audio/citadel.mp3', type: 'audio/mpeg', length: 2048000 }],
  });
  t.notMatch(a[0]!.html!, /script/);
  t.match(a[1], { url: 'https://kirkuk-notes.example/posts/text-only', body: 'Plain text content.\n\nSecond paragraph.', author: 'Kirkuk Notes team' });
});

t.test('format is detected from content, not from the URL or Content-Type', async (t) => {
  const atom = await parseFeed(fixture('atom-xmlbase.atom.xml'), { url: 'https://x.example/rss.xml', contentType: 'application/rss+xml' });
  t.equal(atom.format, 'atom');
  const json = await parseFeed(fixture('jsonfeed-1.1.json'), { url: 'https://x.example/feed.xml', contentType: 'text/xml' });
  t.equal(json.format, 'json');
});

t.test('Arabic feeds in windows-1256 (charset only in the prolog) and ISO-8859-6', async (t) => {
  for (const name of ['ar-windows-1256.xml', 'ar-iso-8859-6.xml']) {
    const p = await load(name, 'https://rafidain-wire.example/rss', 'text/xml');
    const a = articles(p);
    t.equal(p.title, 'وكالة أنباء الرافدين', name);
    t.equal(a[0]!.title, 'الكاظمي يصل إلى واشنطن في زيارة رسمية');
    t.same(a[0]!.categories, ['سياسة']);
    t.equal(a[0]!.langHint, 'ar');
  }
});

t.test("a feed's declared language in the codes Akhbar uses: regions dropped, three-letter codes to two, Kurdish by script", async (t) => {
  t.equal(langTag('ar-IQ'), 'ar');
  t.equal(langTag(' en_GB '), 'en');
  t.equal(langTag('fra'), 'fr', 'ISO 639-2 and -3 codes to their two-letter one');
  t.equal(langTag('per'), 'fa');
  t.equal(langTag('kmr'), 'ku', "Kurmanji's own code is Akhbar's ku");
  t.equal(langTag('ku-Arab'), 'ckb', 'Kurdish in Arabic script is Sorani');
  t.equal(langTag('ku-Latn-TR'), 'ku');
  t.equal(langTag('ckb-IQ'), 'ckb');
  t.equal(langTag('not a language'), undefined);
  const p = await parseFeed(Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Duhok</title><language>kmr</language><item><title>Bendav</title><link>https://duhok.example/1</link></item></channel></rss>'), { url: 'https://duhok.example/rss' });
  t.equal(toRawArticles(p, { id: 'f', url: 'https://duhok.example/rss' }, new Date())[0]?.langHint, 'ku', 'a Kurmanji feed declaring kmr hints ku');
});

t.test('defects are repaired, the items still come out, and the feed is flagged', async (t) => {
  const cases: Array<[string, string, (a: ReturnType<typeof articles>) => void]> = [
    ['defect-raw-ampersand.xml', 'entities', (a) => {
      t.equal(a[0]!.title, 'Trade & investment forum opens');
      t.equal(a[0]!.body, 'Ministers & CEOs meet; AT&T and Q&A sessions.');
      t.equal(a[0]!.url, 'https://defects.example/forum?a=1&b=2');
    }],
    ['defect-control-chars.xml', 'control-characters', (a) => {
      t.equal(a[0]!.title, 'Vote count resumes in Anbar');
      t.equal(a[0]!.body, 'Counting resumed after a power cut.');
    }],
    ['defect-bom-junk.xml', 'junk-before-root', (a) => t.equal(a[0]!.title, 'Junk before the prolog')],
    ['defect-entities.xml', 'entities', (a) => {
      t.equal(a[0]!.title, 'Café culture returns … © 2025', '&nbsp; &eacute; &hellip; &copy; decoded');
      t.equal(a[0]!.body, 'Prices rose — «sharply» &unknownentity; stays.', 'an unknown entity is kept as text');
      t.equal(a[1]!.body, '“Quoted” and invalid.', 'an invalid character reference is dropped');
    }],
    ['defect-unescaped-html.xml', 'unescaped-html', (a) => t.equal(a[0]!.body, 'First bold paragraph.\nThen a line.')],
    ['defect-truncated.xml', 'truncated', (a) => t.same(a.map((x) => x.title), ['Item 1', 'Item 2', 'Item 3'])],
  ];
  for (const [name, repair, check] of cases) {
    const p = await load(name);
    t.same(p.flags, ['feed-repaired'], `${name} flagged`);
    t.ok(p.repairs.includes(repair), `${name}: ${repair} (${p.repairs.join(', ')})`);
    const a = articles(p);
    t.ok(a.length >= 1 && a.every((x) => x.flags.includes('feed-repaired')), `${name}: items carry the flag`);
    check(a);
  }
  const clean = await load('rss-2.0-full.rss.xml');
  t.same(clean.repairs, [], 'a clean feed takes no repair');
});

t.test('long bodies, in CDATA or escaped, reach their items whole on every parse path', async (t) => {
  // Long bodies are lifted out before the XML parser and put back after (xml.ts liftBodies).
  const para = 'أعلنت وزارة الكهرباء أن ساعات التجهيز في بغداد ارتفعت إلى عشرين ساعة يومياً بعد دخول محطة الرشيد الجديدة الخدمة. ';
  const body = (n: number) => `<p>${String(n)}: ${para.repeat(4)}</p><p>قال المتحدث باسم الوزارة إن الصيانة مستمرة.</p>`;
  const item = (n: number, html = body(n), title = `خبر رقم ${String(n)}`) =>
    `<item><title>${title}</title><link>https://rafidain.example/a/${String(n)}</link><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
  const rss = (items: string, channelExtra = '') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>الرافدين</title><link>https://rafidain.example/</link>${channelExtra}${items}</channel></rss>`;
  const parse = (xml: string) => parseFeed(Buffer.from(xml, 'utf8'), { url: 'https://rafidain.example/feed' });

  const many = await parse(rss(Array.from({ length: 12 }, (_, n) => item(n)).join('')));
  t.same(many.items.map((i) => i.html), Array.from({ length: 12 }, (_, n) => body(n)), 'twelve items, each with its own body, in order');
  t.same(many.flags, [], 'a clean feed is not flagged');

  const split = `${body(1)}<p>a]]]]><![CDATA[>b</p>${body(2)}`;
  t.equal((await parse(rss(item(1, split)))).items[0]!.html, `${body(1)}<p>a]]>b</p>${body(2)}`, '"]]>" written as two CDATA sections comes back joined');

  const commented = await parse(rss(item(3), `<!-- old template: <![CDATA[${para.repeat(3)}]]> -->`));
  t.equal(commented.items[0]!.html, body(3), 'a CDATA section inside a comment is not content');

  const marked = `${body(4)}<p>\uE0000\uE001 keeps its private-use characters</p>`;
  t.equal((await parse(rss(item(4, marked)))).items[0]!.html, marked, 'a feed already holding the marker characters is read as it is');

  const amp = await parse(rss(item(5, body(5), 'النفط & الغاز')));
  t.ok(amp.repairs.includes('entities'), 'the raw & is repaired');
  t.equal(amp.items[0]!.title, 'النفط & الغاز');
  t.equal(amp.items[0]!.html, body(5), 'the body survives the repair path');

  const broken = await parse(rss(`<item><title>عنصر لم يغلق</title><link>https://rafidain.example/a/6</link><content:encoded><![CDATA[${body(6)}]]></content:encoded><extra></item>`));
  t.ok(broken.repairs.includes('rebuilt'), `mismatched tags are rebuilt (${broken.repairs.join(', ')})`);
  t.equal(broken.items[0]!.html, body(6), 'the body survives the rebuild');

  const escape = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const atom = (content: string, title = 'خبر') =>
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>الرافدين</title><id>urn:rafidain</id><updated>2025-06-01T00:00:00Z</updated>` +
    `<entry><title>${title}</title><id>https://rafidain.example/a/7</id><link href="https://rafidain.example/a/7"/><updated>2025-06-01T00:00:00Z</updated>` +
    `<content type="html">${content}</content></entry></feed>`;
  const withRefs = `${body(7)}<p>النفط &amp; الغاز: "٣٠٠" ألف برميل</p>`;
  const escaped = await parse(atom(`${escape(body(7))}&lt;p&gt;النفط &amp;amp; الغاز: &#x22;٣٠٠&#34; ألف برميل&lt;/p&gt;`));
  t.equal(escaped.items[0]!.html, withRefs, 'escaped Atom content: entities and character references decoded as the parser would');
  t.same(escaped.flags, [], 'and not flagged');
  const nbsp = await parse(atom(`${escape(body(8))}&lt;p&gt;بغداد&nbsp;اليوم&lt;/p&gt;`));
  t.equal(nbsp.items[0]!.html, `${body(8)}<p>بغداد\u00a0اليوم</p>`, 'an HTML entity in escaped content is left to the parser, which reads it');
});

t.test('broken and odd dates: parsed where possible, else fetch time and flagged', async (t) => {
  const a = articles(await load('defect-dates.xml'));
  const byTitle = new Map(a.map((x) => [x.title, x]));
  t.equal(byTitle.get('Date case 2')!.publishedAt, '2025-06-02T13:00:00.000Z');
  t.equal(byTitle.get('Date case 6')!.publishedAt, '2025-06-02T08:00:00.000Z', 'Arabic-Indic digits');
  for (const n of [9, 10, 11]) {
    t.same(byTitle.get(`Date case ${n}`)!.flags, ['date-unparseable']);
    t.equal(byTitle.get(`Date case ${n}`)!.publishedAt, FETCHED.toISOString());
  }
  t.same(byTitle.get('Date case 12')!.flags, ['date-missing']);
});

t.test('HTML escaped twice by the CMS still becomes text, not literal tags', async (t) => {
  const xml = `<rss version="2.0"><channel><title>F</title><item><title>T</title><link>https://f.example/a</link><description>&amp;lt;p&amp;gt;Ministers met &amp;amp;amp; agreed.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Second.&amp;lt;/p&amp;gt;</description></item>
    <item><title>U</title><link>https://f.example/b</link><description>Use &amp;lt;p&amp;gt; for paragraphs, says the style guide.</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Use &lt;p&gt; for paragraphs.</p>]]></content:encoded></item></channel></rss>`;
  const [a, b] = articles(await parseFeed(Buffer.from(xml), {}));
  t.equal(a!.body, 'Ministers met & agreed.\n\nSecond.');
  t.equal(a!.html, '<p>Ministers met &amp; agreed.</p><p>Second.</p>');
  t.equal(b!.body, 'Use <p> for paragraphs.', 'real HTML that mentions a tag is left alone');
});

t.test('a date in the future is clamped to the fetch time and flagged', async (t) => {
  const xml = `<rss version="2.0"><channel><title>F</title><item><title>Soon</title><link>https://f.example/a</link><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item></channel></rss>`;
  const [a] = articles(await parseFeed(Buffer.from(xml), {}));
  t.same(a!.flags, ['date-in-future']);
  t.equal(a!.publishedAt, FETCHED.toISOString());
});

t.test('hostile XML is refused before any parser, in milliseconds', async (t) => {
  for (const name of ['hostile-billion-laughs.xml', 'hostile-xxe.xml', 'hostile-parameter-entity.xml']) {
    const started = process.hrtime.bigint();
    await t.rejects(load(name), { code: 'AKHBAR_FEED_XML_ENTITIES' }, name);
    t.comment(`${name}: refused in ${Number(process.hrtime.bigint() - started) / 1e6} ms`);
  }
  // A big bomb: 1 MiB of nested declarations. Refusal only reads the prolog.
  const big = `<?xml version="1.0"?><!DOCTYPE rss [${'<!ENTITY a "x">'.repeat(70_000)}]><rss version="2.0"><channel><title>&a;</title></channel></rss>`;
  const before = process.memoryUsage().heapUsed;
  await t.rejects(parseFeed(Buffer.from(big)), { code: 'AKHBAR_FEED_XML_ENTITIES' });
  t.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024, 'memory stays bounded');
});

t.test('absurd nesting is refused or flattened in linear time, not parsed for minutes', async (t) => {
  const nested = (n: number, cdata: boolean) =>
    `<rss version="2.0"><channel><title>d</title><item><title>t</title><link>https://d.example/a</link><description>${cdata ? '<![CDATA[' : ''}${'<x>'.repeat(n)}deep text${'</x>'.repeat(n)}${cdata ? ']]>' : ''}</description></item></channel></rss>`;
  await t.rejects(parseFeed(Buffer.from(nested(300_000, false))), { code: 'AKHBAR_FEED_UNPARSEABLE', message: /nest deeper/ });
  const [a] = articles(await parseFeed(Buffer.from(nested(300_000, true))));
  t.equal(a!.body, 'deep text', 'deeply nested HTML inside CDATA is read as flat text');
  const page = `<html><head><link rel="alternate" type="application/rss+xml" href="/f.xml"></head><body>${'<div>'.repeat(300_000)}</body></html>`;
  await t.rejects(parseFeed(Buffer.from(page), { url: 'https://p.example/' }), { code: 'AKHBAR_FEED_NOT_A_FEED', details: { feeds: [{ url: 'https://p.example/f.xml' }] } });
});

t.test('an HTML page is "not a feed", with the feeds it links', async (t) => {
  const err = await parseFeed(fixture('page-with-feeds.html'), { url: 'https://furat-news.example/ar/', contentType: 'text/html' }).catch((e: unknown) => e);
  t.match(err, { code: 'AKHBAR_FEED_NOT_A_FEED' });
  const feeds = (err as { details: { feeds: Array<{ url: string }> } }).details.feeds;
  t.same(feeds.slice(0, 3).map((f) => f.url), [
    'https://furat-news.example/ar/feed/latest.xml', 'https://furat-news.example/en/atom.xml', 'https://furat-news.example/feed.json',
  ]);
  await t.rejects(load('not-a-feed.json'), { code: 'AKHBAR_FEED_NOT_A_FEED' }, 'plain JSON');
  await t.rejects(load('subscriptions.opml'), { code: 'AKHBAR_FEED_NOT_A_FEED' }, 'OPML');
  await t.rejects(parseFeed(Buffer.alloc(0)), { code: 'AKHBAR_FEED_EMPTY' });
  await t.rejects(parseFeed(Buffer.from('<rss version="2.0"><title>no channel</title></rss>')), { code: 'AKHBAR_FEED_UNPARSEABLE' }, 'RSS without a channel');
  const cut = await parseFeed(Buffer.from('<rss version="2.0"><channel><title>x</title><item><title>a <b>bold</title><link>https://cut.example/a</link></item></channel></rss>'));
  t.ok(cut.repairs.includes('rebuilt'), 'a structurally broken document is rebuilt as a last resort');
  t.equal(articles(cut)[0]!.url, 'https://cut.example/a');
});

t.test('the same story twice gets one id; a changed story a new content hash', async (t) => {
  const xml = (body: string) => `<rss version="2.0"><channel><title>F</title><item><title>T</title><link>https://f.example/a?utm_source=x</link><description>${body}</description></item></channel></rss>`;
  const [a] = articles(await parseFeed(Buffer.from(xml('one')), {}));
  const [b] = toRawArticles(await parseFeed(Buffer.from(xml('one').replace('utm_source=x', 'fbclid=y')), {}), { id: 'other', url: 'https://other.example/' }, FETCHED);
  const [c] = articles(await parseFeed(Buffer.from(xml('two')), {}));
  t.equal(a!.id, b!.id, 'same canonical URL from two feeds: same id');
  t.equal(a!.contentHash, b!.contentHash);
  t.equal(a!.id, c!.id);
  t.not(a!.contentHash, c!.contentHash, 'changed content: new hash');
});

t.test('GeoRSS and W3C Basic Geo: the point a feed gives an item is kept; lines, boxes and nonsense are not', async (t) => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:georss="http://www.georss.org/georss" xmlns:gml="http://www.opengis.net/gml" xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#">
<channel><title>أخبار الرافدين — المحافظات</title><link>https://rafidain.example/</link><description>d</description>
<item><title>فيضان في العمارة</title><link>https://rafidain.example/a/1</link><description>ارتفع منسوب دجلة.</description><georss:point>31.84 47.14</georss:point></item>
<item><title>حريق في سوق الموصل</title><link>https://rafidain.example/a/2</link><description>اندلع حريق.</description><georss:where><gml:Point><gml:pos>36.34 43.13</gml:pos></gml:Point></georss:where></item>
<item><title>زلزال قرب حلبجة</title><link>https://rafidain.example/a/3</link><description>هزة أرضية.</description><geo:lat>35.18</geo:lat><geo:long>45.99</geo:long></item>
<item><title>أمطار في البصرة</title><link>https://rafidain.example/a/4</link><description>أمطار.</description><geo:Point><geo:lat>30.51</geo:lat><geo:long>47.81</geo:long></geo:Point></item>
<item><title>طريق جديد</title><link>https://rafidain.example/a/5</link><description>طريق.</description><georss:line>33.3 44.4 31.8 47.1</georss:line></item>
<item><title>نقطة خارج الخريطة</title><link>https://rafidain.example/a/6</link><description>خطأ.</description><georss:point>131.8 47.1</georss:point></item>
<item><title>نقطة بلا أرقام</title><link>https://rafidain.example/a/7</link><description>خطأ.</description><georss:point>north of Basra</georss:point></item>
</channel></rss>`;
  const a = articles(await parseFeed(Buffer.from(rss), { url: 'https://rafidain.example/feed' }), 'https://rafidain.example/feed');
  t.same(a.map((x) => x.geo), [{ lat: 31.84, lon: 47.14 }, { lat: 36.34, lon: 43.13 }, { lat: 35.18, lon: 45.99 }, { lat: 30.51, lon: 47.81 }, undefined, undefined, undefined],
    'GeoRSS Simple, GeoRSS GML, W3C geo bare and in geo:Point; a line, an out-of-range point and words give none');
  t.equal(a.length, 7, 'an item with a bad point is still an article');

  const atom = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss"><title>Quake desk</title><id>urn:q</id><updated>2025-06-01T00:00:00Z</updated>
<entry><title>Tremor felt in Erbil</title><id>urn:q:1</id><link href="https://quakes.example/1"/><updated>2025-06-01T00:00:00Z</updated><summary>A tremor.</summary><georss:point>36.19 44.01</georss:point></entry>
</feed>`;
  const [entry] = articles(await parseFeed(Buffer.from(atom), { url: 'https://quakes.example/atom' }), 'https://quakes.example/atom');
  t.same(entry!.geo, { lat: 36.19, lon: 44.01 }, 'Atom entries too');
});

t.test('an item with several authors keeps them all in its byline, in every format', async (t) => {
  const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><link>https://wire.example/</link>
    <item><title>Port reopens</title><link>https://wire.example/a</link><dc:creator>Rana Haddad</dc:creator><dc:creator>Sami Youssef</dc:creator><dc:creator>Rana Haddad</dc:creator></item>
    <item><title>Bridge opens</title><link>https://wire.example/b</link><author>desk@wire.example (Layla Nasser)</author><author>karim@wire.example (Karim Aziz)</author></item>
    <item><title>Wheat harvest</title><link>https://wire.example/c</link><author>only@wire.example</author></item>
  </channel></rss>`;
  const fromRss = articles(await parseFeed(Buffer.from(rss), { url: 'https://wire.example/rss' }), 'https://wire.example/rss');
  t.same(fromRss.map((a) => a.author), ['Rana Haddad, Sami Youssef', 'Layla Nasser, Karim Aziz', undefined], 'repeated dc:creator and <author> joined, a repeat once, an e-mail address alone is no name');
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:w</id><updated>2025-06-01T00:00:00Z</updated>
    <entry><title>Port reopens</title><id>urn:a</id><link href="https://wire.example/a"/><updated>2025-06-01T00:00:00Z</updated><author><name>رنا حداد</name></author><author><name>سامي يوسف</name></author></entry></feed>`;
  t.same(articles(await parseFeed(Buffer.from(atom), { url: 'https://wire.example/atom' }), 'https://wire.example/atom').map((a) => a.author), ['رنا حداد, سامي يوسف'], 'Atom: every <author>');
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Wire', items: [{ id: 'a', url: 'https://wire.example/a', title: 'Port reopens', content_text: 'Ships are back.', authors: [{ name: 'Claire Martin' }, { name: 'Jean Dupont' }, { url: 'https://wire.example/x' }] }] });
  t.same(articles(await parseFeed(Buffer.from(json), { url: 'https://wire.example/feed.json' }), 'https://wire.example/feed.json').map((a) => a.author), ['Claire Martin, Jean Dupont'], 'JSON Feed: every author with a name');
});

t.test("an article's source country: the feed's as filed, else the one its domain names", async (t) => {
  const rss = (host: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://${host}/</link>
    <item><title>Port reopens</title><link>https://${host}/a</link></item></channel></rss>`;
  const country = async (host: string, filed?: string) => {
    const parsed = await parseFeed(Buffer.from(rss(host)), { url: `https://${host}/rss` });
    return toRawArticles(parsed, { id: 'fcountry', url: `https://${host}/rss`, ...(filed ? { country: filed } : {}) }, FETCHED)[0]!.source.country;
  };
  t.equal(await country('www.alsumaria.iq'), 'IQ', 'an Iraqi domain: Iraq');
  t.equal(await country('news.bbc.co.uk'), 'GB', 'a British second-level domain: Britain');
  t.equal(await country('www.alsumaria.iq', 'AE'), 'AE', "the feed's own country wins");
  t.equal(await country('www.aljazeera.net'), undefined, 'a generic domain says nothing');
  t.equal(await country('www.alsumaria.tv'), undefined, 'nor does one sold to anyone');
});

t.test('WebSub discovery: the hub and self links of Atom, RSS (atom:link) and JSON Feed, and the HTTP Link header', async (t) => {
  const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Basra Wire</title><link>https://basra.example/</link>
    <atom:link rel="self" type="application/rss+xml" href="https://basra.example/feed/"/><atom:link rel="hub" href="https://hub.example/"/>
    <item><title>Port reopens</title><link>https://basra.example/a</link></item></channel></rss>`;
  t.same((await parseFeed(Buffer.from(rss), { url: 'https://basra.example/feed/' })).websub, { hub: 'https://hub.example/', self: 'https://basra.example/feed/' });
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Mosul Daily</title><id>m</id><updated>2026-01-01T00:00:00Z</updated>
    <link rel="alternate" href="https://mosul.example/"/><link rel="hub" href="https://hub.example/websub"/><link rel="self" href="/atom.xml"/>
    <entry><title>Bridge reopens</title><link href="https://mosul.example/a"/><id>a</id><updated>2026-01-01T00:00:00Z</updated></entry></feed>`;
  t.same((await parseFeed(Buffer.from(atom), { url: 'https://mosul.example/atom.xml' })).websub, { hub: 'https://hub.example/websub', self: 'https://mosul.example/atom.xml' }, 'a relative self link resolved');
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'Gulf Wire', feed_url: 'https://gulf.example/feed.json',
    hubs: [{ type: 'rssCloud', url: 'https://cloud.example/' }, { type: 'WebSub', url: 'https://hub.example/' }], items: [{ id: '1', url: 'https://gulf.example/a', title: 'A' }],
  });
  t.same((await parseFeed(Buffer.from(json), { url: 'https://gulf.example/feed.json' })).websub, { hub: 'https://hub.example/', self: 'https://gulf.example/feed.json' }, 'the WebSub hub, not rssCloud');
  t.equal((await parseFeed(Buffer.from(rss.replace(/<atom:link rel="hub"[^>]*>/, '')), { url: 'https://basra.example/feed/' })).websub, undefined, 'no hub, no WebSub');
  t.same(websubLinks('<https://hub.example/>; rel="hub", <https://basra.example/feed>; rel="self"'), { hub: 'https://hub.example/', self: 'https://basra.example/feed' });
  t.same(websubLinks('</hub>; rel=hub', 'https://basra.example/feed'), { hub: 'https://basra.example/hub' }, 'unquoted, relative to the feed');
  t.equal(websubLinks('<https://basra.example/>; rel="alternate"'), undefined);
  t.equal(websubLinks('<javascript:alert(1)>; rel="hub"'), undefined, 'only http(s) hubs');
});
