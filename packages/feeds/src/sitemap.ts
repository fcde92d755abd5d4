import { Parser as HtmlParser } from 'htmlparser2';
import { parseFeedDate } from './dates.ts';
import { resolveUrl, textOf } from './html.ts';
import type { ParsedFeed, ParsedItem, ParsedMedia, ParseMeta } from './parse.ts';

/**
 * Sitemaps as feeds: `<urlset>` (Google News sitemaps, whose entries carry a title, a
 * publication date, a language and keywords, and plain sitemaps, which list a whole site) and
 * `<sitemapindex>` (its items are the child sitemaps; ingest follows the newest few).
 *
 * Read with htmlparser2 in XML mode, as OPML is: it never expands DTD entities, forgives the
 * broken markup sitemap generators write (raw `&` in URLs, unclosed tags) and streams, so a
 * 50 000-URL sitemap costs one pass. parse.ts has already refused entity declarations
 * (inspectProlog), absurd nesting, and dropped control characters and junk before the root.
 */

export type SitemapKind = 'news' | 'plain' | 'index';

export interface SitemapOptions {
  /** The fetch time that plain entries' lastmod is judged against. @default now */
  now?: Date | undefined;
  /** Entries without `<news:news>` are kept only when their lastmod is this recent. @default 48 */
  maxAgeHours?: number | undefined;
  /** Items kept per sitemap, the newest when there are more. @default SITEMAP_MAX_ITEMS */
  maxItems?: number | undefined;
}

/** Google's cap on the URLs of one news sitemap, applied to every sitemap per poll. */
export const SITEMAP_MAX_ITEMS = 1000;
/** Longest text kept from one element (a URL, a title): a sitemap has no bodies. */
const MAX_TEXT = 16_384;

/** What a namespace URI is to a sitemap (versions vary: sitemap/0.84, sitemaps.org 0.9…). */
function nsKind(uri: string): 'sm' | 'news' | 'image' | 'other' {
  if (/sitemap-news/i.test(uri)) return 'news';
  if (/sitemap-image/i.test(uri)) return 'image';
  return /sitemaps\.org|\/schemas\/sitemap\//i.test(uri) ? 'sm' : 'other';
}

/** `urlset` or `sitemapindex`, under any prefix. */
export function sitemapRoot(root: string): 'urlset' | 'sitemapindex' | undefined {
  const local = root.replace(/^.*:/, '').toLowerCase();
  return local === 'urlset' || local === 'sitemapindex' ? local : undefined;
}

interface Entry {
  loc: string;
  lastmod: string;
  news: boolean;
  title: string;
  published: string;
  keywords: string;
  publication: string;
  language: string;
  images: string[];
}

type Field = 'loc' | 'lastmod' | 'title' | 'published' | 'keywords' | 'publication' | 'language' | 'image';

/** An absolute http(s) URL; the protocol caps one at 2 048 characters, longer is junk. */
function httpUrl(s: string, base: string | undefined): string | undefined {
  const t = s.trim();
  if (!t || t.length > 2048) return undefined;
  const abs = resolveUrl(t, base);
  return /^https?:\/\//i.test(abs) ? abs : undefined;
}

function isHomePage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.pathname === '/' && !u.search;
  } catch {
    return false;
  }
}

/** Keywords are comma separated; Arabic sites often use the Arabic comma. */
function keywordsOf(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[,،]/)) {
    const k = textOf(part.trim().slice(0, 200), false);
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

/** The first of the written dates that parses, else the first written (normalisation flags it). */
function pickDate(...written: string[]): string | undefined {
  const present = written.map((w) => w.trim()).filter(Boolean);
  return present.find((w) => parseFeedDate(w) !== undefined) ?? present[0];
}

/**
 * Newest first by date; undated items after dated ones, each group in document order (a stable
 * sort). Used for an index's children and when a sitemap holds more than `maxItems`.
 */
function newestFirst(items: ParsedItem[]): ParsedItem[] {
  const time = new Map(items.map((i) => [i, parseFeedDate(i.date)?.getTime() ?? -Infinity]));
  return [...items].sort((a, b) => time.get(b)! - time.get(a)!);
}

/**
 * A sitemap's text (from its root element on) as a feed. Entries without a usable `<loc>` are
 * skipped; plain entries (no `<news:news>`) older than `maxAgeHours`, or without a readable
 * lastmod, are left out; at most `maxItems` remain. An index's items are its child sitemaps,
 * newest lastmod first.
 */
export function parseSitemap(text: string, root: string, meta: ParseMeta = {}): Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'> {
  const index = sitemapRoot(root) === 'sitemapindex';
  const opts = meta.sitemap ?? {};
  const base = meta.url;
  // Prefixes as declared; `news:` and `image:` mean Google's even when a generator forgot to declare them.
  const prefixes = new Map<string, string>();
  const nsOf = (name: string): { ns: ReturnType<typeof nsKind>; local: string } => {
    const colon = name.indexOf(':');
    // Unprefixed elements are the sitemap's own, whatever default namespace (or none) is declared.
    if (colon < 0) return { ns: 'sm', local: name.toLowerCase() };
    const prefix = name.slice(0, colon);
    const uri = prefixes.get(prefix);
    return { ns: uri !== undefined ? nsKind(uri) : prefix === 'news' || prefix === 'image' ? prefix : 'other', local: name.slice(colon + 1).toLowerCase() };
  };
  const now = (opts.now ?? new Date()).getTime();
  const oldest = now - (opts.maxAgeHours ?? 48) * 3_600_000;
  const maxItems = Math.max(1, opts.maxItems ?? SITEMAP_MAX_ITEMS);
  let items: ParsedItem[] = [];
  let count = 0;
  let hasNews = false;
  let feedTitle = '';
  let feedLang = '';

  /** One closed entry → an item, or undefined when it is skipped. */
  const itemOf = (e: Entry): ParsedItem | undefined => {
    const link = httpUrl(e.loc, base);
    if (!link) return undefined;
    const item: ParsedItem = { title: '', link, categories: [], media: [] };
    if (e.news) {
      hasNews = true;
      const title = textOf(e.title, false);
      if (title) item.title = title;
      const date = pickDate(e.published, e.lastmod);
      if (date) item.date = date;
      item.categories = keywordsOf(e.keywords);
      const lang = e.language.trim();
      if (lang) item.language = lang;
      if (!feedTitle && e.publication.trim()) feedTitle = textOf(e.publication, false);
      if (!feedLang && lang) feedLang = lang;
    } else {
      const date = pickDate(e.lastmod);
      if (date) item.date = date;
      if (!index) {
        // A plain sitemap lists the whole site: only what changed lately is news, and the home
        // page (which changes all the time) never is.
        const when = parseFeedDate(date);
        if (!when || when.getTime() < oldest || isHomePage(link)) return undefined;
      }
    }
    const media: ParsedMedia[] = [];
    for (const img of e.images) {
      const url = httpUrl(img, base);
      if (url && !media.some((m) => m.url === url)) media.push({ url, medium: 'image' });
    }
    if (media.length > 0) {
      item.media = media.slice(0, 20);
      item.image = media[0]!.url;
    }
    return item;
  };
  /** What each open element is here; `skip` for foreign ones (video:, xhtml:link…) and all inside them. */
  const stack: string[] = [];
  let entry: Entry | undefined;
  let capture: { field: Field; depth: number; text: string } | undefined;
  const fields: Record<string, Field> = {
    'entry/sm:loc': 'loc', 'entry/sm:lastmod': 'lastmod',
    'news/news:title': 'title', 'news/news:publication_date': 'published', 'news/news:keywords': 'keywords',
    'publication/news:name': 'publication', 'publication/news:language': 'language',
    'imageset/image:loc': 'image',
  };
  const containers: Record<string, string> = { 'entry/news:news': 'news', 'news/news:publication': 'publication', 'entry/image:image': 'imageset' };

  const parser = new HtmlParser(
    {
      onopentag(name, attrs) {
        for (const [k, v] of Object.entries(attrs)) if (k.startsWith('xmlns:')) prefixes.set(k.slice(6), v.trim());
        const { ns, local } = nsOf(name);
        const parent = stack[stack.length - 1] ?? '';
        let role = 'other';
        if (parent === 'skip' || ns === 'other') role = 'skip';
        else if (!entry && stack.length === 1 && ns === 'sm' && local === (index ? 'sitemap' : 'url')) {
          role = 'entry';
          entry = { loc: '', lastmod: '', news: false, title: '', published: '', keywords: '', publication: '', language: '', images: [] };
        } else if (entry) {
          const key = `${parent}/${ns}:${local}`;
          const field = fields[key];
          if (field) {
            role = 'field';
            capture = { field, depth: stack.length, text: '' };
          } else if (containers[key] && !index) {
            role = containers[key];
            if (role === 'news') entry.news = true;
          }
        }
        stack.push(role);
      },
      ontext(t) {
        if (capture && capture.text.length < MAX_TEXT) capture.text += t;
      },
      onclosetag() {
        const role = stack.pop();
        if (capture && stack.length === capture.depth && entry) {
          const value = capture.text.slice(0, MAX_TEXT);
          if (capture.field === 'image') entry.images.push(value);
          else if (!entry[capture.field]) entry[capture.field] = value;
          capture = undefined;
        }
        if (role === 'entry' && entry) {
          count++;
          const item = itemOf(entry);
          entry = undefined;
          if (item) items.push(item);
          // Memory stays bounded however many entries a body holds: the newest are kept as we go.
          if (items.length >= 2 * maxItems) items = newestFirst(items).slice(0, maxItems);
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  parser.end();

  if (index || items.length > maxItems) items = newestFirst(items).slice(0, maxItems);

  const feed: Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'> = {
    format: 'sitemap',
    sitemap: { kind: index ? 'index' : hasNews ? 'news' : 'plain', entries: count },
    items,
  };
  if (feedTitle) feed.title = feedTitle;
  if (feedLang) feed.language = feedLang;
  const site = base ? httpUrl('/', base) : undefined;
  if (site) feed.link = site;
  return feed;
}
