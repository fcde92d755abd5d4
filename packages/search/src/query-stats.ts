import { F } from './fields.ts';
import { HIT_SOURCE_FIELDS, andFilter, buildQuery, esBox, type GeoBox, type SearchFilters } from './query.ts';

/**
 * Dashboard queries: timelines, top values, trending terms. Every one takes the same filters as
 * a search, so a dashboard panel and the result list it drills into always agree.
 */

/** Fields a dashboard can count or split by (`stats/top?field=`, `stats/timeline?split=`). */
export const STAT_FIELDS = {
  topics: F.topics,
  entities: F.entityIds,
  people: F.people,
  orgs: F.orgs,
  places: F.places,
  sources: F.sourceId,
  domains: F.domain,
  langs: F.lang,
  countries: F.countries,
  sourceCountries: F.sourceCountry,
  keywords: F.keywords,
  authors: F.authors,
  categories: F.categories,
  /** Who is quoted: the people and organisations the matching articles quote. */
  speakers: F.speakers,
} as const;
export type StatField = keyof typeof STAT_FIELDS;

/** country: the countries articles are about; sourceCountry: where their sources are (GDELT's TimelineSourceCountry). */
export const SPLITS = { lang: F.lang, topic: F.topics, source: F.sourceId, country: F.countries, sourceCountry: F.sourceCountry } as const;
export type Split = keyof typeof SPLITS;

export const INTERVALS = ['auto', 'hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * One query of a compared timeline: its key (the query as written) and what it matches — its
 * text, with the entities it names expanded, and any filters written into it (`lang:ar`).
 */
export interface ComparedQuery {
  q: string;
  filters: SearchFilters;
}

/** Most queries one timeline compares. */
export const MAX_COMPARE = 10;

export interface TimelineRequest extends SearchFilters {
  interval: Exclude<Interval, 'auto'>;
  split?: Split;
  /**
   * One series per query instead of a split (Media Cloud's and GDELT's comparison of queries):
   * each bucket counts the articles matching each, the rest of the filters (and q) applying to all;
   * the timeline's own count is the articles matching any of them.
   */
  compare?: readonly ComparedQuery[];
  /** Series per split (the rest is counted in `other`). @default 5 */
  splitSize?: number;
  /** IANA zone or ±hh:mm for bucket boundaries. @default 'UTC' */
  tz?: string;
  /** Average tone per bucket (and per series when split), and over the whole range. */
  tone?: boolean;
  /** Bounds so empty buckets at the edges are returned too. */
  bounds?: { min: string; max: string };
  /** Count the coverage too (coverageFilters) so each bucket's matching articles are a share of it. */
  share?: boolean;
  timeoutMs?: number;
}

/** The filters that say where coverage is read (sources, languages, dates), kept by coverageFilters. */
const COVERAGE_KEYS = ['lang', 'source', 'domain', 'sourceCountry', 'author', 'excludeSource', 'excludeDomain', 'from', 'to', 'indexedFrom', 'indexedTo'] as const;

/**
 * What a share of coverage is measured against, as GDELT's volume timeline (the percentage of all
 * monitored coverage) and Media Cloud's normalised attention (matching stories of all stories in
 * the same collections) measure it: every article of the same sources, bylines, languages and dates. The
 * filters of what the articles are about — q, in, topic, entity, country, story, tone, near, bbox
 * — are left out, so a rise in the share is more of the coverage talking about it, not more
 * articles fetched that day.
 */
export function coverageFilters(f: SearchFilters): SearchFilters {
  const out: Record<string, unknown> = {};
  for (const k of COVERAGE_KEYS) if (f[k] !== undefined) out[k] = f[k];
  return out as SearchFilters;
}

export function timelineBody(r: TimelineRequest): Record<string, unknown> {
  const histogram: Record<string, unknown> = {
    date_histogram: {
      field: F.publishedAt,
      calendar_interval: r.interval,
      time_zone: r.tz ?? 'UTC',
      min_doc_count: 0,
      ...(r.bounds ? { extended_bounds: r.bounds } : {}),
    },
  };
  // Articles enriched before tone existed have none: avg leaves them out (null for a bucket of only those).
  const tone = r.tone ? { tone: { avg: { field: F.tone } } } : undefined;
  const aggs: Record<string, unknown> = { ...tone };
  if (r.split) aggs.split = { terms: { field: SPLITS[r.split], size: r.splitSize ?? 5 }, ...(tone ? { aggs: tone } : {}) };
  // Compared queries: an anonymous filters aggregation, whose buckets come back in the order given.
  const compared = r.compare?.map((c) => buildQuery({ ...(r.in ? { in: r.in } : {}), ...c.filters }));
  const series = compared ? { filters: { filters: compared }, ...(tone ? { aggs: tone } : {}) } : undefined;
  if (series) aggs.split = series;
  const common = { size: 0, track_total_hits: true, timeout: `${r.timeoutMs ?? 10_000}ms` };
  const match = compared ? andFilter(buildQuery(r), { bool: { should: compared, minimum_should_match: 1 } }) : buildQuery(r);
  // Each compared query over the whole range, for its total (and tone).
  const totals = series ? { compare: series } : {};
  if (!r.share) {
    if (Object.keys(aggs).length > 0) histogram.aggs = aggs;
    return { ...common, query: match, aggs: { timeline: histogram, ...tone, ...totals } };
  }
  // One request, so both counts read the same index state: the histogram runs over the coverage
  // and each bucket counts the matching articles in it (a filter aggregation); tone and split are
  // of the matching articles, as without share. Hits' total is the coverage's.
  histogram.aggs = { match: { filter: match, ...(Object.keys(aggs).length > 0 ? { aggs } : {}) } };
  const matchSub = { ...tone, ...totals };
  return { ...common, query: buildQuery(coverageFilters(r)), aggs: { timeline: histogram, match: { filter: match, ...(Object.keys(matchSub).length > 0 ? { aggs: matchSub } : {}) } } };
}

export interface ToneChartRequest extends SearchFilters {
  /** Width of a bin in tone points (tone runs −100…100; most articles fall within ±10). */
  step: number;
  /** Most relevant articles kept per bin (0: counts only). */
  articles: number;
  timeoutMs?: number;
}

/**
 * The tone of the coverage as a histogram (GDELT's ToneChart): matching articles with a tone in
 * bins of `step` points, empty bins between the lowest and highest filled too, each with its most
 * relevant articles (newest first among equals, as without a query every score is equal), and
 * the average over all of them. Articles without a tone (enriched before tone existed) are in the
 * hits' total but in no bin.
 */
export function toneChartBody(r: ToneChartRequest): Record<string, unknown> {
  const top = r.articles > 0 ? { aggs: { top: { top_hits: { size: r.articles, sort: ['_score', { [F.publishedAt]: 'desc' }], _source: { includes: HIT_SOURCE_FIELDS } } } } } : {};
  return {
    size: 0,
    track_total_hits: true,
    timeout: `${r.timeoutMs ?? 10_000}ms`,
    query: buildQuery(r),
    aggs: { bins: { histogram: { field: F.tone, interval: r.step, min_doc_count: 0 }, ...top }, toned: { stats: { field: F.tone } } },
  };
}

/**
 * Who reports first (`/v1/stats/first`): the `stories` most recent stories of the matching
 * articles, each with how many sources carry it, which sources (up to 25), and its first article's
 * source — the gateway keeps those with enough sources and counts, per source, the stories it was
 * first on and those it carried.
 */
export function firstReportsBody(f: SearchFilters & { timeoutMs?: number }, stories: number): Record<string, unknown> {
  return {
    size: 0,
    track_total_hits: true,
    timeout: `${f.timeoutMs ?? 10_000}ms`,
    query: buildQuery(f),
    aggs: {
      stories: {
        terms: { field: F.storyId, size: stories, order: { latest: 'desc' } },
        aggs: {
          latest: { max: { field: F.publishedAt } },
          sources: { cardinality: { field: F.sourceId } },
          // 25 sources a story at most: with 2 000 stories that stays under Elasticsearch's
          // 65 536 buckets a response may hold (search.max_buckets).
          carriers: { terms: { field: F.sourceId, size: 25 } },
          first: { top_hits: { size: 1, sort: [{ [F.publishedAt]: 'asc' }, { [F.id]: 'asc' }], _source: { includes: ['source', F.publishedAt] } } },
        },
      },
    },
  };
}

/** The `stories` most recent stories of the matching articles, by id (who reports first, `carriedBy`: one source's stories). */
export function storiesCarriedBody(f: SearchFilters & { timeoutMs?: number }, stories: number): Record<string, unknown> {
  return {
    size: 0,
    timeout: `${f.timeoutMs ?? 10_000}ms`,
    query: buildQuery(f),
    aggs: { stories: { terms: { field: F.storyId, size: stories, order: { latest: 'desc' } }, aggs: { latest: { max: { field: F.publishedAt } } } } },
  };
}

/** `opts.tone`: each value's average tone too (how each source, country… covers what matches). */
export function topBody(f: SearchFilters & { timeoutMs?: number }, field: StatField, size: number, opts: { tone?: boolean } = {}): Record<string, unknown> {
  const agg: Record<string, unknown> = { terms: { field: STAT_FIELDS[field], size } };
  const sub: Record<string, unknown> = {};
  if (field === 'sources') sub.source = { top_hits: { size: 1, _source: { includes: ['source'] } } };
  // Bylines and categories are counted folded (lowercase, their normalizer); the newest article
  // of each gives it as written, for its name.
  if (field === 'authors' || field === 'categories') sub.written = { top_hits: { size: 1, sort: [{ [F.publishedAt]: 'desc' }], _source: { includes: [STAT_FIELDS[field]] } } };
  if (opts.tone) sub.tone = { avg: { field: F.tone } };
  if (Object.keys(sub).length > 0) agg.aggs = sub;
  return { size: 0, track_total_hits: true, timeout: `${f.timeoutMs ?? 10_000}ms`, query: buildQuery(f), aggs: { top: agg } };
}

/** Fields whose values are entity ids: what a co-occurrence network (`/v1/stats/network`) is drawn over. */
export const NETWORK_FIELDS = ['entities', 'people', 'orgs', 'places'] as const;
export type NetworkField = (typeof NETWORK_FIELDS)[number];

/**
 * A co-occurrence network's edges: how many matching articles name each pair of `ids` (the nodes,
 * from topBody) — each node's articles (a terms bucket) counted again by the nodes they also name
 * (a terms sub-aggregation), both kept to `ids`. Every pair comes twice (A with B, B with A) and
 * each node with itself; the caller keeps one. (The adjacency_matrix aggregation would say the
 * same, but it lives in a module this Elasticsearch does not load.)
 */
export function networkEdgesBody(f: SearchFilters & { timeoutMs?: number }, field: NetworkField, ids: readonly string[]): Record<string, unknown> {
  const terms = { field: STAT_FIELDS[field], include: [...ids], size: ids.length };
  return { size: 0, track_total_hits: false, timeout: `${f.timeoutMs ?? 10_000}ms`, query: buildQuery(f), aggs: { pairs: { terms, aggs: { with: { terms } } } } };
}

/** What a map counts: named places (cities, regions), the countries articles are about, or map tiles. */
export const MAP_LEVELS = ['place', 'country', 'grid'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

export interface MapRequest extends SearchFilters {
  by: MapLevel;
  /** Features asked for (most articles first). */
  size: number;
  /** Map tile zoom of `grid` (0 the whole world … 15 a few streets). */
  zoom?: number;
  /** Terms to count only (place entity ids or ISO codes whose point is in the searched area). */
  include?: readonly string[];
  /** Terms left out (the countries, from a map of places). */
  exclude?: readonly string[];
  /** Tiles only within this box (`grid`; an article's other places would add tiles elsewhere). */
  bounds?: GeoBox;
  tone?: boolean;
  timeoutMs?: number;
}

/**
 * Where the matching articles are about (GDELT's GEO API): article counts per named place, per
 * country, or per map tile of the places' points (geotile_grid), for a dashboard's map.
 */
export function mapBody(r: MapRequest): Record<string, unknown> {
  const tone = r.tone ? { aggs: { tone: { avg: { field: F.tone } } } } : {};
  const agg =
    r.by === 'grid'
      ? { geotile_grid: { field: F.locations, precision: r.zoom ?? 3, size: r.size, ...(r.bounds ? { bounds: esBox(r.bounds) } : {}) }, ...tone }
      : {
          terms: {
            field: r.by === 'place' ? F.places : F.countries,
            size: r.size,
            ...(r.include ? { include: r.include } : {}),
            ...(r.exclude?.length ? { exclude: r.exclude } : {}),
          },
          ...tone,
        };
  return { size: 0, track_total_hits: true, timeout: `${r.timeoutMs ?? 10_000}ms`, query: buildQuery(r), aggs: { map: agg } };
}

export interface TrendingRequest extends SearchFilters {
  /** Recent window, Elasticsearch time units (`24h`, `3d`). */
  window: string;
  /** Background window it is compared with (`30d`). */
  background: string;
  size: number;
  /** Title terms asked for (the caller may drop some). @default size */
  termsSize?: number;
  /** Reference "now" (rounded by the caller so repeated calls hit the request cache). */
  now: string;
  timeoutMs?: number;
}

/**
 * Trending = significant in the recent window against the background window: keywords and
 * entities by significant_terms (keyword fields), title words by significant_text (re-analyses
 * a sample of titles; no fielddata needed).
 */
/** The filters' query (from/to left out) restricted to articles published in `window` before `now`. */
function windowQuery(r: SearchFilters & { window: string; now: string }): Record<string, unknown> {
  const { from: _from, to: _to, ...filters } = r;
  return andFilter(buildQuery(filters), { range: { [F.publishedAt]: { gte: `${r.now}||-${r.window}`, lte: r.now } } });
}

export function trendingBody(r: TrendingRequest): Record<string, unknown> {
  const query = windowQuery(r);
  const backgroundFilter = { range: { [F.publishedAt]: { gte: `${r.now}||-${r.background}`, lte: r.now } } };
  const sig = (field: string) => ({
    significant_terms: { field, size: r.size, min_doc_count: 2, background_filter: backgroundFilter },
  });
  return {
    size: 0,
    track_total_hits: true,
    timeout: `${r.timeoutMs ?? 10_000}ms`,
    query,
    aggs: {
      entities: sig(F.entityIds),
      keywords: sig(F.keywords),
      topics: sig(F.topics),
      titles: {
        sampler: { shard_size: 500 },
        aggs: {
          terms: {
            significant_text: { field: F.title, size: r.termsSize ?? r.size, min_doc_count: 2, filter_duplicate_text: true, background_filter: backgroundFilter },
          },
        },
      },
    },
  };
}

export const STORY_RANKS = ['sources', 'articles', 'latest'] as const;
export type StoryRank = (typeof STORY_RANKS)[number];

export interface TopStoriesRequest extends SearchFilters {
  /** Recent window, Elasticsearch time units (`24h`, `3d`). */
  window: string;
  /** Reference "now" (rounded by the caller so repeated calls hit the request cache). */
  now: string;
  /** Stories asked for (the caller may drop some below its minimum of sources). */
  size: number;
  /** sources: most distinct sources first (a site running the story five times counts once); articles: most articles; latest: newest article first. */
  rank: StoryRank;
  /** Languages to show each story in, most preferred first: the newest article in each is fetched beside the story's newest. */
  prefer?: readonly string[];
  timeoutMs?: number;
}

/**
 * Top stories: the story clusters of the articles matching the filters in a recent window, ranked
 * by how many sources cover them (Google News' front page, NewsAPI's top headlines), each with its
 * newest article, languages, first and last article and average tone in the window.
 */
/**
 * Which of `storyIds` have an article in any of `langs`, over the whole index (top stories'
 * `without`: a story told in English two days ago is not one English has missed today).
 */
export function storiesInLangsBody(storyIds: readonly string[], langs: readonly string[]): Record<string, unknown> {
  return {
    size: 0,
    query: { bool: { filter: [{ terms: { [F.storyId]: [...storyIds] } }, { terms: { [F.lang]: [...langs] } }] } },
    aggs: { stories: { terms: { field: F.storyId, size: Math.max(1, storyIds.length) } } },
  };
}

export function topStoriesBody(r: TopStoriesRequest): Record<string, unknown> {
  const query = windowQuery(r);
  const lead = { top_hits: { size: 1, sort: [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }], _source: { includes: HIT_SOURCE_FIELDS } } };
  const order = { sources: [{ sources: 'desc' }, { _count: 'desc' }, { lastSeen: 'desc' }], articles: [{ _count: 'desc' }, { sources: 'desc' }, { lastSeen: 'desc' }], latest: [{ lastSeen: 'desc' }, { _count: 'desc' }] }[r.rank];
  return {
    size: 0,
    track_total_hits: true,
    timeout: `${r.timeoutMs ?? 10_000}ms`,
    query,
    aggs: {
      stories: {
        // Ordering by a sub-aggregation is exact on one shard; more candidates per shard keep it close on several.
        terms: { field: F.storyId, size: r.size, shard_size: Math.max(100, r.size * 5), order },
        aggs: {
          sources: { cardinality: { field: F.sourceId } },
          firstSeen: { min: { field: F.publishedAt } },
          lastSeen: { max: { field: F.publishedAt } },
          langs: { terms: { field: F.lang, size: 20 } },
          tone: { avg: { field: F.tone } },
          lead,
          // The newest article in each preferred language, keyed by language (a story told in
          // Arabic, English and French is shown to an English reader by its English article).
          ...(r.prefer?.length ? { preferred: { filters: { filters: Object.fromEntries(r.prefer.map((l) => [l, { term: { [F.lang]: l } }])) }, aggs: { lead } } } : {}),
        },
      },
    },
  };
}
