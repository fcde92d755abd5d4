import { Readability } from '@mozilla/readability';
import { AkhbarError, dirOf } from '@akhbar/core';
import { langTag } from '@akhbar/feeds';
import { cleanDocument, foldMarker, pruneEmpty, removeBoilerplate, removeLinkLists, stripLeadingTitle, trimEdges } from './boilerplate.ts';
import { all, parseDocument, textOf, type DomDocument, type DomElement } from './dom.ts';
import { FulltextErrors } from './errors.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { blockText } from './text.ts';

/** The story a page holds, as Akhbar keeps it. */
export interface ExtractedArticle {
  /** Headline: JSON-LD headline, og:title, else Readability's `<title>` without the site name. */
  title: string;
  /** Plain text for search: paragraphs separated by a blank line. */
  text: string;
  /** Sanitised HTML of the story for display. */
  html: string;
  /** Characters of `text`. */
  length: number;
  /** First sentence-ish part of the story, or the page's description. */
  excerpt: string;
  lang?: string;
  dir: 'rtl' | 'ltr';
  canonical?: string;
  image?: string;
  author?: string;
  publishedAt?: string;
  siteName?: string;
  /** Where the metadata came from, for debugging (`akhbar article extract`). */
  metadata: PageMetadata;
}

export interface ExtractOptions {
  /** Final page URL (after redirects): resolves relative links, images and the canonical link. */
  url?: string;
  /** Below this many characters of story text the page counts as having no article. @default 150 */
  minTextLength?: number;
  /** Skip Akhbar's clean-up (Readability alone), for comparison in benchmarks. @default false */
  bare?: boolean;
}

interface Attempt {
  content: DomElement;
  title: string;
  byline?: string;
  dir?: string;
  lang?: string;
  excerpt?: string;
  publishedTime?: string;
}

function runReadability(doc: DomDocument): Attempt | undefined {
  const reader = new Readability<DomElement>(doc as never, { serializer: (n) => n as unknown as DomElement, charThreshold: 300 });
  const r = reader.parse();
  if (!r?.content) return undefined;
  const out: Attempt = { content: r.content, title: r.title ?? '' };
  if (r.byline) out.byline = r.byline;
  if (r.dir) out.dir = r.dir;
  if (r.lang) out.lang = r.lang;
  if (r.excerpt) out.excerpt = r.excerpt;
  if (r.publishedTime) out.publishedTime = r.publishedTime;
  return out;
}

/** Drop a leading heading that repeats the headline (Readability keeps it when titles differ slightly). */
function dropTitleHeading(content: DomElement, titles: string[]): void {
  const folded = titles.map(foldMarker).filter(Boolean);
  const first = all(content, 'h1,h2,h3,p')[0];
  if (!first || !/^h[1-3]$/.test(first.localName)) return;
  const h = foldMarker(textOf(first));
  if (h && folded.some((t) => t === h || (h.length > 15 && (t.includes(h) || h.includes(t))))) first.remove();
}

function postClean(content: DomElement, titles: string[], author: string | undefined): void {
  removeBoilerplate(content);
  removeLinkLists(content);
  dropTitleHeading(content, titles);
  trimEdges(content, { titles, author });
  pruneEmpty(content);
}

function firstSentence(text: string): string {
  const para = text.split('\n\n')[0] ?? '';
  const m = /^(.{40,300}?[.!?؟。])(\s|$)/su.exec(para);
  return (m?.[1] ?? para.slice(0, 300)).trim();
}

/**
 * Extract the story from an HTML page: metadata first (canonical, Open Graph, JSON-LD
 * NewsArticle, lang/dir), then Akhbar's boilerplate removal, Readability for the main block, the
 * clean-up again on that block, plain text for search and sanitised HTML for display. Pure: no
 * network, no Redis. Throws `AKHBAR_FULLTEXT_NO_ARTICLE` when the page holds no story.
 */
export function extractArticle(html: string, opts: ExtractOptions = {}): ExtractedArticle {
  const minText = opts.minTextLength ?? 150;
  const doc = parseDocument(html);
  const metadata = readMetadata(doc, opts.url);
  const titles = [metadata.headline ?? '', textOf(doc.querySelector('title')), textOf(doc.querySelector('h1'))];

  let attempt: Attempt | undefined;
  let text = '';
  if (opts.bare) {
    attempt = runReadability(doc);
    text = attempt ? blockText(attempt.content) : '';
  } else {
    cleanDocument(doc);
    attempt = runReadability(doc);
    if (attempt) {
      postClean(attempt.content, [...titles, attempt.title], metadata.author ?? attempt.byline);
      text = stripLeadingTitle(blockText(attempt.content), [...titles, attempt.title]);
    }
    // The page-level clean-up can misjudge an unusual template; Readability alone on a fresh
    // parse, then the same post-clean, is the fallback.
    if (text.length < minText) {
      const retry = runReadability(parseDocument(html));
      if (retry) {
        postClean(retry.content, [...titles, retry.title], metadata.author ?? retry.byline);
        const t = stripLeadingTitle(blockText(retry.content), [...titles, retry.title]);
        if (t.length > text.length) {
          attempt = retry;
          text = t;
        }
      }
    }
  }
  if (!attempt || text.length < minText) {
    // The page's headline still names an item that came without a title (a sitemap entry).
    const title = (titles[0] || attempt?.title || titles[1] || '').replace(/\s+/g, ' ').trim();
    throw new AkhbarError(FulltextErrors.NO_ARTICLE, `no article found on the page (${text.length} characters of story text)`, {
      permanent: true,
      details: { chars: text.length, ...(title ? { title } : {}) },
    });
  }

  const lang = metadata.lang ?? attempt.lang ?? undefined;
  const dirAttr = metadata.dir ?? (attempt.dir === 'rtl' || attempt.dir === 'ltr' ? attempt.dir : undefined);
  const tag = langTag(lang);
  const dir = dirAttr ?? (tag ? dirOf(tag) : /[\u0590-\u08ff]/.test(text.slice(0, 500)) ? 'rtl' : 'ltr');
  const out: ExtractedArticle = {
    title: (metadata.headline ?? (attempt.title || textOf(doc.querySelector('title')))).replace(/\s+/g, ' ').trim(),
    text,
    html: sanitizeArticleHtml(attempt.content.innerHTML, opts.url),
    length: text.length,
    excerpt: metadata.description ?? firstSentence(text),
    dir,
    metadata,
  };
  if (lang) out.lang = lang;
  if (metadata.canonical) out.canonical = metadata.canonical;
  if (metadata.image) out.image = metadata.image;
  const author = metadata.author ?? attempt.byline;
  if (author) out.author = author.replace(/\s+/g, ' ').trim();
  const published = metadata.publishedAt;
  if (published) out.publishedAt = published;
  if (metadata.siteName) out.siteName = metadata.siteName;
  return out;
}
