import { Type } from '@fastify/type-provider-typebox';
import { EDIT_KINDS, FACETS, MAX_PHRASE_SLOP, SEARCH_IN, SORT_MODES, queryTokens, type EditKind, type FacetName, type GeoBox, type GeoCircle, type SearchFilters, type SearchIn, type SortMode } from '@akhbar/search';
import { badParam } from './errors.ts';
import type { Collections } from './collections.ts';
import { expandQuery, type EntityLookup, type Expansion, type OfficeInfo } from './expand.ts';
import { listItems } from './lists.ts';
import { filtersInQuery } from './operators.ts';

/**
 * Query-string parameters shared by the search, feed and dashboard routes. Lists are
 * comma-separated (`lang=ar,en`; a repeated parameter is joined the same way); values inside one
 * parameter are OR-ed, different parameters AND-ed. A value holding a comma (a byline such as
 * "Doe, Jane", a collection named "Iraq, Syria") is double-quoted, as a CSV cell is.
 */

/** Longest accepted `q`, in characters. */
export const MAX_Q_CHARS = 1000;

export const listOf = (item: string, max: number, description: string) =>
  Type.Optional(Type.String({ pattern: `^${item}(,${item}){0,${max - 1}}$`, maxLength: 4000, description }));

// Each comma-separated piece; listItems puts a quoted value's pieces back together.
const ANY_ITEM = '[^,]{1,128}';
const dateParam = (description: string) =>
  Type.Optional(Type.String({ minLength: 3, maxLength: 40, description: `${description} ISO 8601 date or date-time, or date math (now-7d, now/d).` }));

const toneParam = (description: string) => Type.Optional(Type.String({ pattern: '^[+-]?\\d{1,3}(\\.\\d{1,3})?$', maxLength: 8, description }));

/** Radius of `near` when none is given, and the largest accepted (half the Earth's circumference). */
export const DEFAULT_RADIUS_KM = 50;
export const MAX_RADIUS_KM = 20_000;
const COORD = '[+-]?\\d{1,3}(\\.\\d{1,12})?';

/** A route's `:id` (feed ids are hex, alert ids base64url). */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) }, { additionalProperties: false });
/** A route that takes no query-string parameters: any is a 400 naming it. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const FilterParams = {
  q: Type.Optional(
    Type.String({
      maxLength: MAX_Q_CHARS,
      description: 'Query: words (all must match), "exact phrase", "words near"~N (at most N positions apart, N ≤ 100), a OR b, NOT a / -a, prefix*, (grouping). Names of known people, places and organisations also match articles tagged with them in every language. Filters can be written into q as well, each as its parameter: lang:ar, source:, domain: (-source: and -domain: leave out), country:, sourcecountry:, topic:, entity:, author:"Rana Haddad", category:, collection:, story:, edited:title, from:now-7d, to:, tone<-2 / tone>2 (bounds included); a key twice is either value; a filter cannot be OR-ed or grouped, nor given both in q and as its parameter',
    }),
  ),
  in: listOf(`(${SEARCH_IN.join('|')})`, SEARCH_IN.length, 'Parts of the article the words of q must be in: title, summary, body (default all; NewsAPI\'s searchIn). A name expanded to an entity must then be named there too, under any of its names or aliases'),
  lang: listOf('[a-z]{2,3}', 20, 'Languages (ISO 639-1), e.g. ar,en'),
  source: listOf(ANY_ITEM, 50, 'Source (feed) ids'),
  collection: listOf(ANY_ITEM, 20, 'Collections: the categories (folders) feeds are filed under, any case, e.g. Iraq (a name holding a comma double-quoted: "Bahrain, Qatar") — their sources\' articles (GET /v1/collections lists them). With source as well, only sources in both'),
  domain: listOf('[A-Za-z0-9.:-]{1,253}', 50, 'Source domains, e.g. example.com'),
  topic: listOf(ANY_ITEM, 20, 'Topic ids'),
  entity: listOf(ANY_ITEM, 20, 'Entity ids (Wikidata QIDs where known)'),
  edited: listOf(`(${EDIT_KINDS.join('|')})`, EDIT_KINDS.length, 'Only articles their site edited after Akhbar first indexed them, whose edits changed any of title (the headline), summary, body (the text); any: edited at all. Hits carry "edited" (when, what); GET /v1/articles/:id gives the earlier versions. With sort=edited, the latest edits first'),
  hasImage: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: only articles with a picture (the image its feed or page gave; hits carry it as "image"); false: only those without' })),
  speaker: listOf(ANY_ITEM, 10, 'Articles quoting these people or organisations (a quotation attributed to them; GET /v1/quotes gives their words): entity ids (Q61053) or names in any language or spelling (Kadhimi, الكاظمي). A name no known person or organisation has is a 400'),
  office: listOf(ANY_ITEM, 10, 'Offices across their holders: articles tagged with whoever held one, published during that holder\'s term (GET /v1/offices lists them): office ids (iq-prime-minister) or titles in any language (Iraqi prime minister, رئيس الوزراء العراقي). A title no known office has is a 400'),
  allEntities: listOf(ANY_ITEM, 10, 'Entity ids all of which an article must be tagged with: articles naming them together (entity= takes any of its ids), e.g. a pair of /v1/stats/network'),
  country: listOf('[A-Za-z]{2}', 50, 'Countries the articles are about (ISO 3166-1 alpha-2)'),
  sourceCountry: listOf('[A-Za-z]{2}', 50, 'Countries of the sources (ISO 3166-1 alpha-2)'),
  author: listOf(ANY_ITEM, 20, 'Bylines: articles by these authors, exactly as their feeds or pages name them but in any case, e.g. author=Jane Doe; a byline holding a comma is double-quoted: author="Doe, Jane",Reuters — GET /v1/stats/top?field=authors lists them'),
  category: listOf(ANY_ITEM, 20, 'The articles\' own categories as their feeds label them (RSS/Atom category: a site\'s section such as Politics or سياسة), in any case — GET /v1/stats/top?field=categories lists them. The folders feeds are filed under are collection='),
  story: listOf('[A-Za-z0-9_-]{1,64}', 20, 'Story ids (a hit\'s story.id): only the articles of these stories — page through a whole story with sort=oldest and cursor, chart it with /v1/stats/timeline, export it, or follow it with an alert'),
  excludeSource: listOf(ANY_ITEM, 50, 'Source (feed) ids whose articles are left out'),
  excludeDomain: listOf('[A-Za-z0-9.:-]{1,253}', 50, 'Domains whose articles are left out (NewsAPI\'s excludeDomains)'),
  toneMin: toneParam('Tone score at least (−100…100; below 0 is negative coverage). Articles without a tone are left out.'),
  toneMax: toneParam('Tone score at most (−100…100), e.g. toneMax=-2 for clearly negative coverage.'),
  near: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Articles about a place within radius of this point: lat,lon (33.31,44.36), or a known place or country by id (Q1530) or by name in any language (Baghdad, بغداد, Bagdad). An article is where the places and countries it is about are',
    }),
  ),
  radius: Type.Optional(Type.String({ pattern: '^\\d{1,5}(\\.\\d{1,3})?(km|mi)$', maxLength: 12, description: `Radius around near: km or mi (default ${String(DEFAULT_RADIUS_KM)}km, at most ${String(MAX_RADIUS_KM)}km)` })),
  bbox: Type.Optional(
    Type.String({
      pattern: `^${COORD}(,${COORD}){3}$`,
      maxLength: 80,
      description: 'Articles about a place inside this box: west,south,east,north in degrees (GeoJSON\'s order; a map\'s viewport). west > east crosses the antimeridian',
    }),
  ),
  from: dateParam('Published at or after.'),
  to: dateParam('Published at or before.'),
  mentionsFrom: dateParam('Only articles naming a day on or after this (a meeting, a vote, a deadline: "on Thursday 20 August", «العشرين من الشهر الجاري», "demain"), whenever published; GET /v1/agenda lists them by day.'),
  mentionsTo: dateParam('Only articles naming a day on or before this.'),
  indexedFrom: dateParam('Indexed (searchable) at or after, whenever published: what arrived since a sync, with sort=indexed (each hit has its indexedAt).'),
  indexedTo: dateParam('Indexed at or before.'),
};

/** The filters without dates, for routes that look at a recent window (trending, top stories) or at what comes next (alerts). */
const { from: _from, to: _to, indexedFrom: _indexedFrom, indexedTo: _indexedTo, ...undated } = FilterParams;
export const UndatedFilterParams = undated;

/** A recent window: hours or days (`6h`, `24h`, `3d`). */
export const windowParam = (fallback: string, description: string) => Type.String({ default: fallback, pattern: '^[1-9]\\d{0,3}[hd]$', description });

/**
 * `names`: which of an entity's display names each hit carries. Every entity has its id, type and
 * `name`; its names in other languages (up to ten per entity, repeated on every hit that mentions
 * it) come only when asked for, since they would otherwise make up most of a search response.
 */
export const NamesParam = {
  names: listOf('([a-z]{2,3}|all)', 20, 'Entity names to add to each hit, by language: names=ar (or ar,fr; all for every language) gives each entity a names map'),
};

/** The `names` parameter → the languages wanted (`'all'`), or undefined for none. */
export function nameLangs(v: string | undefined): NameLangs {
  const langs = listItems('names', v);
  if (!langs || langs.length === 0) return undefined;
  return langs.includes('all') ? 'all' : new Set(langs);
}
export type NameLangs = 'all' | ReadonlySet<string> | undefined;

export const SearchParams = {
  ...FilterParams,
  sort: Type.Optional(Type.Union(SORT_MODES.map((s) => Type.Literal(s)), { description: 'relevance (blended with recency; the default with q or near: with near, articles about a place near the point before those that only mention one), newest (the default otherwise), oldest, negative / positive (by tone, most negative or most positive first; articles without a tone last), indexed (in the order articles became searchable, oldest first: for a sync with indexedFrom), edited (the latest edit of its site first; never-edited articles after, newest first — with edited=any, only edited ones)' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Hits per page (1–100)' }),
  cursor: Type.Optional(Type.String({ maxLength: 2048, description: 'nextCursor of the previous page' })),
  collapse: Type.Optional(Type.Literal('story', { description: 'story: one hit per story' })),
  prefer: listOf('[a-z]{2,3}', 5, 'With collapse=story: languages to show each story in, most preferred first (e.g. ar,en). Each hit is its story\'s best match in the first of these languages the story has, else its best match; the stories and their order do not change (lang filters)'),
  facets: listOf(`(${FACETS.join('|')})`, FACETS.length, `Facets to count: ${FACETS.join(',')}`),
  facetSize: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Buckets per facet' }),
  highlight: Type.Boolean({ default: true, description: 'Highlight matches in title and body (<mark>)' }),
  ...NamesParam,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_MATH = /^now([+-]\d{1,5}[yMwdhHms])*(\/[yMwdhHms])?$/;

/**
 * Validate a date parameter. A bare date means the whole day: `from` rounds down, `to` rounds up
 * to the end of that day (Elasticsearch `||/d`).
 */
export function dateValue(param: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (DATE_MATH.test(v)) return v;
  if (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))) return `${v}||/d`;
  if (ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) return v;
  throw badParam(param, `${param} must be an ISO 8601 date or date-time, or date math such as now-7d (got "${v.slice(0, 40)}")`);
}

export type FilterQuery = { [K in keyof typeof FilterParams]?: string };

/** A domain as sources store it: lower case, without www. */
const domainKey = (d: string) => d.toLowerCase().replace(/^www\./, '');

const LAT_LON = /^\s*([+-]?\d{1,3}(?:\.\d+)?)\s*,\s*([+-]?\d{1,3}(?:\.\d+)?)\s*$/;

/**
 * `near` + `radius` → a circle. `near` is a point (`lat,lon`) or a place the gazetteer knows, by id
 * or by any of its names; `radius` alone is a 400 (it would silently mean nothing).
 */
export function nearFilter(near: string | undefined, radius: string | undefined, lookup: EntityLookup | undefined): GeoCircle | undefined {
  if (near === undefined) {
    if (radius !== undefined) throw badParam('radius', 'radius needs near (a point or a place)');
    return undefined;
  }
  let radiusKm = DEFAULT_RADIUS_KM;
  if (radius !== undefined) {
    const n = Number.parseFloat(radius);
    radiusKm = radius.endsWith('mi') ? n * 1.609344 : n;
    if (!(radiusKm > 0) || radiusKm > MAX_RADIUS_KM) throw badParam('radius', `radius must be above 0 and at most ${String(MAX_RADIUS_KM)}km (got ${radius})`);
  }
  const m = LAT_LON.exec(near);
  if (m) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw badParam('near', `near is lat,lon with latitude within ±90 and longitude within ±180 (got ${near})`);
    return { lat, lon, radiusKm };
  }
  const place = lookup?.place?.(near.trim());
  if (!place) throw badParam('near', `near must be lat,lon or a place Akhbar knows, by id or name (no known place in "${near.slice(0, 60)}")`);
  // A country's point is its centre: 50 km around it is rarely what "near Iraq" meant.
  if (place.type === 'country' && radius === undefined) {
    throw badParam('near', `near names a country (${place.name}): filter with country=${place.country ?? '…'} for articles about it, or give a radius to search around its centre`);
  }
  const { id, type, name, names } = place;
  return { lat: place.location.lat, lon: place.location.lon, radiusKm, place: { id, type, name, ...(names ? { names } : {}) } };
}

/** `bbox=west,south,east,north` → a box; south above north, or a coordinate off the globe, is a 400. */
export function bboxFilter(v: string | undefined): GeoBox | undefined {
  if (v === undefined) return undefined;
  const [west, south, east, north] = v.split(',').map(Number) as [number, number, number, number];
  if ([west, east].some((x) => Math.abs(x) > 180) || [south, north].some((y) => Math.abs(y) > 90)) {
    throw badParam('bbox', `bbox is west,south,east,north with longitudes within ±180 and latitudes within ±90 (got ${v})`);
  }
  if (south > north) throw badParam('bbox', `bbox's south (${String(south)}) is above its north (${String(north)})`);
  return [west, south, east, north];
}

/**
 * A query in the query language (`q`, a timeline's `compare`), trimmed; empty → undefined. Control
 * characters, or a proximity `~N` past MAX_PHRASE_SLOP, are a 400 naming `param`.
 */
export function queryText(param: string, v: string | undefined): string | undefined {
  const text = v?.trim();
  if (!text) return undefined;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw badParam(param, `${param} contains control characters`);
  for (const tok of queryTokens(text)) {
    const slop = /"~(\d+)$/.exec(tok)?.[1];
    if (slop !== undefined && Number(slop) > MAX_PHRASE_SLOP) throw badParam(param, `a phrase's ~N (its words at most N positions apart) takes N up to ${String(MAX_PHRASE_SLOP)} (got ${slop})`);
  }
  return text;
}

/**
 * Validated query-string values → search filters, with the filters written into q moved to their
 * parameters. `lookup` (the gateway's gazetteer) resolves a place named in `near` and a country
 * named in q; `collections` the sources of a `collection`.
 */
export function toFilters(query: FilterQuery, lookup?: EntityLookup, collections?: Pick<Collections, 'sourcesOf'>): SearchFilters {
  const f: SearchFilters = {};
  const q = withQueryFilters(query, lookup);
  const text = queryText('q', q.q);
  if (text) f.q = text;
  const lists = {
    lang: listItems('lang', q.lang),
    source: listItems('source', q.source),
    domain: listItems('domain', q.domain)?.map(domainKey),
    topic: listItems('topic', q.topic),
    entity: listItems('entity', q.entity),
    allEntities: listItems('allEntities', q.allEntities),
    country: listItems('country', q.country)?.map((c) => c.toUpperCase()),
    sourceCountry: listItems('sourceCountry', q.sourceCountry)?.map((c) => c.toUpperCase()),
    author: listItems('author', q.author),
    category: listItems('category', q.category),
    story: listItems('story', q.story),
    excludeSource: listItems('excludeSource', q.excludeSource),
    excludeDomain: listItems('excludeDomain', q.excludeDomain)?.map(domainKey),
    in: listItems('in', q.in) as SearchIn[] | undefined,
    edited: listItems('edited', q.edited) as EditKind[] | undefined,
  };
  for (const [k, v] of Object.entries(lists)) if (v && v.length > 0) (f as Record<string, unknown>)[k] = v;
  const speakers = listItems('speaker', q.speaker);
  if (speakers && speakers.length > 0) f.speaker = speakerIds(speakers, lookup);
  const offices = listItems('office', q.office);
  if (offices && offices.length > 0) f.office = officeTerms(offices, lookup);
  if (q.hasImage !== undefined) f.hasImage = q.hasImage === 'true';
  const named = listItems('collection', q.collection);
  if (named && named.length > 0) {
    if (!collections) throw badParam('collection', 'collections are not available here');
    // A collection is its sources: with source= too, only those in both (none: nothing matches).
    const inCollections = collections.sourcesOf(named);
    f.source = f.source ? f.source.filter((id) => inCollections.includes(id)) : inCollections;
  }
  for (const k of ['toneMin', 'toneMax'] as const) {
    if (q[k] === undefined) continue;
    const v = Number(q[k]);
    if (v < -100 || v > 100) throw badParam(k, `${k} must be between -100 and 100 (got ${q[k]})`);
    f[k] = v;
  }
  if (f.toneMin !== undefined && f.toneMax !== undefined && f.toneMin > f.toneMax) throw badParam('toneMin', 'toneMin is above toneMax');
  const near = nearFilter(q.near, q.radius, lookup);
  if (near) f.near = near;
  const bbox = bboxFilter(q.bbox);
  if (bbox) f.bbox = bbox;
  const from = dateValue('from', q.from);
  const to = dateValue('to', q.to);
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) throw badParam('from', 'from is after to');
  const mentionsFrom = dateValue('mentionsFrom', q.mentionsFrom);
  const mentionsTo = dateValue('mentionsTo', q.mentionsTo);
  if (mentionsFrom !== undefined) f.mentionsFrom = mentionsFrom;
  if (mentionsTo !== undefined) f.mentionsTo = mentionsTo;
  if (q.mentionsFrom && q.mentionsTo && Date.parse(q.mentionsFrom) > Date.parse(q.mentionsTo)) throw badParam('mentionsFrom', 'mentionsFrom is after mentionsTo');
  const indexedFrom = dateValue('indexedFrom', q.indexedFrom);
  const indexedTo = dateValue('indexedTo', q.indexedTo);
  if (indexedFrom !== undefined) f.indexedFrom = indexedFrom;
  if (indexedTo !== undefined) f.indexedTo = indexedTo;
  if (q.indexedFrom && q.indexedTo && Date.parse(q.indexedFrom) > Date.parse(q.indexedTo)) throw badParam('indexedFrom', 'indexedFrom is after indexedTo');
  return f;
}

/**
 * `speaker=` values → entity ids: an id the gazetteer knows as is, else the people and
 * organisations a name finds (any language or spelling, as q's names are read), else the one
 * known person with that surname. A name that finds
 * none is a 400: an empty answer would read as "they were never quoted". Without a gazetteer the
 * values are taken as ids.
 */
export function speakerIds(items: readonly string[], lookup: EntityLookup | undefined): string[] {
  if (!lookup) return [...items];
  const out = new Set<string>();
  for (const item of items) {
    const known = lookup.get(item);
    let found = known ? [known] : lookup.find(item).filter((e) => e.type === 'person' || e.type === 'org');
    // A surname alone ("Sudani", "السوداني": the gazetteer reads the latter as Sudan) names a
    // person when only one known person has it.
    if (found.length === 0) {
      const people = lookup.bySurname?.(item) ?? [];
      if (people.length > 1) throw badParam('speaker', `speaker: "${item}" is the surname of ${people.map((p) => `${p.name} (${p.id})`).join(', ')}: give the full name or the id`);
      found = people;
    }
    if (found.length === 0) throw badParam('speaker', `speaker: no known person or organisation is named "${item}" (GET /v1/entities?name= finds them)`);
    for (const e of found) out.add(e.id);
  }
  return [...out];
}

/**
 * `office=` values → the terms of their holders: an office id as is, else the offices a title
 * names in any language. One that names none is a 400 (an empty answer would read as "never in the
 * news"). Without a gazetteer, offices cannot be read: a 400 too.
 */
export function officeTerms(items: readonly string[], lookup: EntityLookup | undefined): NonNullable<SearchFilters['office']> {
  if (!lookup?.office) throw badParam('office', 'offices are not available here');
  const out: NonNullable<SearchFilters['office']> = [];
  for (const item of items) {
    const offices = officesNamed(item, lookup);
    if (offices.length === 0) throw badParam('office', `office: no known office is "${item}" (a title without its country, such as "the prime minister", names none; GET /v1/offices lists them)`);
    for (const o of offices) for (const h of o.holders) out.push({ entity: h.id, from: h.from, ...(h.to ? { to: h.to } : {}) });
  }
  return out;
}

/** The offices a value names: an office id, else the offices whose titles it names in any language. */
export function officesNamed(value: string, lookup: EntityLookup | undefined): OfficeInfo[] {
  const byId = lookup?.office?.(value);
  return byId ? [byId] : (lookup?.officesIn?.(value) ?? []).flatMap((id) => lookup?.office?.(id) ?? []);
}

/** A country's ISO code from its name in any language, as the gazetteer knows countries. */
export function countryCodeOf(lookup: EntityLookup | undefined): (name: string) => string | undefined {
  return (name) => {
    const place = lookup?.place?.(name);
    return place?.type === 'country' ? place.country : undefined;
  };
}

/** Parameters a `-key:` in q adds to rather than sets (a URL parameter may give some already). */
const ADDED_TO = new Set(['excludeSource', 'excludeDomain']);

/**
 * The parameters with the filters written into q (`lang:ar`, operators.ts) moved out of it into
 * their own parameters. A filter given both ways is a 400 naming it, not a silent choice.
 */
function withQueryFilters(query: FilterQuery, lookup: EntityLookup | undefined): FilterQuery {
  // Checked whole first: a filter's value must not carry control characters either.
  const found = filtersInQuery(queryText('q', query.q), { countryCode: countryCodeOf(lookup) });
  if (!found) return query;
  const out: Record<string, string | undefined> = { ...query, q: found.text };
  for (const [param, value] of Object.entries(found.params)) {
    const given = out[param];
    if (given === undefined) out[param] = value;
    else if (ADDED_TO.has(param)) out[param] = `${given},${value}`;
    else throw badParam(param, `${param} is given twice: as ${param}= and in q`);
  }
  return out as FilterQuery;
}

/**
 * toFilters with the query's entity names expanded (expandQuery): the filters a search-like route
 * runs, and the entities the response reports.
 */
export function expandedFilters(q: FilterQuery, lookup: EntityLookup | undefined, collections?: Pick<Collections, 'sourcesOf'>): { filters: SearchFilters; entities: Expansion['entities'] } {
  const filters = toFilters(q, lookup, collections);
  const { expansion, entities } = expandQuery(filters.q, lookup);
  if (expansion) filters.expansion = expansion;
  return { filters, entities };
}

export function facetList(v: string | undefined): FacetName[] {
  return [...new Set(listItems('facets', v) ?? [])] as FacetName[];
}

/**
 * The sort of a search: the one asked for, else relevance for a text query or a `near=` (which
 * ranks the articles about a place near the point first, query.ts withNearness), else newest.
 */
export function sortMode(v: SortMode | undefined, f: Pick<SearchFilters, 'q' | 'near'>): SortMode {
  return v ?? (f.q !== undefined || f.near !== undefined ? 'relevance' : 'newest');
}
