import { createRequire } from 'node:module';
import { normalizeToken } from '@akhbar/nlp';

/**
 * Function words of the languages Akhbar analyses, folded the way the language-neutral analyzer
 * folds them. significant_text runs on that field (which keeps stop words, so phrases and
 * every language stay searchable); trending terms drop them afterwards.
 */
const LANGS = ['ar', 'en', 'fr', 'es', 'de', 'tr', 'fa', 'ur', 'ru', 'zh'];
let stop: Set<string> | undefined;

export function isStopword(term: string): boolean {
  if (!stop) {
    const lists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
    stop = new Set();
    for (const l of LANGS) for (const w of lists[l] ?? []) stop.add(normalizeToken(w));
  }
  return stop.has(normalizeToken(term));
}
