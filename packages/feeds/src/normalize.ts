import { articleId, canonicalUrl, contentHash, hostOf, type ArticleFlag, type Feed, type RawArticle } from '@akhbar/core';
import type { ParsedFeed, ParsedItem } from './parse.ts';

/** HTML to plain text: scripts/styles dropped, block ends become newlines, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|iframe)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/(p|div|li|h[1-6]|blockquote|tr)>|<br\s*\/?>/gi, '\n')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
}

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return named[e.toLowerCase()] ?? m;
  });
}

/** Turn one parsed item into the pipeline's RawArticle; undefined when it has no usable link. */
export function toRawArticle(item: ParsedItem, parsed: ParsedFeed, feed: Feed, fetchedAt: Date): RawArticle | undefined {
  const link = item.link ?? (item.guid && /^https?:/i.test(item.guid) ? item.guid : undefined);
  if (!link) return undefined;
  let url: string;
  try {
    url = canonicalUrl(link, feed.url);
  } catch {
    return undefined;
  }
  const flags: ArticleFlag[] = [];
  let published = item.date ? new Date(item.date) : undefined;
  if (!item.date) flags.push('date-missing');
  else if (!published || Number.isNaN(published.getTime())) flags.push('date-unparseable');
  if (!published || Number.isNaN(published.getTime())) published = fetchedAt;
  const body = item.html ? htmlToText(item.html) : (item.text ?? '');
  const summary = (item.text ?? body).slice(0, 600);
  const title = htmlToText(item.title);
  const article: RawArticle = {
    id: articleId(url),
    url,
    feedId: feed.id,
    source: { id: feed.id, name: feed.title ?? parsed.title ?? hostOf(url), domain: hostOf(url) },
    title,
    summary,
    body,
    categories: item.categories.filter(Boolean),
    publishedAt: published.toISOString(),
    fetchedAt: fetchedAt.toISOString(),
    contentHash: contentHash([title, summary, body]),
    flags,
  };
  const lang = feed.lang ?? parsed.language;
  if (lang) {
    article.langHint = lang.slice(0, 2).toLowerCase();
    article.source.lang = article.langHint;
  }
  if (feed.country) article.source.country = feed.country;
  if (item.author) article.author = item.author;
  if (item.image) article.image = item.image;
  return article;
}
