import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBody } from '@akhbar/feeds';
import { errorCode } from '@akhbar/core';
import { extractArticle, tokenScore, type TokenScore } from '../src/index.ts';

/**
 * Full-text extraction against the labelled pages in `eval/pages/`: each saved page (in its own
 * encoding) beside the story text a person marked as the body. Scores are token precision, recall
 * and F1 of the extracted plain text against that body; the bare library (Readability over
 * linkedom, no Akhbar clean-up) is scored on the same pages for comparison.
 */

export const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'pages');

export interface EvalPage {
  name: string;
  url: string;
  lang: string;
  /** Content-Type the page is served with (charset may be absent: the page declares it). */
  contentType: string;
  /** Encoding of the saved bytes when not UTF-8. */
  encoding?: string;
  /**
   * `dev`: pages the clean-up rules were written against. `holdout`: pages written afterwards
   * and scored before any rule was changed for them, to show how far the rules generalise.
   */
  split: 'dev' | 'holdout';
}

export interface PageResult extends TokenScore {
  name: string;
  lang: string;
  split: 'dev' | 'holdout';
  encoding: string;
  /** Charset decodeBody chose, and from which evidence. */
  decodedAs: string;
  bare: TokenScore;
  error?: string;
}

export interface ExtractionReport {
  pages: PageResult[];
  /** Macro averages over pages. */
  akhbar: TokenScore;
  bare: TokenScore;
  byLang: Record<string, { pages: number; f1: number; bareF1: number }>;
  bySplit: Record<string, { pages: number; f1: number; bareF1: number }>;
}

export function loadPages(dir = PAGES_DIR): Array<EvalPage & { bytes: Buffer; expected: string }> {
  const list = JSON.parse(readFileSync(join(dir, '..', 'pages.json'), 'utf8')) as EvalPage[];
  return list.map((p) => ({ ...p, bytes: readFileSync(join(dir, `${p.name}.html`)), expected: readFileSync(join(dir, `${p.name}.txt`), 'utf8') }));
}

const zero: TokenScore = { precision: 0, recall: 0, f1: 0 };

function mean(xs: TokenScore[]): TokenScore {
  const n = Math.max(1, xs.length);
  return {
    precision: xs.reduce((s, x) => s + x.precision, 0) / n,
    recall: xs.reduce((s, x) => s + x.recall, 0) / n,
    f1: xs.reduce((s, x) => s + x.f1, 0) / n,
  };
}

export function evaluateExtraction(dir = PAGES_DIR): ExtractionReport {
  const pages: PageResult[] = [];
  for (const page of loadPages(dir)) {
    const decoded = decodeBody(page.bytes, { contentType: page.contentType, kind: 'html' });
    const score = (bare: boolean): { s: TokenScore; err?: string } => {
      try {
        return { s: tokenScore(extractArticle(decoded.text, { url: page.url, bare }).text, page.expected) };
      } catch (err) {
        return { s: zero, err: errorCode(err) };
      }
    };
    const ours = score(false);
    const bare = score(true);
    const r: PageResult = { name: page.name, lang: page.lang, split: page.split, encoding: page.encoding ?? 'utf-8', decodedAs: `${decoded.charset} (${decoded.source})`, ...ours.s, bare: bare.s };
    if (ours.err) r.error = ours.err;
    pages.push(r);
  }
  const byLang: ExtractionReport['byLang'] = {};
  for (const lang of [...new Set(pages.map((p) => p.lang))].sort()) {
    const ps = pages.filter((p) => p.lang === lang);
    byLang[lang] = { pages: ps.length, f1: mean(ps).f1, bareF1: mean(ps.map((p) => p.bare)).f1 };
  }
  const bySplit: ExtractionReport['bySplit'] = {};
  for (const split of ['dev', 'holdout']) {
    const ps = pages.filter((p) => p.split === split);
    if (ps.length > 0) bySplit[split] = { pages: ps.length, f1: mean(ps).f1, bareF1: mean(ps.map((p) => p.bare)).f1 };
  }
  return { pages, akhbar: mean(pages), bare: mean(pages.map((p) => p.bare)), byLang, bySplit };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** The report as a table for `npm run eval`. */
export function formatExtractionReport(r: ExtractionReport): string {
  const lines = [
    `full-text extraction: ${r.pages.length} labelled pages (token precision / recall / F1 of the body, %)`,
    `${'page'.padEnd(34)} ${'lang'.padEnd(4)} ${'encoding'.padEnd(13)}  P      R      F1   | bare F1`,
  ];
  for (const p of r.pages) {
    lines.push(`${p.name.padEnd(34)} ${p.lang.padEnd(4)} ${p.encoding.padEnd(13)} ${pct(p.precision)}  ${pct(p.recall)}  ${pct(p.f1)}  | ${pct(p.bare.f1)}${p.error ? `  ${p.error}` : ''}`);
  }
  lines.push(`${'macro average'.padEnd(34)} ${''.padEnd(4)} ${''.padEnd(13)} ${pct(r.akhbar.precision)}  ${pct(r.akhbar.recall)}  ${pct(r.akhbar.f1)}  | ${pct(r.bare.f1)}`);
  for (const [lang, s] of Object.entries(r.byLang)) lines.push(`  ${lang}: ${s.pages} pages, F1 ${pct(s.f1)} (bare Readability ${pct(s.bareF1)})`);
  for (const [split, s] of Object.entries(r.bySplit)) lines.push(`  ${split}: ${s.pages} pages, F1 ${pct(s.f1)} (bare Readability ${pct(s.bareF1)})`);
  return lines.join('\n');
}

/** Macro F1 the labelled set must hold (the tests hold it too). */
export const EXTRACTION_F1_FLOOR = 0.9;

/** Paragraphs extracted but not labelled, and labelled but not extracted, for `--verbose`. */
function misses(dir = PAGES_DIR): string[] {
  const lines: string[] = [];
  for (const page of loadPages(dir)) {
    const decoded = decodeBody(page.bytes, { contentType: page.contentType, kind: 'html' });
    let text: string;
    try {
      text = extractArticle(decoded.text, { url: page.url }).text;
    } catch (err) {
      lines.push(`  ${page.name}: ${errorCode(err)}`);
      continue;
    }
    const want = page.expected.trim().split('\n\n');
    const got = text.split('\n\n');
    for (const p of got) if (!want.includes(p)) lines.push(`  ${page.name}: extra   ${p.slice(0, 100)}`);
    for (const p of want) if (!got.includes(p)) lines.push(`  ${page.name}: missing ${p.slice(0, 100)}`);
  }
  return lines;
}

/** Entry point for `npm run eval` (scripts/eval.ts). */
export async function run(opts: { verbose?: boolean } = {}): Promise<{ name: string; report: string; ok: boolean }> {
  const report = evaluateExtraction();
  let text = formatExtractionReport(report);
  if (opts.verbose) {
    const m = misses();
    text += `\nparagraph differences (${m.length}):\n${m.join('\n')}`;
  }
  return { name: 'full-text extraction', report: text, ok: report.akhbar.f1 >= EXTRACTION_F1_FLOOR };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await run({ verbose: process.argv.includes('--verbose') });
  process.stdout.write(res.report + '\n');
}
