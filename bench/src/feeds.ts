import { bodyOf, type CorpusArticle, type Lang } from './corpus.ts';

/**
 * Feed files and article pages built from corpus articles, the way news sites publish them:
 * RSS 2.0 with `content:encoded`, `dc:creator` and categories, or Atom 1.0 with HTML content;
 * article pages with a site header, navigation, the story, a "read also" list, comments and a
 * footer (what full-text extraction must cut away).
 */

export type FeedKind = 'rss' | 'atom';

export interface CorpusFeed {
  /** Path on the feed server, e.g. `/gulf-wire/feed-0003.atom.xml`. */
  path: string;
  kind: FeedKind;
  lang: Lang;
  sourceId: string;
  sourceName: string;
  country: string;
  body: Buffer;
  items: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The article's URL on its source's site, under `base` (e.g. the feed server). */
export function articleUrl(a: CorpusArticle, base: string): string {
  return `${base}/${a.source.id}${a.path}`;
}

function htmlBody(a: CorpusArticle): string {
  return a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
}

function summaryOf(a: CorpusArticle): string {
  const first = a.paragraphs[0] ?? '';
  return first.length > 300 ? first.slice(0, first.lastIndexOf(' ', 300)) + '…' : first;
}

function rss(items: CorpusArticle[], base: string, title: string, lang: Lang): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${esc(title)}</title><link>${esc(base)}/</link><description>${esc(title)}</description><language>${lang}</language>`,
  ];
  for (const a of items) {
    const url = articleUrl(a, base);
    parts.push(
      '<item>',
      `<title>${esc(a.title)}</title>`,
      `<link>${esc(url)}?utm_source=rss&amp;utm_medium=feed</link>`,
      `<guid isPermaLink="false">${esc(a.source.id)}-${a.n}</guid>`,
      `<pubDate>${new Date(a.publishedAt).toUTCString().replace('GMT', '+0000')}</pubDate>`,
      `<dc:creator>${esc(a.author)}</dc:creator>`,
      `<category>${esc(a.topic)}</category>`,
      `<description>${esc(summaryOf(a))}</description>`,
      `<content:encoded><![CDATA[${htmlBody(a)}]]></content:encoded>`,
      '</item>',
    );
  }
  parts.push('</channel>', '</rss>');
  return parts.join('\n');
}

function atom(items: CorpusArticle[], base: string, title: string, lang: Lang, id: string): string {
  const updated = new Date(Math.max(...items.map((a) => a.publishedAt))).toISOString();
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<title>${esc(title)}</title><id>${esc(base)}/${esc(id)}</id><updated>${updated}</updated>`,
    `<link rel="alternate" href="${esc(base)}/"/>`,
  ];
  for (const a of items) {
    const url = articleUrl(a, base);
    const when = new Date(a.publishedAt).toISOString();
    parts.push(
      '<entry>',
      `<title type="text">${esc(a.title)}</title>`,
      `<link rel="alternate" href="${esc(url)}"/>`,
      `<id>${esc(url)}</id>`,
      `<published>${when}</published><updated>${when}</updated>`,
      `<author><name>${esc(a.author)}</name></author>`,
      `<category term="${esc(a.topic)}"/>`,
      `<summary type="text">${esc(summaryOf(a))}</summary>`,
      `<content type="html">${esc(htmlBody(a))}</content>`,
      '</entry>',
    );
  }
  parts.push('</feed>');
  return parts.join('\n');
}

/**
 * Group articles by source into feeds of `itemsPerFeed` items (the last one of a source may be
 * shorter); every third feed is Atom, the others RSS 2.0.
 */
export function buildFeeds(articles: readonly CorpusArticle[], base: string, itemsPerFeed = 50): CorpusFeed[] {
  const bySource = new Map<string, CorpusArticle[]>();
  for (const a of articles) {
    const list = bySource.get(a.source.id) ?? [];
    list.push(a);
    bySource.set(a.source.id, list);
  }
  const feeds: CorpusFeed[] = [];
  for (const [sourceId, list] of [...bySource.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
    for (let k = 0; k * itemsPerFeed < list.length; k++) {
      const items = list.slice(k * itemsPerFeed, (k + 1) * itemsPerFeed);
      const src = items[0]!.source;
      const kind: FeedKind = feeds.length % 3 === 2 ? 'atom' : 'rss';
      const name = `feed-${String(k).padStart(4, '0')}`;
      const text = kind === 'atom' ? atom(items, base, src.name, src.lang, name) : rss(items, base, src.name, src.lang);
      feeds.push({
        path: `/${sourceId}/${name}.${kind}.xml`,
        kind,
        lang: src.lang,
        sourceId,
        sourceName: src.name,
        country: src.country,
        body: Buffer.from(text, 'utf8'),
        items: items.length,
      });
    }
  }
  return feeds;
}

const CHROME: Record<Lang, { nav: string[]; related: string; comments: string; share: string; cookie: string; footer: string }> = {
  ar: {
    nav: ['الرئيسية', 'سياسة', 'اقتصاد', 'رياضة', 'صحة', 'منوعات'],
    related: 'إقرأ ايضا',
    comments: 'التعليقات',
    share: 'شارك الخبر',
    cookie: 'يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.',
    footer: 'جميع الحقوق محفوظة',
  },
  en: {
    nav: ['Home', 'Politics', 'Business', 'Sport', 'Health', 'Opinion'],
    related: 'Read more',
    comments: 'Comments',
    share: 'Share this story',
    cookie: 'This site uses cookies to improve your experience.',
    footer: 'All rights reserved',
  },
  fr: {
    nav: ['Accueil', 'Politique', 'Économie', 'Sport', 'Santé', 'Culture'],
    related: 'Lire aussi',
    comments: 'Commentaires',
    share: 'Partager cet article',
    cookie: 'Ce site utilise des cookies pour améliorer votre expérience.',
    footer: 'Tous droits réservés',
  },
};

/**
 * The article's web page: header, navigation, the story with its metadata (canonical,
 * og:image, article:published_time, JSON-LD NewsArticle), a related list, comments, footer.
 * `others` supply the related headlines.
 */
export function articlePage(a: CorpusArticle, base: string, others: readonly CorpusArticle[]): string {
  const c = CHROME[a.lang];
  const dir = a.lang === 'ar' ? 'rtl' : 'ltr';
  const url = articleUrl(a, base);
  const when = new Date(a.publishedAt).toISOString();
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: a.title, datePublished: when, author: { '@type': 'Person', name: a.author } });
  const related = others.slice(0, 5).map((o) => `<li><a href="${esc(articleUrl(o, base))}">${esc(o.title)}</a></li>`).join('');
  const comments = others.slice(0, 3).map((o, i) => `<div class="comment"><b>${esc(o.author)}</b><p>${esc((o.paragraphs[0] ?? '').slice(0, 160))}</p><span>${i + 1}h</span></div>`).join('');
  return `<!doctype html>
<html lang="${a.lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>${esc(a.title)} | ${esc(a.source.name)}</title>
<link rel="canonical" href="${esc(url)}">
<meta property="og:title" content="${esc(a.title)}">
<meta property="og:image" content="${esc(base)}/img/${a.n}.jpg">
<meta property="article:published_time" content="${when}">
<script type="application/ld+json">${jsonLd}</script>
<script>window.dataLayer=[];function track(){}</script>
<style>body{font-family:sans-serif}</style>
</head>
<body>
<header class="site-header"><a href="/" class="logo">${esc(a.source.name)}</a><nav><ul>${c.nav.map((n) => `<li><a href="/${esc(n)}">${esc(n)}</a></li>`).join('')}</ul></nav></header>
<div class="cookie-banner">${esc(c.cookie)} <button>OK</button></div>
<main>
<article>
<h1>${esc(a.title)}</h1>
<div class="byline">${esc(a.author)} · <time datetime="${when}">${when.slice(0, 10)}</time></div>
${htmlBody(a)}
<div class="share">${esc(c.share)}: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>
</article>
<aside class="related"><h3>${esc(c.related)}</h3><ul>${related}</ul></aside>
<section id="comments"><h3>${esc(c.comments)}</h3>${comments}</section>
</main>
<footer>© 2026 ${esc(a.source.name)} — ${esc(c.footer)}</footer>
</body>
</html>`;
}

/** The body text the page's story holds (for a sanity check of extraction). */
export function storyText(a: CorpusArticle): string {
  return bodyOf(a);
}
