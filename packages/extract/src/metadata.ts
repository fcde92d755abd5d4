import { all, type DomDocument } from './dom.ts';

/** What a page says about itself, read before any clean-up touches the document. */
export interface PageMetadata {
  /** `<link rel=canonical>` (else `og:url`), absolute. */
  canonical?: string;
  /** JSON-LD `headline`, else `og:title` / `twitter:title`. */
  headline?: string;
  /** JSON-LD `author` names, else `<meta name=author>` / `article:author` when it is a name. */
  author?: string;
  /** JSON-LD `datePublished`, else `article:published_time` and kin, as ISO 8601. */
  publishedAt?: string;
  /** `og:image` (else `twitter:image`, JSON-LD `image`), absolute. */
  image?: string;
  /** `og:description` or `<meta name=description>`. */
  description?: string;
  /** `og:site_name` or JSON-LD `publisher.name`. */
  siteName?: string;
  /** `<html lang>` (else `content-language`, `og:locale`), as written (e.g. `ar-IQ`). */
  lang?: string;
  /** `<html dir>` or `<body dir>` when the page states it. */
  dir?: 'rtl' | 'ltr';
  /** The JSON-LD type the article data came from (NewsArticle, Article, BlogPosting…). */
  jsonLdType?: string;
}

const ARTICLE_TYPES = new Set([
  'newsarticle', 'article', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'backgroundnewsarticle',
  'reviewnewsarticle', 'blogposting', 'liveblogposting', 'report', 'scholarlyarticle', 'techarticle', 'socialmediaposting', 'webpage',
]);

function absolute(href: string | null | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function meta(doc: DomDocument, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const el of all(doc, 'meta')) {
      const k = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
      if (k !== key) continue;
      const v = (el.getAttribute('content') ?? '').trim();
      if (v) return v;
    }
  }
  return undefined;
}

/** An ISO date from a page's date string, or undefined when it does not parse. */
export function pageDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value.trim());
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  // A year outside this range is a template placeholder, not a publication date.
  return d.getUTCFullYear() < 1990 || d.getUTCFullYear() > 2100 ? undefined : d.toISOString();
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * JSON-LD blocks are often slightly broken (trailing commas, HTML comments, CDATA, raw newlines
 * in strings). Try as written, then once more with those repaired; give up quietly after that.
 */
function parseJsonLd(text: string): Json | undefined {
  const attempts = [
    text,
    text
      .replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      .replace(/,\s*([}\]])/g, '$1')
      .replace(/[\u0000-\u001f]+/g, ' '),
  ];
  for (const a of attempts) {
    try {
      return JSON.parse(a) as Json;
    } catch {
      // try the repaired form
    }
  }
  return undefined;
}

function typesOf(node: { [k: string]: Json }): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
}

/** Every object in JSON-LD (top level, arrays, `@graph`), depth-bounded. */
function* objects(node: Json, depth = 0): Generator<{ [k: string]: Json }> {
  if (depth > 6 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* objects(n, depth + 1);
    return;
  }
  yield node;
  const graph = node['@graph'];
  if (graph) yield* objects(graph, depth + 1);
  const main = node.mainEntity ?? node.mainEntityOfPage;
  if (main && typeof main === 'object') yield* objects(main, depth + 1);
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v.trim() && !/^https?:\/\//i.test(v.trim()) ? [v.trim()] : [];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object') return names(v.name ?? null);
  return [];
}

function imageUrl(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return imageUrl(v[0]);
  if (v && typeof v === 'object') return str(v.url) ?? str(v.contentUrl) ?? str(v['@id']);
  return undefined;
}

function fromJsonLd(doc: DomDocument): { node: { [k: string]: Json }; type: string } | undefined {
  let best: { node: { [k: string]: Json }; type: string; rank: number } | undefined;
  for (const script of all(doc, 'script')) {
    if (!/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    const parsed = parseJsonLd(script.textContent ?? '');
    if (parsed === undefined) continue;
    for (const obj of objects(parsed)) {
      const type = typesOf(obj).find((t) => ARTICLE_TYPES.has(t));
      if (!type) continue;
      // A NewsArticle beats a generic WebPage describing the same page.
      const rank = type === 'webpage' ? 1 : type.endsWith('newsarticle') ? 3 : 2;
      if (!best || rank > best.rank) best = { node: obj, type, rank };
    }
  }
  return best && { node: best.node, type: best.type };
}

/** Read canonical link, Open Graph, article:*, JSON-LD NewsArticle, `<html lang>` and `dir`. */
export function readMetadata(doc: DomDocument, pageUrl?: string): PageMetadata {
  const out: PageMetadata = {};
  const ld = fromJsonLd(doc);
  const canonicalEl = all(doc, 'link').find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const canonical = absolute(canonicalEl?.getAttribute('href'), pageUrl) ?? absolute(meta(doc, 'og:url'), pageUrl);
  if (canonical) out.canonical = canonical;

  // <title> usually carries the site name too; extraction falls back to Readability's cleaned one.
  const headline = str(ld?.node.headline) ?? meta(doc, 'og:title', 'twitter:title');
  if (headline) out.headline = headline;

  const ldAuthors = names(ld?.node.author);
  const metaAuthor = meta(doc, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator');
  const author = ldAuthors.length > 0 ? [...new Set(ldAuthors)].join(', ') : metaAuthor && !/^https?:\/\//i.test(metaAuthor) ? metaAuthor : undefined;
  if (author) out.author = author;

  const timeEl = doc.querySelector('time[pubdate]') ?? doc.querySelector('[itemprop="datePublished"]');
  const published =
    pageDate(str(ld?.node.datePublished)) ??
    pageDate(meta(doc, 'article:published_time', 'og:published_time', 'datepublished', 'publishdate', 'pubdate', 'dc.date.issued', 'dc.date', 'date')) ??
    pageDate(timeEl?.getAttribute('datetime') ?? timeEl?.getAttribute('content') ?? undefined);
  if (published) out.publishedAt = published;

  const image = absolute(meta(doc, 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'), pageUrl) ?? absolute(imageUrl(ld?.node.image), pageUrl);
  if (image) out.image = image;

  const description = meta(doc, 'og:description', 'description', 'twitter:description') ?? str(ld?.node.description);
  if (description) out.description = description;

  const publisher = ld?.node.publisher;
  const siteName = meta(doc, 'og:site_name', 'application-name') ?? (publisher && typeof publisher === 'object' && !Array.isArray(publisher) ? str(publisher.name) : undefined);
  if (siteName) out.siteName = siteName;

  const htmlLang = doc.documentElement.getAttribute('lang') ?? doc.documentElement.getAttribute('xml:lang');
  const httpLang = all(doc, 'meta').find((m) => (m.getAttribute('http-equiv') ?? '').toLowerCase() === 'content-language')?.getAttribute('content');
  const ogLocale = meta(doc, 'og:locale');
  const lang = (htmlLang ?? httpLang ?? str(ld?.node.inLanguage) ?? ogLocale ?? '').trim().split(',')[0]!.trim().replace(/_/g, '-');
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang)) out.lang = lang;

  const dir = (doc.documentElement.getAttribute('dir') ?? doc.body?.getAttribute('dir') ?? '').trim().toLowerCase();
  if (dir === 'rtl' || dir === 'ltr') out.dir = dir;

  if (ld) out.jsonLdType = ld.type;
  return out;
}
