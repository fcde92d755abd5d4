import { dirOf, type Enrichment, type RawArticle } from '@akhbar/core';
import { detectLanguage } from './language.ts';
import { normalizeText } from './normalize.ts';

export const NLP_VERSION = '0.1.0';

/** Enrich an article with what the project can tell about it. Pure: no I/O. */
export function enrichArticle(article: RawArticle, now = new Date()): Enrichment {
  const text = `${article.title}\n${article.body || article.summary}`;
  const { lang, confidence } = detectLanguage(text, article.langHint);
  const words = text.match(/\p{L}+/gu) ?? [];
  const provenance = { lang: { tagger: 'script-stopwords', version: NLP_VERSION } };
  return {
    lang,
    langConfidence: confidence,
    dir: dirOf(lang),
    normalized: { title: normalizeText(article.title), body: normalizeText(article.body) },
    entities: [],
    countries: [],
    topics: [],
    keywords: [],
    extract: (article.summary || article.body).slice(0, 300),
    wordCount: words.length,
    readingTimeSec: Math.round((words.length / 200) * 60),
    storyId: article.id,
    provenance,
    enrichedAt: now.toISOString(),
  };
}
