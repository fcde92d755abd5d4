import type { FulltextPolicy, RawArticle } from '@akhbar/core';

/** Feed text shorter than this (characters) counts as "short" under the `when-short` policy. */
export const SHORT_TEXT_CHARS = 500;

/**
 * Whether ingest should send an article through the full-text stage: `always`, `never`, or (the
 * default, `when-short`) when the feed's own text — body, else summary — is under 500 characters.
 */
export function needsFulltext(article: Pick<RawArticle, 'body' | 'summary'>, policy: FulltextPolicy = 'when-short', shortChars = SHORT_TEXT_CHARS): boolean {
  if (policy === 'never') return false;
  if (policy === 'always') return true;
  const own = Math.max(article.body.trim().length, article.summary.trim().length);
  return own < shortChars;
}
