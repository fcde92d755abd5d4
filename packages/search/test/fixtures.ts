import { randomBytes } from 'node:crypto';
import { articleId, contentHash, dirOf, type EnrichedArticle, type Entity } from '@akhbar/core';

/**
 * Enriched articles for the search and indexer tests, written here by hand: what the enrichment
 * service would hand the indexer, with only the fields a test cares about spelled out.
 */
export interface ArticleSpec {
  lang?: string;
  title?: string;
  summary?: string;
  body?: string;
  html?: string;
  /** Path under the test site; the article id is derived from it. @default random */
  slug?: string;
  storyId?: string;
  fetchedAt?: string;
  enrichedAt?: string;
  publishedAt?: string;
  entities?: Entity[];
  topics?: string[];
  keywords?: string[];
  categories?: string[];
  /** Tone score (−100…100); the positive and negative shares are made up to match. */
  tone?: number;
}

export function makeArticle(spec: ArticleSpec = {}): EnrichedArticle {
  const lang = spec.lang ?? 'en';
  const url = `https://news.example/${lang}/${spec.slug ?? randomBytes(6).toString('hex')}`;
  const title = spec.title ?? 'A quiet day';
  const summary = spec.summary ?? '';
  const body = spec.body ?? '';
  const now = new Date().toISOString();
  return {
    id: articleId(url),
    url,
    feedId: 'ftestfeed0000001',
    source: { id: 'ftestfeed0000001', name: 'Test Wire', domain: 'news.example', lang },
    title,
    summary,
    body,
    ...(spec.html !== undefined ? { html: spec.html } : {}),
    categories: spec.categories ?? [],
    publishedAt: spec.publishedAt ?? now,
    fetchedAt: spec.fetchedAt ?? now,
    contentHash: contentHash([title, summary, body]),
    flags: [],
    enrichment: {
      lang,
      langConfidence: 0.99,
      dir: dirOf(lang),
      normalized: { title, body },
      entities: spec.entities ?? [],
      countries: [],
      topics: (spec.topics ?? []).map((id) => ({ id, score: 0.9 })),
      keywords: spec.keywords ?? [],
      ...(spec.tone !== undefined ? { tone: { score: spec.tone, positive: Math.max(spec.tone, 0) + 1, negative: Math.max(-spec.tone, 0) + 1 } } : {}),
      extract: summary,
      wordCount: body.split(/\s+/).filter(Boolean).length,
      readingTimeSec: 10,
      storyId: spec.storyId ?? `s-${randomBytes(4).toString('hex')}`,
      provenance: { lang: { tagger: 'test', version: '1' } },
      enrichedAt: spec.enrichedAt ?? now,
    },
  };
}
