import { readFileSync } from 'node:fs';
import type { RawArticle } from '@akhbar/core';
import { enrichArticle, tonePolarity, type Taggers, type TonePolarity } from '../src/index.ts';

/**
 * Measured quality of the taggers on a labelled set written for Akhbar (packages/nlp/eval/
 * articles.*.json): news in Arabic, English and French with the expected language, entities
 * (gazetteer ids), topics and tone; a few articles in other languages check language id only.
 * Precision, recall and F1 are micro-averaged over the articles.
 *
 * Tone is scored as polarity (negative / neutral / positive from the score, `tonePolarity`)
 * against a reader's label, on the labelled set (the lexicon and thresholds were tuned on it) and
 * on tone.heldout.json: short items written apart and never used to tune anything.
 */

export interface LabelledArticle {
  id: string;
  lang: string;
  title: string;
  body: string;
  /** Expected entity ids; absent: the article does not count for entities. */
  entities?: string[];
  /** Expected topic ids; absent: the article does not count for topics. */
  topics?: string[];
  /** Tone as a reader sees it; absent: the article does not count for tone. */
  tone?: TonePolarity;
  /** The day it was published (YYYY-MM-DD): an office's title is its holder that day. @default 2024-01-01 */
  publishedAt?: string;
  /** The outlet's country (ISO 3166-1 alpha-2), which reads titles with no country («رئيس الحكومة»). */
  sourceCountry?: string;
}

export interface Accuracy {
  accuracy: number;
  correct: number;
  total: number;
}

export interface ToneEval extends Accuracy {
  byLang: Record<string, Accuracy>;
  /** What always answering the commonest label would score (the bar to beat). */
  baseline: number;
  misses: Array<{ id: string; expected: TonePolarity; got: TonePolarity | 'none'; score: number | undefined }>;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface TaggingEval {
  articles: number;
  byLang: Record<string, number>;
  language: { accuracy: number; correct: number; total: number; errors: Array<{ id: string; expected: string; got: string }> };
  entities: Prf & { byLang: Record<string, Prf>; misses: Array<{ id: string; missing: string[]; extra: string[] }> };
  topics: Prf & { byLang: Record<string, Prf>; misses: Array<{ id: string; missing: string[]; extra: string[] }> };
  /** Tone polarity on the labelled set, and on the held-out set. */
  tone: ToneEval & { heldout: ToneEval };
}

const FILES = ['articles.ar.json', 'articles.en.json', 'articles.fr.json', 'articles.other.json'];

export function loadEvalSet(): LabelledArticle[] {
  return FILES.flatMap((f) => JSON.parse(readFileSync(new URL(f, import.meta.url), 'utf8')) as LabelledArticle[]);
}

/** The languages of the names set: the curated names in them are scored on their own. */
export const NAME_LANGS = ['es', 'de', 'tr', 'fa', 'ru', 'zh'] as const;

/**
 * Names in Spanish, German, Turkish, Persian, Russian and Chinese (packages/nlp/eval/names.*.json):
 * short news items written for Akhbar, labelled with the entities they name (people, places,
 * organisations, countries, as the press of that language writes and inflects them; Chinese in
 * Simplified characters as the mainland press writes it, one item in Traditional). Scored for
 * entities only, apart from the main set, so the main set's figures stay comparable (and the story
 * evaluation, which reads the main set, is unchanged).
 */
export function loadNamesSet(): LabelledArticle[] {
  return NAME_LANGS.flatMap((l) => JSON.parse(readFileSync(new URL(`names.${l}.json`, import.meta.url), 'utf8')) as LabelledArticle[]);
}

/** Entity precision / recall / F1 on the names set (per language in `byLang`), and its misses. */
export function evaluateNames(set: LabelledArticle[] = loadNamesSet(), opts: Pick<EvaluateOptions, 'taggers'> = {}): TaggingEval['entities'] & { articles: number } {
  const r = evaluateTagging(set, { heldout: [], taggers: opts.taggers });
  return { ...r.entities, articles: r.articles };
}

/**
 * The labelled set's stories told in several languages: story name → article ids (every other
 * article is a story of its own). Scored against the enrich service's clustering, which needs Redis.
 */
export function loadStoryLabels(): Record<string, string[]> {
  return (JSON.parse(readFileSync(new URL('stories.json', import.meta.url), 'utf8')) as { stories: Record<string, string[]> }).stories;
}

/** Other outlets' reports of the labelled set's events in the same language (sameAs: the article whose story it is), and hard negatives (sameAs null). */
export interface SameLanguageArticle {
  id: string;
  lang: string;
  title: string;
  body: string;
  sameAs: string | null;
}
export function loadSameLanguageStories(): SameLanguageArticle[] {
  return (JSON.parse(readFileSync(new URL('stories.same-lang.json', import.meta.url), 'utf8')) as { articles: SameLanguageArticle[] }).articles;
}

/**
 * Articles written and labelled blind (articles.heldout.json): by a hand that read neither the
 * taggers nor the other sets — only the gazetteer's ids, the offices and the topic list — and
 * scored as they came (see README, "Measured quality"). Each has its day and, for a paper, its
 * country, so offices and titles with no country are read as on the day.
 */
export function loadArticlesHeldout(): LabelledArticle[] {
  return JSON.parse(readFileSync(new URL('articles.heldout.json', import.meta.url), 'utf8')) as LabelledArticle[];
}

/** Short items labelled with their tone, written apart from the lexicon and never used to tune it. */
export function loadToneHeldout(): LabelledArticle[] {
  return JSON.parse(readFileSync(new URL('tone.heldout.json', import.meta.url), 'utf8')) as LabelledArticle[];
}

class ToneCounts {
  private readonly all: Accuracy = { accuracy: 0, correct: 0, total: 0 };
  private readonly by = new Map<string, Accuracy>();
  private readonly labels = new Map<string, number>();
  readonly misses: ToneEval['misses'] = [];
  add(a: LabelledArticle, expected: TonePolarity, score: number | undefined): void {
    const got = score === undefined ? 'none' : tonePolarity({ score });
    const by = this.by.get(a.lang) ?? { accuracy: 0, correct: 0, total: 0 };
    this.by.set(a.lang, by);
    for (const c of [this.all, by]) {
      c.total++;
      if (got === expected) c.correct++;
    }
    this.labels.set(expected, (this.labels.get(expected) ?? 0) + 1);
    if (got !== expected) this.misses.push({ id: a.id, expected, got, score });
  }
  result(): ToneEval {
    const acc = (c: Accuracy): Accuracy => ({ ...c, accuracy: c.total === 0 ? 0 : c.correct / c.total });
    const common = Math.max(0, ...this.labels.values());
    return {
      ...acc(this.all),
      byLang: Object.fromEntries([...this.by].map(([l, c]) => [l, acc(c)])),
      baseline: this.all.total === 0 ? 0 : common / this.all.total,
      misses: this.misses,
    };
  }
}

/** Precision, recall and F1 of counts (1 where there is nothing to find or nothing found). */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

class Counts {
  tp = 0;
  fp = 0;
  fn = 0;
  add(expected: string[], got: string[]): { missing: string[]; extra: string[] } {
    const e = new Set(expected);
    const g = new Set(got);
    const missing = [...e].filter((x) => !g.has(x));
    const extra = [...g].filter((x) => !e.has(x));
    this.tp += [...g].filter((x) => e.has(x)).length;
    this.fp += extra.length;
    this.fn += missing.length;
    return { missing, extra };
  }
  result(): Prf {
    return prf(this.tp, this.fp, this.fn);
  }
}

function toRaw(a: LabelledArticle): RawArticle {
  const now = a.publishedAt ? `${a.publishedAt}T08:00:00.000Z` : '2024-01-01T00:00:00.000Z';
  const source = { id: 'eval', name: 'eval', domain: 'eval.akhbar.invalid', ...(a.sourceCountry ? { country: a.sourceCountry } : {}) };
  return {
    id: a.id, url: `https://eval.akhbar.invalid/${a.id}`, feedId: 'eval', source,
    title: a.title, summary: '', body: a.body, categories: [], publishedAt: now, fetchedAt: now, contentHash: a.id, flags: [],
  };
}

export interface EvaluateOptions {
  /** Held-out tone items. @default loadToneHeldout() */
  heldout?: LabelledArticle[];
  /** Replace taggers (a test checks that the floors can fail). */
  taggers?: Partial<Taggers>;
}

/** Run every tagger over the set and score it. No declared language is given: the text must tell. */
export function evaluateTagging(set: LabelledArticle[] = loadEvalSet(), opts: EvaluateOptions = {}): TaggingEval {
  let correct = 0;
  const langErrors: TaggingEval['language']['errors'] = [];
  const ent = new Counts();
  const top = new Counts();
  const entBy = new Map<string, Counts>();
  const topBy = new Map<string, Counts>();
  const entMiss: TaggingEval['entities']['misses'] = [];
  const topMiss: TaggingEval['topics']['misses'] = [];
  const byLang: Record<string, number> = {};
  const enrich = (a: LabelledArticle) => enrichArticle(toRaw(a), { now: new Date(0), taggers: opts.taggers });
  const tone = new ToneCounts();
  for (const a of set) {
    byLang[a.lang] = (byLang[a.lang] ?? 0) + 1;
    const e = enrich(a);
    if (a.tone) tone.add(a, a.tone, e.tone?.score);
    if (e.lang === a.lang) correct++;
    else langErrors.push({ id: a.id, expected: a.lang, got: e.lang });
    if (a.entities) {
      const got = e.entities.map((x) => x.id);
      const d = ent.add(a.entities, got);
      if (!entBy.has(a.lang)) entBy.set(a.lang, new Counts());
      entBy.get(a.lang)!.add(a.entities, got);
      if (d.missing.length || d.extra.length) entMiss.push({ id: a.id, ...d });
    }
    if (a.topics) {
      const got = e.topics.map((x) => x.id);
      const d = top.add(a.topics, got);
      if (!topBy.has(a.lang)) topBy.set(a.lang, new Counts());
      topBy.get(a.lang)!.add(a.topics, got);
      if (d.missing.length || d.extra.length) topMiss.push({ id: a.id, ...d });
    }
  }
  const heldout = new ToneCounts();
  for (const a of opts.heldout ?? loadToneHeldout()) if (a.tone) heldout.add(a, a.tone, enrich(a).tone?.score);
  const by = (m: Map<string, Counts>) => Object.fromEntries([...m].map(([l, c]) => [l, c.result()]));
  return {
    articles: set.length,
    byLang,
    language: { accuracy: correct / set.length, correct, total: set.length, errors: langErrors },
    entities: { ...ent.result(), byLang: by(entBy), misses: entMiss },
    topics: { ...top.result(), byLang: by(topBy), misses: topMiss },
    tone: { ...tone.result(), heldout: heldout.result() },
  };
}

const f = (x: number) => x.toFixed(3);
const accRow = (name: string, a: Accuracy) => `  ${name.padEnd(14)} accuracy ${f(a.accuracy)}   (${String(a.correct)}/${String(a.total)})`;
const toneRows = (name: string, short: string, t: ToneEval) => [
  `${accRow(name, t)}   commonest label alone: ${f(t.baseline)}`,
  ...Object.entries(t.byLang).map(([l, a]) => accRow(`  ${short} ${l}`, a)),
];
const row = (name: string, p: Prf) => `  ${name.padEnd(14)} P ${f(p.precision)}  R ${f(p.recall)}  F1 ${f(p.f1)}   (tp ${String(p.tp)}, fp ${String(p.fp)}, fn ${String(p.fn)})`;

/** Human-readable report; `verbose` lists every miss. */
export function formatTaggingEval(r: TaggingEval, verbose = false): string {
  return taggingLines(`enrichment (packages/nlp/eval): ${String(r.articles)} articles`, r, verbose, true).join('\n');
}

/** The report's lines: language, entities, topics and tone per language (and the tone held-out items with `toneHeldout`), then the misses. */
function taggingLines(title: string, r: TaggingEval, verbose: boolean, toneHeldout: boolean): string[] {
  const lines = [
    `${title} — ${Object.entries(r.byLang).map(([l, n]) => `${l} ${String(n)}`).join(', ')}`,
    `  language       accuracy ${f(r.language.accuracy)}   (${String(r.language.correct)}/${String(r.language.total)})`,
    row('entities', r.entities),
    ...Object.entries(r.entities.byLang).map(([l, p]) => row(`  entities ${l}`, p)),
    row('topics', r.topics),
    ...Object.entries(r.topics.byLang).map(([l, p]) => row(`  topics ${l}`, p)),
    ...toneRows('tone', 'tone', r.tone),
    ...(toneHeldout ? toneRows('tone held-out', 'held-out', r.tone.heldout) : []),
  ];
  if (verbose) {
    for (const e of r.language.errors) lines.push(`  lang miss ${e.id}: expected ${e.expected}, got ${e.got}`);
    for (const m of r.entities.misses) lines.push(`  entities ${m.id}: missing [${m.missing.join(', ')}] extra [${m.extra.join(', ')}]`);
    for (const m of r.topics.misses) lines.push(`  topics ${m.id}: missing [${m.missing.join(', ')}] extra [${m.extra.join(', ')}]`);
    for (const m of [...r.tone.misses, ...(toneHeldout ? r.tone.heldout.misses : [])]) lines.push(`  tone ${m.id}: expected ${m.expected}, got ${m.got} (score ${String(m.score)})`);
  }
  return lines;
}

/** Human-readable report of the names set; `verbose` lists every miss. */
export function formatNamesEval(r: ReturnType<typeof evaluateNames>, verbose = false): string {
  const lines = [
    `names in ${NAME_LANGS.join('/')} (packages/nlp/eval/names.*.json): ${String(r.articles)} items`,
    row('entities', r),
    ...Object.entries(r.byLang).map(([l, p]) => row(`  entities ${l}`, p)),
  ];
  if (verbose) for (const m of r.misses) lines.push(`  entities ${m.id}: missing [${m.missing.join(', ')}] extra [${m.extra.join(', ')}]`);
  return lines.join('\n');
}

/** Floor on each language's entity F1 on the names set. */
export const NAMES_F1_FLOOR = 0.9;

/**
 * Floors on the blind held-out articles, under what they measured: the six batches as they came, entities F1 0.983 /
 * 0.978 / 0.982 / 0.977 / 0.975 / 0.976, topics 0.788 / 0.703 / 0.779 / 0.828 / 0.758 / 0.769, tone 0.861 / 0.750 / 0.792 /
 * 0.500 / 0.750 / 0.583; all six now 0.988, 0.804, 0.756 (README, "Measured quality"). Tone's floor was 0.75 until the fourth
 * batch showed the first three had flattered it.
 */
export const HELDOUT_FLOORS = { entities: 0.9, topics: 0.75, tone: 0.7 } as const;

export function meetsHeldoutFloors(r: TaggingEval): boolean {
  return r.entities.f1 >= HELDOUT_FLOORS.entities && r.topics.f1 >= HELDOUT_FLOORS.topics && r.tone.accuracy >= HELDOUT_FLOORS.tone;
}

/** Human-readable report of the blind held-out articles: entities, topics and tone, per language. */
export function formatHeldoutEval(r: TaggingEval, verbose = false): string {
  return taggingLines(`held-out articles (packages/nlp/eval/articles.heldout.json, written blind): ${String(r.articles)}`, r, verbose, false).join('\n');
}

/** The evaluation module `npm run eval` runs (scripts/eval.ts). */
export const name = 'enrichment';
export async function run(opts: { verbose?: boolean } = {}): Promise<{ name: string; report: string; ok: boolean }> {
  const r = evaluateTagging();
  const names = evaluateNames();
  const blind = evaluateTagging(loadArticlesHeldout(), { heldout: [] });
  const ok = r.language.accuracy >= 0.98 && r.entities.f1 >= 0.85 && r.topics.f1 >= 0.75 && r.tone.accuracy >= 0.7 && r.tone.heldout.accuracy >= 0.85 &&
    NAME_LANGS.every((l) => (names.byLang[l]?.f1 ?? 0) >= NAMES_F1_FLOOR) && meetsHeldoutFloors(blind);
  return { name, report: `${formatTaggingEval(r, opts.verbose)}\n${formatNamesEval(names, opts.verbose)}\n${formatHeldoutEval(blind, opts.verbose)}`, ok };
}
