import { createRequire } from 'node:module';
import type { Topic } from '@akhbar/core';
import { tokenize, type Token } from './text.ts';
import { parseTerm, PhraseIndex } from './trie.ts';

/**
 * Topics: the IPTC Media Topics top level (plus `energy`, which the news Akhbar was designed
 * from treats as a subject of its own), scored from multilingual lexicons in data/topics.json.
 *
 * A lexicon term is a word or phrase, `stem*` for any word starting with the stem, `=Word` for
 * that exact case, and `|weight` (default 1). Arabic terms are matched after clitics and the
 * article are peeled off ("والانتخابات" meets "انتخاب*").
 */

export interface TopicDef {
  /** Akhbar's topic id (what `enrichment.topics[].id` holds and the index facets on). */
  id: string;
  /** IPTC Media Topics code (`medtop:…`), or `akhbar:…` for an Akhbar addition. */
  iptc: string;
  /** Display label per language. */
  labels: Record<string, string>;
  /**
   * The topic this one is a sector of, as IPTC files energy under the economy. An article led
   * by this topic also carries that one whenever it has evidence at all (`MIN_EVIDENCE`), however
   * far behind: an oil output cut that mentions prices and markets is economic news too.
   */
  within?: string;
}

interface TopicData {
  taxonomy: TopicDef[];
  lexicon: Record<string, Record<string, string[]>>;
}

interface Term {
  topic: string;
  weight: number;
}

const require = createRequire(import.meta.url);
const data = require('../data/topics.json') as TopicData;

/** The taxonomy, in display order. */
export const TOPICS: readonly TopicDef[] = Object.freeze(data.taxonomy.map((t) => Object.freeze({ ...t, labels: Object.freeze({ ...t.labels }) })));

/** Each sector topic's parent (`TopicDef.within`). */
const WITHIN = new Map(TOPICS.flatMap((t) => (t.within ? [[t.id, t.within] as const] : [])));

/**
 * Topics kept per article at most. News is mostly about one or two subjects (of 467 labelled and held-out articles, 4 carry
 * three), and on the first fifteen held-out batches two at most, or a third only with 0.8 of the first's evidence, raised
 * F1 (0.802 → 0.823). The next three batches, written after and measured blind, said otherwise: pooled, four at 0.45 scored
 * 0.772 on them, the 0.8 bar 0.760, two at most 0.751 — each lost third topics the labellers gave (a flood's weather, a
 * reef's environment, a heatwave's weather). So four it stays: the gain was the fit to the batches it was tuned on.
 */
const MAX_TOPICS = 4;
/** A topic needs this much evidence (sum of term weights, title and lede counted double)… */
const MIN_EVIDENCE = 2;
/**
 * …and this share of the strongest topic's evidence. Measured on the blind held-out articles: a
 * third let a story's passing subjects through (precision 0.72); 0.45 with the lede weighed as
 * the title is keeps a second topic the headline or lede carries.
 */
const MIN_RELATIVE = 0.45;
/** Title words, and the lede's (the body's first sentences), weigh this much more than the rest. */
const TITLE_BOOST = 2;
/**
 * Sentences of the body that make its lede. News is written top-down: what a story is about is
 * in its headline and first sentences; a subject met only further down is background.
 */
const LEDE_SENTENCES = 2;

const indexes = new Map<string, PhraseIndex<Term>>();

/** The lexicon index of one language; languages without a lexicon use all of them together. */
function indexFor(lang: string): PhraseIndex<Term> {
  const key = Object.values(data.lexicon).some((l) => l[lang]) ? lang : '*';
  let idx = indexes.get(key);
  if (!idx) {
    idx = new PhraseIndex<Term>();
    for (const [topic, byLang] of Object.entries(data.lexicon)) {
      for (const [l, terms] of Object.entries(byLang)) {
        if (key !== '*' && l !== key) continue;
        for (const term of terms) {
          const parsed = parseTerm(term);
          if (parsed) idx.add(parsed.steps, { topic, weight: parsed.weight });
        }
      }
    }
    indexes.set(key, idx);
  }
  return idx;
}

/**
 * Topics of tokenised text in `lang`, strongest first. `titleTokens` is how many of the tokens
 * belong to the title (weighed more, as the body's lede is). Score: the topic's share of all topical evidence (0…1).
 */
export function tagTopicsInTokens(tokens: readonly Token[], lang: string, titleTokens = 0): Topic[] {
  const idx = indexFor(lang);
  const evidence = new Map<string, number>();
  const ledeEnd = (tokens[titleTokens]?.sentence ?? 0) + LEDE_SENTENCES;
  // Per topic, the end of its last match: a phrase and a word inside it count once.
  const coveredUntil = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const matches = idx.matchAt(tokens, i, 'article');
    if (matches.length === 0) continue;
    // Longest match per topic at this position.
    const best = new Map<string, { end: number; weight: number }>();
    for (const m of matches) {
      const b = best.get(m.value.topic);
      if (!b || m.end > b.end || (m.end === b.end && m.value.weight > b.weight)) best.set(m.value.topic, { end: m.end, weight: m.value.weight });
    }
    for (const [topic, m] of best) {
      if ((coveredUntil.get(topic) ?? 0) > i) continue;
      coveredUntil.set(topic, m.end);
      const boost = i < titleTokens || tokens[i]!.sentence < ledeEnd ? TITLE_BOOST : 1;
      evidence.set(topic, (evidence.get(topic) ?? 0) + m.weight * boost);
    }
  }
  if (evidence.size === 0) return [];
  const ranked = [...evidence.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = ranked[0]![1];
  const total = ranked.reduce((s, [, v]) => s + v, 0);
  const kept = ranked.filter(([, v]) => v >= MIN_EVIDENCE && v >= max * MIN_RELATIVE).slice(0, MAX_TOPICS);
  const parent = kept.length > 0 ? WITHIN.get(kept[0]![0]) : undefined;
  if (parent && !kept.some(([id]) => id === parent) && (evidence.get(parent) ?? 0) >= MIN_EVIDENCE) {
    // Second, before the rest: an oil field's jobless graduates stay labour too.
    kept.splice(1, 0, [parent, evidence.get(parent)!]);
    kept.length = Math.min(kept.length, MAX_TOPICS);
    // Strongest first, as ever, once the parent is in.
    kept.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
  return kept.map(([id, v]) => ({ id, score: Math.round((v / total) * 1000) / 1000 }));
}

/** Topics of a text (title and body together when the title is given). */
export function tagTopics(text: string, lang: string, title?: string): Topic[] {
  const titleTokens = title ? tokenize(title) : [];
  const tokens = [...titleTokens, ...tokenize(text).map((t) => ({ ...t, sentence: t.sentence + 1_000_000 }))];
  return tagTopicsInTokens(tokens, lang, titleTokens.length);
}
