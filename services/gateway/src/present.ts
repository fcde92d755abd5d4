import { Type } from '@fastify/type-provider-typebox';
import { GeoPointSchema, bylineNames, dirOf } from '@akhbar/core';
import type { EntityLookup } from './expand.ts';
import type { NameLangs } from './params.ts';

/** Turning Elasticsearch hits and buckets into API objects, and their response schemas. */

export const SourceOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  domain: Type.String(),
  country: Type.Optional(Type.String()),
});

export const EntityOut = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.String({ description: 'Display name (English where known)' }),
  names: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Names by language: always on expandedEntities and suggestions, on hits only when asked for with names=' })),
});

export const HitOut = Type.Object({
  id: Type.String(),
  url: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  lang: Type.String(),
  dir: Type.Union([Type.Literal('rtl'), Type.Literal('ltr')]),
  publishedAt: Type.String(),
  indexedAt: Type.Optional(Type.String({ description: 'When it (or its last update) became searchable: a sync asks again with indexedFrom from the last one it saw' })),
  source: SourceOut,
  topics: Type.Array(Type.String()),
  entities: Type.Array(EntityOut),
  story: Type.Object({ id: Type.String(), size: Type.Integer({ description: 'Articles in the story (whole index)' }) }),
  tone: Type.Optional(Type.Number({ description: 'Tone score, −100…100: % of words with a positive connotation minus % negative (absent for articles enriched before tone existed)' })),
  image: Type.Optional(Type.String()),
  author: Type.Optional(Type.String({ description: 'The byline as its feed or page gives it' })),
  authors: Type.Optional(Type.Array(Type.String(), { description: 'The names the byline gives ("Rana Haddad and Sami Youssef" → both): what author= and /v1/authors/:name match' })),
  geo: Type.Optional(Type.Object(GeoPointSchema.properties, { description: 'The point its feed gave the article (GeoRSS), when it gave one' })),
  edited: Type.Optional(
    Type.Object(
      {
        at: Type.String({ description: 'When its latest edit was seen (the edited version was fetched)' }),
        fields: Type.Array(Type.String(), { description: 'What its edits changed, each once: title, summary, body' }),
      },
      { description: 'Present when its site edited it after it was first indexed; GET /v1/articles/:id gives the earlier versions' },
    ),
  ),
  highlight: Type.Object({
    title: Type.Optional(Type.String({ description: 'Title with matches in <mark>, HTML-escaped' })),
    body: Type.Optional(Type.Array(Type.String(), { description: 'Fragments of the body (or summary) with matches in <mark>' })),
  }),
});

export const QuoteOut = Type.Object({
  text: Type.String({ description: 'The words inside the quotation marks (at most 500 characters)' }),
  by: Type.Optional(Type.String({ description: 'Who the article says said it, as written ("the minister", "بيان لمكتب الكاظمي")' })),
  speaker: Type.Optional(Type.Composite([EntityOut], { description: 'The known person or organisation the attribution names' })),
  indirect: Type.Optional(Type.Boolean({ description: 'Reported speech (no quotation marks): «وقال الوزير إن …», "the minister said that …"' })),
  unnamed: Type.Optional(Type.Boolean({ description: 'Attributed to an unnamed source ("مصادر مقربة من …", "officials who asked not to be named"): no speaker' })),
});

/** A stored quotation as the API gives it: its speaker's name (and names= ones) from the gazetteer where known. */
export function presentQuote(q: Doc, lookup?: EntityLookup, names?: NameLangs): Record<string, unknown> {
  const out: Record<string, unknown> = { text: q.text ?? '' };
  if (q.by) out.by = q.by;
  if (q.indirect === true) out.indirect = true;
  if (q.unnamed === true) out.unnamed = true;
  if (q.speaker?.id) {
    const known = lookup?.get(q.speaker.id);
    const picked = pickNames(known?.names, names);
    out.speaker = { id: q.speaker.id, type: q.speaker.type ?? known?.type ?? 'person', name: known?.name ?? q.speaker.name ?? q.speaker.id, ...(picked ? { names: picked } : {}) };
  }
  return out;
}

/** An average tone in a response: a number, or null when none of the articles it covers has a tone. */
export const ToneAverage = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const BucketOut = Type.Object({
  key: Type.String(),
  count: Type.Integer(),
  name: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  tone: Type.Optional(ToneAverage('Average tone of its articles, where the route asks for it (tone=true on /v1/stats/top; story languages)')),
});

export interface EsHit {
  _id?: string | null;
  _source?: unknown;
  highlight?: Record<string, string[]>;
  sort?: unknown[];
  inner_hits?: unknown;
}

type Doc = Record<string, any>;

/** An entity's names in the languages asked for (`names=`); undefined when none is wanted or known. */
export function pickNames(all: Record<string, string> | undefined, langs: NameLangs): Record<string, string> | undefined {
  if (!all || langs === undefined) return undefined;
  if (langs === 'all') return all;
  let out: Record<string, string> | undefined;
  for (const l of langs) if (all[l] !== undefined) (out ??= {})[l] = all[l];
  return out;
}

/**
 * One hit as the API returns it. Entity names in the languages of `names` come from `lookup`
 * (the gateway's gazetteer; search hits do not fetch them from Elasticsearch), else from the
 * document when it carries them (a whole document, as GET /v1/articles/:id reads).
 */
export function presentHit(h: EsHit, storySizes?: Map<string, number>, lookup?: EntityLookup, names?: NameLangs) {
  const s = (h._source ?? {}) as Doc;
  const lang: string = s.lang ?? 'und';
  const storyId: string = s.storyId ?? s.id;
  const hl = h.highlight ?? {};
  const title = hl[`i18n.${lang}.title`]?.[0] ?? hl.title?.[0];
  const body = hl[`i18n.${lang}.body`] ?? hl.body ?? hl.summary;
  const out: Record<string, unknown> = {
    id: s.id,
    url: s.url,
    title: s.title ?? '',
    summary: s.summary || s.extract || '',
    lang,
    dir: s.dir ?? dirOf(lang),
    publishedAt: s.publishedAt,
    source: { id: s.source?.id ?? '', name: s.source?.name ?? '', domain: s.source?.domain ?? '', ...(s.source?.country ? { country: s.source.country } : {}) },
    topics: s.topics ?? [],
    entities: (s.entities ?? []).map((e: Doc) => {
      const picked = names === undefined ? undefined : pickNames(lookup?.get(e.id)?.names ?? e.names, names);
      return { id: e.id, type: e.type, name: e.name, ...(picked ? { names: picked } : {}) };
    }),
    story: { id: storyId, size: storySizes?.get(storyId) ?? 1 },
    highlight: { ...(title ? { title } : {}), ...(body ? { body } : {}) },
  };
  if (s.indexedAt) out.indexedAt = s.indexedAt;
  if (typeof s.tone?.score === 'number') out.tone = s.tone.score;
  if (s.image) out.image = s.image;
  if (s.author) {
    // Indexed before bylines were split: read the names the way the indexer now does. A byline
    // naming no writer (the outlet itself) is not shown, as the indexer now leaves it out.
    const names: string[] = Array.isArray(s.authors) ? s.authors : bylineNames(s.author, s.source);
    if (names.length > 0) {
      out.author = s.author;
      out.authors = names;
    }
  }
  if (typeof s.geo?.lat === 'number' && typeof s.geo.lon === 'number') out.geo = { lat: s.geo.lat, lon: s.geo.lon };
  if (typeof s.editedAt === 'string') out.edited = { at: s.editedAt, fields: Array.isArray(s.edited) ? s.edited : [] };
  return out;
}

interface TermsBucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  source?: { hits: { hits: Array<{ _source?: unknown }> } };
  /** A byline's or category's newest article (topBody), which gives it as written. */
  written?: { hits: { hits: Array<{ _source?: unknown }> } };
  tone?: { value: number | null };
}

/** Terms buckets → `{ key, count }`, with source names, entity names and bylines or categories as written filled in, and the average tone when the query asked for one. */
export function presentBuckets(kind: string, agg: unknown, lookup?: EntityLookup) {
  const buckets = ((agg as { buckets?: TermsBucket[] } | undefined)?.buckets ?? []);
  return buckets.map((b) => {
    const out: { key: string; count: number; name?: string; domain?: string; tone?: number | null } = { key: String(b.key_as_string ?? b.key), count: b.doc_count };
    if (b.tone) out.tone = roundTone(b.tone.value);
    if (b.source) {
      const src = (b.source.hits.hits[0]?._source as Doc | undefined)?.source;
      if (src?.name) out.name = src.name;
      if (src?.domain) out.domain = src.domain;
    }
    if (b.written) {
      const given = Object.values((b.written.hits.hits[0]?._source ?? {}) as Record<string, unknown>).flat().filter((v): v is string => typeof v === 'string');
      const name = given.find((v) => v.toLowerCase() === out.key) ?? (given.length === 1 ? given[0] : undefined);
      if (name) out.name = name;
    }
    if ((kind === 'entities' || kind === 'people' || kind === 'orgs' || kind === 'places' || kind === 'speakers') && lookup) {
      const e = lookup.get(out.key);
      if (e) out.name = e.name;
    }
    return out;
  });
}

/** An average tone as the API gives it: two decimals, null for a bucket without any tone. */
export const roundTone = (v: number | null | undefined): number | null => (typeof v === 'number' ? Math.round(v * 100) / 100 : null);

export function totalOf(total: number | { value: number; relation: string } | undefined): { total: number; totalRelation: 'eq' | 'gte' } {
  if (typeof total === 'number') return { total, totalRelation: 'eq' };
  return { total: total?.value ?? 0, totalRelation: total?.relation === 'gte' ? 'gte' : 'eq' };
}
