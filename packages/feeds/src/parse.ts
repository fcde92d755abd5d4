import Parser from 'rss-parser';
import { AkhbarError, type GeoPoint } from '@akhbar/core';
import { decodeBody, type CharsetSource } from './decode.ts';
import { findFeedLinks } from './discover.ts';
import { FeedErrors } from './errors.ts';
import { firstImage, resolveUrl, textOf } from './html.ts';
import { parseSitemap, sitemapRoot, type SitemapKind, type SitemapOptions } from './sitemap.ts';
import { sniffFormat } from './sniff.ts';
import { hasIllegalChars, inspectProlog, liftBodies, nestingExceeds, rebuildXml, repairXml, restoreLifted, stripIllegalChars, xhtmlToHtml } from './xml.ts';

/**
 * Bytes → a parsed feed, format detected from the content (never from the URL):
 * RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 (0.3 tolerated), JSON Feed 1.0/1.1, and sitemaps
 * (Google News and plain `<urlset>`, `<sitemapindex>`; read in sitemap.ts).
 *
 * rss-parser (xml2js) parses the XML; what it misses is read here from the XML tree it keeps:
 * Atom xml:base and relative links, content types, Atom categories, Media RSS, Dublin Core,
 * enclosures. rss-parser's own per-item date conversion throws on a broken Atom date and would
 * lose the whole feed, so dates are taken away from it and parsed by `parseFeedDate` later.
 * A strict parse is tried first; only when it fails is the text repaired and parsed again, and
 * the feed is then flagged `feed-repaired`.
 */

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap';

export interface ParsedMedia {
  url: string;
  type?: string;
  medium?: string;
  length?: number;
}

export interface ParsedItem {
  /** Plain text. */
  title: string;
  /** Absolute when it could be resolved (xml:base, feed URL). */
  link?: string;
  guid?: string;
  /** The date as written; normalisation parses it. */
  date?: string;
  /** Content as HTML (RSS description/content:encoded, Atom html/xhtml, JSON content_html). */
  html?: string;
  /** Content as plain text (Atom type="text", JSON content_text). */
  text?: string;
  /** A separate summary (RSS description beside content:encoded, Atom summary, JSON summary). */
  summaryHtml?: string;
  summaryText?: string;
  author?: string;
  categories: string[];
  image?: string;
  media: ParsedMedia[];
  /** Language the item declares (dc:language, xml:lang, JSON language). */
  language?: string;
  /** Base URL for relative links inside the content. */
  base?: string;
  /** The item's own point (GeoRSS Simple or GML, W3C Basic Geo). */
  geo?: GeoPoint;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** Version as declared ("2.0", "0.91", "1.1"…). */
  version?: string;
  title?: string;
  /** Site (home page) URL. */
  link?: string;
  description?: string;
  language?: string;
  image?: string;
  items: ParsedItem[];
  /**
   * Set when format is 'sitemap': news, plain or index (whose items are child sitemaps, newest
   * first), and how many entries the document listed before old ones and the cap left some out.
   */
  sitemap?: { kind: SitemapKind; entries: number };
  /**
   * Where the feed's publisher pushes new items (WebSub): its hub, and the feed's own URL (`self`)
   * the hub knows it by — from `<atom:link rel="hub">` / `rel="self"` (Atom, RSS) or JSON Feed's
   * `hubs` and `feed_url`. The HTTP Link header says the same and comes first (websubLinks).
   */
  websub?: { hub: string; self?: string };
  /** 'feed-repaired' when the text needed repair to parse. */
  flags: Array<'feed-repaired'>;
  /** What the repair did (control-characters, entities, junk-before-root…). */
  repairs: string[];
  charset: string;
  charsetSource: CharsetSource;
}

export interface ParseMeta {
  /** Where the bytes came from: base for relative links, and the page URL for discovery on HTML. */
  url?: string | undefined;
  contentType?: string | undefined;
  /** How a plain sitemap is cut to its recent entries (see sitemap.ts). */
  sitemap?: SitemapOptions | undefined;
}

type XmlObj = Record<string | symbol, any>;
const RAW = Symbol('akhbar.raw');

const proto = Parser.prototype as unknown as Record<string, (...args: any[]) => any>;
const BaseParser = Parser as unknown as new (opts: object) => { parseString(xml: string): Promise<XmlObj> };

/** rss-parser with the XML tree of each item and channel kept beside its mapping. */
class KeepingParser extends BaseParser {
  parseItemAtom(entry: XmlObj): XmlObj {
    const safe: XmlObj = { ...entry };
    delete safe.published;
    delete safe.updated;
    if (Array.isArray(safe.link)) safe.link = safe.link.filter((l) => l && typeof l === 'object' && l.$ && typeof l.$.href === 'string');
    const item = proto.parseItemAtom!.call(this, safe) as XmlObj;
    item[RAW] = entry;
    return item;
  }
  parseItemRss(xmlItem: XmlObj, fields: unknown): XmlObj {
    const item = proto.parseItemRss!.call(this, xmlItem, fields) as XmlObj;
    item[RAW] = xmlItem;
    return item;
  }
  buildAtomFeed(xmlObj: XmlObj): XmlObj {
    const feed = proto.buildAtomFeed!.call(this, xmlObj) as XmlObj;
    feed[RAW] = xmlObj.feed;
    return feed;
  }
  buildRSS(channel: XmlObj, items: unknown): XmlObj {
    const feed = proto.buildRSS!.call(this, channel, items) as XmlObj;
    feed[RAW] = channel;
    return feed;
  }
}

const NO_ANSWER = Symbol('no answer');
/** Unescaped HTML inside a description counts too, so this is generous. */
const MAX_XML_DEPTH = 1024;

let shared = new KeepingParser({ defaultRSS: 2 });

/**
 * Parse with rss-parser. xml2js keeps per-instance state, and after certain errors a reused
 * instance swallows the next error without ever calling back (the promise would hang the fetch
 * forever), so the instance is replaced after every failure. xml2js runs synchronously, so a
 * parse that has not settled by the time parseString returns never will; that is reported as an
 * error instead of waited for.
 */
async function rssParse(text: string): Promise<XmlObj> {
  const parser = shared;
  const pending = parser.parseString(text);
  let first: unknown;
  try {
    first = await Promise.race([pending, Promise.resolve(NO_ANSWER)]);
  } catch (err) {
    if (shared === parser) shared = new KeepingParser({ defaultRSS: 2 });
    throw err;
  }
  if (first === NO_ANSWER) {
    pending.catch(() => undefined);
    if (shared === parser) shared = new KeepingParser({ defaultRSS: 2 });
    throw new Error('the XML parser gave no answer');
  }
  return first as XmlObj;
}

/**
 * Every string of rss-parser's result, its mapping and the XML tree kept beside it, with the
 * bodies lifted out before parsing put back (see liftBodies). Shared branches are simply visited
 * twice; the tree is as deep as the document, which nestingExceeds has bounded.
 */
function restoreTree(node: XmlObj | unknown[], lifted: readonly string[]): void {
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return restoreLifted(v, lifted);
    if (v && typeof v === 'object') restoreTree(v as XmlObj, lifted);
    return v;
  };
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
    return;
  }
  for (const k of Object.keys(node)) node[k] = visit(node[k]);
  if (node[RAW]) visit(node[RAW]);
}

/** Text of an xml2js value: a string, `{ _: text, $: attrs }`, or the first of an array. */
function txt(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return txt(v[0]);
  if (typeof v === 'object' && typeof (v as XmlObj)._ === 'string') return (v as XmlObj)._ as string;
  return '';
}
function attrs(v: unknown): Record<string, string> {
  const o = Array.isArray(v) ? v[0] : v;
  return o && typeof o === 'object' && o.$ && typeof o.$ === 'object' ? (o.$ as Record<string, string>) : {};
}
function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v == null ? [] : [v];
}
function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
function httpUrl(s: string | undefined, base?: string): string | undefined {
  const t = nonEmpty(s);
  if (!t) return undefined;
  const abs = resolveUrl(t, base);
  return /^https?:\/\//i.test(abs) ? abs : undefined;
}
function num(s: string | undefined): number | undefined {
  const n = s === undefined ? NaN : Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A latitude and a longitude as written, when both are numbers in range. */
function geoPoint(lat: string, lon: string): GeoPoint | undefined {
  if (!lat.trim() || !lon.trim()) return undefined;
  const p = { lat: Number(lat), lon: Number(lon) };
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180 ? p : undefined;
}

/** "lat lon" (GeoRSS Simple and GML both put latitude first). */
function geoPair(s: string): GeoPoint | undefined {
  const parts = s.trim().split(/[\s,]+/);
  return parts.length === 2 ? geoPoint(parts[0]!, parts[1]!) : undefined;
}

/**
 * The point a feed gives an item: GeoRSS Simple (`<georss:point>lat lon</georss:point>`), GeoRSS
 * GML (`<georss:where><gml:Point><gml:pos>lat lon</gml:pos></gml:Point></georss:where>`) or W3C
 * Basic Geo (`<geo:lat>`/`<geo:long>`, bare or inside `<geo:Point>`), under their usual prefixes.
 * Lines, boxes and polygons are not points and are left out; so is a point out of range.
 * Written here because rss-parser keeps these elements only as raw XML and no maintained library
 * reads GeoRSS from an already parsed item.
 */
function geoOf(raw: XmlObj): GeoPoint | undefined {
  const simple = nonEmpty(txt(raw['georss:point']));
  const fromSimple = simple ? geoPair(simple) : undefined;
  if (fromSimple) return fromSimple;
  const where = list(raw['georss:where'])[0] as XmlObj | undefined;
  const gml = where && typeof where === 'object' ? (list(where['gml:Point'])[0] as XmlObj | undefined) : undefined;
  const pos = gml && typeof gml === 'object' ? nonEmpty(txt(gml['gml:pos'])) : undefined;
  const fromGml = pos ? geoPair(pos) : undefined;
  if (fromGml) return fromGml;
  const inner = list(raw['geo:Point'])[0] as XmlObj | undefined;
  for (const o of [raw, inner]) {
    if (!o || typeof o !== 'object') continue;
    const p = geoPoint(txt(o['geo:lat']), txt(o['geo:long']) || txt(o['geo:lon']));
    if (p) return p;
  }
  return undefined;
}

function mediaFrom(raw: XmlObj, base: string | undefined): { media: ParsedMedia[]; thumb?: string } {
  const media: ParsedMedia[] = [];
  let thumb: string | undefined;
  const addThumbs = (v: unknown) => {
    for (const t of list(v)) {
      const url = httpUrl(attrs(t).url, base);
      if (url && !thumb) thumb = url;
    }
  };
  const addContent = (v: unknown) => {
    for (const c of list(v)) {
      const a = attrs(c);
      const url = httpUrl(a.url, base);
      if (url) {
        const m: ParsedMedia = { url };
        if (a.type) m.type = a.type;
        const medium = a.medium ?? (a.type?.split('/')[0] === 'image' ? 'image' : undefined);
        if (medium) m.medium = medium;
        const len = num(a.fileSize);
        if (len !== undefined) m.length = len;
        media.push(m);
      }
      if (c && typeof c === 'object') addThumbs((c as XmlObj)['media:thumbnail']);
    }
  };
  addThumbs(raw['media:thumbnail']);
  addContent(raw['media:content']);
  for (const g of list(raw['media:group'])) {
    if (g && typeof g === 'object') {
      addThumbs((g as XmlObj)['media:thumbnail']);
      addContent((g as XmlObj)['media:content']);
    }
  }
  for (const e of list(raw.enclosure)) {
    const a = attrs(e);
    const url = httpUrl(a.url, base);
    if (!url) continue;
    const m: ParsedMedia = { url };
    if (a.type) m.type = a.type;
    if (a.type?.startsWith('image/')) m.medium = 'image';
    const len = num(a.length);
    if (len !== undefined && len > 0) m.length = len;
    if (!media.some((x) => x.url === url)) media.push(m);
  }
  return { media, ...(thumb ? { thumb } : {}) };
}

function pickImage(thumb: string | undefined, media: ParsedMedia[], raw: XmlObj, html: string | undefined, base: string | undefined): string | undefined {
  return (
    thumb ??
    media.find((m) => m.medium === 'image' || m.type?.startsWith('image/'))?.url ??
    httpUrl(attrs(raw['itunes:image']).href, base) ??
    (html ? firstImage(html, base) : undefined)
  );
}

function categoriesOf(values: unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const a = attrs(v);
    const c = nonEmpty(txt(v)) ?? nonEmpty(a.label) ?? nonEmpty(a.term) ?? nonEmpty(a.text);
    if (c) for (const part of c.length > 200 ? [c.slice(0, 200)] : [c]) if (!out.includes(part)) out.push(textOf(part, false));
  }
  return out.filter(Boolean);
}

/** Several authors of one item (repeated `dc:creator` or `<author>`, JSON Feed's `authors`) as one byline, "A, B"; `bylineNames` reads it back as names. */
function joinNames(names: Array<string | undefined>): string | undefined {
  const out: string[] = [];
  for (const n of names) {
    const t = nonEmpty(n);
    if (t && !out.includes(t)) out.push(t);
  }
  return out.length > 0 ? out.join(', ') : undefined;
}

/** RSS `<author>` is "email (Name)"; the name is what a reader wants. */
function authorName(s: string): string | undefined {
  const t = s.trim();
  const m = /^\S+@\S+\s*\((.+)\)$/.exec(t);
  if (m) return m[1]!.trim();
  if (/^\S+@\S+$/.test(t)) return undefined;
  return nonEmpty(textOf(t, false));
}

/** Atom text constructs: type text (default), html, xhtml (already turned into html), or a media type. */
function atomText(v: unknown): { html?: string; text?: string } {
  const value = txt(v);
  if (!value.trim()) return {};
  const type = (attrs(v).type ?? 'text').toLowerCase();
  if (type === 'html' || type === 'xhtml' || type.includes('html')) return { html: value };
  return { text: value };
}

function rssItem(it: XmlObj, feedBase: string | undefined): ParsedItem {
  const raw = (it[RAW] ?? {}) as XmlObj;
  const base = feedBase;
  const titleRaw = txt(raw.title) || txt(raw['dc:title']) || (typeof it.title === 'string' ? it.title : '');
  const guidRaw = nonEmpty(txt(raw.guid));
  const guidPermalink = attrs(raw.guid).isPermaLink !== 'false';
  const link =
    httpUrl(txt(raw.link), base) ??
    httpUrl(attrs(raw.link).href, base) ??
    httpUrl(attrs(raw['atom:link']).href, base) ??
    httpUrl(attrs(raw).about ?? attrs(raw)['rdf:about'], base) ??
    (guidRaw && guidPermalink ? httpUrl(guidRaw) : undefined) ??
    httpUrl(txt(raw['feedburner:origLink']), base);
  const encoded = nonEmpty(txt(raw['content:encoded']));
  const description = nonEmpty(txt(raw.description)) ?? nonEmpty(txt(raw['itunes:summary']));
  const html = encoded ?? description;
  const { media, thumb } = mediaFrom(raw, base);
  const item: ParsedItem = {
    title: textOf(titleRaw, false),
    categories: categoriesOf([...list(raw.category), ...list(raw['dc:subject'])]),
    media,
  };
  if (link) item.link = link;
  if (guidRaw) item.guid = guidRaw;
  const date = nonEmpty(txt(raw.pubDate)) ?? nonEmpty(txt(raw['dc:date'])) ?? nonEmpty(txt(raw['atom:updated'])) ?? nonEmpty(txt(raw['a10:updated']));
  if (date) item.date = date;
  if (html) item.html = html;
  if (encoded && description && description !== encoded) item.summaryHtml = description;
  const creators = joinNames(list(raw['dc:creator']).map((c) => txt(c)));
  const author = creators ?? joinNames(list(raw.author).map((a) => authorName(txt(a)))) ?? nonEmpty(txt(raw['itunes:author']));
  if (author) item.author = textOf(author, false);
  const image = pickImage(thumb, media, raw, html, base);
  if (image) item.image = image;
  const lang = nonEmpty(txt(raw['dc:language']));
  if (lang) item.language = lang;
  if (base) item.base = base;
  const geo = geoOf(raw);
  if (geo) item.geo = geo;
  return item;
}

function atomItem(it: XmlObj, feedBase: string | undefined): ParsedItem {
  const raw = (it[RAW] ?? {}) as XmlObj;
  const base = xmlBase(attrs(raw)['xml:base'], feedBase);
  const title = atomText(raw.title);
  const links = list(raw.link).map((l) => attrs(l)).filter((a) => a.href);
  const alt = links.find((a) => !a.rel || a.rel === 'alternate') ?? links.find((a) => a.rel !== 'enclosure' && a.rel !== 'self' && a.rel !== 'replies' && a.rel !== 'edit');
  const link = alt ? httpUrl(alt.href, xmlBase(alt['xml:base'], base)) : undefined;
  const id = nonEmpty(txt(raw.id));
  const content = atomText(raw.content);
  const summary = atomText(raw.summary);
  const contentBase = xmlBase(attrs(raw.content)['xml:base'], base);
  const { media, thumb } = mediaFrom(raw, base);
  for (const l of links.filter((a) => a.rel === 'enclosure')) {
    const url = httpUrl(l.href, base);
    if (!url || media.some((m) => m.url === url)) continue;
    const m: ParsedMedia = { url };
    if (l.type) m.type = l.type;
    if (l.type?.startsWith('image/')) m.medium = 'image';
    const len = num(l.length);
    if (len) m.length = len;
    media.push(m);
  }
  const item: ParsedItem = {
    title: textOf(title.html ?? title.text ?? '', title.html !== undefined),
    categories: categoriesOf([...list(raw.category), ...list(raw['dc:subject'])]),
    media,
  };
  const finalLink = link ?? (id ? httpUrl(id) : undefined);
  if (finalLink) item.link = finalLink;
  if (id) item.guid = id;
  const date = nonEmpty(txt(raw.published)) ?? nonEmpty(txt(raw.updated)) ?? nonEmpty(txt(raw.issued)) ?? nonEmpty(txt(raw.modified)) ?? nonEmpty(txt(raw['dc:date']));
  if (date) item.date = date;
  const body = content.html !== undefined || content.text !== undefined ? content : summary;
  if (body.html !== undefined) item.html = body.html;
  else if (body.text !== undefined) item.text = body.text;
  if (body === content) {
    if (summary.html !== undefined) item.summaryHtml = summary.html;
    else if (summary.text !== undefined) item.summaryText = summary.text;
  }
  const authorObjs = list(raw.author) as Array<XmlObj | string>;
  const author = joinNames(authorObjs.map((a) => (typeof a === 'string' ? a : txt(a.name)))) ?? joinNames(list(raw['dc:creator']).map((c) => txt(c)));
  if (author) item.author = textOf(author, false);
  const image = pickImage(thumb, media, raw, item.html, contentBase);
  if (image) item.image = image;
  const lang = nonEmpty(attrs(raw)['xml:lang']) ?? nonEmpty(attrs(raw.content)['xml:lang']);
  if (lang) item.language = lang;
  if (contentBase) item.base = contentBase;
  const geo = geoOf(raw);
  if (geo) item.geo = geo;
  return item;
}

function xmlBase(value: string | undefined, parent: string | undefined): string | undefined {
  if (!value?.trim()) return parent;
  const r = resolveUrl(value, parent);
  return /^https?:\/\//i.test(r) ? r : parent;
}

/** The hub and self links among a feed's `<link>`s (Atom) or `<atom:link>`s (RSS). */
function websubOf(links: ReadonlyArray<Record<string, string>>, base: string | undefined): ParsedFeed['websub'] {
  const rel = (a: Record<string, string>, r: string) => (a.rel ?? '').toLowerCase().split(/\s+/).includes(r);
  const hub = links.map((a) => (rel(a, 'hub') ? httpUrl(a.href, base) : undefined)).find(Boolean);
  if (!hub) return undefined;
  const self = links.map((a) => (rel(a, 'self') ? httpUrl(a.href, base) : undefined)).find(Boolean);
  return { hub, ...(self ? { self } : {}) };
}

/**
 * WebSub discovery from an HTTP `Link` header (`<https://hub.example/>; rel="hub",
 * <https://site.example/feed>; rel="self"`), which the specification reads before the body;
 * undefined without a hub. Hand-written: one header, two relations — no parser needed for that.
 */
export function websubLinks(header: string | undefined, base?: string): ParsedFeed['websub'] {
  if (!header) return undefined;
  const links: Array<Record<string, string>> = [];
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,=]+=(?:"[^"]*"|[^;,]*))*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(m[2] ?? '');
    if (rel) links.push({ href: m[1]!, rel: rel[1] ?? rel[2] ?? '' });
  }
  return websubOf(links, base);
}

function fromRssParser(out: XmlObj, meta: ParseMeta, format: FeedFormat, version: string | undefined): Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'> {
  const raw = (out[RAW] ?? {}) as XmlObj;
  const feed: Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'> = { format, items: [] };
  if (version) feed.version = version;
  if (format === 'atom') {
    const base = xmlBase(attrs(raw)['xml:base'], meta.url);
    const title = atomText(raw.title);
    const t = textOf(title.html ?? title.text ?? '', title.html !== undefined);
    if (t) feed.title = t;
    const links = list(raw.link).map((l) => attrs(l)).filter((a) => a.href);
    const site = links.find((a) => !a.rel || a.rel === 'alternate');
    const link = site ? httpUrl(site.href, base) : undefined;
    if (link) feed.link = link;
    const websub = websubOf(links, base);
    if (websub) feed.websub = websub;
    const sub = atomText(raw.subtitle);
    const desc = textOf(sub.html ?? sub.text ?? '', sub.html !== undefined);
    if (desc) feed.description = desc;
    const lang = nonEmpty(attrs(raw)['xml:lang']);
    if (lang) feed.language = lang;
    const logo = httpUrl(txt(raw.logo), base) ?? httpUrl(txt(raw.icon), base);
    if (logo) feed.image = logo;
    feed.items = (out.items as XmlObj[]).map((it) => atomItem(it, base));
    return feed;
  }
  const siteLink = httpUrl(txt(raw.link), meta.url);
  const websub = websubOf(list(raw['atom:link']).map((l) => attrs(l)).filter((a) => a.href), meta.url);
  if (websub) feed.websub = websub;
  // Relative item links in RSS are meant relative to the site, which may not be the feed's host.
  const base = siteLink ?? meta.url;
  const title = nonEmpty(txt(raw.title)) ?? nonEmpty(txt(raw['dc:title']));
  if (title) feed.title = textOf(title, false);
  if (siteLink) feed.link = siteLink;
  const desc = nonEmpty(txt(raw.description));
  if (desc) feed.description = textOf(desc, false);
  const lang = nonEmpty(txt(raw.language)) ?? nonEmpty(txt(raw['dc:language']));
  if (lang) feed.language = lang;
  const image = httpUrl(typeof out.image?.url === 'string' ? out.image.url : undefined, base) ?? httpUrl(attrs(raw['itunes:image']).href, base);
  if (image) feed.image = image;
  feed.items = (out.items as XmlObj[]).map((it) => rssItem(it, base));
  return feed;
}

function parseJsonFeed(text: string, meta: ParseMeta): Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new AkhbarError(FeedErrors.UNPARSEABLE, `JSON Feed is not valid JSON: ${(cause as Error).message}`, { permanent: true, cause });
  }
  const o = doc as XmlObj;
  if (!o || typeof o !== 'object' || Array.isArray(o) || typeof o.version !== 'string' || !/jsonfeed\.org\/version\//.test(o.version)) {
    throw new AkhbarError(FeedErrors.NOT_A_FEED, 'JSON document is not a JSON Feed (no jsonfeed.org version)', { permanent: true, details: { feeds: [] } });
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? nonEmpty(v) : typeof v === 'number' ? String(v) : undefined);
  const base = httpUrl(str(o.feed_url), meta.url) ?? meta.url;
  const feed: Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'> = { format: 'json', version: o.version.replace(/^.*\/version\//, '').replace(/\/$/, ''), items: [] };
  if (str(o.title)) feed.title = textOf(str(o.title)!, false);
  const home = httpUrl(str(o.home_page_url), base);
  if (home) feed.link = home;
  const hubs = Array.isArray(o.hubs) ? (o.hubs as unknown[]) : [];
  const hub = hubs.map((h) => (h && typeof h === 'object' ? (h as XmlObj) : {})).find((h) => /^websub$/i.test(str(h.type) ?? ''));
  const hubUrl = hub ? httpUrl(str(hub.url), base) : undefined;
  if (hubUrl) feed.websub = { hub: hubUrl, ...(httpUrl(str(o.feed_url), meta.url) ? { self: httpUrl(str(o.feed_url), meta.url)! } : {}) };
  if (str(o.description)) feed.description = textOf(str(o.description)!, false);
  if (str(o.language)) feed.language = str(o.language)!;
  const icon = httpUrl(str(o.icon), base);
  if (icon) feed.image = icon;
  const authorOf = (x: XmlObj): string | undefined =>
    joinNames((Array.isArray(x.authors) ? x.authors : [x.author]).map((a: unknown) => (a && typeof a === 'object' ? str((a as XmlObj).name) : undefined)));
  const feedAuthor = authorOf(o);
  for (const entry of Array.isArray(o.items) ? o.items : []) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as XmlObj;
    const media: ParsedMedia[] = [];
    for (const a of Array.isArray(e.attachments) ? e.attachments : []) {
      if (!a || typeof a !== 'object') continue;
      const url = httpUrl(str((a as XmlObj).url), base);
      if (!url) continue;
      const m: ParsedMedia = { url };
      const type = str((a as XmlObj).mime_type);
      if (type) m.type = type;
      if (type?.startsWith('image/')) m.medium = 'image';
      const size = (a as XmlObj).size_in_bytes;
      if (typeof size === 'number' && size >= 0) m.length = size;
      media.push(m);
    }
    const item: ParsedItem = {
      title: textOf(str(e.title) ?? '', false),
      categories: (Array.isArray(e.tags) ? e.tags : []).map((t: unknown) => str(t)).filter((t: string | undefined): t is string => !!t).map((t: string) => textOf(t, false)),
      media,
    };
    const link = httpUrl(str(e.url), base) ?? httpUrl(str(e.external_url), base) ?? httpUrl(str(e.id));
    if (link) item.link = link;
    if (str(e.id)) item.guid = str(e.id)!;
    const date = str(e.date_published) ?? str(e.date_modified);
    if (date) item.date = date;
    const html = str(e.content_html);
    const ctext = str(e.content_text);
    if (html) item.html = html;
    else if (ctext) item.text = ctext;
    if (str(e.summary)) item.summaryText = str(e.summary)!;
    const author = authorOf(e) ?? feedAuthor;
    if (author) item.author = textOf(author, false);
    const image = httpUrl(str(e.image), base) ?? httpUrl(str(e.banner_image), base) ?? media.find((m) => m.medium === 'image')?.url ?? (html ? firstImage(html, base) : undefined);
    if (image) item.image = image;
    if (str(e.language)) item.language = str(e.language)!;
    if (base) item.base = base;
    feed.items.push(item);
  }
  return feed;
}

function notAFeed(text: string, meta: ParseMeta, what: string): AkhbarError {
  let feeds: ReturnType<typeof findFeedLinks>;
  try {
    feeds = findFeedLinks(text, meta.url);
  } catch {
    feeds = [];
  }
  const hint = feeds.length ? `; the page links ${feeds.length} feed(s): ${feeds.slice(0, 3).map((f) => f.url).join(', ')}` : '';
  return new AkhbarError(FeedErrors.NOT_A_FEED, `not a feed: ${what}${hint}`, { permanent: true, details: { feeds } });
}

function versionOf(rootAttrs: string, root: string): { format: FeedFormat; version?: string } {
  if (root === 'feed') return { format: 'atom', version: '1.0' };
  if (root.toLowerCase() === 'rdf:rdf') return { format: 'rdf', version: '1.0' };
  const v = /\bversion\s*=\s*["']([^"']+)["']/.exec(rootAttrs)?.[1];
  return { format: 'rss', ...(v ? { version: v } : {}) };
}

/**
 * Parse feed bytes. Throws AkhbarError: NOT_A_FEED (with `details.feeds` discovered on an HTML
 * page), XML_ENTITIES, UNPARSEABLE or EMPTY; never anything else.
 */
export async function parseFeed(bytes: Uint8Array, meta: ParseMeta = {}): Promise<ParsedFeed> {
  if (bytes.length === 0 || (bytes.length < 64 && Buffer.from(bytes).toString('latin1').trim() === '')) {
    throw new AkhbarError(FeedErrors.EMPTY, 'the body is empty', { permanent: false });
  }
  const decoded = decodeBody(bytes, { contentType: meta.contentType, kind: 'xml' });
  return parseFeedText(decoded.text, meta, decoded.charset, decoded.source);
}

/** Parse already-decoded feed text (see parseFeed). */
export async function parseFeedText(input: string, meta: ParseMeta = {}, charset = 'utf-8', charsetSource: CharsetSource = 'default'): Promise<ParsedFeed> {
  try {
    return await parseText(input, meta, charset, charsetSource);
  } catch (err) {
    if (err instanceof AkhbarError) throw err;
    // Anything else is a bug in a parser on hostile input; it is still this feed's problem only.
    throw new AkhbarError(FeedErrors.UNPARSEABLE, `feed could not be parsed: ${(err as Error)?.message ?? String(err)}`, { permanent: true, cause: err });
  }
}

/**
 * Where the XML really starts when something was printed before it (a PHP warning with its own
 * <b> tags is the classic): the first `<?xml` declaration after the start, if any.
 */
function xmlStart(input: string): number {
  const lead = /\S/.exec(input.slice(0, 1024))?.index ?? 0;
  if (input.startsWith('<?xml', lead)) return lead;
  const at = input.slice(0, 65_536).indexOf('<?xml', lead);
  return at > 0 ? at : lead;
}

async function parseText(whole: string, meta: ParseMeta, charset: string, charsetSource: CharsetSource): Promise<ParsedFeed> {
  const start = xmlStart(whole);
  const junkBeforeProlog = whole.slice(0, start).trim() !== '';
  const input = junkBeforeProlog ? whole.slice(start) : whole;
  const format = sniffFormat(input, meta.contentType);
  const done = (f: Omit<ParsedFeed, 'flags' | 'repairs' | 'charset' | 'charsetSource'>, repairs: string[]): ParsedFeed => ({
    ...f,
    flags: repairs.length ? ['feed-repaired'] : [],
    repairs,
    charset,
    charsetSource,
  });
  if (format === 'json-feed') return done(parseJsonFeed(input.trim(), meta), []);
  if (format === 'json') throw notAFeed(input, meta, 'a JSON document that is not a JSON Feed');
  if (format === 'html') throw notAFeed(input, meta, 'an HTML page');
  const prolog = inspectProlog(input);
  const root = prolog.rootName;
  if (/^html$/i.test(root)) throw notAFeed(input, meta, 'an HTML page');
  const sitemap = sitemapRoot(root);
  if (!sitemap && !['rss', 'feed', 'rdf:RDF', 'RDF'].includes(root)) {
    if (/^(?:opml)$/i.test(root)) throw notAFeed(input, meta, 'an OPML subscription list (use `akhbar feeds import`)');
    if (prolog.junk) throw notAFeed(input, meta, 'text that is neither XML nor JSON');
    throw notAFeed(input, meta, `an XML document with root <${root}>`);
  }
  const repairs: string[] = [];
  if (prolog.junk || junkBeforeProlog) repairs.push('junk-before-root');
  let text = input.slice(prolog.rootStart);
  if (hasIllegalChars(text)) {
    text = stripIllegalChars(text);
    repairs.push('control-characters');
  }
  if (nestingExceeds(text, MAX_XML_DEPTH)) {
    throw new AkhbarError(FeedErrors.UNPARSEABLE, `elements nest deeper than ${MAX_XML_DEPTH} levels; refused (real feeds nest a few dozen)`, { permanent: true });
  }
  if (sitemap) return done(parseSitemap(text, root, meta), repairs);
  text = xhtmlToHtml(text);
  const rootTag = /^<[^>]*>/.exec(text)?.[0] ?? '';
  const { format: fmt, version } = versionOf(rootTag, root);
  let out: XmlObj | undefined;
  // Long bodies lifted out first (liftBodies); the result is kept only when that text parses as
  // it is. Otherwise the original text is parsed, and repaired, exactly as if nothing was lifted.
  const lift = liftBodies(text);
  if (lift) {
    try {
      out = await rssParse(lift.text);
      restoreTree(out, lift.lifted);
    } catch {
      out = undefined;
    }
  }
  if (!out) {
    try {
      out = await rssParse(text);
    } catch (first) {
      const fixed = repairXml(text, root);
      try {
        if (fixed.repairs.length === 0) throw first;
        out = await rssParse(fixed.text);
        repairs.push(...fixed.repairs);
      } catch (second) {
        try {
          out = await rssParse(rebuildXml(fixed.text));
        } catch {
          throw unparseableFrom(second, first);
        }
        repairs.push(...fixed.repairs, 'rebuilt');
      }
    }
  }
  if (!Array.isArray(out.items)) throw new AkhbarError(FeedErrors.UNPARSEABLE, 'feed has no item list', { permanent: true });
  return done(fromRssParser(out, meta, fmt, version), repairs);
}

function unparseableFrom(err: unknown, first?: unknown): AkhbarError {
  const msg = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 3).join(' ');
  if (/Feed not recognized/.test(msg(err))) {
    return new AkhbarError(FeedErrors.NOT_A_FEED, 'XML document is not RSS, RDF or Atom', { permanent: true, cause: err, details: { feeds: [] } });
  }
  return new AkhbarError(FeedErrors.UNPARSEABLE, `feed could not be parsed: ${msg(err)}${first && first !== err ? ` (before repair: ${msg(first)})` : ''}`, {
    permanent: true,
    cause: err,
  });
}
