import { sitemapRoot } from './sitemap.ts';

/** What a body is, judged from its content (the URL and often the Content-Type cannot be trusted). */
export type SniffedFormat = 'rss' | 'atom' | 'rdf' | 'sitemap' | 'json-feed' | 'json' | 'html' | 'xml' | 'unknown';

export function sniffFormat(text: string, contentType?: string): SniffedFormat {
  const headText = text.slice(0, 4096);
  const first = /\S/.exec(headText)?.[0];
  if (first === '{' || first === '[') {
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text.slice(0, 65_536)) ? 'json-feed' : 'json';
  }
  // The root element: skip the prolog (declarations, comments, doctype) cheaply.
  const root = /<(?![?!])([A-Za-z_][\w.:-]*)/.exec(headText.replace(/<!--[\s\S]*?-->/g, ''))?.[1]?.toLowerCase();
  if (root === 'rss') return 'rss';
  if (root === 'feed') return 'atom';
  if (root === 'rdf:rdf' || root === 'rdf') return 'rdf';
  // <urlset> (news or plain sitemap) and <sitemapindex>, under any prefix: parseFeed's own test.
  if (root && sitemapRoot(root)) return 'sitemap';
  if (root === 'html' || /^<!doctype html/i.test(headText.trimStart()) || (root && ['head', 'body', 'meta', 'div', 'p', 'title', 'script', 'link'].includes(root))) return 'html';
  if (root) return 'xml';
  if (contentType && /html/i.test(contentType)) return 'html';
  return 'unknown';
}
