import { createRequire } from 'node:module';
import type { Tone } from '@akhbar/core';
import { cliticVariants, tokenize, type Token } from './text.ts';
import { parseTerm, PhraseIndex } from './trie.ts';

/**
 * Tone: how positive or negative the words of an article are, in the manner of GDELT's "tone".
 * Words and phrases with a clear connotation in news (killed, crisis, shortage, قتل, أزمة,
 * انقطاع… / agreement, recovery, win, اتفاق, انتعاش, فوز…) are looked up in hand-made lexicons
 * (data/tone.json: Arabic, English, French, Spanish, German); then
 *
 *   positive = % of the words that carry a positive connotation,
 *   negative = % of the words that carry a negative connotation,
 *   score    = positive − negative (−100…100; below 0 is negative coverage),
 *
 * all rounded to 2 decimals. "Words" are all the word tokens of the title and the analysed body
 * (numbers aside), not just the ones found in a lexicon, so a 600-word report with a dozen grim
 * words scores about −2; the labelled articles run from −12 to +6. Title words count twice, in the
 * numerator and the denominator alike: the headline is the editor's one-line judgement of the
 * story and what a reader of a list of results sees, while a body often quotes both sides.
 *
 * Matching is the topics' machinery (`PhraseIndex`, the shared tokens): terms are words,
 * phrases, `stem*`, `|weight` (0…1; a weak connotation counts 0.5); Arabic terms are matched after
 * clitics and the article are peeled ("والانتصار" meets "انتصار*"). A phrase and the words inside
 * it count once; the `neutral` list holds phrases that carry no tone though a word in them does
 * ("عبد السلام", "counter-terrorism", "lutte contre la corruption").
 *
 * Background: a body sentence that opens as background does («وكان الوفد قد …», «يذكر أن …»,
 * «ويعاني العراقيون من انقطاع الكهرباء …»; the `background` lists) weighs a quarter
 * (`TONE_BACKGROUND_WEIGHT`): a contract to end the outages is good news, the outages it recalls
 * are not the news. Only Arabic has such openers so far; other languages' background reads in full.
 *
 * Negation, one rule: a negator among the three tokens before a term, in the same sentence and
 * with no other term in between, flips the term. "no agreement" counts as negative, "لم تسفر عن
 * خسائر" ("caused no losses") as positive, "without agreement as shelling continues" flips the
 * agreement but not the shelling. Negators are not, no, never, without, n't, lack · لا لم لن ليس
 * غير دون بدون عدم · pas, sans, aucun, jamais, ni · no, sin, ningún · nicht, kein, ohne…, and the
 * words that end something (end/ending, ينهي/إنهاء, mettre fin, beenden): "ending the crisis",
 * "لإنهاء أزمة" are good news. A few pairs that start with a negator do not negate ("لا يزال"
 * still, "لا سيما", "not only", "sans doute", "sin embargo").
 *
 * Languages: those with a lexicon are scored with it. `und` (too little text to tell, or scripts
 * mixed in even measure, usually an Arabic headline with Latin names) is scored with every
 * lexicon together. Any other language gets no tone (`undefined`): a 0 would read as "neutral"
 * on a dashboard and pull averages towards it.
 *
 * Limits, as GDELT's own: it counts words, it does not understand them. Sarcasm, reported speech
 * ("the minister denied the crisis"), whose side a word is on (one team's win is the other's
 * defeat), negation further than three words away, and words missing from the lexicons are all
 * beyond it. Compare tone between sets of articles (a source, a country, a week), not the exact
 * value of one article.
 */

export type TonePolarity = 'negative' | 'neutral' | 'positive';

interface ToneData {
  negators: Record<string, string[]>;
  notNegating: Record<string, string[]>;
  neutral: Record<string, string[]>;
  background: Record<string, string[]>;
  positive: Record<string, string[]>;
  negative: Record<string, string[]>;
}

/** +1 positive, −1 negative, 0 neutral (a phrase that shadows the words inside it). */
interface Term {
  polarity: 1 | -1 | 0;
  weight: number;
}

const require = createRequire(import.meta.url);
const data = require('../data/tone.json') as ToneData;

/** Languages with a tone lexicon. */
export const TONE_LANGUAGES: readonly string[] = Object.freeze(Object.keys(data.positive));

/** Title words weigh this much (numerator and denominator alike). */
export const TONE_TITLE_WEIGHT = 2;
/** Tokens before a term searched for a negator. */
export const NEGATION_WINDOW = 3;
/**
 * Words of a background sentence weigh this much (numerator and denominator alike). Arabic copy
 * opens its background with set words («وكان … قد», «يذكر أن», «ويعاني السكان من …»): the crisis a
 * new power plant is to end, the war a museum outlived. Counted in full, that background outweighed
 * the news it frames; 0.25 was the best of 0, 0.25, 0.5 and 0.75 on the labelled and held-out sets
 * (0 scored the same: a quarter keeps a story made only of background from reading as no words).
 */
export const TONE_BACKGROUND_WEIGHT = 0.25;
/**
 * Polarity thresholds on the score, tuned on the labelled set (packages/nlp/eval): below
 * −NEUTRAL_BAND negative, above +NEUTRAL_BAND positive, else neutral. ±1 was the best of the
 * bands tried (0.5…2.5 either side); an asymmetric one gained a single article.
 */
export const TONE_NEUTRAL_BAND = 1;

const ALL = '*';

interface Lexicon {
  index: PhraseIndex<Term>;
  negators: Set<string>;
  /** "negator next" pairs that do not negate. */
  notNegating: Set<string>;
  /** Openers of a background sentence, as normalised tokens. */
  background: string[][];
}

const lexicons = new Map<string, Lexicon>();

function lexiconFor(lang: string): Lexicon | undefined {
  const key = TONE_LANGUAGES.includes(lang) ? lang : lang === 'und' ? ALL : undefined;
  if (key === undefined) return undefined;
  let lex = lexicons.get(key);
  if (!lex) {
    const langs = key === ALL ? TONE_LANGUAGES : [key];
    const index = new PhraseIndex<Term>();
    const lists: Array<[Record<string, string[]>, Term['polarity']]> = [[data.positive, 1], [data.negative, -1], [data.neutral, 0]];
    for (const [byLang, polarity] of lists) {
      for (const l of langs) {
        for (const term of byLang[l] ?? []) {
          const parsed = parseTerm(term);
          if (parsed) index.add(parsed.steps, { polarity, weight: Math.min(1, Math.max(0, parsed.weight)) });
        }
      }
    }
    const norms = (list: string[]) => list.map((w) => tokenize(w).map((t) => t.norm).join(' '));
    const negators = new Set(langs.flatMap((l) => norms(data.negators[l] ?? [])));
    const notNegating = new Set(langs.flatMap((l) => norms(data.notNegating[l] ?? [])));
    const background = langs.flatMap((l) => norms(data.background[l] ?? []).map((o) => o.split(' ')));
    lex = { index, negators, notNegating, background };
    lexicons.set(key, lex);
  }
  return lex;
}

function isNegator(lex: Lexicon, tokens: readonly Token[], j: number): boolean {
  const t = tokens[j]!;
  // "ولم", "فلا", "بدون": the negator may carry a conjunction or preposition.
  const forms = t.arabic ? cliticVariants(t.norm) : [t.norm];
  const form = forms.find((f) => lex.negators.has(f));
  if (form === undefined) return false;
  const next = tokens[j + 1];
  return !(next && next.sentence === t.sentence && lex.notNegating.has(`${form} ${next.norm}`));
}

/** A negator among the `NEGATION_WINDOW` tokens before token `i`, after `from` (the previous term's end). */
function negated(lex: Lexicon, tokens: readonly Token[], i: number, from: number): boolean {
  const sentence = tokens[i]!.sentence;
  for (let j = i - 1; j >= from && j >= i - NEGATION_WINDOW; j--) {
    if (tokens[j]!.sentence !== sentence) return false;
    if (isNegator(lex, tokens, j)) return true;
  }
  return false;
}

/** One scored occurrence (what `explainTone` lists). */
export interface ToneHit {
  /** Words as written. */
  text: string;
  /** +1 or −1 after negation, times the term's weight. */
  value: number;
  negated: boolean;
  title: boolean;
}

/** Whether the sentence starting at token `i` opens with a background opener. */
function opensBackground(lex: Lexicon, tokens: readonly Token[], i: number): boolean {
  const sentence = tokens[i]!.sentence;
  return lex.background.some((o) => o.every((norm, k) => tokens[i + k]?.norm === norm && tokens[i + k]!.sentence === sentence));
}

const isNumber = (norm: string) => norm.charCodeAt(0) <= 0x39 && /^\d+$/.test(norm);
const round2 = (x: number) => Math.round(x * 100) / 100 + 0; // + 0: no -0

function score(tokens: readonly Token[], lang: string, titleTokens: number, hits?: ToneHit[]): Tone | undefined {
  const lex = lexiconFor(lang);
  if (!lex) return undefined;
  let words = 0;
  let pos = 0;
  let neg = 0;
  let coveredUntil = 0;
  let lastEnd = 0;
  let background = false;
  for (let i = 0; i < tokens.length; i++) {
    if (i >= titleTokens && (i === titleTokens || tokens[i - 1]!.sentence !== tokens[i]!.sentence)) background = opensBackground(lex, tokens, i);
    const w = i < titleTokens ? TONE_TITLE_WEIGHT : background ? TONE_BACKGROUND_WEIGHT : 1;
    if (!isNumber(tokens[i]!.norm)) words += w;
    if (i < coveredUntil) continue;
    const matches = lex.index.matchAt(tokens, i, 'article');
    if (matches.length === 0) continue;
    // The longest term here; a tie between two readings goes to the heavier one.
    let best = matches[0]!;
    for (const m of matches) if (m.end > best.end || (m.end === best.end && m.value.weight > best.value.weight)) best = m;
    coveredUntil = best.end;
    const { polarity, weight } = best.value;
    if (polarity === 0 || weight === 0) {
      lastEnd = best.end;
      continue;
    }
    // A negator governs the first term after it only: "without agreement as shelling continues".
    const flip = negated(lex, tokens, i, lastEnd);
    lastEnd = best.end;
    const value = (flip ? -polarity : polarity) * weight;
    if (value > 0) pos += value * w;
    else neg -= value * w;
    hits?.push({ text: tokens.slice(i, best.end).map((t) => t.raw).join(' '), value, negated: flip, title: i < titleTokens });
  }
  if (words === 0) return { score: 0, positive: 0, negative: 0 };
  const positive = Math.min(100, (pos / words) * 100);
  const negative = Math.min(100, (neg / words) * 100);
  return { score: round2(positive - negative), positive: round2(positive), negative: round2(negative) };
}

/**
 * Tone of tokenised text in `lang` (the tokens enrichment already has: title then body).
 * `titleTokens` is how many of the tokens belong to the title. Undefined for a language without
 * a lexicon (see above); an empty text gives zeros.
 */
export function tagToneInTokens(tokens: readonly Token[], lang: string, titleTokens = 0): Tone | undefined {
  return score(tokens, lang, titleTokens);
}

function tokensOf(text: string, title?: string): { tokens: Token[]; titleTokens: number } {
  const titleToks = title ? tokenize(title) : [];
  const tokens = [...titleToks, ...tokenize(text).map((t) => ({ ...t, sentence: t.sentence + 1_000_000 }))];
  return { tokens, titleTokens: titleToks.length };
}

/** Tone of a text (title and body together when the title is given). */
export function tagTone(text: string, lang: string, title?: string): Tone | undefined {
  const { tokens, titleTokens } = tokensOf(text, title);
  return score(tokens, lang, titleTokens);
}

/** The tone and the words that made it (for evaluation and debugging). */
export function explainTone(text: string, lang: string, title?: string): { tone: Tone | undefined; hits: ToneHit[] } {
  const { tokens, titleTokens } = tokensOf(text, title);
  const hits: ToneHit[] = [];
  return { tone: score(tokens, lang, titleTokens, hits), hits };
}

/** Negative, neutral or positive, from the score (thresholds: `TONE_NEUTRAL_BAND`). */
export function tonePolarity(tone: Pick<Tone, 'score'>, band = TONE_NEUTRAL_BAND): TonePolarity {
  return tone.score < -band ? 'negative' : tone.score > band ? 'positive' : 'neutral';
}
