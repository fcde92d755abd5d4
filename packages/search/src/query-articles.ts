import { F } from './fields.ts';
import { isAnalyzedLang } from './languages.ts';
import { HIT_SOURCE_FIELDS, andFilter, buildFilters, byAuthor, buildQuery, buildTextQuery, type SearchFilters } from './query.ts';

/** Queries about one article or one story, and the suggester. */

/**
 * More-like-this over the neutral text fields (every language shares them), with a boost for
 * shared entities so a related article in another language still ranks. The article itself
 * and, optionally, its own story are excluded.
 */
export function relatedBody(
  index: string,
  doc: { id: string; entityIds?: string[]; storyId?: string },
  opts: { limit: number; lang?: string[]; excludeStory?: boolean; timeoutMs?: number },
): Record<string, unknown> {
  const should: unknown[] = [
    {
      more_like_this: {
        fields: [F.title, F.summary, F.body],
        like: [{ _index: index, _id: doc.id }],
        min_term_freq: 1,
        min_doc_freq: 1,
        max_query_terms: 30,
        minimum_should_match: '20%',
      },
    },
  ];
  if (doc.entityIds && doc.entityIds.length > 0) {
    should.push({ terms: { [F.entityIds]: doc.entityIds.slice(0, 50), boost: 2 } });
  }
  const mustNot: unknown[] = [{ ids: { values: [doc.id] } }];
  if (opts.excludeStory && doc.storyId) mustNot.push({ term: { [F.storyId]: doc.storyId } });
  const filter: unknown[] = [];
  if (opts.lang && opts.lang.length > 0) filter.push({ terms: { [F.lang]: opts.lang } });
  return {
    size: opts.limit,
    timeout: `${opts.timeoutMs ?? 10_000}ms`,
    query: { bool: { should, minimum_should_match: 1, must_not: mustNot, filter } },
    _source: { includes: HIT_SOURCE_FIELDS },
  };
}

/** The longest text `/v1/similar` reads (a long article fits); a longer one is refused, naming it. */
export const SIMILAR_MAX_CHARS = 20_000;

export interface SimilarOptions {
  /** The text's language (detected by the caller): its own analysed fields join the neutral ones. */
  lang?: string;
  /** The known people, places and organisations the text names. */
  entityIds: readonly string[];
  /** Articles to leave out (the one the text was read from). */
  exclude?: readonly string[];
  /** Words more-like-this must not pick (the language-neutral fields keep function words). */
  stopWords?: readonly string[];
  /** A search's filters; their q, if any, must match as well. */
  filters: SearchFilters;
  limit: number;
  /** One hit per story (its best match). */
  collapse?: boolean;
  timeoutMs?: number;
}

/**
 * Articles like a text the index does not hold (a paragraph, a claim, an article from elsewhere):
 * more-like-this over the language-neutral fields, which every article has, and the text's own
 * language's fields, which match its words' other forms (stems, clitics) — or articles tagged
 * with at least two of the entities it names (one when it names one), which reaches coverage in
 * any language. Terms that occur once count (a paragraph repeats few words), and in any number of
 * documents (a small index has few); a term must be two letters or more and not a function word
 * (the neutral fields keep them: "the", "with", "في" would make anything alike), and a quarter of
 * the picked terms must match. Ranked by likeness alone: a search's filters narrow, never score.
 */
export function similarBody(text: string, o: SimilarOptions): Record<string, unknown> {
  const fields: string[] = [F.title, F.summary, F.body];
  if (o.lang && isAnalyzedLang(o.lang)) fields.push(F.i18nTitle(o.lang), F.i18nBody(o.lang));
  const should: unknown[] = [
    {
      more_like_this: {
        fields,
        like: text,
        min_term_freq: 1,
        min_doc_freq: 1,
        min_word_length: 2,
        max_query_terms: 40,
        minimum_should_match: '25%',
        ...(o.stopWords && o.stopWords.length > 0 ? { stop_words: o.stopWords } : {}),
      },
    },
  ];
  const ids = [...new Set(o.entityIds)].slice(0, 50);
  if (ids.length > 0) {
    should.push({ bool: { should: ids.map((id) => ({ term: { [F.entityIds]: id } })), minimum_should_match: Math.min(2, ids.length), boost: 2 } });
  }
  const words = buildTextQuery(o.filters);
  const filter = [...buildFilters(o.filters), ...(words ? [words] : [])];
  const body: Record<string, unknown> = {
    size: o.limit,
    track_total_hits: true,
    timeout: `${o.timeoutMs ?? 10_000}ms`,
    query: { bool: { should, minimum_should_match: 1, filter, ...(o.exclude && o.exclude.length > 0 ? { must_not: [{ ids: { values: [...o.exclude] } }] } : {}) } },
    _source: { includes: HIT_SOURCE_FIELDS },
  };
  if (o.collapse) {
    body.collapse = { field: F.storyId };
    body.aggs = { _stories: { cardinality: { field: F.storyId } } };
  }
  return body;
}

/** Every article of a story, oldest first, with its sources and languages, and the average tone of each and of all. */
export function storyBody(storyId: string, limit: number, timeoutMs = 10_000): Record<string, unknown> {
  return {
    size: limit,
    track_total_hits: true,
    timeout: `${timeoutMs}ms`,
    query: { term: { [F.storyId]: storyId } },
    sort: [{ [F.publishedAt]: 'asc' }, { [F.id]: 'asc' }],
    // With its fingerprint: which articles repeat an earlier one's text (a wire copy).
    _source: { includes: [...HIT_SOURCE_FIELDS, F.simhash] },
    aggs: {
      firstSeen: { min: { field: F.publishedAt } },
      lastSeen: { max: { field: F.publishedAt } },
      langs: { terms: { field: F.lang, size: 20 }, aggs: { tone: { avg: { field: F.tone } } } },
      sources: { terms: { field: F.sourceId, size: 100 }, aggs: { source: { top_hits: { size: 1, _source: { includes: ['source'] } } }, tone: { avg: { field: F.tone } } } },
      tone: { avg: { field: F.tone } },
      // The days its articles name (a meeting every report gives the date of), most named first.
      dates: { terms: { field: F.dates, size: 10, format: 'yyyy-MM-dd', order: [{ _count: 'desc' }, { _key: 'asc' }] } },
    },
  };
}

/**
 * A profile of the articles under `clause` that match the filters (an entity's page: those tagged
 * with it; a source's page: those it published) — how many, first and last seen, how many in the
 * last 30 days, their tone, languages, sources, topics, countries, bylines, the people,
 * organisations and places they name (`exclude`: the entity itself), how many were edited after
 * publishing, and the newest of them.
 * `excludeAuthor` (an author's page): the author is left out of the names, which then say who
 * they write with.
 */
function profileBody(clause: Record<string, unknown>, f: SearchFilters & { timeoutMs?: number }, opts: ProfileOptions & { exclude?: string; excludeAuthor?: string }): Record<string, unknown> {
  const terms = (field: string, size = opts.size) => ({ terms: { field, size } });
  const named = (field: string) => ({ terms: { field, size: opts.size, ...(opts.exclude ? { exclude: [opts.exclude] } : {}) } });
  return {
    size: opts.articles,
    track_total_hits: true,
    timeout: `${f.timeoutMs ?? 10_000}ms`,
    query: andFilter(buildQuery(f), clause),
    sort: [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }],
    _source: { includes: HIT_SOURCE_FIELDS },
    aggs: {
      firstSeen: { min: { field: F.publishedAt } },
      lastSeen: { max: { field: F.publishedAt } },
      // From a given moment, not Elasticsearch's `now`: a request naming `now` is never served from the request cache.
      last30Days: { filter: { range: { [F.publishedAt]: { gte: `${opts.now}||-30d` } } } },
      tone: { avg: { field: F.tone } },
      langs: terms(F.lang, 20),
      sources: { ...terms(F.sourceId), aggs: { source: { top_hits: { size: 1, _source: { includes: ['source'] } } } } },
      topics: terms(F.topics),
      countries: terms(F.countries),
      // Byline names are counted folded (their normalizer); the newest article of each gives it as written.
      authors: { terms: { field: F.authors, size: opts.size, ...(opts.excludeAuthor ? { exclude: [opts.excludeAuthor.toLowerCase()] } : {}) }, aggs: { written: { top_hits: { size: 1, sort: [{ [F.publishedAt]: 'desc' }], _source: { includes: [F.authors] } } } } },
      people: named(F.people),
      orgs: named(F.orgs),
      places: named(F.places),
      // Those their site edited after publishing, and what the edits changed (revisions.ts).
      edits: { filter: { exists: { field: F.editedAt } }, aggs: { fields: terms(F.edited, 3) } },
    },
  };
}

export interface ProfileOptions {
  /** Buckets per list. */
  size: number;
  /** Newest articles to include. */
  articles: number;
  /** The moment "the last 30 days" end (ISO), rounded by the caller so repeated requests are the same request. */
  now: string;
}

/** One entity in the news (an entity's page): the profile of the articles tagged with it. */
export function entityBody(id: string, f: SearchFilters & { timeoutMs?: number }, opts: ProfileOptions): Record<string, unknown> {
  return profileBody({ term: { [F.entityIds]: id } }, f, { ...opts, exclude: id });
}

/** One source (a source's page): the profile of the articles it published. */
export function sourceBody(id: string, f: SearchFilters & { timeoutMs?: number }, opts: ProfileOptions): Record<string, unknown> {
  return profileBody({ term: { [F.sourceId]: id } }, f, opts);
}

/**
 * One author (an author's page): the profile of the articles whose byline names them, alone or
 * with others, matched in any case (or, for articles indexed before bylines were split, whose
 * whole byline is the name); its authors are the others those bylines name.
 */
export function authorBody(name: string, f: SearchFilters & { timeoutMs?: number }, opts: ProfileOptions): Record<string, unknown> {
  return profileBody(byAuthor([name]), f, { ...opts, excludeAuthor: name });
}

/** Completion suggestions (titles and entity names in every language, as the indexer stores them). */
export function suggestBody(prefix: string, size: number): Record<string, unknown> {
  return {
    size: 0,
    _source: false,
    suggest: {
      s: {
        prefix,
        completion: {
          field: F.suggest,
          size,
          skip_duplicates: true,
          ...(prefix.length >= 4 ? { fuzzy: { fuzziness: 1, min_length: 4, prefix_length: 2 } } : {}),
        },
      },
    },
  };
}

/**
 * Sources seen in the index: article counts, latest article, languages — of the articles matching
 * `f` (a language, a country, a collection, a period, a query), most articles first or, with
 * `sort: 'latest'`, the one that published last first.
 */
export function sourcesBody(size: number, timeoutMs = 10_000, f: SearchFilters = {}, sort: 'articles' | 'latest' = 'articles'): Record<string, unknown> {
  return {
    size: 0,
    timeout: `${timeoutMs}ms`,
    query: buildQuery(f),
    aggs: {
      sources: {
        terms: { field: F.sourceId, size, ...(sort === 'latest' ? { order: [{ latest: 'desc' }, { _count: 'desc' }] } : {}) },
        aggs: {
          source: { top_hits: { size: 1, sort: [{ [F.publishedAt]: 'desc' }], _source: { includes: ['source', F.publishedAt] } } },
          langs: { terms: { field: F.lang, size: 5 } },
          latest: { max: { field: F.publishedAt } },
        },
      },
    },
  };
}
