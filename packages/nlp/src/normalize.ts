/**
 * Text normalisation for matching and for the `normalized` fields stored beside the originals.
 * The Arabic folding follows what Lucene's ArabicNormalizer does (and so what the index's
 * `akhbar_arabic_normalization` filter does), so a form the tagger matched is a form search finds.
 */

// Tashkeel (fathatan … sukun, maddah/hamza marks), superscript alef, Quranic annotation marks.
const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
// Bidi controls, zero-width (non-)joiners, BOM: invisible, and they split tokens wrongly.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;

/**
 * Arabic-script folding: tashkeel and tatweel removed; أ إ آ ٱ → ا; ى → ي; ة → ه; Persian
 * ی/ک → ي/ك (so names match across Arabic and Persian spelling); Arabic-Indic and Persian digits
 * and the Arabic decimal/thousands separators → ASCII.
 */
export function normalizeArabic(text: string): string {
  return text
    .replace(TASHKEEL, '')
    .replace(TATWEEL, '')
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627')
    .replace(/[\u0649\u06CC]/g, '\u064A')
    .replace(/\u06A9/g, '\u0643')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',');
}

/** Latin (and general) folding: compatibility decomposition, accents removed, lower-cased. */
export function foldLatin(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/ı/g, 'i');
}

/**
 * The normalised form of any text: invisible controls dropped, Arabic folded, Latin folded.
 * Line breaks and punctuation are kept so the result still reads as the original does.
 */
export function normalizeText(text: string): string {
  return foldLatin(normalizeArabic(text.normalize('NFC').replace(INVISIBLE, '')));
}

const tokenCache = new Map<string, string>();
const TOKEN_CACHE_MAX = 50_000;

/**
 * Normalise one token (a run of letters/digits) for dictionary look-ups. Words repeat across
 * articles, so results are cached (bounded: the cache is dropped when full).
 */
export function normalizeToken(token: string): string {
  let v = tokenCache.get(token);
  if (v !== undefined) return v;
  // ASCII words need only lower-casing; the full folding is for everything else.
  v = /^[\x30-\x39\x41-\x5a\x61-\x7a]+$/.test(token) ? token.toLowerCase() : normalizeText(token);
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
  tokenCache.set(token, v);
  return v;
}
