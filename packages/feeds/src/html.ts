import { decodeHTML } from 'entities';
import { Parser as HtmlParser } from 'htmlparser2';
import sanitize from 'sanitize-html';
import { nestingExceeds } from './xml.ts';

/** Deeper HTML than this is read as flat text (see nestingExceeds). */
const MAX_HTML_DEPTH = 512;

/** Tags out, entities decoded, linear time whatever the nesting. */
function flatText(html: string): string {
  return tidyText(decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ')));
}

/**
 * HTML in feeds → plain text and sanitised HTML.
 *
 * Text extraction is a small walk over htmlparser2's events rather than a library such as
 * html-to-text: we need only paragraphs and line breaks (the text feeds language detection,
 * search and summaries), and this walk is several times faster, which matters because every
 * item of every poll goes through it. Display HTML goes through sanitize-html (an allowlist;
 * scripts, styles, event handlers and javascript: URLs never survive).
 */

/** Elements whose content is never text a reader sees. */
const SKIP = new Set(['script', 'style', 'noscript', 'iframe', 'template', 'svg', 'math', 'head', 'title', 'object', 'embed', 'canvas', 'select', 'button', 'textarea', 'audio', 'video', 'map']);
/** Elements that end a line of text. */
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'table', 'thead', 'tbody',
  'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'hr', 'address', 'main', 'nav', 'td', 'th', 'caption', 'details', 'summary',
]);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'figure', 'pre', 'section', 'article']);

/** C0/C1 controls other than tab and newline; never meaningful in news text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

const NEEDS_TIDY = /[\u0000-\u001f\u007f-\u00a0\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]| {2}/;

/** Whitespace tidy shared by every text field: controls out, runs collapsed, at most one blank line. */
export function tidyText(s: string): string {
  // Most titles and short fields need nothing but a trim: one scan instead of five.
  if (!NEEDS_TIDY.test(s)) return s.trim();
  return s
    .replace(CONTROL, '')
    .replace(/\r\n?/g, '\n')
    // Only runs of two or more, or a lone non-space blank, are rewritten: replacing every single
    // space with itself made this the costliest step of normalising an item.
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    // Blanks are single spaces by now.
    .replace(/ \n ?|\n /g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** HTML to plain text: scripts/styles dropped, blocks become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidyText(html);
  if (nestingExceeds(html, MAX_HTML_DEPTH, true)) return flatText(html);
  const text = textCollector();
  const parser = new HtmlParser(
    { onopentagname: text.open, onclosetag: text.close, ontext: text.text },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return text.result();
}

/**
 * The plain-text rules, fed tag and text events by whichever parser walks the HTML
 * (htmlparser2 for htmlToText, sanitize-html for htmlToTextAndSafeHtml): skipped elements
 * contribute nothing, block elements end a line and paragraph-like ones leave a blank line.
 */
function textCollector() {
  const out: string[] = [];
  let skipDepth = 0;
  return {
    open(name: string): void {
      if (SKIP.has(name)) skipDepth++;
      else if (skipDepth === 0 && BLOCK.has(name)) out.push(PARAGRAPH.has(name) ? '\n\n' : '\n');
    },
    close(name: string, implied: boolean): void {
      if (SKIP.has(name)) {
        if (skipDepth > 0) skipDepth--;
      } else if (skipDepth === 0 && BLOCK.has(name) && !(implied && name === 'br')) out.push(PARAGRAPH.has(name) ? '\n\n' : '\n');
    },
    text(text: string): void {
      if (skipDepth === 0) out.push(text);
    },
    result: (): string => tidyText(out.join('')),
  };
}

/** Title-like text: markup is stripped only when there is some (a plain "x < y" stays intact). */
export function textOf(s: string, isHtml: boolean): string {
  if (isHtml || /<\/?[a-z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(s)) return tidyText(htmlToText(s).replace(/\n+/g, ' '));
  return tidyText(s.replace(/\n+/g, ' '));
}

function absolutize(value: string | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  try {
    const u = base ? new URL(v, base) : new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const SANITIZE_BASE: sanitize.IOptions = {
  allowedTags: [...sanitize.defaults.allowedTags, 'img', 'figure', 'figcaption', 'picture', 'del', 'ins', 'sub', 'sup'],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    '*': ['dir', 'lang'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
};

function sanitizeOptions(base: string | undefined): sanitize.IOptions {
  return {
    ...SANITIZE_BASE,
    transformTags: {
      a: (tagName, attribs) => {
        const href = absolutize(attribs.href, base);
        const out: Record<string, string> = { rel: 'noopener nofollow' };
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = absolutize(attribs.src ?? attribs['data-src'], base);
        const out: Record<string, string> = { ...attribs };
        delete out['data-src'];
        if (src) out.src = src;
        else delete out.src;
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/**
 * Sanitised HTML for display, with relative links and images made absolute against `base`
 * (the item's xml:base or the feed's URL) so they still work outside the publisher's site.
 */
export function sanitizeHtml(html: string, base?: string): string {
  // Most descriptions are plain text: escaping is all they need, and much cheaper.
  if (!/<[a-zA-Z!/?]/.test(html)) return escapeText(htmlToText(html));
  if (nestingExceeds(html, MAX_HTML_DEPTH, true)) return escapeText(flatText(html));
  return sanitize(html, sanitizeOptions(base)).trim();
}

const UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Plain text and sanitised display HTML of the same fragment from ONE parse: sanitize-html walks
 * the HTML once and reports each tag (onOpenTag/onCloseTag) and each text run it keeps
 * (textFilter), so the text is collected on the way instead of parsing the item a second time.
 * The parse benchmark showed the two parses were most of the cost of normalising an item.
 * The text follows htmlToText's rules (same skipped elements, same line and paragraph breaks).
 */
export function htmlToTextAndSafeHtml(html: string, base?: string): { text: string; html: string } {
  if (!/<[a-zA-Z!/?]/.test(html) || nestingExceeds(html, MAX_HTML_DEPTH, true)) {
    return { text: htmlToText(html), html: sanitizeHtml(html, base) };
  }
  const text = textCollector();
  const safe = sanitize(html, {
    ...sanitizeOptions(base),
    onOpenTag: text.open,
    onCloseTag: text.close,
    // Called with the text as it goes into the output (escaped): the plain text unescapes it.
    textFilter(t) {
      text.text(t.replace(/&(?:amp|lt|gt);/g, (e) => UNESCAPE[e]!));
      return t;
    },
  }).trim();
  return { text: text.result(), html: safe };
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br />');
}

/** The first image of an HTML fragment (absolute), for items that have no media element. */
export function firstImage(html: string, base?: string): string | undefined {
  const m = /<img\b[^>]*?\s(?:data-)?src\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))/i.exec(html);
  const src = m?.[1] ?? m?.[2] ?? m?.[3];
  const abs = absolutize(src?.replace(/&amp;/g, '&'), base);
  return abs && !abs.startsWith('mailto:') ? abs : undefined;
}

/** Resolve a possibly relative URL against a base; the input as-is when it cannot be. */
export function resolveUrl(value: string, base: string | undefined): string {
  try {
    return base ? new URL(value.trim(), base).href : new URL(value.trim()).href;
  } catch {
    return value.trim();
  }
}
