import { normalizeToken } from './normalize.ts';

/** One word of a text: its original surface, its normalised form and where it starts. */
export interface Token {
  /** As written (marks included). */
  raw: string;
  /** Normalised (Arabic folded, Latin case/accent folded). */
  norm: string;
  /** UTF-16 offset of the token in the text. */
  start: number;
  /** Arabic script (clitic variants apply). */
  arabic: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
  /**
   * The character just before the token in its text ('' at its start): a space, or the hyphen of
   * "Jordan-Israel", the apostrophe of "People's" (the gazetteer tells a person's name from a
   * country's by the words beside it). Not set on the pieces the gazetteer cuts Han runs into.
   */
  before?: string;
  /** The character just after the token ('' at the text's end): the closing bracket of a wire credit «(واع)». Not set where `before` is not. */
  after?: string;
}

// A word is a run of letters, marks and digits; apostrophes and hyphens split words, so
// "l'Irak" gives "l" + "Irak" and "al-Kadhimi" gives "al" + "Kadhimi" (aliases are tokenised the
// same way, so both sides agree).
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ARABIC_CHAR = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
// Sentence ends: . ! ? … followed by a space (so "3.5" stays whole) and not after an initial
// ("U.S. forces", "J. Smith"), the Arabic and CJK marks, and line breaks.
const SENTENCE_END = /(?<!(?:^|[^\p{L}])\p{Lu})[.!?\u2026]+(?=[\s"'»”)\]]|$)|[\u061F\u06D4\u3002\uFF01\uFF1F]+|\n+/gu;
/**
 * Nor between the halves of a Spanish plural abbreviation, whose letters are doubled and whose
 * halves are spaced ("EE. UU.", "FF. AA.", "JJ. OO."): tried at the period after the first half.
 */
const PLURAL_ABBREVIATION = /(?<!\p{L})(\p{Lu})\1\.\s+(\p{Lu})\2\./uy;

/** Offsets where sentences end (after the mark). */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m[0] === '.' && m.index >= 2) {
      PLURAL_ABBREVIATION.lastIndex = m.index - 2;
      if (PLURAL_ABBREVIATION.test(text)) continue;
    }
    ends.push(m.index + m[0].length);
  }
  return ends;
}

/** Tokenise a text. Never throws; an empty text gives no tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Sentence boundaries first, so each token knows its sentence.
  const ends = sentenceEnds(text);
  let sentence = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    while (sentence < ends.length && ends[sentence]! <= start) sentence++;
    const raw = m[0];
    const norm = normalizeToken(raw);
    if (norm.length === 0) continue; // a run of tashkeel or tatweel alone
    tokens.push({ raw, norm, start, arabic: ARABIC_CHAR.test(raw), sentence, before: start > 0 ? text[start - 1]! : '', after: text[start + raw.length] ?? '' });
  }
  return tokens;
}

/** Split a text into sentences (trimmed, non-empty), keeping their offsets. */
export function sentences(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let from = 0;
  const push = (to: number) => {
    const piece = text.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (trimmed.length > 0) out.push({ text: trimmed, start: from + lead });
  };
  for (const end of sentenceEnds(text)) {
    push(end);
    from = end;
  }
  push(text.length);
  return out;
}

/**
 * Arabic proclitics: a conjunction (و ف), then a preposition (ب ل ك), then the article (ال).
 * "ل" + "ال" is written "لل". Ordered longest first.
 */
const CONJ = ['', 'و', 'ف'];
const PREP = ['', 'ب', 'ل', 'ك'];
const PROCLITICS: Array<{ prefix: string; restore: string }> = (() => {
  const list: Array<{ prefix: string; restore: string }> = [];
  for (const c of CONJ) {
    for (const p of PREP) {
      if (c + p !== '') list.push({ prefix: c + p, restore: '' });
    }
    // ل + ال → لل: stripping it leaves the word without its article, which we put back.
    list.push({ prefix: `${c}لل`, restore: 'ال' });
  }
  return list.sort((a, b) => b.prefix.length - a.prefix.length);
})();

/**
 * Forms of a normalised Arabic token with its proclitics removed (and, with `article`, its
 * article too) (the token itself first):
 * "والكاظمي" → ["والكاظمي", "الكاظمي", …], "للعراق" → ["للعراق", "العراق", …]. Only forms at least
 * two letters long are produced. Gazetteer names keep their article ("العراق"), so a stripped
 * "لل" gets it back rather than leaving "عراق".
 */
/** Letters an imperfect verb starts with (أ is folded to ا in normalised text). */
const FUTURE_NEXT = new Set(['ي', 'ت', 'ن', 'ا']);

export function cliticVariants(norm: string, article = false): string[] {
  const out = [norm];
  for (const { prefix, restore } of PROCLITICS) {
    if (norm.length - prefix.length >= 2 && norm.startsWith(prefix)) {
      const v = restore + norm.slice(prefix.length);
      if (!out.includes(v)) out.push(v);
    }
  }
  if (article) {
    // Lexicon stems are written without the article ("انتخاب*" for "الانتخابات").
    for (const v of [...out]) {
      if (v.startsWith('ال') && v.length >= 5) {
        const bare = v.slice(2);
        if (!out.includes(bare)) out.push(bare);
      }
      // The future's س before an imperfect verb: "سيقتل", "وستفوز" meet "يقتل*", "تفوز". Only
      // lexicons see this form, and only a lexicon entry can match it, so a word that merely
      // starts with سي/ست/سن (سيارة, ستة, سنة) finds nothing.
      if (v.length >= 4 && v.charCodeAt(0) === 0x0633 && FUTURE_NEXT.has(v[1]!)) {
        const verb = v.slice(1);
        if (!out.includes(verb)) out.push(verb);
      }
    }
  }
  return out;
}

/**
 * Words in a text, counted without materialising them (a 5 MB body must not allocate a
 * million strings just to be counted).
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Whitespace and ASCII punctuation end a word; everything else (letters in any script) continues it.
    const sep = c <= 0x2f || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0xbf) ||
      c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4 || (c >= 0x2000 && c <= 0x206f) || c === 0x3000;
    if (sep) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}
