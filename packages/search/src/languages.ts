/**
 * Languages with a dedicated analyzer in the index template. An article in any other language
 * (or `und`) is still searchable through the language-neutral fields.
 */
export const ANALYZED_LANGS = ['ar', 'en', 'fr', 'es', 'de', 'tr', 'fa', 'ur', 'ru', 'zh', 'ckb', 'it', 'pt', 'nl', 'id', 'el', 'hi', 'ku'] as const;
export type AnalyzedLang = (typeof ANALYZED_LANGS)[number];

export function isAnalyzedLang(lang: string): lang is AnalyzedLang {
  return (ANALYZED_LANGS as readonly string[]).includes(lang);
}

/** The script each analysed language is written in (what an entity name in that script can appear in). */
const SCRIPT_OF: Record<AnalyzedLang, 'Arabic' | 'Latin' | 'Cyrillic' | 'Han' | 'Greek' | 'Devanagari'> = {
  ar: 'Arabic', fa: 'Arabic', ur: 'Arabic', ckb: 'Arabic', en: 'Latin', fr: 'Latin', es: 'Latin', de: 'Latin', tr: 'Latin', it: 'Latin', pt: 'Latin', nl: 'Latin', id: 'Latin',
  ku: 'Latin', ru: 'Cyrillic', zh: 'Han', el: 'Greek', hi: 'Devanagari',
};
const SCRIPT_TESTS = [
  ['Arabic', /\p{Script=Arabic}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Han', /\p{Script=Han}/u], ['Greek', /\p{Script=Greek}/u], ['Devanagari', /\p{Script=Devanagari}/u],
] as const;

/**
 * Analysed languages whose articles can contain `text` as written: those of the script of its
 * letters ("مصطفى الكاظمي" → ar, fa, ur, ckb; "al-Kazimi" → en, fr, es, de, tr). Anything not
 * Arabic, Cyrillic, Han, Greek or Devanagari counts as Latin.
 */
export function langsWritingLike(text: string): AnalyzedLang[] {
  const script = SCRIPT_TESTS.find(([, re]) => re.test(text))?.[0] ?? 'Latin';
  return ANALYZED_LANGS.filter((l) => SCRIPT_OF[l] === script);
}
