import { ALL_I18N_BODY_FIELDS, ALL_I18N_TITLE_FIELDS, F } from './fields.ts';
import { langsWritingLike } from './languages.ts';

/**
 * Query builders for the search API. Pure functions from validated parameters to Elasticsearch
 * request bodies: the gateway adds nothing per request that a direct query would not need.
 * Field names come from `F` only.
 */

/** negative / positive: by tone, most negative or most positive first (GDELT's ToneAsc / ToneDesc). */
export const SORT_MODES = ['relevance', 'newest', 'oldest', 'negative', 'positive', 'indexed', 'edited'] as const;
/** What `edited=` asks an article's edits to have changed; `any`: edited at all. */
export const EDIT_KINDS = ['title', 'summary', 'body', 'any'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];
export type SortMode = (typeof SORT_MODES)[number];

export const FACETS = ['topics', 'entities', 'sources', 'langs', 'countries'] as const;
export type FacetName = (typeof FACETS)[number];

/** Parts of an article a query's words can be asked to be in (`in=title`, NewsAPI's searchIn). */
export const SEARCH_IN = ['title', 'summary', 'body'] as const;
export type SearchIn = (typeof SEARCH_IN)[number];

/** The fields of each part: neutral everywhere, language-specific where filled. */
const PART_FIELDS: Record<SearchIn, readonly string[]> = {
  title: [`${F.title}^3`, ...ALL_I18N_TITLE_FIELDS.map((f) => `${f}^3`)],
  summary: [`${F.summary}^1.5`],
  body: [F.body, ...ALL_I18N_BODY_FIELDS],
};

/** Fields a free-text query runs against: every part. */
export const QUERY_FIELDS: readonly string[] = SEARCH_IN.flatMap((p) => PART_FIELDS[p]);

/** Whether `parts` leaves some part of the article out. */
function narrowedParts(parts: readonly SearchIn[] | undefined): boolean {
  return parts !== undefined && !SEARCH_IN.every((p) => parts.includes(p));
}

/** The query fields of `parts` (all of them when unset or complete). */
export function fieldsIn(parts: readonly SearchIn[] | undefined): readonly string[] {
  if (!narrowedParts(parts)) return QUERY_FIELDS;
  return SEARCH_IN.filter((p) => parts!.includes(p)).flatMap((p) => PART_FIELDS[p]);
}

/**
 * simple_query_string operators we allow: `+ | - "…" * ( )`, escaping, and `~N` after a phrase
 * (NEAR: its words at most N positions apart, `"Kadhimi Washington"~10`). FUZZY (`~N` after a
 * word) is left out: `~` after a word is then an ordinary character, and a query cannot ask for
 * expensive fuzzy expansion.
 */
const SQS_FLAGS = 'AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|ESCAPE|WHITESPACE|NEAR';

/** The largest N of a phrase's `~N` (the gateway refuses more, naming q). */
export const MAX_PHRASE_SLOP = 100;

/**
 * A query's tokens as the query language reads them: a phrase with its `~N` (or an unterminated
 * one, to the end), else a run of anything but spaces and quotes. A `-` written against a phrase
 * stays with it (`-"White House"`): simple_query_string forgets a `-` followed by a space, so the
 * tokens joined again must not part them. One reading for the search, the entity expansion and
 * the checks on q.
 */
export function queryTokens(q: string): string[] {
  return q.match(/-*"[^"]*"(?:~\d+)?|-*"[^"]*|[^\s"]+/g) ?? [];
}

/**
 * Fields of the stored document a search hit needs (the body, html and term data stay behind).
 * Entities come without their names in every language: the gateway has the gazetteer in memory
 * and fills them in, and leaving them out makes Elasticsearch's answer about a third smaller.
 */
export const HIT_SOURCE_FIELDS = [
  F.id, F.url, F.title, F.summary, F.extract, F.lang, F.dir, F.publishedAt, F.indexedAt, 'source', F.topics, 'entities.id', 'entities.type', 'entities.name', F.storyId, F.image, F.author, F.authors, F.tone, F.geo, F.editedAt, F.edited,
];

/**
 * A query naming a known entity also matches articles tagged with it, in any language. Each
 * alternative is one OR-branch of the query: articles tagged with all of `ids` that also match
 * `residual` (the branch with the entity mentions taken out, exclusions kept).
 */
export interface EntityAlternative {
  ids: string[];
  /** simple_query_string text still to match; empty: nothing more. */
  residual: string;
  /**
   * Per id, the entity's names and aliases in every language. With `in` narrowed to some parts
   * (a title-only search), a tagged article must also name the entity in one of those parts.
   */
  mentions?: string[][];
}

export interface EntityExpansion {
  alternatives: EntityAlternative[];
  /** Entities the query excludes (`-name`): articles tagged with them are left out in every language. */
  excludeIds?: string[];
  /** Names of the entities in other languages/scripts, so their mentions are highlighted too. */
  names?: string[];
}

export interface GeoCircle {
  lat: number;
  lon: number;
  radiusKm: number;
  /** The known place `near` named, when it named one (the response says which). */
  place?: { id: string; type: string; name: string; names?: Record<string, string> };
}

/** A box in GeoJSON's order: west, south, east, north (degrees). `west > east` crosses the antimeridian. */
export type GeoBox = readonly [west: number, south: number, east: number, north: number];

/** Elasticsearch's form of a box, for geo_bounding_box and geotile_grid bounds. */
export function esBox(b: GeoBox): { top_left: { lat: number; lon: number }; bottom_right: { lat: number; lon: number } } {
  return { top_left: { lat: b[3], lon: b[0] }, bottom_right: { lat: b[1], lon: b[2] } };
}

export interface SearchFilters {
  /** Query in the simple language (phrases, AND/OR/NOT, -exclude, prefix*). */
  q?: string;
  /** Parts the query's words must be in. @default every part */
  in?: SearchIn[];
  lang?: string[];
  /** Source (feed) ids. */
  source?: string[];
  domain?: string[];
  topic?: string[];
  entity?: string[];
  /** Entity ids all of which an article must be tagged with (named together), where `entity` takes any. */
  allEntities?: string[];
  /** Entity ids: only articles quoting one of them (a quotation attributed to them: `speakers`). */
  speaker?: string[];
  /**
   * Offices' terms: only articles tagged with a holder and published during that holder's term
   * (`to` exclusive; none: still held) — "the Iraqi prime minister" across prime ministers.
   */
  office?: Array<{ entity: string; from: string; to?: string }>;
  /** true: only articles with a picture (their feed's or page's image); false: only those without. */
  hasImage?: boolean;
  /** Only articles whose edits (revisions.ts) changed any of these; `any`: edited at all. */
  edited?: EditKind[];
  /** Countries the article is about (ISO 3166-1 alpha-2). */
  country?: string[];
  /** Countries of the sources. */
  sourceCountry?: string[];
  /** Bylines (the article's author as its feed or page gave it; matched in any case). */
  author?: string[];
  /** The article's own categories as its feed labels it (RSS/Atom `category`; matched in any case). */
  category?: string[];
  /** Story ids: only their articles. */
  story?: string[];
  /** Source (feed) ids whose articles are left out. */
  excludeSource?: string[];
  /** Domains whose articles are left out. */
  excludeDomain?: string[];
  /** Tone score ≥ (−100…100); articles without a tone are left out when a bound is set. */
  toneMin?: number;
  /** Tone score ≤. */
  toneMax?: number;
  /** Articles about a place within `radiusKm` of this point (any of their located places or countries). */
  near?: GeoCircle;
  /** Articles about a place inside this box (any of their located places or countries). */
  bbox?: GeoBox;
  /** publishedAt ≥ (ISO date or Elasticsearch date math like `now-7d`). */
  from?: string;
  /** publishedAt ≤. */
  to?: string;
  /**
   * The article names a day on or after this (its `dates`: a scheduled vote, a meeting, a deadline;
   * ISO date or date math like `now/d`), whenever it was published.
   */
  mentionsFrom?: string;
  /** The article names a day on or before this. */
  mentionsTo?: string;
  /** indexedAt ≥: what became searchable since (incremental sync), whenever it was published. */
  indexedFrom?: string;
  /** indexedAt ≤. */
  indexedTo?: string;
  /**
   * indexedAt ≤, set by the gateway on a sync walk (sort=indexed): what was indexed long enough
   * ago to be searchable by now, so nothing can still turn up behind the walk's last indexedAt.
   */
  indexedSettled?: string;
  expansion?: EntityExpansion;
}

export interface SearchRequest extends SearchFilters {
  limit: number;
  sort: SortMode;
  /** Reference time of the recency blend (fixed for all pages of one result list). */
  origin: string;
  /** `search_after` values of the last hit of the previous page. */
  after?: unknown[];
  /** Offset paging, used with `collapse` (Elasticsearch refuses collapse + multi-field search_after). */
  offset?: number;
  /** One hit per story. */
  collapse?: boolean;
  facets?: readonly FacetName[];
  /** Buckets per facet. @default 10 */
  facetSize?: number;
  /** @default true */
  highlight?: boolean;
  /** Elasticsearch-side time budget; partial results are returned after it. @default 10 000 */
  timeoutMs?: number;
  /** How far total hits are counted exactly. @default 10 000 */
  trackTotalHits?: number | boolean;
  /** Each hit's text (`body`) too: an export for text analysis. @default false */
  withBody?: boolean;
}

/**
 * Translate the user-facing words `AND`, `OR`, `NOT` (upper case, as in most search boxes) and
 * `&&`, `||` into simple_query_string's `+`, `|`, `-`. Phrases are kept as they are; anything
 * malformed is left for simple_query_string, which never fails on syntax.
 */
export function toSimpleQuery(q: string): string {
  const tokens = queryTokens(q);
  const out: string[] = [];
  let negateNext = false;
  for (const tok of tokens) {
    if (tok === 'AND' || tok === '&&') {
      out.push('+');
      continue;
    }
    if (tok === 'OR' || tok === '||') {
      out.push('|');
      continue;
    }
    if (tok === 'NOT') {
      negateNext = true;
      continue;
    }
    out.push(negateNext ? `-${tok}` : tok);
    negateNext = false;
  }
  return out.join(' ');
}

/** A q (the query language) as a simple_query_string over `fields`: all words must match. */
export function simpleQuery(q: string, fields: readonly string[] = QUERY_FIELDS): Record<string, unknown> {
  return {
    simple_query_string: {
      query: toSimpleQuery(q),
      fields,
      default_operator: 'and',
      flags: SQS_FLAGS,
      lenient: true,
      analyze_wildcard: true,
    },
  };
}

function terms(field: string, values: readonly string[] | undefined, out: unknown[]): void {
  if (values && values.length > 0) out.push({ terms: { [field]: values } });
}

/**
 * The articles whose byline gives any of `names` (co-bylines split, in any case: `authors`) or,
 * indexed before bylines were split, whose whole byline is one of them (`author`).
 */
export function byAuthor(names: readonly string[]): Record<string, unknown> {
  return { bool: { should: [{ terms: { [F.authors]: [...names] } }, { terms: { [F.author]: [...names] } }], minimum_should_match: 1 } };
}

/** Filter clauses (no scoring) for the search filters. */
export function buildFilters(f: SearchFilters): unknown[] {
  const filter: unknown[] = [];
  terms(F.lang, f.lang, filter);
  // An empty source list is sources asked for that none matches (a collection without the
  // source also asked for): nothing, not everything.
  if (f.source?.length === 0) filter.push({ match_none: {} });
  else terms(F.sourceId, f.source, filter);
  terms(F.domain, f.domain, filter);
  terms(F.topics, f.topic, filter);
  terms(F.entityIds, f.entity, filter);
  // Named together: one clause per entity, so an article must be tagged with all of them.
  for (const id of f.allEntities ?? []) filter.push({ term: { [F.entityIds]: id } });
  terms(F.speakers, f.speaker, filter);
  if (f.office) {
    // An office no one the gazetteer knows held: nothing, not everything.
    if (f.office.length === 0) filter.push({ match_none: {} });
    else {
      filter.push({
        bool: {
          should: f.office.map((t) => ({ bool: { filter: [{ term: { [F.entityIds]: t.entity } }, { range: { [F.publishedAt]: { gte: t.from, ...(t.to ? { lt: t.to } : {}) } } }] } })),
          minimum_should_match: 1,
        },
      });
    }
  }
  terms(F.countries, f.country, filter);
  terms(F.sourceCountry, f.sourceCountry, filter);
  if (f.author && f.author.length > 0) filter.push(byAuthor(f.author));
  terms(F.categories, f.category, filter);
  terms(F.storyId, f.story, filter);
  const excluded: unknown[] = [];
  terms(F.sourceId, f.excludeSource, excluded);
  terms(F.domain, f.excludeDomain, excluded);
  if (excluded.length > 0) filter.push({ bool: { must_not: excluded } });
  if (f.edited?.includes('any')) filter.push({ exists: { field: F.editedAt } });
  else terms(F.edited, f.edited, filter);
  if (f.hasImage === true) filter.push({ exists: { field: F.image } });
  else if (f.hasImage === false) filter.push({ bool: { must_not: [{ exists: { field: F.image } }] } });
  if (f.toneMin !== undefined || f.toneMax !== undefined) {
    const range: Record<string, number> = {};
    if (f.toneMin !== undefined) range.gte = f.toneMin;
    if (f.toneMax !== undefined) range.lte = f.toneMax;
    filter.push({ range: { [F.tone]: range } });
  }
  // An article is where the places it is about are (enrichment gives each known place and country
  // a point): it matches when any of them is in the circle or the box.
  if (f.near) filter.push({ geo_distance: { distance: `${String(f.near.radiusKm)}km`, [F.locations]: { lat: f.near.lat, lon: f.near.lon } } });
  if (f.bbox) filter.push({ geo_bounding_box: { [F.locations]: esBox(f.bbox) } });
  if (f.from !== undefined || f.to !== undefined) {
    const range: Record<string, string> = {};
    if (f.from !== undefined) range.gte = f.from;
    if (f.to !== undefined) range.lte = f.to;
    filter.push({ range: { [F.publishedAt]: range } });
  }
  if (f.mentionsFrom !== undefined || f.mentionsTo !== undefined) {
    // dates holds calendar days (strict_date); a date-time bound is read as its day.
    const range: Record<string, string> = { format: 'strict_date_optional_time' };
    if (f.mentionsFrom !== undefined) range.gte = f.mentionsFrom;
    if (f.mentionsTo !== undefined) range.lte = f.mentionsTo;
    filter.push({ range: { [F.dates]: range } });
  }
  if (f.indexedFrom !== undefined || f.indexedTo !== undefined) {
    const range: Record<string, string> = {};
    if (f.indexedFrom !== undefined) range.gte = f.indexedFrom;
    if (f.indexedTo !== undefined) range.lte = f.indexedTo;
    filter.push({ range: { [F.indexedAt]: range } });
  }
  if (f.indexedSettled !== undefined) filter.push({ range: { [F.indexedAt]: { lte: f.indexedSettled } } });
  return filter;
}

/** The scoring part: the text query, or-ed with "tagged with the named entities" when expanded. */
export function buildTextQuery(f: SearchFilters): Record<string, unknown> | undefined {
  if (f.q === undefined || f.q.trim() === '') return undefined;
  const fields = fieldsIn(f.in);
  const narrowed = narrowedParts(f.in);
  const text = simpleQuery(f.q, fields);
  const x = f.expansion;
  if (!x || (x.alternatives.length === 0 && !x.excludeIds?.length)) return text;
  const mustNot = x.excludeIds?.length ? { must_not: [{ terms: { [F.entityIds]: x.excludeIds } }] } : {};
  if (x.alternatives.length === 0) return { bool: { must: [text], ...mustNot } };
  const tagged = x.alternatives.map((alt) => {
    const b: Record<string, unknown> = { filter: alt.ids.map((id) => ({ term: { [F.entityIds]: id } })) };
    const must: unknown[] = alt.residual.trim() !== '' ? [simpleQuery(alt.residual, fields)] : [];
    // The tag says the article is about the entity somewhere; a narrowed search (title only)
    // also wants it named there, under any of its names in any language.
    if (narrowed) {
      for (const names of alt.mentions ?? []) {
        if (names.length > 0) must.push({ bool: { should: names.map((n) => ({ multi_match: { query: n, type: 'phrase', fields } })), minimum_should_match: 1 } });
      }
    }
    // With nothing left to match, a tag match alone gets a constant score (recency still applies).
    b.must = must.length > 0 ? must : [{ constant_score: { filter: { match_all: {} }, boost: 1 } }];
    return { bool: b };
  });
  return { bool: { should: [text, ...tagged], minimum_should_match: 1, ...mustNot } };
}

/** Text query and filters combined; no text → filters only. */
export function buildQuery(f: SearchFilters): Record<string, unknown> {
  const text = buildTextQuery(f);
  const filter = buildFilters(f);
  if (!text && filter.length === 0) return { match_all: {} };
  return { bool: { ...(text ? { must: [text] } : {}), filter } };
}

/** `query` (as buildQuery gives it) narrowed by one more filter clause. */
export function andFilter(query: Record<string, unknown>, clause: unknown): Record<string, unknown> {
  const base = query as { bool?: { must?: unknown[]; filter?: unknown[] } };
  return base.bool ? { bool: { ...base.bool, filter: [...(base.bool.filter ?? []), clause] } } : { bool: { filter: [clause] } };
}

/**
 * Relevance blended with recency: the text score is multiplied by 1 + exp-decay(publishedAt),
 * i.e. up to ×2 for an article published at `origin`, ×1.5 for one a week older, → ×1 for old
 * ones. Decay functions are native (no scripting, which this Elasticsearch lacks).
 */
export function withRecency(query: Record<string, unknown>, origin: string): Record<string, unknown> {
  return {
    function_score: {
      query,
      functions: [{ weight: 1 }, { exp: { [F.publishedAt]: { origin, scale: '7d', offset: '6h', decay: 0.5 } }, weight: 1 }],
      score_mode: 'sum',
      boost_mode: 'multiply',
    },
  };
}

/** Rings of nearness, as fractions of the radius: each one the main place lies in adds a third. */
const NEAR_RINGS = [0.25, 0.5, 1];

/**
 * `near=` ranked by what each article is about: every article with a place in the circle
 * matches, and among them one about a place near the centre (its `mainLocation`) counts up to
 * twice one that only mentions a place there — ×2 within a quarter of the radius, ×5/3 within
 * half, ×4/3 within the radius, ×1 beyond or with no mainLocation (indexed before template v6).
 * Rings of geo_distance filters rather than a decay function: a decay on a field the index has
 * not mapped yet (an index older than v6, before the indexer added the field) fails the whole
 * search, where `ignore_unmapped` just matches nothing. Without a text query the nearness is the
 * score itself (a filter-only query scores 0), which recency then blends in as it does a text score.
 */
export function withNearness(query: Record<string, unknown>, near: GeoCircle, hasText: boolean): Record<string, unknown> {
  const ring = (fraction: number) => ({
    filter: { geo_distance: { distance: `${String(near.radiusKm * fraction)}km`, [F.mainLocation]: { lat: near.lat, lon: near.lon }, ignore_unmapped: true } },
    weight: 1 / NEAR_RINGS.length,
  });
  return {
    function_score: {
      query,
      functions: [{ weight: 1 }, ...NEAR_RINGS.map(ring)],
      score_mode: 'sum',
      boost_mode: hasText ? 'multiply' : 'replace',
    },
  };
}

/** The scoring of a relevance-sorted search: nearness for `near=`, then recency. */
function relevance(query: Record<string, unknown>, p: SearchRequest): Record<string, unknown> {
  return withRecency(p.near ? withNearness(query, p.near, p.q !== undefined && p.q.trim() !== '') : query, p.origin);
}

export function sortFor(mode: SortMode): unknown[] {
  switch (mode) {
    case 'newest':
      return [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }];
    case 'oldest':
      return [{ [F.publishedAt]: 'asc' }, { [F.id]: 'asc' }];
    // In the order articles became searchable (an update counts anew): what a sync walks forward in.
    case 'indexed':
      return [{ [F.indexedAt]: 'asc' }, { [F.id]: 'asc' }];
    // The latest edit first; articles never edited after every edited one, newest first.
    case 'edited':
      return [{ [F.editedAt]: { order: 'desc', missing: '_last' } }, { [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }];
    // Articles without a tone (enriched before tone existed) come after every toned one, either way.
    case 'negative':
      return [{ [F.tone]: { order: 'asc', missing: '_last' } }, { [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }];
    case 'positive':
      return [{ [F.tone]: { order: 'desc', missing: '_last' } }, { [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }];
    default:
      return ['_score', { [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }];
  }
}

/** Aggregations behind `facets=`. */
export function facetAggs(facets: readonly FacetName[], size = 10): Record<string, unknown> {
  const aggs: Record<string, unknown> = {};
  for (const name of facets) {
    switch (name) {
      case 'topics':
        aggs.topics = { terms: { field: F.topics, size } };
        break;
      case 'entities':
        aggs.entities = { terms: { field: F.entityIds, size } };
        break;
      case 'langs':
        aggs.langs = { terms: { field: F.lang, size } };
        break;
      case 'countries':
        aggs.countries = { terms: { field: F.countries, size } };
        break;
      case 'sources':
        aggs.sources = { terms: { field: F.sourceId, size }, aggs: { source: { top_hits: { size: 1, _source: { includes: ['source'] } } } } };
        break;
    }
  }
  return aggs;
}

const HIGHLIGHT_TAGS = { pre_tags: ['<mark>'], post_tags: ['</mark>'], encoder: 'html' };
const TITLE_HL = { number_of_fragments: 0 };
const BODY_HL = { fragment_size: 160, number_of_fragments: 2, no_match_size: 0 };

/** Entity names as phrases, each against `fieldsFor(name)`, for a highlight_query. */
function namePhrases(names: readonly string[], fieldsFor: (name: string) => string[]): unknown[] {
  return names.map((n) => ({ multi_match: { query: n, type: 'phrase', fields: fieldsFor(n) } }));
}

/**
 * Highlights of the main search: only each article's own-language fields (`i18n.<lang>.*`, what
 * the gateway shows). The language-neutral `title`/`body`/`summary` are left out here — marking
 * them as well about doubled Elasticsearch's time per search, for highlights the gateway then
 * discarded whenever the language field had one (with the entity names below, the bench queries
 * went from 11–39 ms to 8–12 ms in Elasticsearch on a 20,000-article index). Hits the language
 * fields cannot highlight get theirs from `neutralHighlightBody`.
 */
/**
 * Entity names a highlight marks. A search narrowed to some parts (headlines) found tagged
 * articles by any of the entity's names and aliases there (an Arabic headline says الكاظمي, not
 * مصطفى الكاظمي): mark those too. A whole-article search marks the display names only — with the
 * aliases an entity query took ~6 ms more in Elasticsearch.
 */
function highlightNames(x: EntityExpansion | undefined, parts: readonly SearchIn[] | undefined): string[] {
  const names = x?.names ?? [];
  if (!narrowedParts(parts)) return names;
  return [...new Set([...names, ...(x?.alternatives ?? []).flatMap((a) => (a.mentions ?? []).flat())])];
}

function highlightSpec(x: EntityExpansion | undefined, q: string, parts: readonly SearchIn[] | undefined): Record<string, unknown> {
  const title = !parts || parts.includes('title');
  const body = !parts || parts.includes('body');
  const spec: Record<string, unknown> = { ...HIGHLIGHT_TAGS, fields: { ...(title ? { 'i18n.*.title': TITLE_HL } : {}), ...(body ? { 'i18n.*.body': BODY_HL } : {}) } };
  const names = highlightNames(x, parts);
  if (names.length > 0) {
    // Articles found through an entity tag name it in their own language: mark those names too.
    // A name is looked for only in the languages written in its script (up to 20 names × 20
    // fields of phrase queries otherwise, half of a search's time for a query naming an entity).
    spec.highlight_query = {
      bool: {
        should: [
          simpleQuery(q, fieldsIn(parts)),
          ...namePhrases(names, (n) => langsWritingLike(n).flatMap((l) => [...(title ? [F.i18nTitle(l)] : []), ...(body ? [F.i18nBody(l)] : [])])),
        ],
      },
    };
  }
  return spec;
}

/**
 * Highlights from the language-neutral fields for the hits of a search the language fields could
 * not highlight: articles in a language without its own analyzer (Italian, Portuguese… have no
 * `i18n.<lang>` field), or matched only through the neutral fields or the summary. A second,
 * small request on just those ids, so the main search never pays for it.
 */
export function neutralHighlightBody(f: SearchFilters, ids: readonly string[]): Record<string, unknown> {
  const parts = f.in ?? SEARCH_IN;
  const spec: Record<SearchIn, [string, Record<string, number>]> = {
    title: [F.title, TITLE_HL],
    summary: [F.summary, { fragment_size: 160, number_of_fragments: 1 }],
    body: [F.body, BODY_HL],
  };
  const wanted = SEARCH_IN.filter((p) => parts.includes(p)).map((p) => spec[p]);
  const neutral = wanted.map(([field]) => field);
  return {
    size: ids.length,
    query: { ids: { values: ids } },
    _source: false,
    highlight: {
      ...HIGHLIGHT_TAGS,
      fields: Object.fromEntries(wanted),
      highlight_query: { bool: { should: [simpleQuery(f.q ?? '', neutral), ...namePhrases(highlightNames(f.expansion, f.in), () => neutral)] } },
    },
  };
}

/** The Elasticsearch search body for `GET /v1/search` (and the RSS/Atom variants). */
export function buildSearchBody(p: SearchRequest): Record<string, unknown> {
  let query = buildQuery(p);
  const hasText = p.q !== undefined && p.q.trim() !== '';
  if (p.sort === 'relevance') query = relevance(query, p);
  const body: Record<string, unknown> = {
    size: p.limit,
    query,
    sort: sortFor(p.sort),
    _source: { includes: p.withBody ? [...HIT_SOURCE_FIELDS, F.body] : HIT_SOURCE_FIELDS },
    track_total_hits: p.trackTotalHits ?? 10_000,
    timeout: `${p.timeoutMs ?? 10_000}ms`,
  };
  if (p.collapse) {
    body.collapse = { field: F.storyId };
    // Total number of stories, since hits.total still counts articles.
    body.aggs = { ...(body.aggs as object), _stories: { cardinality: { field: F.storyId } } };
    if (p.offset) body.from = p.offset;
  } else if (p.after && p.after.length > 0) {
    body.search_after = p.after;
  }
  if (p.facets && p.facets.length > 0) body.aggs = { ...(body.aggs as object), ...facetAggs(p.facets, p.facetSize) };
  if (hasText && p.highlight !== false) body.highlight = highlightSpec(p.expansion, p.q!, p.in);
  return body;
}

/**
 * `collapse=story&prefer=fr,en`: for the stories of one page, the best hit of each in each
 * preferred language (the same query, sort and highlights, restricted to those stories and
 * languages), so the gateway can show a story by its article in the reader's language. A second
 * request: collapse cannot filter its inner hits, and sorting by a language list needs a script.
 */
export function preferredHitsBody(p: SearchRequest, storyIds: readonly string[], prefer: readonly string[]): Record<string, unknown> {
  // A lang filter still holds: a preferred language it leaves out is never shown.
  const langs = p.lang ? prefer.filter((l) => p.lang!.includes(l)) : prefer;
  let query = buildQuery({ ...p, story: [...storyIds], lang: [...langs] });
  const hasText = p.q !== undefined && p.q.trim() !== '';
  if (p.sort === 'relevance') query = relevance(query, p);
  const hit = {
    top_hits: {
      size: 1,
      sort: sortFor(p.sort),
      _source: { includes: HIT_SOURCE_FIELDS },
      ...(hasText && p.highlight !== false ? { highlight: highlightSpec(p.expansion, p.q!, p.in) } : {}),
    },
  };
  return {
    size: 0,
    query,
    timeout: `${p.timeoutMs ?? 10_000}ms`,
    aggs: {
      stories: {
        terms: { field: F.storyId, size: storyIds.length },
        aggs: Object.fromEntries(langs.map((l) => [l, { filter: { term: { [F.lang]: l } }, aggs: { hit } }])),
      },
    },
  };
}

/** Size of each story (articles in the whole index) for the story ids on one page. */
export function storySizesBody(storyIds: readonly string[]): Record<string, unknown> {
  return {
    size: 0,
    query: { terms: { [F.storyId]: storyIds } },
    aggs: { sizes: { terms: { field: F.storyId, size: storyIds.length } } },
  };
}
