import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { BucketOut, HitOut, ToneAverage, pickNames, presentBuckets, presentHit, roundTone, totalOf, type EsHit } from './present.ts';
import { FilterParams, NamesParam, nameLangs } from './params.ts';

/**
 * A profile of a set of articles — an entity's (those tagged with it) or a source's (those it
 * published): the one shape both pages answer in, from one Elasticsearch request (profileBody in
 * @akhbar/search).
 */

/** Query parameters of a profile: any search filter narrows the articles it counts. */
export const ProfileQuery = {
  ...FilterParams,
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Buckets per list (sources, topics, related…)' }),
  articles: Type.Integer({ minimum: 0, maximum: 50, default: 5, description: 'Newest articles to include' }),
  ...NamesParam,
};

/** A related entity: a bucket with the entity's names in the languages asked for (`names=`). */
const RelatedOut = Type.Composite([BucketOut, Type.Object({ names: Type.Optional(Type.Record(Type.String(), Type.String())) })]);

export const ProfileOut = {
  total: Type.Integer({ description: 'Articles that match the filters' }),
  firstSeen: Type.Union([Type.String(), Type.Null()]),
  lastSeen: Type.Union([Type.String(), Type.Null()]),
  last30Days: Type.Integer({ description: 'Of them, published in the last 30 days' }),
  tone: ToneAverage('Average tone of the articles (null when none has one)'),
  langs: Type.Array(BucketOut),
  sources: Type.Array(BucketOut),
  topics: Type.Array(BucketOut),
  countries: Type.Array(BucketOut),
  authors: Type.Array(BucketOut, { description: 'Bylines, most articles first (key folded, name as written)' }),
  related: Type.Object({ people: Type.Array(RelatedOut), orgs: Type.Array(RelatedOut), places: Type.Array(RelatedOut) }, { description: 'Named in the articles, most often first (with their names in the languages of names=)' }),
  edited: Type.Object(
    {
      articles: Type.Integer({ description: 'Edited at all' }),
      title: Type.Integer({ description: 'Whose headline changed' }),
      summary: Type.Integer({ description: 'Whose summary changed' }),
      body: Type.Integer({ description: 'Whose text changed' }),
    },
    { description: 'Of the articles, those their site edited after Akhbar first indexed them (a source that rewrites its headlines shows here); edited= lists them' },
  ),
  articles: Type.Array(HitOut),
};

/** The end of a profile's "last 30 days": now, to the minute, so the same page within a minute is the same (cacheable) request. */
export const profileNow = (): string => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();

/** Elasticsearch's answer to a profileBody request → the profile's fields. */
export async function presentProfile(app: FastifyInstance, res: { hits: { hits: unknown[]; total?: number | { value: number; relation: string } }; aggregations?: unknown }, namesParam: string | undefined) {
  const hits = res.hits.hits as EsHit[];
  const aggs = (res.aggregations ?? {}) as Record<string, any>;
  const names = nameLangs(namesParam);
  const storyIds = hits.map((h) => (h._source as { storyId?: string; id: string }).storyId ?? (h._source as { id: string }).id);
  const sizes = storyIds.length > 0 ? await app.storySizes.get(app, storyIds) : undefined;
  const related = (kind: string, agg: unknown) =>
    presentBuckets(kind, agg, app.entities).map((b) => {
      const n = pickNames(app.entities?.get(b.key)?.names, names);
      return n ? { ...b, names: n } : b;
    });
  return {
    total: totalOf(res.hits.total).total,
    firstSeen: (aggs.firstSeen?.value_as_string as string | undefined) ?? null,
    lastSeen: (aggs.lastSeen?.value_as_string as string | undefined) ?? null,
    last30Days: (aggs.last30Days?.doc_count as number | undefined) ?? 0,
    tone: roundTone(aggs.tone?.value),
    langs: presentBuckets('langs', aggs.langs),
    sources: presentBuckets('sources', aggs.sources),
    topics: presentBuckets('topics', aggs.topics),
    countries: presentBuckets('countries', aggs.countries),
    authors: presentBuckets('authors', aggs.authors),
    related: {
      people: related('people', aggs.people),
      orgs: related('orgs', aggs.orgs),
      places: related('places', aggs.places),
    },
    edited: editCounts(aggs.edits),
    articles: hits.map((h) => presentHit(h, sizes, app.entities, names)) as never,
  };
}

/** The profile's `edits` aggregation → how many articles were edited, and whose headline, summary, text. */
function editCounts(agg: { doc_count?: number; fields?: { buckets?: Array<{ key: string; doc_count: number }> } } | undefined): { articles: number; title: number; summary: number; body: number } {
  const of = (k: string) => agg?.fields?.buckets?.find((b) => b.key === k)?.doc_count ?? 0;
  return { articles: agg?.doc_count ?? 0, title: of('title'), summary: of('summary'), body: of('body') };
}
