import { createRequire } from 'node:module';
import { normalizeToken } from '@akhbar/nlp';

/**
 * Function words of the languages Akhbar analyses, folded the way the language-neutral analyzer
 * folds them. significant_text runs on that field (which keeps stop words, so phrases and
 * every language stay searchable); trending terms drop them afterwards, and more-like-this on a
 * pasted text (/v1/similar) is told not to pick them.
 */
const LANGS = ['ar', 'en', 'fr', 'es', 'de', 'tr', 'fa', 'ur', 'ru', 'zh'];
let lists: Record<string, string[]> | undefined;
let stop: Set<string> | undefined;
const byLang = new Map<string, string[]>();

function folded(lang: string): string[] {
  let words = byLang.get(lang);
  if (!words) {
    lists ??= createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
    words = [...new Set((lists[lang] ?? []).map(normalizeToken))].filter((w) => w !== '');
    byLang.set(lang, words);
  }
  return words;
}

export function isStopword(term: string): boolean {
  stop ??= new Set(LANGS.flatMap(folded));
  return stop.has(normalizeToken(term));
}

/** stopwordsOf's answers, one per language (and one for "not known"): built once, not per search. */
const merged = new Map<string, string[]>();

/**
 * The function words of `lang`, and of English (names and quotes in English turn up in any text),
 * folded; of every analysed language when the language is not known.
 */
export function stopwordsOf(lang: string | null | undefined): readonly string[] {
  const key = lang && LANGS.includes(lang) ? lang : '*';
  let words = merged.get(key);
  if (!words) {
    const langs = key === '*' ? LANGS : [...new Set([key, 'en'])];
    words = [...new Set(langs.flatMap(folded))];
    merged.set(key, words);
  }
  return words;
}
