/**
 * Languages with a dedicated analyzer in the index template. An article in any other language
 * (or `und`) is still searchable through the language-neutral fields.
 */
export const ANALYZED_LANGS = ['ar', 'en', 'fr', 'es', 'de', 'tr', 'fa', 'ur', 'ru', 'zh'] as const;
export type AnalyzedLang = (typeof ANALYZED_LANGS)[number];

export function isAnalyzedLang(lang: string): lang is AnalyzedLang {
  return (ANALYZED_LANGS as readonly string[]).includes(lang);
}
