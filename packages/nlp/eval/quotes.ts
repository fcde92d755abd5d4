import { readFileSync } from 'node:fs';
import type { RawArticle } from '@akhbar/core';
import { enrichArticle, type Taggers } from '../src/index.ts';
import { prf, type Prf } from './eval.ts';

/**
 * Measured quality of "who said what" (the `quotes` tagger) on quotes.json: short news paragraphs
 * written for Akhbar in Arabic, English, French, Sorani and Kurmanji Kurdish, nine in Persian, and
 * one to four each in Spanish, German, Turkish and Russian, each labelled with the quotations a reader would list (the first words of each)
 * and who said them — a known person's or organisation's id, or null for someone the gazetteer
 * does not know ("a local official") — and paragraphs that quote no one (scare quotes, titles of
 * books, films and slogans in quotation marks). The paragraphs go through `enrichArticle`, so the
 * article's own entities help as they do in the pipeline.
 *
 * Reported speech without quotation marks («وقال الوزير إن …», "the minister said that …") is
 * labelled too, `indirect: true` (the first words of what was reported, after إن / that / que),
 * and so is an attribution to an unnamed source («مصادر مقربة من …», "officials who asked not to
 * be named"), `unnamed: true`, its speaker null. The labelled statements are those a careful
 * reader would list, whether or not the extractor can find them ("…, police said." after what
 * was said, «بحسب مصادر» with no comma are labelled and missed); paragraphs with a complementizer
 * after a verb that is no speech («من المتوقع أن», "it is expected that", "il faut que"), a
 * relative clause, "said goodbye", "according to the constitution", «حسب الجدول» expect nothing.
 *
 * Scored: finding quotations (precision, recall, F1; a found one matches a labelled one when its
 * text starts with the labelled words) and, of those found, the share whose speaker is right —
 * overall, the floors' figures; then separately for quotations in marks and reported speech (a
 * match counts for its kind when the found one is of the labelled kind; otherwise it is a miss of
 * the one kind and an extra of the other), and, of the matched, the share whose `unnamed` agrees.
 *
 * The 17 paragraphs with reported speech and unnamed sources (q-ar-15…24, q-en-09…12, q-fr-07…09)
 * were written with the extractor's rules for them in mind, by the same hand, and scored before it
 * was changed for them: overall P 1.000 R 0.930 F1 0.964, speaker 1.000; in marks F1 1.000;
 * reported P 1.000 R 0.840 F1 0.913; unnamed right 0.981 (52/53). Then mended: a plural Arabic
 * verb after its subject («مسؤولين … قالوا إن»), and «des proches» read as a head: reported R 0.880
 * F1 0.936, unnamed 1.000. The three left are reports with no complementizer ("said the agenda
 * included", «Selon des sources, …»), which are not read.
 *
 * Then 21 more (q-ar-25…32, q-en-13…20, q-fr-10…12, q-es-02, q-de-02) for English "said" with no
 * "that", sources with no complementizer (بحسب, وفقا ل, "according to", selon, según, laut, before
 * and after what they report) and Arabic adjuncts longer than eight words, with paragraphs that must
 * give nothing. The first 18 of them were written before the extractor read any of it, and scored
 * so: on the 68 paragraphs then, overall P 1.000 R 0.699 F1 0.823 (below the floor), reported
 * P 1.000 R 0.490 F1 0.658, in marks F1 1.000, speaker 1.000 (58/58). The other three (q-ar-32,
 * q-en-20, q-fr-12) were written after, as plain wire copy holding what is still not read on
 * purpose: an attribution after what was said ("…, police said"; «…, a indiqué un responsable»), a
 * verb in -ed after a noun ("Witnesses said gunmen opened fire"), بحسب with no comma before it.
 * Now, on all 71: P 1.000 R 0.956 F1 0.977, speaker right 0.988 (85/86: "Iraq's foreign minister"
 * is not known to be Fuad Hussein, a miss hidden before by the statement not being found); in
 * marks F1 1.000; reported P 1.000 R 0.929 F1 0.963; unnamed right 1.000. On the first 50 alone,
 * R 1.000 F1 1.000. The same hand wrote the rules and most paragraphs: expect less on real copy.
 * On the unlabelled bodies of articles.*.json and the extraction pages, the change finds 41 more
 * reported statements, each read by hand as someone's statement (a few run on past where it ends),
 * and loses none. *
 * Then 20 more (q-ar-33…41, q-en-21…27, q-fr-13…14, q-es-03, q-de-03), written before the extractor
 * read any of it and scored so: the attribution after what was said ("…, police said.", «…، قال مصدر
 * أمني.», «…, dijo el ministro.», "…, sagte ein Regierungssprecher"), set off in the middle of it ("The
 * new power station in Basra, officials said, will add …", "…, according to two officials in his office,
 * during …", «، بحسب مقربين منه، ملفا …»), a body called by its head alone after the article named it
 * («وقالت السفارة», "the embassy said"; labelled with the `by` a reader should see, scored as
 * "attribution right"), «وفقا لمصادر …، "…"», «… على أن يستمر …», and paragraphs that must give nothing
 * ("as the minister said", "Speaking to reporters …, the minister said …", "said nothing", a relative
 * clause, two ministries before «الوزارة»). Before: on all 91, P 0.990 R 0.825 F1 0.900 (one extra,
 * «على أن»); reported P 0.984 R 0.747 F1 0.849; in marks F1 1.000; speaker 0.980 (97/99); unnamed 0.990
 * (98/99: the ل of «لمصادر»); the 19 labelled `by` found right 2. On the 20 alone, F1 0.591. After: on
 * all 91, P 1.000 R 0.983 F1 0.992; reported P 1.000 R 0.976 F1 0.988; in marks F1 1.000; speaker 0.992
 * (117/118); unnamed 1.000; `by` 19/19. The 71 before: F1 0.977 → 0.989 (q-fr-12, «…, a indiqué un
 * responsable local», now read). The 20 alone: F1 1.000 — by the hand that wrote the rules. Left: «…
 * بحسب مصادر أمنية» with no comma, and a verb in -ed after a noun ("Witnesses said the attackers fled"),
 * as decided. On the unlabelled bodies of articles.*.json, 8 more statements (60 → 68), each read by hand as
 * the attribution's ("…, officials in Baghdad said on Sunday.", "…, the oil ministry said.", «…، بحسب تقارير
 * الأمم المتحدة.»), two `by` now the body named before («هيئة النزاهة الاتحادية», «شركة تسويق النفط
 * العراقية», its speaker SOMO), none lost; on the extraction pages' texts, 6 more (50 → 56: "…, the
 * operator said on Tuesday, as …", «…, a indiqué l'entreprise publique dans un communiqué.»), two `by`
 * resolved («لجنة السياسة النقدية», "the Petra Development and Tourism Region Authority"), none lost.
 *
 * Then Iraq's Kurdish, 20 paragraphs in the manner of Erbil's and Duhok's press (q-ckb-01…10 in Sorani, q-ku-01…10 in
 * Kurmanji; two of each with nothing said: a film's and a book's title, scare quotes, «بەپێی یاسا» / "li gorî yasayê", "ku"
 * and «کە» after no speech verb, a relative, a negated verb, "gotin" the noun), written before the extractor read either
 * language and scored so: on all 111, P 1.000 R 0.814 F1 0.897 — Sorani and Kurmanji R 0.000 (0/13, 0/12; the four
 * paragraphs with nothing said gave nothing). After the speech tables and the verb-final subject (subjectEnd): Sorani
 * R 0.923, the miss «سەرچاوەیەکی ئاگادار بە ڕووداوی ڕاگەیاند کە …», where the agent clitic sits on the addressee and the
 * verb is bare; with the bare verbs, on all 111: P 1.000 R 0.986 F1 0.993; in marks F1 1.000; reported P 1.000 R 0.980
 * F1 0.990; speaker right 0.993 (142/143); unnamed 1.000; `by` 41/41; Sorani and Kurmanji F1 1.000 each — by the hand
 * that wrote the rules, so expect less on real copy. The 91 before read as before (F1 0.992); every unlabelled text here,
 * in its own language and as an unknown one, gives what it gave; the Kurdish bodies of articles.other.json give one
 * statement each they gave none of before, both right («بەپێی سەرچاوەکانی حکومەت، …», "Li gorî çavkaniyên hikûmetê, …":
 * unnamed).
 * Then 7 more Kurdish paragraphs (q-ckb-11…14, q-ku-11…13): the attribution after what it reports («…، بەرپرسێک گوتی.»,
 * «…، سەرچاوەیەک بە ڕووداوی ڕاگەیاند.», "…, berpirsekî got.", "…, çavkaniyekê ji Rûdawê re got."), a ministry by its head
 * alone after its full name («وەزارەتەکە», «وەزارەتی ناوبراو», "Wezaret", "Wezareta navborî"; with two ministries before, as
 * written), Sorani «ڕایگەیاند: …» with no quotation marks, and negatives (an adjunct alone before «گوتی», an object before
 * bare «ڕاگەیاند», «وەک» / "wek" "as"). Scored before the rules for them, on all 118: P 1.000 R 0.949 F1 0.974; Sorani F1
 * 0.889, Kurmanji 0.938; `by` 43/47. After: P 1.000 R 0.987 F1 0.994; reported F1 0.991; unnamed 1.000 (155/155; "berpirsekî
 * Parastina Şaristanî" is unnamed: after the indefinite with the ezafe the capitals are whose official); `by` 53/53; Sorani and
 * Kurmanji F1 1.000 — by the hand that wrote the rules. Every text of eval/*.json, in its own language and as Sorani and as
 * Kurmanji, reads as before but these seven.
 * Then q-ar-48…50, labelled before the rule: an Arabic member or deputy with a relation after it («عضو في لجنة …»,
 * «أعضاء في مجلس …», «نائبة عن محافظة …») is unnamed; «عضو اللجنة المالية النيابية جمال كوجر» is not. Unnamed right
 * 177/181 before, 181/181 after; `by` 73/76 (the three misses are unnamed heads shown cut at «في», q-ar-47's before).
 * Then an unnamed Arabic source's relation after «في» / «لدى» is part of who it is (unnamedRelation): `by` 76/76; on the
 * unlabelled bodies and the demo's pages four attributions longer («مسؤول» → «مسؤول في الوزارة»…), no statement gained or lost.
 */

export interface LabelledQuotes {
  id: string;
  lang: string;
  text: string;
  /** `by`: the attribution a reader should see, where the paragraph tests it (a body named in full earlier, not «الوزارة» alone). */
  quotes: Array<{ start: string; speaker: string | null; indirect?: boolean; unnamed?: boolean; by?: string }>;
  /** The day it was written (YYYY-MM-DD): an office's title is its holder that day. @default 2024-01-01 */
  publishedAt?: string;
}

/** Precision, recall and F1 of one kind of statement. */
export type KindScore = Prf;

export interface QuotesEval extends Prf {
  items: number;
  /** Of the quotations found that are labelled: those whose speaker (or its absence) is right. */
  speaker: { accuracy: number; correct: number; total: number };
  /** Quotations in marks alone, and reported speech (`indirect`) alone. */
  direct: KindScore;
  indirect: KindScore;
  /** Of the labelled statements found (either kind): those whose `unnamed` flag agrees with the label. */
  unnamed: { accuracy: number; correct: number; total: number };
  /** Of the labelled statements found whose label gives `by`: those whose `by` is that. */
  by: { accuracy: number; correct: number; total: number };
  /** Both kinds together, per language of the paragraphs (a language with few paragraphs is a sign, not a measure). */
  langs: Record<string, Prf>;
  misses: Array<{ id: string; kind: 'missed' | 'extra' | 'speaker' | 'unnamed' | 'by'; text: string; expected?: string | null; got?: string | null }>;
}

export function loadQuotesSet(): LabelledQuotes[] {
  return JSON.parse(readFileSync(new URL('./quotes.json', import.meta.url), 'utf8')) as LabelledQuotes[];
}

/**
 * Paragraphs written and labelled blind (quotes.heldout.json): by a hand that read neither the
 * extractor nor quotes.json, only the gazetteer's ids and the offices, and scored as they came.
 */
export function loadQuotesHeldout(): LabelledQuotes[] {
  return JSON.parse(readFileSync(new URL('./quotes.heldout.json', import.meta.url), 'utf8')) as LabelledQuotes[];
}

function article(item: LabelledQuotes): RawArticle {
  // One fixed day, as the tagging eval has: an office's title is its holder on the day the text
  // was written ("le ministre irakien des Affaires étrangères" was Fuad Hussein then).
  const now = item.publishedAt ? `${item.publishedAt}T08:00:00.000Z` : '2024-01-01T00:00:00.000Z';
  return {
    id: item.id, url: `https://eval.example/${item.id}`, feedId: 'eval', source: { id: 'eval', name: 'Eval', domain: 'eval.example' },
    title: '', summary: '', body: item.text, categories: [], publishedAt: now, fetchedAt: now, contentHash: item.id, flags: [], langHint: item.lang,
  };
}

/** `taggers`: replace the quotes tagger (the tests show the floors can fail). */
export function evaluateQuotes(set: LabelledQuotes[] = loadQuotesSet(), opts: { taggers?: Partial<Taggers> } = {}): QuotesEval {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  let unnamedRight = 0;
  let byRight = 0;
  let byTotal = 0;
  const kinds = { direct: { tp: 0, fp: 0, fn: 0 }, indirect: { tp: 0, fp: 0, fn: 0 } };
  const kindOf = (indirect: boolean | undefined) => (indirect === true ? kinds.indirect : kinds.direct);
  const langs = new Map<string, { tp: number; fp: number; fn: number }>();
  const misses: QuotesEval['misses'] = [];
  for (const item of set) {
    const found = enrichArticle(article(item), opts.taggers ? { taggers: opts.taggers } : {}).quotes ?? [];
    const inLang = langs.get(item.lang) ?? { tp: 0, fp: 0, fn: 0 };
    langs.set(item.lang, inLang);
    const used = new Set<number>();
    for (const want of item.quotes) {
      const i = found.findIndex((q, k) => !used.has(k) && q.text.startsWith(want.start));
      if (i < 0) {
        fn++;
        inLang.fn++;
        kindOf(want.indirect).fn++;
        misses.push({ id: item.id, kind: 'missed', text: want.start, expected: want.speaker });
        continue;
      }
      used.add(i);
      tp++;
      inLang.tp++;
      const q = found[i]!;
      if ((q.indirect === true) === (want.indirect === true)) kindOf(want.indirect).tp++;
      else {
        kindOf(want.indirect).fn++;
        kindOf(q.indirect).fp++;
      }
      const got = q.speaker?.id ?? null;
      if (got === want.speaker) right++;
      else misses.push({ id: item.id, kind: 'speaker', text: want.start, expected: want.speaker, got });
      if ((q.unnamed === true) === (want.unnamed === true)) unnamedRight++;
      else misses.push({ id: item.id, kind: 'unnamed', text: want.start, expected: String(want.unnamed === true), got: String(q.unnamed === true) });
      if (want.by !== undefined) {
        byTotal++;
        if (q.by === want.by) byRight++;
        else misses.push({ id: item.id, kind: 'by', text: want.start, expected: want.by, got: q.by ?? null });
      }
    }
    found.forEach((q, k) => {
      if (used.has(k)) return;
      fp++;
      inLang.fp++;
      kindOf(q.indirect).fp++;
      misses.push({ id: item.id, kind: 'extra', text: q.text.slice(0, 60), got: q.speaker?.id ?? null });
    });
  }
  return {
    items: set.length, ...prf(tp, fp, fn), speaker: { accuracy: tp > 0 ? right / tp : 0, correct: right, total: tp },
    direct: prf(kinds.direct.tp, kinds.direct.fp, kinds.direct.fn),
    indirect: prf(kinds.indirect.tp, kinds.indirect.fp, kinds.indirect.fn),
    unnamed: { accuracy: tp > 0 ? unnamedRight / tp : 0, correct: unnamedRight, total: tp },
    by: { accuracy: byTotal > 0 ? byRight / byTotal : 0, correct: byRight, total: byTotal },
    langs: Object.fromEntries([...langs].map(([lang, c]) => [lang, prf(c.tp, c.fp, c.fn)])),
    misses,
  };
}

/** Floors the tests hold (below the figures measured when the set was written: see README). */
export const QUOTES_F1_FLOOR = 0.85;
export const SPEAKER_ACCURACY_FLOOR = 0.8;
/**
 * Floors on the blind held-out paragraphs: the six batches as they came F1 0.787 / 0.862 / 0.835 / 0.784 / 0.891 / 0.909,
 * speaker 0.875 / 0.893 / 0.939 / 0.850 / 0.927 / 0.760; all six now 0.925, 0.922.
 */
export const HELDOUT_QUOTES_F1_FLOOR = 0.85;
export const HELDOUT_SPEAKER_FLOOR = 0.85;

export function formatQuotesEval(r: QuotesEval, verbose = false): string {
  const f = (x: number) => x.toFixed(3);
  const kind = (name: string, k: KindScore) => `  ${name}: P ${f(k.precision)} R ${f(k.recall)} F1 ${f(k.f1)} (tp ${String(k.tp)}, fp ${String(k.fp)}, fn ${String(k.fn)})`;
  const lines = [
    `quotations (${String(r.items)} paragraphs): P ${f(r.precision)} R ${f(r.recall)} F1 ${f(r.f1)} (tp ${String(r.tp)}, fp ${String(r.fp)}, fn ${String(r.fn)}); speaker right ${f(r.speaker.accuracy)} (${String(r.speaker.correct)}/${String(r.speaker.total)})`,
    kind('in quotation marks', r.direct),
    kind('reported speech', r.indirect),
    `  unnamed source right ${f(r.unnamed.accuracy)} (${String(r.unnamed.correct)}/${String(r.unnamed.total)})`,
    // A set with no `by` labels (the held-out one) has nothing to say here.
    ...(r.by.total > 0 ? [`  attribution (by) right where labelled ${f(r.by.accuracy)} (${String(r.by.correct)}/${String(r.by.total)})`] : []),
    `  by language: ${Object.entries(r.langs).map(([lang, k]) => `${lang} F1 ${f(k.f1)} (P ${f(k.precision)} R ${f(k.recall)})`).join(' · ')}`,
  ];
  if (verbose) {
    for (const m of r.misses) lines.push(`  ${m.id} ${m.kind}: ${m.text}${m.kind === 'speaker' || m.kind === 'unnamed' || m.kind === 'by' ? ` (${String(m.expected)} → ${String(m.got)})` : m.kind === 'missed' ? ` (${String(m.expected)})` : ''}`);
  }
  return lines.join('\n');
}

export async function run(opts: { verbose?: boolean } = {}): Promise<{ name: string; report: string; ok: boolean }> {
  const r = evaluateQuotes();
  const blind = evaluateQuotes(loadQuotesHeldout());
  const report = `${formatQuotesEval(r, opts.verbose)}\nheld-out, written blind (quotes.heldout.json):\n${formatQuotesEval(blind, opts.verbose)}`;
  const ok = r.f1 >= QUOTES_F1_FLOOR && r.speaker.accuracy >= SPEAKER_ACCURACY_FLOOR && blind.f1 >= HELDOUT_QUOTES_F1_FLOOR && blind.speaker.accuracy >= HELDOUT_SPEAKER_FLOOR;
  return { name: 'quotations', report, ok };
}

// `node packages/nlp/eval/quotes.ts [--verbose]`: this set alone (`npm run eval` runs them all).
if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await run({ verbose: process.argv.includes('--verbose') || process.argv.includes('-v') });
  process.stdout.write(`${res.report}\n${res.ok ? '' : `  ${res.name}: BELOW FLOOR\n`}`);
  process.exitCode = res.ok ? 0 : 1;
}
