import { type EnrichedArticle, type RawArticle } from '@akhbar/core';
import { isAnalyzedLang } from './languages.ts';

/** Bodies beyond this are truncated (and flagged), never rejected. */
export const MAX_BODY_CHARS = 100_000;

export type ArticleDocument = Record<string, unknown> & { id: string };

/** The Elasticsearch document for an enriched article (field names: fields.ts). */
export function toDocument(article: EnrichedArticle, now = new Date()): ArticleDocument {
  const e = article.enrichment;
  const flags = [...article.flags];
  let body = article.body;
  if (body.length > MAX_BODY_CHARS) {
    body = body.slice(0, MAX_BODY_CHARS);
    if (!flags.includes('body-truncated')) flags.push('body-truncated');
  }
  const doc: ArticleDocument = {
    id: article.id,
    url: article.url,
    feedId: article.feedId,
    source: { ...article.source },
    lang: e.lang,
    langConfidence: e.langConfidence,
    dir: e.dir,
    title: article.title,
    summary: article.summary,
    body,
    extract: e.extract,
    author: article.author,
    categories: article.categories,
    image: article.image,
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    enrichedAt: e.enrichedAt,
    indexedAt: now.toISOString(),
    topics: e.topics.map((t) => t.id),
    topicScores: Object.fromEntries(e.topics.map((t) => [t.id, t.score])),
    entityIds: e.entities.map((x) => x.id),
    people: e.entities.filter((x) => x.type === 'person').map((x) => x.id),
    orgs: e.entities.filter((x) => x.type === 'org').map((x) => x.id),
    places: e.entities.filter((x) => x.type === 'place' || x.type === 'country').map((x) => x.id),
    entities: e.entities,
    countries: e.countries,
    locations: e.entities.flatMap((x) => (x.location ? [x.location] : [])),
    keywords: e.keywords,
    wordCount: e.wordCount,
    readingTimeSec: e.readingTimeSec,
    storyId: e.storyId,
    simhash: e.simhash,
    flags,
    contentHash: article.contentHash,
    langHint: article.langHint,
    media: article.media,
    normalized: e.normalized,
    provenance: e.provenance,
    suggest: { input: suggestInputs(article) },
  };
  if (isAnalyzedLang(e.lang)) {
    doc.i18n = { [e.lang]: { title: article.title, body } };
  }
  if (article.html !== undefined) doc.html = article.html;
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}

function suggestInputs(article: EnrichedArticle): string[] {
  const inputs = [article.title.slice(0, 100)];
  for (const ent of article.enrichment.entities) {
    inputs.push(ent.name);
    for (const n of Object.values(ent.names ?? {})) inputs.push(n);
  }
  return [...new Set(inputs.filter((s) => s.trim().length > 0))];
}

/**
 * The raw article back from its stored document (everything ingest produced is kept in
 * `_source`), so enrichment can be re-run over the index without re-fetching feeds.
 */
export function fromDocument(doc: Record<string, unknown>): RawArticle {
  const d = doc as Record<string, any>;
  const article: RawArticle = {
    id: d.id,
    url: d.url,
    feedId: d.feedId,
    source: { ...d.source },
    title: d.title ?? '',
    summary: d.summary ?? '',
    body: d.body ?? '',
    categories: d.categories ?? [],
    publishedAt: d.publishedAt,
    fetchedAt: d.fetchedAt,
    contentHash: d.contentHash,
    flags: (d.flags ?? []).filter((f: string) => f !== 'body-truncated' && f !== 'update'),
  };
  for (const k of ['html', 'author', 'image', 'media', 'langHint'] as const) if (d[k] !== undefined) (article as any)[k] = d[k];
  return article;
}
