import { articleId, canonicalUrl, contentHash, countryOfHost, hostOf, type ArticleFlag, type Feed, type RawArticle } from '@akhbar/core';
import { decodeHTML } from 'entities';
import { parseFeedDate } from './dates.ts';
import { htmlToText, htmlToTextAndSafeHtml, tidyText } from './html.ts';
import type { ParsedFeed, ParsedItem } from './parse.ts';

export { htmlToText } from './html.ts';

/** What normalisation needs to know about the feed an item came from (a registered Feed fits). */
export type FeedRef = Pick<Feed, 'id' | 'url'> & Partial<Pick<Feed, 'title' | 'lang' | 'country'>>;

export interface NormalizeOptions {
  /** Longest plain-text body kept; longer ones are cut and flagged `body-truncated`. @default 200 000 */
  maxBodyChars?: number;
  /** Longest summary. @default 600 */
  maxSummaryChars?: number;
  /** Keep sanitised HTML on the article. @default true */
  html?: boolean;
}

/** Dates this far ahead of the fetch are a wrong time zone or a placeholder, not the future. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;

/** Cut at a word boundary and mark the cut. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/**
 * Some CMSs escape their HTML twice (`&amp;lt;p&amp;gt;`), so after XML decoding the "HTML" is
 * escaped markup that would show readers literal tags. It is decoded once more when it holds
 * escaped tags and no real ones.
 */
function unescapeTwice(html: string): string {
  if (/<[a-zA-Z/]/.test(html) || !/&lt;\/?(?:p|br|div|a|img|b|i|strong|em|span|ul|ol|li|h[1-6]|blockquote|figure)\b/i.test(html)) return html;
  return decodeHTML(html);
}

/**
 * Three-letter codes feeds declare for languages Akhbar writes with two (ISO 639-2/3 → 639-1), and
 * Kurmanji's own code: Akhbar's `ku` is Kurmanji, `ckb` Sorani.
 */
const LANG_CODES: Record<string, string> = {
  ara: 'ar', arb: 'ar', eng: 'en', fra: 'fr', fre: 'fr', spa: 'es', deu: 'de', ger: 'de', tur: 'tr', fas: 'fa', per: 'fa', pes: 'fa', rus: 'ru', urd: 'ur', kmr: 'ku',
};

/**
 * Primary language subtag, lower case ("ar-IQ" → "ar", "fra" → "fr"); undefined for junk. Kurdish
 * in Arabic script ("ku-Arab") is Sorani, `ckb`, as Akhbar tells the two apart.
 */
export function langTag(lang: string | undefined): string | undefined {
  const m = lang ? /^\s*([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]+)*)\s*$/.exec(lang) : null;
  if (!m) return undefined;
  const primary = m[1]!.toLowerCase();
  if ((primary === 'ku' || primary === 'kur') && /[-_]arab\b/i.test(m[2]!)) return 'ckb';
  return LANG_CODES[primary] ?? primary;
}

/**
 * One parsed item → the pipeline's RawArticle; undefined when the item has no usable link
 * (an article is identified by its canonical URL).
 */
export function toRawArticle(item: ParsedItem, parsed: Pick<ParsedFeed, 'title' | 'language' | 'flags'>, feed: FeedRef, fetchedAt: Date, opts: NormalizeOptions = {}): RawArticle | undefined {
  const link = item.link ?? (item.guid && /^https?:\/\//i.test(item.guid) ? item.guid : undefined);
  if (!link) return undefined;
  let url: string;
  try {
    url = canonicalUrl(link, item.base ?? feed.url);
  } catch {
    return undefined;
  }
  const flags: ArticleFlag[] = [];
  if (parsed.flags.includes('feed-repaired')) flags.push('feed-repaired');
  let published = parseFeedDate(item.date);
  if (!item.date) flags.push('date-missing');
  else if (!published) flags.push('date-unparseable');
  if (published && published.getTime() > fetchedAt.getTime() + FUTURE_TOLERANCE_MS) {
    flags.push('date-in-future');
    published = undefined;
  }
  const maxBody = opts.maxBodyChars ?? 200_000;
  const contentHtml = item.html !== undefined ? unescapeTwice(item.html) : undefined;
  // Display HTML is kept from the content when there is any; text and HTML then come from one parse.
  const both = opts.html !== false && contentHtml !== undefined ? htmlToTextAndSafeHtml(contentHtml, item.base ?? feed.url) : undefined;
  let body = both ? both.text : contentHtml !== undefined ? htmlToText(contentHtml) : tidyText(item.text ?? '');
  if (body.length > maxBody) {
    body = clip(body, maxBody);
    flags.push('body-truncated');
  }
  const separateSummary = item.summaryHtml !== undefined ? htmlToText(unescapeTwice(item.summaryHtml)) : item.summaryText !== undefined ? tidyText(item.summaryText) : '';
  const summary = clip((separateSummary || body).replace(/\s*\n+\s*/g, ' '), opts.maxSummaryChars ?? 600);
  const title = item.title || clip(summary, 120);
  const domain = hostOf(url);
  const article: RawArticle = {
    id: articleId(url),
    url,
    feedId: feed.id,
    source: { id: feed.id, name: feed.title ?? parsed.title ?? domain, domain },
    title,
    summary,
    body,
    categories: item.categories.filter(Boolean).slice(0, 50),
    publishedAt: (published ?? fetchedAt).toISOString(),
    fetchedAt: fetchedAt.toISOString(),
    contentHash: contentHash([title, summary, body]),
    flags,
  };
  if (both?.html) article.html = both.html;
  const lang = langTag(item.language) ?? langTag(feed.lang) ?? langTag(parsed.language);
  if (lang) {
    article.langHint = lang;
    article.source.lang = langTag(feed.lang) ?? langTag(parsed.language) ?? lang;
  }
  // The feed's country as its operator filed it, else the one the article's domain names (.iq, .co.uk).
  const country = feed.country ?? countryOfHost(article.source.domain);
  if (country) article.source.country = country;
  if (item.author) article.author = item.author;
  if (item.image) article.image = item.image;
  if (item.geo) article.geo = { ...item.geo };
  if (item.media.length > 0) {
    article.media = item.media.slice(0, 20).map((m) => ({ url: m.url, ...(m.type ? { type: m.type } : {}), ...(m.medium ? { medium: m.medium } : {}), ...(m.length !== undefined ? { length: m.length } : {}) }));
  }
  return article;
}

/**
 * Every usable item of a parsed feed, once each: the same canonical URL twice in one feed
 * (a common CMS bug) yields the first occurrence only. None for a sitemap index.
 */
export function toRawArticles(parsed: ParsedFeed, feed: FeedRef, fetchedAt: Date, opts: NormalizeOptions = {}): RawArticle[] {
  // A sitemap index lists sitemaps, not articles (ingest fetches the children and reads those).
  if (parsed.sitemap?.kind === 'index') return [];
  const seen = new Set<string>();
  const out: RawArticle[] = [];
  for (const item of parsed.items) {
    const a = toRawArticle(item, parsed, feed, fetchedAt, opts);
    if (!a || seen.has(a.id)) continue;
    seen.add(a.id);
    out.push(a);
  }
  return out;
}
