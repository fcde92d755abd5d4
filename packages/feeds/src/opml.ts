import { Parser as HtmlParser } from 'htmlparser2';
import { AkhbarError } from '@akhbar/core';
import { decodeBody } from './decode.ts';
import { FeedErrors } from './errors.ts';
import { nestingExceeds } from './xml.ts';

/**
 * OPML subscription lists (what every reader imports and exports). Parsed with htmlparser2 in
 * XML mode, which is lenient with the broken OPML many readers write and never expands DTD
 * entities. Folders (nested outlines) become the `category` of the feeds inside them.
 */

export interface OpmlOutline {
  url: string;
  title?: string;
  siteUrl?: string;
  lang?: string;
  category?: string;
}

function httpUrl(s: string | undefined): string | undefined {
  if (!s) return undefined;
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Feeds of an OPML document (text or bytes). Throws AKHBAR_OPML_INVALID when it is not OPML. */
export function parseOpml(input: string | Uint8Array): OpmlOutline[] {
  const text = typeof input === 'string' ? input : decodeBody(input, { kind: 'xml' }).text;
  if (nestingExceeds(text, 256)) throw new AkhbarError(FeedErrors.OPML_INVALID, 'OPML outlines nest deeper than 256 levels', { permanent: true });
  const out: OpmlOutline[] = [];
  const seen = new Set<string>();
  const folders: Array<string | undefined> = [];
  let sawOpml = false;
  let sawBody = false;
  const parser = new HtmlParser(
    {
      onopentag(name, a) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        else if (tag === 'body') sawBody = true;
        if (tag !== 'outline') return;
        const url = httpUrl(a.xmlurl ?? a.url);
        const label = (a.title ?? a.text ?? '').trim() || undefined;
        if (url && (a.type ?? 'rss').toLowerCase() !== 'link') {
          folders.push(undefined);
          if (seen.has(url)) return;
          seen.add(url);
          const o: OpmlOutline = { url };
          if (label) o.title = label;
          const site = httpUrl(a.htmlurl);
          if (site) o.siteUrl = site;
          const lang = (a.language ?? a.lang ?? '').trim();
          if (lang) o.lang = lang;
          const category = (a.category ?? '').split(',')[0]!.trim().replace(/^\/+|\/+$/g, '') || [...folders].reverse().find((f) => f !== undefined);
          if (category) o.category = category;
          out.push(o);
        } else {
          folders.push(label);
        }
      },
      onclosetag(name) {
        if (name.toLowerCase() === 'outline') folders.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  parser.end();
  if (!sawOpml || !sawBody) throw new AkhbarError(FeedErrors.OPML_INVALID, 'not an OPML document (no <opml> with a <body>)', { permanent: true });
  return out;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** An OPML 2.0 document listing the feeds, grouped in folders by category. */
export function toOpml(feeds: ReadonlyArray<OpmlOutline>, opts: { title?: string; now?: Date } = {}): string {
  const line = (f: OpmlOutline, indent: string) => {
    const attrs = [`type="rss"`, `text="${esc(f.title ?? f.url)}"`];
    if (f.title) attrs.push(`title="${esc(f.title)}"`);
    attrs.push(`xmlUrl="${esc(f.url)}"`);
    if (f.siteUrl) attrs.push(`htmlUrl="${esc(f.siteUrl)}"`);
    if (f.lang) attrs.push(`language="${esc(f.lang)}"`);
    return `${indent}<outline ${attrs.join(' ')}/>`;
  };
  const groups = new Map<string, OpmlOutline[]>();
  const loose: OpmlOutline[] = [];
  for (const f of feeds) {
    if (f.category) groups.set(f.category, [...(groups.get(f.category) ?? []), f]);
    else loose.push(f);
  }
  const body: string[] = [];
  for (const [cat, items] of groups) {
    body.push(`    <outline text="${esc(cat)}" title="${esc(cat)}">`);
    for (const f of items) body.push(line(f, '      '));
    body.push('    </outline>');
  }
  for (const f of loose) body.push(line(f, '    '));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${esc(opts.title ?? 'Akhbar subscriptions')}</title>`,
    `    <dateCreated>${(opts.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
