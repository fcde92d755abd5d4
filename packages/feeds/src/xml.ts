import { decodeHTML, decodeXML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';
import { AkhbarError } from '@akhbar/core';
import { FeedErrors } from './errors.ts';

/**
 * XML safety and repair, applied to the text before rss-parser (xml2js/sax) sees it.
 *
 * Safety: entity declarations exist only in a DTD, and a DTD can only stand in the prolog, before
 * the root element. `inspectProlog` walks just that prolog (a few hundred characters in a real
 * feed), refuses any DTD that declares entities (billion laughs, quadratic blow-up, XXE via
 * SYSTEM entities) and reports where a harmless DOCTYPE sits so it can be dropped. No parser ever
 * sees a DTD, so none can expand or fetch anything; the check costs microseconds and no memory.
 *
 * Repair: real feeds carry raw `&`, HTML entities XML does not know (`&nbsp;`), control
 * characters, junk before the first tag, unescaped HTML, trailing garbage or a cut-off end.
 * `repairXml` fixes those textually; it runs only after a strict parse failed.
 */

export interface Prolog {
  /** Index of the root element's `<`. */
  rootStart: number;
  /** Root element name as written (e.g. "rss", "feed", "rdf:RDF", "html"). */
  rootName: string;
  /** Non-markup text found before the first tag (a BOM remnant, PHP warnings, whitespace aside). */
  junk: boolean;
  /** [start, end) of a DOCTYPE declaration to drop. */
  doctype?: [number, number];
}

const NAME_START = /[A-Za-z_:\u00c0-\uffff]/;

function unparseable(msg: string): AkhbarError {
  return new AkhbarError(FeedErrors.UNPARSEABLE, msg, { permanent: true });
}

/** Find the root element; refuse entity declarations. Throws XML_ENTITIES or UNPARSEABLE. */
export function inspectProlog(text: string): Prolog {
  let i = 0;
  let junk = false;
  let doctype: [number, number] | undefined;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (c !== 0x3c /* < */) {
      junk = true;
      const next = text.indexOf('<', i);
      if (next < 0) break;
      i = next;
      continue;
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      const nextTag = text.indexOf('<', i + 2);
      if (end < 0 || (nextTag >= 0 && nextTag < end)) {
        // A broken declaration (`<?xml version="1.0">`): skip it like junk.
        if (nextTag < 0) break;
        junk = true;
        i = nextTag;
        continue;
      }
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) throw unparseable('unterminated comment before the root element');
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', i)) {
      const end = markupEnd(text, i + 2, true);
      if (end < 0) throw unparseable('unterminated declaration before the root element');
      const decl = text.slice(i, end);
      if (/<!ENTITY/i.test(decl)) {
        throw new AkhbarError(FeedErrors.XML_ENTITIES, 'the document declares XML entities (a DTD internal subset); refused to protect against entity expansion and external entities', {
          permanent: true,
        });
      }
      if (/^<!DOCTYPE/i.test(decl)) doctype = [i, end];
      i = end;
      continue;
    }
    if (NAME_START.test(text[i + 1] ?? '')) {
      const m = /^<([^\s/>]+)/.exec(text.slice(i, i + 200));
      return { rootStart: i, rootName: m?.[1] ?? '', junk, ...(doctype ? { doctype } : {}) };
    }
    // A stray "<" that starts nothing ("< 3 items"): junk too.
    junk = true;
    i++;
  }
  throw new AkhbarError(FeedErrors.NOT_A_FEED, 'no XML element found', { permanent: true });
}

/**
 * End (exclusive) of markup whose name begins at `from`: the first `>` outside quoted values and,
 * in a `<!…>` declaration, outside a `[…]` internal subset. -1 when there is none, or when a start
 * tag meets a `<` first (it is not a tag).
 */
function markupEnd(text: string, from: number, declaration: boolean): number {
  let depth = 0;
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (declaration && c === 0x5b /* [ */) depth++;
    else if (declaration && c === 0x5d /* ] */) depth = Math.max(0, depth - 1);
    else if (c === 0x3e /* > */ && depth === 0) return j + 1;
    else if (!declaration && c === 0x3c /* < */) return -1;
  }
  return -1;
}

/** The document from the root element on, without a DOCTYPE (kept comments/PIs are harmless). */
export function stripProlog(text: string, prolog: Prolog): string {
  return text.slice(prolog.rootStart);
}

const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** The C0 part of ILLEGAL_XML_CHARS: a smaller class the regex engine scans about a third faster. */
const ILLEGAL_C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function hasIllegalChars(text: string): boolean {
  return ILLEGAL_C0.test(text) || text.includes('\ufffe') || text.includes('\uffff');
}

export function stripIllegalChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

function validCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Entities and ampersands in a stretch of markup outside CDATA and comments. */
function repairEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,8};|#x[0-9A-Fa-f]{1,7};|[A-Za-z][A-Za-z0-9]{0,31};)?/g, (m, ref: string | undefined) => {
    if (!ref) return '&amp;';
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2, -1), 16) : parseInt(ref.slice(1, -1), 10);
      return validCodePoint(cp) ? m : '';
    }
    const name = ref.slice(0, -1);
    if (XML_PREDEFINED.has(name)) return m;
    const decoded = decodeHTML(m);
    if (decoded === m) return `&amp;${ref}`;
    return [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
  });
}

/** Elements whose content is HTML in practice; unescaped markup there is wrapped in CDATA. */
const HTML_CARRIERS = /<(description|content:encoded|summary|content|itunes:summary)(\s[^>]*)?>(?!\s*<!\[CDATA\[)([\s\S]*?)<\/\1\s*>/g;

function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const CLOSERS: Record<string, string> = { rss: '</channel></rss>', 'rdf:RDF': '</rdf:RDF>', feed: '</feed>' };

/**
 * Textual repairs for a document a strict parse refused. Returns the repaired text and what was
 * done (for logs); the text is unchanged when nothing applied.
 */
export function repairXml(text: string, rootName: string): { text: string; repairs: string[] } {
  const repairs: string[] = [];
  let t = text;
  if (hasIllegalChars(t)) {
    t = stripIllegalChars(t);
    repairs.push('control-characters');
  }
  // HTML that should have been escaped: wrap it whole in CDATA (only where it has tags).
  const wrapped = t.replace(HTML_CARRIERS, (m, name: string, attrs: string | undefined, inner: string) => {
    if (!/<[a-zA-Z/!]/.test(inner) || /\btype\s*=\s*["']xhtml["']/.test(attrs ?? '')) return m;
    // Entities inside mean the same once the content is read as HTML, so the text goes in as is.
    return `<${name}${attrs ?? ''}>${cdata(inner)}</${name}>`;
  });
  if (wrapped !== t) {
    t = wrapped;
    repairs.push('unescaped-html');
  }
  // Entities outside CDATA sections and comments.
  const parts = t.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  let entityFixed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const fixed = repairEntities(parts[i]!);
    if (fixed !== parts[i]) {
      parts[i] = fixed;
      entityFixed = true;
    }
  }
  if (entityFixed) {
    t = parts.join('');
    repairs.push('entities');
  }
  // Trailing garbage after the root, or a document cut short.
  const close = `</${rootName}>`;
  const closeAt = t.lastIndexOf(close);
  if (closeAt >= 0) {
    const after = t.slice(closeAt + close.length);
    if (after.trim() !== '' && !/^\s*(<!--[\s\S]*?-->\s*)*$/.test(after)) {
      t = t.slice(0, closeAt + close.length);
      repairs.push('trailing-garbage');
    }
  } else if (CLOSERS[rootName]) {
    const lastItem = Math.max(t.lastIndexOf('</item>') + 7, t.lastIndexOf('</entry>') + 8);
    if (lastItem > 8) {
      t = t.slice(0, lastItem) + CLOSERS[rootName];
      repairs.push('truncated');
    }
  }
  return { text: t, repairs };
}

/**
 * Atom `type="xhtml"` content is inline markup; xml2js would merge its mixed text and lose the
 * order of words and tags. It is turned into the equivalent `type="html"` CDATA before parsing.
 */
export function xhtmlToHtml(text: string): string {
  if (!text.includes('xhtml')) return text;
  return text.replace(/<(content|summary|title|subtitle|rights)(\s[^>]*?\btype\s*=\s*["']xhtml["'][^>]*)>([\s\S]*?)<\/\1\s*>/g, (_m, name: string, attrs: string, inner: string) => {
    const a = attrs.replace(/\btype\s*=\s*["']xhtml["']/, 'type="html"');
    return `<${name}${a}>${cdata(inner)}</${name}>`;
  });
}

/**
 * Last resort for a structurally broken document (mismatched or unclosed tags, bad attributes):
 * re-read it with htmlparser2's forgiving XML mode, which closes what is open and drops what
 * closes nothing, and write it back out well-formed. Runs only when the textual repairs were
 * not enough.
 */
export function rebuildXml(text: string): string {
  const doc = parseDocument(text, { xmlMode: true, recognizeCDATA: true, recognizeSelfClosing: true, decodeEntities: false });
  return DomUtils.getOuterHTML(doc.children, { xmlMode: true, decodeEntities: false, selfClosingTags: true });
}

/** Marks a lifted body: private-use characters, legal in XML and never in a feed we lift from. */
const LIFT_OPEN = '\uE000';
const LIFT_CLOSE = '\uE001';
const LIFTED = /\uE000(\d+)\uE001/g;

/** An `&` that does not start one of the five XML entities or a character reference. */
const NOT_XML_REF = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/;
const CHAR_REF = /&#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}));/g;

/**
 * Escaped text as the XML parser would read it: the five XML entities and character references
 * decoded. Undefined when anything else follows an `&` (an HTML entity, a bare ampersand, a
 * reference to a character XML forbids): that text is left to the parser and its repairs.
 */
function decodeXmlText(raw: string): string | undefined {
  if (!raw.includes('&')) return raw;
  if (NOT_XML_REF.test(raw)) return undefined;
  if (raw.includes('&#')) {
    CHAR_REF.lastIndex = 0;
    for (let m = CHAR_REF.exec(raw); m !== null; m = CHAR_REF.exec(raw)) {
      if (!validCodePoint(m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2]!, 16))) return undefined;
    }
  }
  // Every reference is now one of those XML defines, which decodeXML (strict) reads the same way.
  return decodeXML(raw);
}

/**
 * Long bodies taken out of the text before the XML parser sees it, each replaced by a short
 * numbered placeholder; `restoreLifted` puts them back into the parsed strings. Lifted are CDATA
 * sections and the escaped text that is an element's whole content (`<content type="html">&lt;p&gt;…`),
 * decoded here exactly as the parser would (decodeXmlText), when at least `minLength` long.
 *
 * Why: both are opaque to XML (no markup to find), yet sax walks them one character at a time and
 * rss-parser then strips them for a snippet Akhbar does not use. On the benchmark's feeds (article
 * HTML in content:encoded CDATA and in escaped Atom content, as news sites publish it) that was
 * most of the XML parse. Only a document that parses cleanly this way keeps the result
 * (parse.ts); anything else is parsed, and repaired, from the original text.
 * Comments and processing instructions are skipped; a declaration inside the document, or a text
 * already holding a marker character, leaves the text whole (undefined).
 */
export function liftBodies(text: string, minLength = 256): { text: string; lifted: string[] } | undefined {
  if (text.includes(LIFT_OPEN)) return undefined;
  const lifted: string[] = [];
  const out: string[] = [];
  let from = 0;
  /** Just after the last start tag when nothing but text has followed it, else -1. */
  let openEnd = -1;
  const lift = (start: number, end: number, body: string) => {
    out.push(text.slice(from, start), LIFT_OPEN, String(lifted.length), LIFT_CLOSE);
    lifted.push(body);
    from = end;
  };
  let i = text.indexOf('<');
  while (i >= 0) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) break;
      openEnd = -1;
      i = text.indexOf('<', end + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const start = i + 9;
      const end = text.indexOf(']]>', start);
      if (end < 0) break;
      if (end - start >= minLength) lift(start, end, text.slice(start, end));
      openEnd = -1;
      i = text.indexOf('<', end + 3);
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) break;
      openEnd = -1;
      i = text.indexOf('<', end + 2);
    } else if (text.startsWith('<!', i)) {
      return undefined;
    } else if (text.charCodeAt(i + 1) === 0x2f /* / */) {
      if (openEnd >= 0 && i - openEnd >= minLength) {
        const body = decodeXmlText(text.slice(openEnd, i));
        // Whitespace-only content reads as an empty element; left to the parser.
        if (body !== undefined && /\S/.test(body)) lift(openEnd, i, body);
      }
      openEnd = -1;
      const end = text.indexOf('>', i + 2);
      if (end < 0) break;
      i = text.indexOf('<', end + 1);
    } else {
      const end = markupEnd(text, i + 1, false);
      if (end < 0) return undefined;
      openEnd = text.charCodeAt(end - 2) === 0x2f /* / */ ? -1 : end;
      i = text.indexOf('<', end);
    }
  }
  if (lifted.length === 0) return undefined;
  out.push(text.slice(from));
  return { text: out.join(''), lifted };
}

/** A parsed string with the lifted bodies put back (see liftBodies). */
export function restoreLifted(s: string, lifted: readonly string[]): string {
  if (!s.includes(LIFT_OPEN)) return s;
  // Usually the string is one placeholder (a lifted element's whole content): that body as it is.
  const whole = /^\uE000(\d+)\uE001$/.exec(s);
  if (whole) return lifted[Number(whole[1])] ?? s;
  return s.replace(LIFTED, (m, n: string) => lifted[Number(n)] ?? m);
}

const VOID_HTML = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Whether markup nests deeper than `limit` (a linear scan, CDATA and comments skipped). Parsers
 * and sanitisers spend quadratic time or overflow the stack on a million nested elements, which
 * fit easily in a 15 MiB body; real feeds and articles nest a few dozen levels at most.
 */
export function nestingExceeds(markup: string, limit: number, html = false): boolean {
  let depth = 0;
  let i = markup.indexOf('<');
  while (i >= 0 && i < markup.length - 1) {
    const next = markup.charCodeAt(i + 1);
    let end: number;
    if (markup.startsWith('<![CDATA[', i)) {
      end = markup.indexOf(']]>', i + 9);
      end = end < 0 ? markup.length : end + 3;
    } else if (markup.startsWith('<!--', i)) {
      end = markup.indexOf('-->', i + 4);
      end = end < 0 ? markup.length : end + 3;
    } else {
      end = markup.indexOf('>', i + 1);
      if (end < 0) break;
      end++;
      if (next === 0x2f /* / */) depth = Math.max(0, depth - 1);
      else if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */ && markup.charCodeAt(end - 2) !== 0x2f) {
        const isName = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x5f || next === 0x3a || next > 0x7f;
        if (isName && !(html && VOID_HTML.has(/^[A-Za-z][\w:-]*/.exec(markup.slice(i + 1, i + 12))?.[0]?.toLowerCase() ?? ''))) {
          if (++depth > limit) return true;
        }
      }
    }
    i = markup.indexOf('<', end);
  }
  return false;
}
