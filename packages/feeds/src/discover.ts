import { Parser as HtmlParser } from 'htmlparser2';
import { AkhbarError } from '@akhbar/core';
import { decodeBody } from './decode.ts';
import { FeedErrors } from './errors.ts';
import { fetchUrl, type FetchOptions } from './fetch.ts';
import { sniffFormat } from './sniff.ts';
import { nestingExceeds } from './xml.ts';

/**
 * Feed autodiscovery: the feeds a web page announces with `<link rel="alternate" type="…">`
 * (the convention browsers and readers follow), then anchors that plainly point at a feed
 * ("/feed", "rss.xml", type="application/rss+xml"), and last a sitemap the page announces with
 * `<link rel="sitemap">` (parseFeed reads news sitemaps too; a feed, when there is one, carries
 * more of each story). Relative hrefs resolve against `<base href>` or the page URL.
 */

export interface DiscoveredFeed {
  url: string;
  title?: string;
  /** Media type the page declared (application/rss+xml, application/atom+xml, application/feed+json…). */
  type?: string;
}

const FEED_TYPES = new Set([
  'application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml', 'application/json',
  'application/x.atom+xml', 'application/x-atom+xml', 'application/x-rss+xml', 'text/xml', 'application/xml', 'application/rss', 'text/rss+xml',
]);
const FEEDISH_HREF = /(?:\.(?:rss|atom|rdf)|\/(?:feed|rss|atom)(?:\.xml|\.json)?\/?|[/_-](?:rss|atom|feed)\.(?:xml|json))(?:[?#]|$)/i;

/** Feeds linked from an HTML document (pure; no fetching). */
export function findFeedLinks(input: string, pageUrl?: string): DiscoveredFeed[] {
  // htmlparser2 slows down quadratically on absurd nesting; such a page gets only its
  // <base> and <link> tags read (flat), which is where feeds are announced anyway.
  const html = nestingExceeds(input, 1024, true) ? (input.match(/<(?:base|link)\b[^>]*>/gi) ?? []).join('\n') : input;
  let base = pageUrl;
  const fromLinks: DiscoveredFeed[] = [];
  const fromAnchors: DiscoveredFeed[] = [];
  const sitemaps: DiscoveredFeed[] = [];
  let anchor: { href: string; type?: string; text: string } | undefined;
  const resolve = (href: string): string | undefined => {
    try {
      const u = base ? new URL(href.trim(), base) : new URL(href.trim());
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
      u.hash = '';
      return u.href;
    } catch {
      return undefined;
    }
  };
  const parser = new HtmlParser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href && !fromLinks.length) {
          const b = resolve(attrs.href);
          if (b) base = b;
        } else if (name === 'link' && attrs.href) {
          const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
          const type = (attrs.type ?? '').toLowerCase().split(';')[0]!.trim();
          if ((rel.includes('alternate') && FEED_TYPES.has(type) && type !== 'text/xml' && type !== 'application/xml') || rel.includes('feed') || (rel.includes('alternate') && (type === 'text/xml' || type === 'application/xml') && FEEDISH_HREF.test(attrs.href))) {
            const url = resolve(attrs.href);
            if (url) fromLinks.push({ url, ...(attrs.title?.trim() ? { title: attrs.title.trim() } : {}), ...(type ? { type } : {}) });
          } else if (rel.includes('sitemap')) {
            const url = resolve(attrs.href);
            if (url) sitemaps.push({ url, ...(attrs.title?.trim() ? { title: attrs.title.trim() } : {}), ...(type ? { type } : {}) });
          }
        } else if (name === 'a' && attrs.href) {
          const type = (attrs.type ?? '').toLowerCase();
          if (FEED_TYPES.has(type) || FEEDISH_HREF.test(attrs.href)) anchor = { href: attrs.href, ...(type ? { type } : {}), text: '' };
        }
      },
      ontext(text) {
        if (anchor) anchor.text += text;
      },
      onclosetag(name) {
        if (name === 'a' && anchor) {
          const url = resolve(anchor.href);
          const title = anchor.text.replace(/\s+/g, ' ').trim();
          if (url) fromAnchors.push({ url, ...(title ? { title } : {}), ...(anchor.type ? { type: anchor.type } : {}) });
          anchor = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const seen = new Set<string>();
  const out: DiscoveredFeed[] = [];
  for (const f of [...fromLinks, ...fromAnchors, ...sitemaps]) {
    if (seen.has(f.url)) continue;
    // Comment feeds of a single post are rarely what someone adding a site wants, but keep them last.
    seen.add(f.url);
    out.push(f);
  }
  return out.sort((a, b) => Number(/comments/i.test(a.url)) - Number(/comments/i.test(b.url)));
}

/**
 * Feeds for a site: `input` is a page URL (fetched with the safe fetcher) or the page's HTML.
 * When the URL is itself a feed, the answer is that feed.
 */
export async function discoverFeeds(input: string, opts: FetchOptions & { baseUrl?: string } = {}): Promise<DiscoveredFeed[]> {
  const trimmed = input.trim();
  if (!/^https?:\/\//i.test(trimmed) || /\s|</.test(trimmed)) return findFeedLinks(input, opts.baseUrl);
  const res = await fetchUrl(trimmed, { accept: 'text/html, application/xhtml+xml, application/rss+xml;q=0.9, application/atom+xml;q=0.9, */*;q=0.5', ...opts });
  const contentType = res.headers['content-type'];
  const { text } = decodeBody(res.body, { contentType, kind: 'html' });
  const format = sniffFormat(text, contentType);
  if (format !== 'html' && format !== 'unknown') return [{ url: res.url, ...(contentType ? { type: contentType.split(';')[0]!.trim() } : {}) }];
  if (format === 'unknown' && !/<html|<head|<link/i.test(text.slice(0, 65_536))) {
    throw new AkhbarError(FeedErrors.NOT_A_FEED, `${res.url} is neither a feed nor an HTML page`, { permanent: true, details: { feeds: [] } });
  }
  return findFeedLinks(text, res.url);
}
