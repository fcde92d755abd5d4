import { F } from './fields.ts';

/**
 * "Did you mean": a search that found nothing asks Elasticsearch's term suggester, over the
 * index's own words, for the nearest word to each word of `q` that the index does not hold
 * (`suggest_mode: missing`: a word it has is never changed), then splices them into `q` where
 * those words stood — operators, quotes, exclusions and the other words left as they were.
 *
 * The suggester reads the language-neutral fields, so what it proposes is their folded form
 * (lower case, accents and Arabic letter variants folded: `المتحده`, `teheran`); the gateway puts
 * back the spelling an article uses when it can (see the search route).
 */

/** The suggest request for `q`: one term suggester per neutral field, the best of each word kept. */
export function spellingBody(q: string): Record<string, unknown> {
  const term = (field: string) => ({ term: { field, suggest_mode: 'missing', size: 1, sort: 'score', min_word_length: 3, max_edits: 2, string_distance: 'internal' } });
  return { size: 0, track_total_hits: false, suggest: { text: q, title: term(F.title), body: term(F.body) } };
}

/** One word the suggester was asked about: where it stands in `q`, and what it proposes. */
interface SuggestEntry {
  text: string;
  offset: number;
  length: number;
  options: Array<{ text: string; score: number; freq: number }>;
}

export interface Correction {
  /** Where the word stood in the original query, and what it was. */
  offset: number;
  length: number;
  from: string;
  /** The index's (folded) word proposed in its place. */
  to: string;
}

// The query language's own words: never a misspelling.
const OPERATORS = new Set(['AND', 'OR', 'NOT']);

/**
 * The corrections the suggester's answer proposes for `q`: per word, the best option of any field
 * (highest score, then the more frequent). An operator, a prefix (`oil*`), an excluded word
 * (`-oil`) and a word that is a number are left alone.
 */
export function corrections(q: string, suggest: Record<string, SuggestEntry[] | undefined> | undefined): Correction[] {
  const best = new Map<number, Correction & { score: number; freq: number }>();
  for (const entries of Object.values(suggest ?? {})) {
    for (const e of entries ?? []) {
      const option = e.options[0];
      if (!option) continue;
      const from = q.slice(e.offset, e.offset + e.length);
      if (OPERATORS.has(from) || /^\d+$/.test(from) || q[e.offset + e.length] === '*' || q[e.offset - 1] === '-') continue;
      const seen = best.get(e.offset);
      if (seen && (seen.score > option.score || (seen.score === option.score && seen.freq >= option.freq))) continue;
      best.set(e.offset, { offset: e.offset, length: e.length, from, to: option.text, score: option.score, freq: option.freq });
    }
  }
  return [...best.values()].sort((a, b) => a.offset - b.offset).map(({ offset, length, from, to }) => ({ offset, length, from, to }));
}

/** `q` with each correction's word replaced by `spell(correction)` (by default the proposed word). */
export function applyCorrections(q: string, list: readonly Correction[], spell: (c: Correction) => string = (c) => c.to): string {
  let out = '';
  let at = 0;
  for (const c of list) {
    if (c.offset < at) continue;
    out += q.slice(at, c.offset) + spell(c);
    at = c.offset + c.length;
  }
  return out + q.slice(at);
}
