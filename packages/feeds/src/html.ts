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

/** C0/C1 controls other than tab, CR and newline, and the two non-characters; never meaningful in news text. */
function isControl(c: number): boolean {
  return c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff;
}

/** Tab, space, no-break space and the Unicode spaces, all read as one space. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Where a run tidyText may rewrite starts: a blank other than a lone space, a line break or a
 * control, or a space followed by one. Ordinary characters and single spaces between words are
 * skipped by the regular-expression engine, several times faster than a loop over char codes.
 */
const RUN_START = /[\u0000-\u001f\u007f-\u00a0\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]| [\u0000-\u0020\u007f-\u00a0\u2000-\u200a\u202f\u205f\u3000\ufffe\uffff]/g;
/** RUN_START for text without the two non-characters (nearly all): fewer ranges, a faster scan. */
const RUN_START_BMP = /[\u0000-\u001f\u007f-\u00a0\u2000-\u200a\u202f\u205f\u3000]| [\u0000-\u0020\u007f-\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Whitespace tidy shared by every text field: control characters out; CR and CRLF read as a
 * line break; inside each run of blanks and line breaks, a run without a break becomes one
 * space and a run with breaks becomes one or two line breaks (at most one blank line) with no
 * spaces around them; the ends trimmed.
 *
 * One pass, because this runs over every body, summary and title: the five regular expressions
 * it replaced (the same rules, step by step, kept in its test as the reference it is compared
 * with) were a quarter of the cost of normalising an item. RUN_START finds each run; the run is
 * measured by hand.
 */
export function tidyText(s: string): string {
  let out = '';
  /** Start of the input not yet copied to `out`. */
  let copied = 0;
  const n = s.length;
  const finder = s.includes('\ufffe') || s.includes('\uffff') ? RUN_START : RUN_START_BMP;
  finder.lastIndex = 0;
  for (let m = finder.exec(s); m !== null; m = finder.exec(s)) {
    let i = m.index;
    // A run of blanks, line breaks and controls: count what it holds.
    const from = i;
    let blanks = 0;
    let breaks = 0;
    let afterCR = false;
    for (; i < n; i++) {
      const r = s.charCodeAt(i);
      if (r === 0x0a) {
        // A newline right after a CR (controls between them do not count) ends the same break.
        if (!afterCR) breaks++;
        afterCR = false;
      } else if (r === 0x0d) {
        breaks++;
        afterCR = true;
      } else if (isBlank(r)) {
        blanks++;
        afterCR = false;
      } else if (!isControl(r)) {
        break;
      }
    }
    finder.lastIndex = i;
    const replacement = breaks > 0 ? (breaks > 1 ? '\n\n' : '\n') : blanks > 0 ? ' ' : '';
    if (i - from === 1 && replacement.length === 1 && s.charCodeAt(from) === replacement.charCodeAt(0)) continue;
    out += s.slice(copied, from) + replacement;
    copied = i;
  }
  return (copied === 0 ? s : out + s.slice(copied)).trim();
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
    // rel is only ever the one transformTags.a sets (the link's own attributes are replaced), as
    // @akhbar/extract's sanitiser sets it on full-text pages.
    a: ['href', 'title', 'rel'],
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
        const out: Record<string, string> = { rel: 'noopener noreferrer nofollow' };
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
 * Most feed bodies are plain paragraphs and inline emphasis; those take simpleTextAndSafeHtml.
 */
export function htmlToTextAndSafeHtml(html: string, base?: string): { text: string; html: string } {
  if (!/<[a-zA-Z!/?]/.test(html)) return { text: htmlToText(html), html: sanitizeHtml(html, base) };
  // The simple path stops at MAX_HTML_DEPTH itself, so the nesting check is only for the general one.
  const simple = simpleTextAndSafeHtml(html);
  if (simple) return simple;
  if (nestingExceeds(html, MAX_HTML_DEPTH, true)) return { text: htmlToText(html), html: sanitizeHtml(html, base) };
  return viaSanitizeHtml(html, base);
}

/** The general path of htmlToTextAndSafeHtml (exported for the test that compares both paths). */
export function viaSanitizeHtml(html: string, base?: string): { text: string; html: string } {
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

/** Attribute-free elements the simple path copies as they are (all on SANITIZE_BASE's allowlist). */
const SIMPLE_TAGS = new Set([
  'p', 'div', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'b', 'i', 'strong', 'em', 'u', 's', 'sub', 'sup', 'small', 'mark', 'span', 'code', 'cite', 'q', 'abbr', 'del', 'ins',
]);
const SIMPLE_VOID = new Set(['br', 'hr']);
/**
 * Which open element (on top) opening each simple tag closes implicitly, as htmlparser2's
 * openImpliesClose has it: the simple path leaves such HTML to the parser.
 */
const P_ONLY = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ...['p', 'div', 'blockquote', 'ul', 'ol', 'hr'].map((t) => [t, P_ONLY] as const),
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((t) => [t, HEADINGS] as const),
  ['li', new Set(['li'])],
]);
/** HTML's whitespace inside a tag (not JavaScript's \s, which also takes U+00A0 and the Unicode spaces). */
function isTagSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * An attribute-free tag at `lt` (`<name>`, `</name>`, `<name/>`, HTML whitespace allowed before
 * the end): its lower-case name, whether it closes, whether it ends in `/>`, and where it ends.
 * Undefined for anything else (attributes, comments, `<` as text…). Read by hand rather than with
 * a regular expression: a match object per tag was a measurable part of the simple path.
 */
function simpleTag(html: string, lt: number): { name: string; closing: boolean; selfClosing: boolean; end: number } | undefined {
  let j = lt + 1;
  const closing = html.charCodeAt(j) === 0x2f;
  if (closing) j++;
  const nameStart = j;
  if (!isAsciiLetter(html.charCodeAt(j))) return undefined;
  let c = html.charCodeAt(++j);
  while (isAsciiLetter(c) || (c >= 0x30 && c <= 0x39)) c = html.charCodeAt(++j);
  const name = html.slice(nameStart, j).toLowerCase();
  while (isTagSpace(c)) c = html.charCodeAt(++j);
  const selfClosing = c === 0x2f;
  if (selfClosing) c = html.charCodeAt(++j);
  return c === 0x3e ? { name, closing, selfClosing, end: j + 1 } : undefined;
}

/**
 * htmlToTextAndSafeHtml for the shape most feed bodies have — paragraphs, lists, headings and
 * inline emphasis, no attributes, properly nested — in one linear scan, 5–10× faster than
 * sanitize-html, which parsing and normalising every polled item spends most of its time in.
 * Written by hand because no sanitiser has a fast path for markup that needs no cleaning.
 * The output is exactly sanitize-html's for such input (a differential test over generated
 * fragments checks text and HTML byte for byte); anything else — an attribute, another element,
 * a comment, a stray '<', a tag the HTML parser would close implicitly, nesting deeper than
 * MAX_HTML_DEPTH — returns undefined and takes the general path.
 */
export function simpleTextAndSafeHtml(html: string): { text: string; html: string } | undefined {
  const text = textCollector();
  const stack: string[] = [];
  let out = '';
  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    const end = lt === -1 ? html.length : lt;
    if (end > i) {
      const run = html.slice(i, end);
      if (run.includes('&')) {
        // Entities are decoded as htmlparser2 decodes text (the same library), then re-escaped.
        const decoded = decodeHTML(run);
        text.text(decoded);
        out += decoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      } else {
        // No entity, and no '<' (runs end at one): '>' is all there can be to escape.
        text.text(run);
        out += run.includes('>') ? run.replace(/>/g, '&gt;') : run;
      }
    }
    if (lt === -1) break;
    const tag = simpleTag(html, lt);
    if (!tag) return undefined;
    const { name, closing } = tag;
    if (SIMPLE_VOID.has(name)) {
      if (closing || IMPLIES_CLOSE.get(name)?.has(stack.at(-1)!)) return undefined;
      text.open(name);
      text.close(name, true);
      out += `<${name} />`;
    } else if (!SIMPLE_TAGS.has(name) || tag.selfClosing) {
      return undefined;
    } else if (closing) {
      if (stack.pop() !== name) return undefined;
      text.close(name, false);
      out += `</${name}>`;
    } else {
      // Deeper than MAX_HTML_DEPTH is read as flat text, as on the general path (nestingExceeds).
      if (IMPLIES_CLOSE.get(name)?.has(stack.at(-1)!) || stack.length >= MAX_HTML_DEPTH) return undefined;
      stack.push(name);
      text.open(name);
      out += `<${name}>`;
    }
    i = tag.end;
  }
  if (stack.length > 0) return undefined;
  return { text: text.result(), html: out.trim() };
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
