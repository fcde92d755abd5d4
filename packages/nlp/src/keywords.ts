import { createRequire } from 'node:module';
import { foldLatin, normalizeArabic } from './normalize.ts';
import { cliticVariants, type Token } from './text.ts';

/**
 * Keywords, YAKE-style (Campos et al., 2020): unsupervised, one document at a time, so it needs
 * no background corpus to ship and works the same in every language. A word scores well when it
 * is frequent but spread over the text, appears early, is capitalised (Latin script) and keeps
 * varied company; a phrase combines the scores of its words. Lower YAKE scores are better.
 */

const require = createRequire(import.meta.url);
const STOPWORDS_ISO = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;

const stopCache = new Map<string, Set<string>>();
/** Stop words of a language (stopwords-iso, folded the way tokens are). */
export function stopwords(lang: string): Set<string> {
  let s = stopCache.get(lang);
  if (!s) {
    // stopwords-iso files Central Kurdish (Sorani, Arabic script) under the macrolanguage's "ku":
    // that list is Sorani's, and Akhbar's `ku` (Kurmanji, Latin script) has its own below.
    const list = lang === 'ckb' ? (STOPWORDS_ISO.ku ?? []) : lang === 'ku' ? [] : (STOPWORDS_ISO[lang] ?? []);
    s = new Set(list.map((w) => foldLatin(normalizeArabic(w))));
    // Reporting verbs and news fillers that stopword lists miss.
    for (const w of EXTRA[lang] ?? []) s.add(foldLatin(normalizeArabic(w)));
    stopCache.set(lang, s);
  }
  return s;
}

const EXTRA: Record<string, string[]> = {
  ar: ['قال', 'قالت', 'وقال', 'واضاف', 'اضاف', 'اضافت', 'اكد', 'اكدت', 'اشار', 'اشارت', 'اوضح', 'اوضحت', 'ذكر', 'ذكرت', 'بين', 'بينت', 'كشف', 'كشفت', 'اعلن', 'اعلنت', 'يوم', 'اليوم', 'امس', 'خلال', 'الجاري', 'المقبل', 'الماضي', 'حسب', 'بحسب', 'وفق', 'وفقا', 'انه', 'انها', 'ان', 'الى', 'التي', 'الذي', 'سيتم', 'يتم', 'تم', 'مصادر', 'المصادر', 'بيان', 'الاخير', 'الخميس', 'الجمعه', 'السبت', 'الاحد', 'الاثنين', 'الثلاثاء', 'الاربعاء'],
  en: ['said', 'says', 'told', 'according', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'year', 'years', 'week', 'day', 'people', 'new'],
  // Kurmanji: its prepositions, circumpositions, pronouns, copulas and the commonest verbs of reporting.
  ku: ['û', 'li', 'ji', 'di', 'de', 'ku', 'bi', 'ya', 'yê', 'ên', 'yên', 'bo', 'ser', 're', 'wê', 'vê', 'jî', 'ne', 'ev', 'ew', 'ewê', 'dê', 'ê', 'a', 'an', 'ber', 'berî', 'piştî', 'nav', 'navbera', 'nava', 'gel', 'ligel', 'digel', 'gorî', 'heta', 'çend', 'hin', 'hinek', 'gelek', 'pir', 'her', 'hemû', 'tu', 'wan', 'wî', 'min', 'me', 'te', 'we', 'jê', 'pê', 'tê', 'ye', 'e', 'bû', 'bûn', 'bibe', 'dibe', 'dike', 'dikin', 'kir', 'kirin', 'hat', 'hatin', 'hatiye', 'got', 'gotin', 'wek', 'mîna', 'tenê', 'niha', 'îro', 'duh', 'sibê', 'lê', 'belê', 'çi', 'ka'],
  fr: ['a', 'selon', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'annee', 'semaine', 'jour', 'doit', 'aussi', 'ete', 'fait'],
};

interface WordStats {
  tf: number;
  upper: number;
  sentences: Set<number>;
  positions: number[];
  left: Set<string>;
  right: Set<string>;
  /** Surfaces as written without a proclitic ("الكاظمي"), and with one ("والكاظمي"). */
  surfaces: Map<string, number>;
  prefixed: Map<string, number>;
}

/** The form a token is counted under: Arabic proclitics peeled when the bare form is in the text. */
function keyOf(t: Token, known: Set<string>): string {
  if (!t.arabic) return t.norm;
  const variants = cliticVariants(t.norm);
  for (const v of variants.slice(1)) if (known.has(v) || v.startsWith('ال')) return v;
  return t.norm;
}

/** Up to `max` keywords (surface forms, best first). */
export function extractKeywords(tokens: readonly Token[], lang: string, max = 10): string[] {
  if (tokens.length === 0) return [];
  const stop = stopwords(lang === 'und' ? 'en' : lang);
  const known = new Set(tokens.map((t) => t.norm));
  const keys = tokens.map((t) => keyOf(t, known));
  const isStop = (i: number) => {
    const k = keys[i]!;
    const t = tokens[i]!;
    return stop.has(k) || stop.has(t.norm) || /^\p{N}+$/u.test(k) || (t.arabic ? k.length < 3 : k.length < 3);
  };
  const stats = new Map<string, WordStats>();
  for (let i = 0; i < tokens.length; i++) {
    if (isStop(i)) continue;
    const t = tokens[i]!;
    const k = keys[i]!;
    let s = stats.get(k);
    if (!s) {
      s = { tf: 0, upper: 0, sentences: new Set(), positions: [], left: new Set(), right: new Set(), surfaces: new Map(), prefixed: new Map() };
      stats.set(k, s);
    }
    s.tf++;
    if (/^\p{Lu}/u.test(t.raw) && i > 0 && tokens[i - 1]!.sentence === t.sentence) s.upper++;
    s.sentences.add(t.sentence);
    s.positions.push(t.sentence);
    if (i > 0 && tokens[i - 1]!.sentence === t.sentence) s.left.add(keys[i - 1]!);
    if (i + 1 < tokens.length && tokens[i + 1]!.sentence === t.sentence) s.right.add(keys[i + 1]!);
    const m = k === t.norm ? s.surfaces : s.prefixed;
    m.set(t.raw, (m.get(t.raw) ?? 0) + 1);
  }
  if (stats.size === 0) return [];
  const tfs = [...stats.values()].map((s) => s.tf);
  const meanTf = tfs.reduce((a, b) => a + b, 0) / tfs.length;
  const stdTf = Math.sqrt(tfs.reduce((a, b) => a + (b - meanTf) ** 2, 0) / tfs.length);
  const maxTf = Math.max(...tfs);
  const nSentences = (tokens[tokens.length - 1]!.sentence - tokens[0]!.sentence) + 1;
  const wordScore = new Map<string, number>();
  for (const [k, s] of stats) {
    const tCase = s.upper / (1 + Math.log(s.tf));
    const sorted = [...s.positions].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]! - tokens[0]!.sentence;
    const tPos = Math.log(Math.log(3 + median));
    const tfNorm = s.tf / (meanTf + stdTf);
    const tRel = 1 + ((s.left.size + s.right.size) / (2 * s.tf)) * (s.tf / maxTf);
    const tSent = s.sentences.size / nSentences;
    wordScore.set(k, (tRel * tPos) / (tCase + tfNorm / tRel + tSent / tRel));
  }
  // Candidate phrases of 1–3 words inside a sentence, not starting or ending with a stop word.
  const surfaceOf = (k: string) => {
    const s = stats.get(k);
    return (s && (mostCommon(s.surfaces) || mostCommon(s.prefixed))) || k;
  };
  const cands = new Map<string, { tf: number; words: string[] }>();
  for (let i = 0; i < tokens.length; i++) {
    if (isStop(i)) continue;
    for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
      const j = i + n - 1;
      if (tokens[j]!.sentence !== tokens[i]!.sentence) break;
      if (isStop(j)) continue;
      const words = keys.slice(i, j + 1);
      const ck = words.join(' ');
      let c = cands.get(ck);
      if (!c) {
        c = { tf: 0, words };
        cands.set(ck, c);
      }
      c.tf++;
    }
  }
  const scored: Array<{ key: string; score: number; surface: string; words: string[] }> = [];
  for (const [ck, c] of cands) {
    // A phrase must recur to be a keyword; a single word may stand on its own.
    if (c.words.length > 1 && c.tf < 2) continue;
    let prod = 1;
    let sum = 0;
    for (const w of c.words) {
      const s = wordScore.get(w) ?? 1;
      prod *= s;
      sum += s;
    }
    scored.push({ key: ck, score: prod / (c.tf * (1 + sum)), surface: c.words.map(surfaceOf).join(' '), words: c.words });
  }
  scored.sort((a, b) => a.score - b.score || a.key.localeCompare(b.key));
  const out: Array<{ words: string[]; surface: string }> = [];
  for (const c of scored) {
    // Skip a candidate that repeats one already chosen ("Kadhimi" after "Mustafa al-Kadhimi").
    if (out.some((o) => overlaps(o.words, c.words))) continue;
    out.push(c);
    if (out.length >= max) break;
  }
  return out.map((o) => o.surface);
}

function overlaps(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  return b.some((w) => sa.has(w));
}

function mostCommon(m: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}
