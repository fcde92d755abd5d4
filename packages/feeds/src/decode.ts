import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Bytes to text. Feeds and article pages arrive in whatever encoding their CMS was set up with
 * a decade ago; Arabic sites in particular still serve windows-1256 and ISO-8859-6, often with
 * the charset declared only inside the document. Order of evidence:
 *
 * 1. a byte-order mark (or the UTF-16 shape of `<`), which cannot lie;
 * 2. the Content-Type charset: except that a server default (ISO-8859-1, US-ASCII, windows-1252)
 *    yields to a different charset the document declares itself, and a declared UTF-8 that is
 *    not valid UTF-8 is not believed;
 * 3. the document's own declaration: the XML prolog (`kind: 'xml'`) or `<meta charset>` (`'html'`);
 * 4. valid UTF-8 is UTF-8; otherwise statistical detection (chardet); otherwise windows-1252.
 *
 * The text is NFC-normalised (Arabic and Latin diacritics arrive composed and decomposed) and a
 * leading BOM character is dropped.
 */

export interface DecodeOptions {
  contentType?: string | undefined;
  /** Which in-document declaration to look for. @default 'xml' */
  kind?: 'xml' | 'html';
}

export type CharsetSource = 'bom' | 'header' | 'prolog' | 'meta' | 'detected' | 'default';

export interface Decoded {
  text: string;
  /** Encoding used, as an iconv-lite/WHATWG label (lower case). */
  charset: string;
  source: CharsetSource;
}

/** Server defaults that a document's own, different declaration overrides. */
const WEAK_HEADER_CHARSETS = new Set(['iso-8859-1', 'latin1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252']);

/** WHATWG maps these labels to windows-1252, and so do browsers: C1 bytes are curly quotes there. */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', latin1: 'windows-1252', 'l1': 'windows-1252',
  'us-ascii': 'windows-1252', ascii: 'windows-1252', 'ansi_x3.4-1968': 'windows-1252', cp1252: 'windows-1252', 'x-cp1252': 'windows-1252',
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  'iso-8859-6-i': 'iso-8859-6', 'iso-8859-6-e': 'iso-8859-6', 'iso_8859-6': 'iso-8859-6', arabic: 'iso-8859-6', 'asmo-708': 'iso-8859-6', 'ecma-114': 'iso-8859-6',
  cp1256: 'windows-1256', 'x-cp1256': 'windows-1256',
  'x-sjis': 'shift_jis', 'x-euc-jp': 'euc-jp',
  unicode: 'utf-16le', 'utf-16': 'utf-16le', 'ucs-2': 'utf-16le',
};

/** Normalise a charset label; undefined when no decoder knows it. */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  let l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return undefined;
  l = ALIASES[l] ?? l;
  if (l === 'utf-8') return l;
  return iconv.encodingExists(l) ? l : undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return m?.[2];
}

function bomCharset(b: Uint8Array): { charset: string; skip: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  // No BOM, but "<" (or whitespace) as UTF-16 code units: the XML spec's autodetection table.
  if (b.length >= 4) {
    if (b[1] === 0 && b[3] === 0 && b[0] !== 0 && b[2] !== 0) return { charset: 'utf-16le', skip: 0 };
    if (b[0] === 0 && b[2] === 0 && b[1] !== 0 && b[3] !== 0) return { charset: 'utf-16be', skip: 0 };
  }
  return undefined;
}

/** The head of the document as ASCII-compatible text, for finding declarations. */
function head(bytes: Uint8Array, n: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, n)).toString('latin1');
}

function declaredCharset(bytes: Uint8Array, kind: 'xml' | 'html'): string | undefined {
  if (kind === 'xml') {
    const m = /<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/i.exec(head(bytes, 1024));
    return m?.[1];
  }
  const h = head(bytes, 8192);
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(h);
  return direct?.[1];
}

function decodeWith(bytes: Uint8Array, charset: string, skip = 0): string {
  const view = skip > 0 ? bytes.subarray(skip) : bytes;
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(view);
  return iconv.decode(Buffer.from(view.buffer, view.byteOffset, view.byteLength), charset, { stripBOM: true });
}

function finish(text: string, charset: string, source: CharsetSource): Decoded {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  t = t.normalize('NFC');
  return { text: t, charset, source };
}

/** Decode a fetched body (feed XML/JSON or an HTML page) to NFC text. Never throws. */
export function decodeBody(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const kind = opts.kind ?? 'xml';
  const bom = bomCharset(bytes);
  if (bom) return finish(decodeWith(bytes, bom.charset, bom.skip), bom.charset, 'bom');

  const valid8 = (): boolean => isUtf8(bytes);
  const headerLabel = charsetFromContentType(opts.contentType);
  const header = normalizeCharset(headerLabel);
  const declLabel = declaredCharset(bytes, kind);
  // An ASCII-only document cannot sensibly declare UTF-16 (a common copy-paste mistake).
  const declared = ((d) => (d?.startsWith('utf-16') || d?.startsWith('utf-32') ? undefined : d))(normalizeCharset(declLabel));
  const declSource: CharsetSource = kind === 'xml' ? 'prolog' : 'meta';

  if (header) {
    const headerIsWeak = headerLabel !== undefined && WEAK_HEADER_CHARSETS.has(headerLabel.trim().toLowerCase());
    if (header === 'utf-8') {
      if (valid8()) return finish(decodeWith(bytes, 'utf-8'), 'utf-8', 'header');
    } else if (!(headerIsWeak && ((declared && declared !== header) || (!declared && valid8())))) {
      // A weak header loses to the document's own declaration, and to bytes that are valid
      // UTF-8 (multi-byte UTF-8 is practically never accidental in a Latin-1 text).
      return finish(decodeWith(bytes, header), header, 'header');
    }
  }
  if (declared) {
    if (declared !== 'utf-8') return finish(decodeWith(bytes, declared), declared, declSource);
    if (valid8()) return finish(decodeWith(bytes, 'utf-8'), 'utf-8', declSource);
  }
  if (valid8()) return finish(decodeWith(bytes, 'utf-8'), 'utf-8', 'detected');
  const guess = normalizeCharset(chardet.detect(bytes.length > 65_536 ? bytes.subarray(0, 65_536) : bytes) ?? undefined);
  if (guess && guess !== 'utf-8') return finish(decodeWith(bytes, guess), guess, 'detected');
  return finish(decodeWith(bytes, 'windows-1252'), 'windows-1252', 'default');
}
