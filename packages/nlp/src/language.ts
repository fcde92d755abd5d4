import { foldLatin, normalizeArabic } from './normalize.ts';

/**
 * Language identification: script first, then function words and letters within a script.
 *
 * Written here rather than taken from franc/eld/cld because news needs what those do poorly:
 * Arabic, Persian and Urdu told apart on a headline (they share a script; the letters each uses
 * and a handful of function words decide), an explicit `und` when the evidence is thin or the
 * scripts are mixed, a feed's declared language used only to break a tie, and a cost of
 * microseconds per article with no model to load.
 */

export interface LanguageGuess {
  /** ISO 639-1 code, or `und`. */
  lang: string;
  /** 0…1: how sure the guess is (script share × amount of evidence × margin over the runner-up). */
  confidence: number;
}

/** Languages told apart within the Latin script, by their commonest function words. */
const LATIN_FUNCTION_WORDS: Record<string, string> = {
  en: 'the of and to in is for on with as by at from that was were are has have had it its said will be this an after which who their he she they not but or been over than into about would his her more also',
  fr: "le la les des du de et un une est pour dans sur au aux que qui pas par avec ce cette il elle ont sont a été d l qu selon mais ou plus son sa ses leur lors après entre contre sans chez aussi depuis n s",
  es: 'el la los las de del y en que un una por con para es se al lo como más pero sus su fue ha han este esta sobre entre también según tras ya muy sin desde donde',
  de: 'der die das und den dem des ein eine einen ist nicht mit von zu im auf für sich auch es sie wird wurde hat bei nach aus als am an oder werden sind über noch nur dass vor',
  tr: 've bir bu da de için ile olarak olan gibi daha çok ancak sonra kadar ise ne mi olduğunu dedi ki her göre yeni büyük iki karşı üzere tarafından değil ayrıca',
  it: 'il di che e la per un una del della è non sono da con gli nel alla anche più ha ma come dei delle al si lo questo',
  pt: 'o a os as de do da dos das e em um uma que para com não por mais no na se foi ao pelo pela também são está',
  nl: 'de het een en van in is op te dat die voor met zijn niet aan er om ook als bij door naar wordt werd nog maar over',
  id: 'yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke adalah oleh ada telah karena bisa mereka',
  // Northern Kurdish (Kurmanji), the Latin-script Kurdish of Turkey, Syria and Duhok.
  ku: 'û li ji di de ku bi ya yê ên ji bo ser re wê vê jî ne ev ew hat kir got dibe têkiliyên herêma',
};

/** Letters that only (or mostly) one Latin-script language uses, with their weight. */
const LATIN_LETTERS: Array<[RegExp, Record<string, number>]> = [
  [/ñ|¿|¡/g, { es: 2 }],
  [/[şğı]|İ/g, { tr: 2 }],
  [/[ãõ]/g, { pt: 2 }],
  [/ß/g, { de: 2 }],
  [/[äöü]/g, { de: 1, tr: 0.5 }],
  [/[èêœùû]|ç/g, { fr: 1, pt: 0.2, tr: 0.2 }],
  [/[áíóú]/g, { es: 0.7, pt: 0.5 }],
  [/\b[ldjnmcs]['’]/gi, { fr: 1.5 }],
  // Kurmanji's circumflexed vowels, next to ç and ş it shares with Turkish.
  [/[êîû]/g, { ku: 1, fr: 0.3 }],
];

const ARABIC_FUNCTION_WORDS: Record<string, string> = {
  ar: 'في من على إلى الى أن ان عن التي الذي مع هذا هذه كان قال وقال بين ذلك حول بعد قبل لا ما كما أو او عند خلال منذ حيث لم قد إن تم وفي ومن كل الذين وأن التي',
  fa: 'در به از که این را با است برای آن یک خود تا کرد شده شد می هم نیز بود اما های وی پس',
  ur: 'کے میں کی ہے اور سے کو نے پر کہ یہ ہیں ایک کا بھی تھا گیا کیا وہ ہو',
  // Central Kurdish (Sorani), written in Arabic script in Iraqi Kurdistan and Iran.
  ckb: 'لە و بە کە بۆ ئەو ئەم لەگەڵ دەکات کرد یان هەروەها نێوان دوای پێش سەر بەڵام تا هەر ئێستا دەڵێت وت',
};

const latinSets = Object.fromEntries(
  Object.entries(LATIN_FUNCTION_WORDS).map(([l, w]) => [l, new Set(w.split(' ').map((x) => foldLatin(x)))]),
);
const arabicSets = Object.fromEntries(
  Object.entries(ARABIC_FUNCTION_WORDS).map(([l, w]) => [l, new Set(w.split(' ').map((x) => normalizeArabic(x)))]),
);

type Script = 'latin' | 'arabic' | 'cyrillic' | 'han' | 'kana' | 'hangul' | 'greek' | 'hebrew' | 'devanagari' | 'thai' | 'armenian' | 'georgian' | 'other';

function scriptOf(c: number): Script {
  if (c < 0x250) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0 ? 'latin' : 'other';
  if (c >= 0x1e00 && c <= 0x1eff) return 'latin';
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0x8a0 && c <= 0x8ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return 'arabic';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (c >= 0x370 && c <= 0x3ff) return 'greek';
  if (c >= 0x590 && c <= 0x5ff) return 'hebrew';
  if (c >= 0x900 && c <= 0x97f) return 'devanagari';
  if (c >= 0xe00 && c <= 0xe7f) return 'thai';
  if (c >= 0x530 && c <= 0x58f) return 'armenian';
  if (c >= 0x10a0 && c <= 0x10ff) return 'georgian';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return 'han';
  if (c >= 0x3040 && c <= 0x30ff) return 'kana';
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) return 'hangul';
  return 'other';
}

const SINGLE_SCRIPT_LANG: Partial<Record<Script, string>> = {
  hangul: 'ko', greek: 'el', hebrew: 'he', devanagari: 'hi', thai: 'th', armenian: 'hy', georgian: 'ka',
};

/** Longest stretch of text looked at: the language of an article shows in its first pages. */
const SAMPLE_CHARS = 6_000;
/** Below this confidence the answer is `und`, unless the declared language is a close candidate. */
const MIN_CONFIDENCE = 0.2;

const und = (): LanguageGuess => ({ lang: 'und', confidence: 0 });

/**
 * The language of a text (title + body). `hint` (the feed's declared language) only decides
 * between candidates the text itself leaves close; it never overrides clear evidence, and it is
 * not an answer on its own for a text with no evidence.
 */
export function detectLanguage(text: string, hint?: string): LanguageGuess {
  const sample = (text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text)
    .replace(/https?:\/\/\S+|www\.\S+|\S+@\S+\.\S+/g, ' ');
  // Binary read as text (replacement characters, controls, unassigned code points) is not a
  // language, whatever letters happen to be in it.
  const visible = sample.replace(/\s+/g, '').length;
  const junk = sample.match(/[\uFFFD\p{Co}\p{Cs}\p{Cn}]|[^\P{Cc}\t\n\r]/gu)?.length ?? 0;
  if (visible > 0 && junk / visible > 0.1) return und();
  const counts = new Map<Script, number>();
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Only letters count: ASCII and Latin-1 symbols, Arabic punctuation and digits are skipped.
    if (c < 0x41 || (c > 0x5a && c < 0x61) || (c > 0x7a && c < 0xc0) || c === 0xd7 || c === 0xf7) continue;
    if ((c >= 0x600 && c <= 0x620) || c === 0x640 || (c >= 0x64b && c <= 0x66d) || c === 0x6d4 || (c >= 0x6f0 && c <= 0x6f9)) continue;
    if (c >= 0x2000 && c <= 0x2bff) continue; // punctuation, symbols, arrows
    const s = scriptOf(c);
    if (s === 'other') continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    letters++;
  }
  if (letters < 3) return und();
  // Japanese mixes kanji and kana: count them as one script.
  if ((counts.get('kana') ?? 0) > 0) {
    counts.set('kana', (counts.get('kana') ?? 0) + (counts.get('han') ?? 0));
    counts.delete('han');
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [top, topCount] = ranked[0]!;
  const share = topCount / letters;
  // The primary subtag of a declared language: ar-IQ → ar, ckb → ckb.
  const hintLang = hint?.toLowerCase().split(/[-_]/)[0];

  let guess: { lang: string; confidence: number; close: string[] };
  switch (top) {
    case 'latin':
      guess = latin(sample);
      break;
    case 'arabic':
      guess = arabicScript(sample, topCount);
      break;
    case 'cyrillic':
      guess = { lang: /[іїєґ]/i.test(sample) ? 'uk' : /[ўЎ]/.test(sample) ? 'be' : 'ru', confidence: Math.min(1, topCount / 20), close: ['ru', 'uk', 'bg', 'sr'] };
      break;
    case 'han':
      guess = { lang: 'zh', confidence: Math.min(1, topCount / 8), close: ['zh'] };
      break;
    case 'kana':
      guess = { lang: 'ja', confidence: Math.min(1, topCount / 8), close: ['ja'] };
      break;
    default:
      guess = { lang: SINGLE_SCRIPT_LANG[top] ?? 'und', confidence: Math.min(1, topCount / 15), close: [] };
  }

  // Mixed scripts: the main script must carry most of the letters to say anything.
  let confidence = guess.confidence * (share >= 0.75 ? 1 : share >= 0.55 ? share : 0);
  let lang = guess.lang;
  if (share < 0.55 && hintLang) {
    // Two scripts in even measure: the declared language decides between them when it is one of them.
    const second = ranked[1]?.[0];
    if (second && (langScript(hintLang) === top || langScript(hintLang) === second)) return { lang: hintLang, confidence: round(Math.max(share, 0.3) * 0.6) };
  }
  if (hintLang && hintLang !== lang && guess.close.includes(hintLang) && confidence < 0.5) {
    lang = hintLang;
  }
  if (confidence < MIN_CONFIDENCE) {
    if (hintLang && (hintLang === lang || guess.close.includes(hintLang)) && share >= 0.55) {
      return { lang: hintLang, confidence: round(Math.max(confidence, 0.25)) };
    }
    return { lang: 'und', confidence: round(confidence) };
  }
  confidence = round(confidence);
  return { lang, confidence };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

/** The script a language is written in (for the declared-language tie-break). */
function langScript(lang: string): Script | undefined {
  if (['ar', 'fa', 'ur', 'ps', 'ckb', 'sd', 'ug'].includes(lang)) return 'arabic';
  if (['ru', 'uk', 'bg', 'sr', 'be', 'kk', 'mk'].includes(lang)) return 'cyrillic';
  if (lang === 'zh') return 'han';
  if (lang === 'ja') return 'kana';
  for (const [s, l] of Object.entries(SINGLE_SCRIPT_LANG)) if (l === lang) return s as Script;
  return /^[a-z]{2}$/.test(lang) ? 'latin' : undefined;
}

/** Score the Latin-script languages; `close` lists those within reach of the best. */
function latin(sample: string): { lang: string; confidence: number; close: string[] } {
  const words = foldLatin(sample).match(/\p{L}+/gu) ?? [];
  const scores: Record<string, number> = {};
  for (const l of Object.keys(latinSets)) scores[l] = 0;
  for (const w of words) {
    for (const [l, set] of Object.entries(latinSets)) if (set.has(w)) scores[l]! += 1;
  }
  const lower = sample.toLowerCase();
  for (const [re, weights] of LATIN_LETTERS) {
    const n = Math.min(lower.match(re)?.length ?? 0, 40);
    if (n === 0) continue;
    for (const [l, w] of Object.entries(weights)) scores[l]! += n * w;
  }
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [best, bestScore] = ranked[0]!;
  const second = ranked[1]![1];
  if (bestScore === 0) return { lang: 'und', confidence: 0, close: Object.keys(scores) };
  const margin = (bestScore - second) / bestScore;
  const evidence = Math.min(1, bestScore / 6);
  const close = ranked.filter(([, s]) => s >= bestScore * 0.75).map(([l]) => l);
  return { lang: best, confidence: evidence * (0.35 + 0.65 * margin), close };
}

// Letters particular to Urdu (ٹ ڈ ڑ ں ے ۓ ھ ہ ۂ) and to Persian/Urdu spelling (پ چ ژ گ ی ک);
// Arabic writes ة ى ي ك instead.
const URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06D2\u06D3\u06BE\u06C1\u06C2]/g;
const PERSIAN_LETTERS = /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/g;
const ARABIC_LETTERS = /[\u0629\u0649\u064A\u0643]/g;
// Sorani spelling's own letters (ە ێ ۆ ڕ ڵ), which Persian, Urdu and Arabic do not write; Uyghur,
// which shares ە and ۆ, writes ې ۇ ۈ ۋ instead of ێ.
const SORANI_LETTERS = /[\u06D5\u06CE\u06C6\u0695\u06B5]/g;
const UYGHUR_LETTERS = /[\u06D0\u06C7\u06C8\u06CB]/g;

function arabicScript(sample: string, scriptLetters: number): { lang: string; confidence: number; close: string[] } {
  const ur = sample.match(URDU_LETTERS)?.length ?? 0;
  const fa = sample.match(PERSIAN_LETTERS)?.length ?? 0;
  const ar = sample.match(ARABIC_LETTERS)?.length ?? 0;
  const ckb = sample.match(SORANI_LETTERS)?.length ?? 0;
  const ug = sample.match(UYGHUR_LETTERS)?.length ?? 0;
  const scores: Record<string, number> = { ar: ar * 0.5, fa: fa * 0.5, ur: ur * 1.5, ckb: ckb * 1.5, ug: ug * 3 };
  // Function words are compared in folded form (ی→ي, ک→ك), so letters above tell the spelling.
  const words = normalizeArabic(sample).match(/[\u0600-\u06FF]+/g) ?? [];
  for (const w of words) for (const [l, set] of Object.entries(arabicSets)) if (set.has(w)) scores[l]! += 2;
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [best, bestScore] = ranked[0]!;
  const second = ranked[1]![1];
  const evidence = Math.min(1, scriptLetters / 12);
  if (bestScore === 0) return { lang: 'ar', confidence: evidence * 0.3, close: ['ar', 'fa', 'ur'] };
  const margin = (bestScore - second) / bestScore;
  const close = ranked.filter(([, s]) => s >= bestScore * 0.75).map(([l]) => l);
  return { lang: best, confidence: evidence * (0.45 + 0.55 * margin), close };
}
