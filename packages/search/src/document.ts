import { AkhbarError, bylineNames, type EnrichedArticle, type RawArticle, type Revision } from '@akhbar/core';
import { SearchErrors } from './errors.ts';
import { isAnalyzedLang } from './languages.ts';
import { articleMappings, QUOTE_I18N_LANGS } from './template.ts';

/**
 * Limits of one document. Over-long text is truncated (and flagged), never rejected: a feed
 * that stuffs a whole book into one item still gets its article indexed.
 */
/** Body characters kept; beyond, cut and flagged `body-truncated`. */
export const MAX_BODY_CHARS = 100_000;
/** Title characters kept; beyond, cut and flagged `title-truncated`. */
export const MAX_TITLE_CHARS = 2_000;
/** Summary characters kept; beyond, cut and flagged `summary-truncated`. */
export const MAX_SUMMARY_CHARS = 20_000;
/** Display HTML larger than this is dropped (cut HTML is broken HTML), flagged `html-dropped`. */
export const MAX_HTML_CHARS = 500_000;
/** Keys in the whole document, opaque objects (entities, provenance…) included. */
export const MAX_DOCUMENT_KEYS = 20_000;
/** Serialised size of one document after truncation; beyond, the document is rejected. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** Flags the indexer records on the document only (they are not RawArticle flags). */
export const DOCUMENT_FLAGS = ['title-truncated', 'summary-truncated', 'html-dropped'] as const;

export type ArticleDocument = Record<string, unknown> & { id: string };

/** Cut a string to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/**
/**
 * The analysed languages a target index has fields for (admin.ts langFieldsOf): `i18n.<lang>`
 * (an article's title and body) and `quotes.i18n.<lang>` (its quotations' words). An index built
 * before a language had its analyzer lacks that language's fields and refuses a document with one.
 */
export interface LangFields {
  i18n: ReadonlySet<string>;
  quotes: ReadonlySet<string>;
}

/**
 * The Elasticsearch document for an enriched article (field names: fields.ts). `opts.langs`: the
 * language fields the target index has; an article in another language gets none, and is
 * searched through the neutral fields. @default every analysed language
 */
export function toDocument(article: EnrichedArticle, now = new Date(), opts: { langs?: LangFields } = {}): ArticleDocument {
  const e = article.enrichment;
  const flags: string[] = [...article.flags];
  const flag = (f: string) => {
    if (!flags.includes(f)) flags.push(f);
  };
  const cut = (s: string, max: number, f: string) => {
    if (s.length <= max) return s;
    flag(f);
    return truncateText(s, max);
  };
  const title = cut(article.title, MAX_TITLE_CHARS, 'title-truncated');
  const summary = cut(article.summary, MAX_SUMMARY_CHARS, 'summary-truncated');
  const body = cut(article.body, MAX_BODY_CHARS, 'body-truncated');
  let html = article.html;
  if (html !== undefined && html.length > MAX_HTML_CHARS) {
    html = undefined;
    flag('html-dropped');
  }
  const authors = bylineNames(article.author, article.source);
  const quoteLangOk = isAnalyzedLang(e.lang) && QUOTE_I18N_LANGS.has(e.lang) && (!opts.langs || opts.langs.quotes.has(e.lang));
  const doc: ArticleDocument = {
    // First, so the indexer's batcher can restamp it in place at each bulk it sends (stampField).
    indexedAt: now.toISOString(),
    id: article.id,
    url: article.url,
    feedId: article.feedId,
    source: { ...article.source },
    lang: e.lang,
    langConfidence: e.langConfidence,
    dir: e.dir,
    title,
    summary,
    body,
    extract: e.extract,
    // The byline as written, unless it names no writer (only the outlet itself, or "admin").
    author: authors.length > 0 ? article.author : undefined,
    // The names the byline gives, each its own facet value (a co-written article counts for each writer).
    authors,
    categories: article.categories,
    image: article.image,
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    enrichedAt: e.enrichedAt,
    topics: e.topics.map((t) => t.id),
    topicScores: Object.fromEntries(e.topics.map((t) => [t.id, t.score])),
    entityIds: e.entities.map((x) => x.id),
    people: e.entities.filter((x) => x.type === 'person').map((x) => x.id),
    orgs: e.entities.filter((x) => x.type === 'org').map((x) => x.id),
    places: e.entities.filter((x) => x.type === 'place' || x.type === 'country').map((x) => x.id),
    entities: e.entities,
    countries: e.countries,
    // Where the article is: the point its feed gave it (GeoRSS), then its places and countries.
    locations: [...(article.geo ? [article.geo] : []), ...e.entities.flatMap((x) => (x.location ? [x.location] : []))],
    geo: article.geo,
    mainLocation: mainLocationOf(article),
    keywords: e.keywords,
    // Each quotation's words also in its article's language field (template v11), where the index has one.
    quotes: quoteLangOk ? e.quotes?.map((q) => ({ ...q, i18n: { [e.lang]: q.text } })) : e.quotes,
    // Who is quoted, once each: the top-speakers facet and the speaker filter read it without a nested query.
    speakers: e.quotes ? [...new Set(e.quotes.flatMap((q) => (q.speaker ? [q.speaker.id] : [])))] : undefined,
    tone: e.tone,
    dates: e.dates?.map((d) => d.date),
    dateMentions: e.dates,
    wordCount: e.wordCount,
    readingTimeSec: e.readingTimeSec,
    storyId: e.storyId,
    simhash: e.simhash,
    flags,
    contentHash: article.contentHash,
    revisions: article.revisions,
    ...editSummary(article.revisions),
    langHint: article.langHint,
    media: article.media,
    normalized: e.normalized,
    provenance: e.provenance,
    suggest: { input: suggestInputs(article, title) },
  };
  if (isAnalyzedLang(e.lang) && (!opts.langs || opts.langs.i18n.has(e.lang))) {
    doc.i18n = { [e.lang]: { title, body } };
  }
  if (html !== undefined) doc.html = html;
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}

/** When the latest edit was seen and what the edits changed, each once: what `edited=` and `sort=edited` read. */
function editSummary(revisions: readonly Revision[] | undefined): { editedAt?: string; edited?: string[] } {
  const last = revisions?.at(-1);
  if (!last) return {};
  return { editedAt: last.seenAt, edited: [...new Set(revisions!.flatMap((r) => r.fields))] };
}

/**
 * The one place an article is about, where `locations` has every place it names: the point its
 * feed gave it, else its most-named place with a point (ties: the first named), else its
 * most-named country. A city comes before a country however often the country is named ("Iraq"
 * in a report on Basra's hospitals names where Basra is, not what the report is about). Entities
 * come from enrichment most-named first.
 */
export function mainLocationOf(article: EnrichedArticle): { lat: number; lon: number } | undefined {
  if (article.geo) return article.geo;
  const located = article.enrichment.entities.filter((x) => x.location !== undefined);
  return (located.find((x) => x.type === 'place') ?? located[0])?.location;
}

/**
 * A name and its tails from each later word, so a search box completes a name from any of its
 * words, as people type them: "Trump" and "ترامب" find "Donald Trump" / "دونالد ترامب", "Kadh"
 * finds "Mustafa al-Kadhimi" (a hyphenated "al-"/"el-" article counts as its own word).
 * The completion suggester matches inputs from their start only.
 */
export function nameTails(name: string): string[] {
  const out = [name];
  const re = /\s+|(?<=^|\s)(?:al|el|ad|ar|as|at|an|az|ash)-/gi;
  for (let m = re.exec(name); m !== null; m = re.exec(name)) {
    const tail = name.slice(m.index + m[0].length);
    if (tail.length >= 2) out.push(tail);
  }
  return out;
}

function suggestInputs(article: EnrichedArticle, title: string): string[] {
  const inputs = [title.slice(0, 100)];
  for (const ent of article.enrichment.entities) {
    for (const n of [ent.name, ...Object.values(ent.names ?? {})]) inputs.push(...nameTails(n));
  }
  return [...new Set(inputs.filter((s) => s.trim().length > 0))];
}

/**
 * The version Elasticsearch keeps for a document (`version_type: external_gte`): the fetch time.
 * A newer fetch of the same article replaces the document; a re-enrichment of the same fetch
 * (same version) replaces it too (a story-id change, a better tagger); an older fetch arriving
 * late (a retry, a replay from the dead-letter queue, a migration copy) is refused with 409.
 * `undefined` when the document carries no usable date: it is then written unconditionally.
 */
export function documentVersion(doc: Record<string, unknown>): number | undefined {
  const t = typeof doc.fetchedAt === 'string' ? Date.parse(doc.fetchedAt) : NaN;
  return Number.isFinite(t) && t > 0 ? t : undefined;
}

/**
 * The raw article back from its stored document (everything ingest produced is kept in
 * `_source`), so enrichment can be re-run over the index without re-fetching feeds. Title,
 * summary and body are the stored (possibly truncated) ones; `body-truncated` is kept because
 * the body returned is indeed cut.
 */
export function fromDocument(doc: Record<string, unknown>): RawArticle {
  const d = doc as Record<string, any>;
  const docOnly = new Set<string>([...DOCUMENT_FLAGS, 'update']);
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
    flags: (d.flags ?? []).filter((f: string) => !docOnly.has(f)),
  };
  for (const k of ['html', 'author', 'image', 'media', 'langHint', 'geo', 'revisions'] as const) if (d[k] !== undefined) (article as any)[k] = d[k];
  return article;
}

// ---------------------------------------------------------------------------------------------
// The guard in front of Elasticsearch: a document is checked against the mapping before it is
// sent, so a payload with unknown (possibly thousands of) keys never reaches the index at all.

type Shape = { kind: 'object'; props: Map<string, Shape> } | { kind: 'leaf' } | { kind: 'opaque' };

function shapeOf(mapping: Record<string, any>): Shape {
  if (mapping.enabled === false) return { kind: 'opaque' };
  if (mapping.properties) {
    const props = new Map<string, Shape>();
    for (const [k, v] of Object.entries(mapping.properties as Record<string, any>)) props.set(k, shapeOf(v));
    return { kind: 'object', props };
  }
  return { kind: 'leaf' };
}

let rootShape: Shape | undefined;

/**
 * Check a document against the article mapping: every key known (objects stored but not
 * indexed, like `entities`, may hold anything), and at most MAX_DOCUMENT_KEYS keys in all.
 * Throws AKHBAR_INDEX_DOC_INVALID (permanent) naming the first unknown keys.
 */
export function checkDocument(doc: Record<string, unknown>): void {
  rootShape ??= shapeOf(articleMappings());
  const unknown: string[] = [];
  let keys = 0;
  // Runs on every document the indexer sends, so no path strings are built unless a key is
  // unknown, and stored-but-not-indexed subtrees are only counted.
  const count = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || keys > MAX_DOCUMENT_KEYS) return;
    if (Array.isArray(value)) {
      for (const v of value) count(v);
      return;
    }
    for (const k in value as Record<string, unknown>) {
      if (++keys > MAX_DOCUMENT_KEYS) return;
      count((value as Record<string, unknown>)[k]);
    }
  };
  const path: string[] = [];
  const walk = (value: unknown, shape: Shape): void => {
    if (value === null || typeof value !== 'object' || keys > MAX_DOCUMENT_KEYS) return;
    if (shape.kind !== 'object') return count(value);
    if (Array.isArray(value)) {
      for (const v of value) walk(v, shape);
      return;
    }
    const obj = value as Record<string, unknown>;
    for (const k in obj) {
      if (++keys > MAX_DOCUMENT_KEYS) return;
      const s = shape.props.get(k);
      if (!s) {
        if (unknown.length < 5) unknown.push([...path, k].join('.'));
        else if (unknown.length === 5) unknown.push('…');
        continue;
      }
      path.push(k);
      walk(obj[k], s);
      path.pop();
    }
  };
  walk(doc, rootShape);
  if (keys > MAX_DOCUMENT_KEYS) {
    throw new AkhbarError(SearchErrors.DOC_INVALID, `document ${String(doc.id)} has more than ${MAX_DOCUMENT_KEYS} keys`, { permanent: true, details: { id: doc.id } });
  }
  if (unknown.length > 0) {
    throw new AkhbarError(SearchErrors.DOC_INVALID, `document ${String(doc.id)} has keys the mapping does not know: ${unknown.join(', ')}`, {
      permanent: true,
      details: { id: doc.id, unknown },
    });
  }
  if (typeof doc.id !== 'string' || doc.id === '' || doc.id.length > 512) {
    throw new AkhbarError(SearchErrors.DOC_INVALID, 'document id must be a non-empty string of at most 512 characters', { permanent: true });
  }
}
