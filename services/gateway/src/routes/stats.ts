import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { F, INTERVALS, MAP_LEVELS, MAX_COMPARE, NETWORK_FIELDS, SPLITS, STAT_FIELDS, authorBody, byAuthor, firstReportsBody, storiesCarriedBody, mapBody, networkEdgesBody, sourceBody, sourcesBody, timelineBody, toneChartBody, topBody, trendingBody, type ComparedQuery, type Interval, type MapLevel, type NetworkField, type StatField, type Split } from '@akhbar/search';
import { stringify } from 'csv-stringify/sync';
import { mayBeSameName } from '@akhbar/nlp';
import { badParam, notFound } from '../errors.ts';
import { ProfileOut, ProfileQuery, presentProfile, profileNow } from '../profile.ts';
import { isStopword } from '../stopwords.ts';
import type { LocatedEntity } from '../expand.ts';
import { MapFeature, NearOut, gridBounds, inArea, nearOut, presentFeatures, type MapBucket } from '../geo.ts';
import { BucketOut, EntityOut, HitOut, ToneAverage, pickNames, presentBuckets, presentHit, roundTone, totalOf, type EsHit } from '../present.ts';
import { defuseCell } from './export.ts';
import { MAX_ITEM_CHARS } from '../../public/js/lists.js';
import { FilterParams, IdParams, MAX_Q_CHARS, NamesParam, UndatedFilterParams, countryCodeOf, expandedFilters, nameLangs, queryText, windowParam } from '../params.ts';
import type { Expansion } from '../expand.ts';
import { filtersInQuery } from '../operators.ts';

const UNIT_MS: Record<string, number> = { s: 1e3, m: 6e4, h: 3.6e6, H: 3.6e6, d: 8.64e7, w: 6.048e8, M: 2.592e9, y: 3.1536e10 };

/** Approximate epoch ms of a validated date parameter (ISO or now±N units), for choosing an interval. */
function approxMs(v: string | undefined, now: number): number | undefined {
  if (v === undefined) return undefined;
  const m = /^now((?:[+-]\d+[yMwdhHms])*)/.exec(v);
  if (m) {
    let t = now;
    for (const p of m[1]!.matchAll(/([+-])(\d+)([yMwdhHms])/g)) t += (p[1] === '-' ? -1 : 1) * Number(p[2]) * UNIT_MS[p[3]!]!;
    return t;
  }
  const t = Date.parse(v.replace('||/d', ''));
  return Number.isNaN(t) ? undefined : t;
}

/** A share of coverage, 0…1 to six decimals (a millionth of the coverage); null when there is none. */
function shareOf(count: number, all: number): number | null {
  return all > 0 ? Math.round((count / all) * 1e6) / 1e6 : null;
}

const INTERVAL_MS = { hour: 3.6e6, day: 8.64e7, week: 6.048e8, month: 2.592e9 } as const;
const MAX_BUCKETS = 5_000;

export function chooseInterval(requested: Interval, fromMs: number | undefined, toMs: number): Exclude<Interval, 'auto'> {
  if (requested !== 'auto') return requested;
  if (fromMs === undefined) return 'day';
  const span = toMs - fromMs;
  if (span <= 3 * 8.64e7) return 'hour';
  if (span <= 120 * 8.64e7) return 'day';
  if (span <= 3 * 3.1536e10) return 'week';
  return 'month';
}

async function esQuery(app: FastifyInstance, op: string, body: Record<string, unknown>) {
  return app.esTimed(op, () => app.es.search({ index: app.gw.index, ...body, request_cache: true }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }));
}

/** Names an author's page compares with for "also written as": the names most articles give. */
const AUTHOR_CANDIDATES = 5_000;

const TrendBucket = Type.Object({ key: Type.String(), name: Type.Optional(Type.String()), count: Type.Integer(), bgCount: Type.Integer(), score: Type.Number() });

const TimelineQuery = Type.Object(
  {
    ...FilterParams,
    interval: Type.Union(INTERVALS.map((i) => Type.Literal(i)), { default: 'auto', description: 'Bucket size; auto picks one from from/to' }),
    split: Type.Optional(Type.Union(Object.keys(SPLITS).map((s) => Type.Literal(s)), { description: 'One series per lang, topic, source, country (what articles are about) or sourceCountry (where their sources are)' })),
    splitSize: Type.Integer({ minimum: 1, maximum: 20, default: 5, description: 'Series when split' }),
    compare: Type.Optional(
      Type.Union([Type.String({ maxLength: MAX_Q_CHARS }), Type.Array(Type.String({ maxLength: MAX_Q_CHARS }), { minItems: 1, maxItems: MAX_COMPARE })], {
        description: `Compare queries (repeat the parameter, up to ${String(MAX_COMPARE)}): one series per query, keyed by the query as written, each matching as q does (names in every language); the other filters and q apply to all, and count is the articles matching any. Not with split`,
      }),
    ),
    tone: Type.Boolean({ default: false, description: 'Add the average tone of each bucket (and of each series when split), as GDELT\'s tone timeline' }),
    share: Type.Boolean({
      default: false,
      description: 'Add each bucket\'s coverage (all articles of the same lang, source, domain, sourceCountry, author and dates, whatever they are about) and the share of it that matches, as GDELT\'s volume timeline',
    }),
    tz: Type.String({ default: 'UTC', pattern: '^([A-Za-z]+(/[A-Za-z0-9_+-]+){0,2}|[+-]\\d{2}:\\d{2})$', maxLength: 64, description: 'Time zone of bucket boundaries (IANA name or ±hh:mm)' }),
  },
  { additionalProperties: false },
);

const TimelineResponse = Type.Object({
  interval: Type.String(),
  total: Type.Integer(),
  tone: Type.Optional(ToneAverage('Average tone of every matching article with one (null when none); with tone=true')),
  all: Type.Optional(Type.Integer({ description: 'Articles of the coverage over the whole range; with share=true' })),
  share: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'total ÷ all (0…1; null when all is 0); with share=true' })),
  buckets: Type.Array(
    Type.Object({
      t: Type.String(),
      count: Type.Integer(),
      all: Type.Optional(Type.Integer({ description: 'Articles of the coverage in the bucket (matching or not); with share=true' })),
      share: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'count ÷ all (0…1; null when the bucket has no coverage); with share=true' })),
      tone: Type.Optional(ToneAverage('Average tone of the bucket\'s articles (null when none has a tone); with tone=true')),
      split: Type.Optional(Type.Record(Type.String(), Type.Integer())),
      toneSplit: Type.Optional(Type.Record(Type.String(), ToneAverage('Average tone of the series'), { description: 'Average tone per series; with tone=true and split' })),
    }),
  ),
  compare: Type.Optional(
    Type.Array(
      Type.Object({
        q: Type.String({ description: 'The query, as written: its key in each bucket\'s split' }),
        total: Type.Integer({ description: 'Its matching articles over the whole range' }),
        tone: Type.Optional(ToneAverage('Their average tone; with tone=true')),
        share: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'total ÷ all; with share=true' })),
        expandedEntities: Type.Array(EntityOut),
      }),
      { description: 'With compare: each query in the order given' },
    ),
  ),
  expandedEntities: Type.Array(EntityOut),
});

/**
 * `compare` as the route received it (one value, or the repeated parameter) → its queries, checked
 * and expanded, each with the filters written into it (`Kadhimi lang:ar`: only its Arabic articles).
 */
function comparedQueries(app: FastifyInstance, v: string | string[] | undefined): Array<ComparedQuery & { entities: Expansion['entities'] }> | undefined {
  if (v === undefined) return undefined;
  const out: Array<ComparedQuery & { entities: Expansion['entities'] }> = [];
  for (const raw of Array.isArray(v) ? v : [v]) {
    const q = queryText('compare', raw);
    if (q === undefined) throw badParam('compare', 'compare has an empty query');
    if (out.some((c) => c.q === q)) throw badParam('compare', `compare names the same query twice (${q.slice(0, 60)})`);
    const written = filtersInQuery(q, { param: 'compare', countryCode: countryCodeOf(app.entities) });
    const { filters, entities } = expandedFilters(written ? { ...written.params, q: written.text } : { q }, app.entities, app.collections);
    out.push({ q, filters, entities });
  }
  return out;
}

/** A timeline's parameters → its buckets (the JSON route's answer; the CSV route lays it out in rows). */
async function runTimeline(app: FastifyInstance, q: Static<typeof TimelineQuery>): Promise<Static<typeof TimelineResponse>> {
  const { filters, entities } = expandedFilters(q, app.entities, app.collections);
  const now = Date.now();
  const fromMs = approxMs(q.from, now);
  const toMs = approxMs(q.to, now) ?? now;
  const interval = chooseInterval(q.interval, fromMs, toMs);
  if (fromMs !== undefined && (toMs - fromMs) / INTERVAL_MS[interval] > MAX_BUCKETS) {
    throw badParam('interval', `interval ${interval} over this from/to range gives more than ${String(MAX_BUCKETS)} buckets; choose a larger interval`);
  }
  const tz = q.tz;
  if (!/^[+-]/.test(tz)) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      throw badParam('tz', `unknown time zone ${tz}`);
    }
  }
  const compare = comparedQueries(app, q.compare);
  if (compare && q.split) throw badParam('compare', 'compare makes one series per query: it cannot be split by another field as well');
  const body = timelineBody({
    ...filters,
    interval,
    ...(q.split ? { split: q.split as Split } : {}),
    ...(compare ? { compare: compare.map(({ entities: _, ...c }) => c) } : {}),
    splitSize: q.splitSize,
    tone: q.tone,
    share: q.share,
    tz,
    ...(fromMs !== undefined ? { bounds: { min: new Date(fromMs).toISOString(), max: new Date(toMs).toISOString() } } : {}),
    timeoutMs: app.gw.esTimeoutMs,
  });
  const res = await esQuery(app, 'timeline', body);
  const buckets = ((res.aggregations?.timeline as { buckets?: Array<Record<string, any>> } | undefined)?.buckets ?? []).map((bucket) => {
    // With share, the histogram is over the coverage and the matching articles are its `match`.
    const b = q.share ? bucket.match : bucket;
    const out: { t: string; count: number; all?: number; share?: number | null; tone?: number | null; split?: Record<string, number>; toneSplit?: Record<string, number | null> } = {
      t: new Date(bucket.key as number).toISOString(),
      count: b.doc_count,
    };
    if (q.share) {
      out.all = bucket.doc_count;
      out.share = shareOf(b.doc_count, bucket.doc_count);
    }
    if (q.tone) out.tone = roundTone(b.tone?.value);
    if (b.split) {
      // Compared queries' buckets come in the order asked, without keys: each is its query.
      const series = (b.split.buckets as Array<{ key?: string; doc_count: number; tone?: { value: number | null } }>).map((s, i) => ({ ...s, key: compare ? compare[i]!.q : String(s.key) }));
      out.split = Object.fromEntries(series.map((s) => [s.key, s.doc_count]));
      if (q.tone) out.toneSplit = Object.fromEntries(series.map((s) => [s.key, roundTone(s.tone?.value)]));
      const other = b.split.sum_other_doc_count as number | undefined;
      if (other) out.split.other = other;
    }
    return out;
  });
  const hitsTotal = totalOf(res.hits.total).total;
  const matched = q.share ? (res.aggregations?.match as { doc_count: number; tone?: { value?: number | null } }) : undefined;
  const total = matched ? matched.doc_count : hitsTotal;
  const tone = q.tone ? { tone: roundTone((matched ?? (res.aggregations as { tone?: { value?: number | null } } | undefined))?.tone?.value) } : {};
  const share = matched ? { all: hitsTotal, share: shareOf(total, hitsTotal) } : {};
  const totals = ((matched as { compare?: unknown } | undefined) ?? (res.aggregations as { compare?: unknown } | undefined))?.compare as { buckets: Array<{ doc_count: number; tone?: { value?: number | null } }> } | undefined;
  const compared = compare?.map((c, i) => {
    const n = totals?.buckets[i]?.doc_count ?? 0;
    return { q: c.q, total: n, ...(q.tone ? { tone: roundTone(totals?.buckets[i]?.tone?.value) } : {}), ...(matched ? { share: shareOf(n, hitsTotal) } : {}), expandedEntities: c.entities };
  });
  return { interval, total, ...tone, ...share, buckets, ...(compared ? { compare: compared } : {}), expandedEntities: entities };
}

/** A number as a CSV cell: empty for a null (no tone, no coverage). */
const csvCell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * A timeline as CSV, one row per bucket: t, count (then all and share with share=true, tone with
 * tone=true), and with split one column per series (`split.<key>`, and `toneSplit.<key>` with
 * tone=true) in the order of their totals — a spreadsheet charts it as it is.
 */
function timelineCsv(t: Static<typeof TimelineResponse>, opts: { share: boolean; tone: boolean; bom: boolean }): string {
  const totals = new Map<string, number>();
  for (const b of t.buckets) for (const [k, n] of Object.entries(b.split ?? {})) totals.set(k, (totals.get(k) ?? 0) + n);
  // "other" (the series past splitSize) last, whatever its size.
  // Compared queries in the order asked; a split's series largest first.
  const series = t.compare ? t.compare.map((c) => c.q) : [...totals.keys()].sort((a, b) => (a === 'other' ? 1 : b === 'other' ? -1 : (totals.get(b) ?? 0) - (totals.get(a) ?? 0)));
  const tonedSeries = series.filter((k) => k !== 'other');
  const columns = [
    't', 'count', ...(opts.share ? ['all', 'share'] : []), ...(opts.tone ? ['tone'] : []),
    ...series.map((k) => `split.${k}`), ...(opts.tone ? tonedSeries.map((k) => `toneSplit.${k}`) : []),
  ];
  const rows = t.buckets.map((b) => [
    b.t, String(b.count), ...(opts.share ? [csvCell(b.all), csvCell(b.share)] : []), ...(opts.tone ? [csvCell(b.tone)] : []),
    ...series.map((k) => csvCell(b.split?.[k] ?? 0)), ...(opts.tone ? tonedSeries.map((k) => csvCell(b.toneSplit?.[k])) : []),
  ]);
  // Series keys come from the articles (a source id, a topic): defused like the search export's cells.
  return stringify(rows, { header: true, columns: columns.map(defuseCell), bom: opts.bom });
}

/** What the CSV variants of the stats routes take besides their JSON route's parameters. */
const CsvParams = Type.Object({ bom: Type.Boolean({ default: true, description: 'Start with a UTF-8 byte order mark, so spreadsheet programs read Arabic right' }) });

/** The headers of a stats CSV answer: cached like its JSON, saved as `filename`, its total told. */
function csvHeaders(app: FastifyInstance, reply: FastifyReply, filename: string, total: number): void {
  reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  reply.header('x-total-count', String(total));
  reply.type('text/csv; charset=utf-8');
}

export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/stats/timeline',
    {
      schema: {
        tags: ['stats'],
        summary: 'Article counts over time (date histogram), any search filters, optional split by a field or one series per compared query',
        querystring: TimelineQuery,
        response: { 200: TimelineResponse },
      },
    },
    async (req, reply) => {
      const timeline = await runTimeline(app, req.query);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return timeline;
    },
  );

  app.get(
    '/v1/stats/timeline.csv',
    {
      schema: {
        tags: ['stats'],
        summary: 'The timeline as CSV, for a spreadsheet',
        description:
          'The same parameters and buckets as /v1/stats/timeline, one row per bucket: t, count, then all and share (share=true), tone (tone=true), ' +
          'and with split one column per series, split.<key> (largest first, split.other last; with compare split.<query> in the order asked), and toneSplit.<key> with tone=true. An empty cell is a null (no tone, no coverage).',
        querystring: Type.Composite([TimelineQuery, CsvParams], { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { bom, ...q } = req.query;
      const timeline = await runTimeline(app, q);
      csvHeaders(app, reply, 'akhbar-timeline.csv', timeline.total);
      return timelineCsv(timeline, { share: q.share, tone: q.tone, bom });
    },
  );

  app.get(
    '/v1/stats/tone',
    {
      schema: {
        tags: ['stats'],
        summary: 'The tone of the matching coverage as a histogram (GDELT\'s ToneChart), each bin with its most relevant articles',
        querystring: Type.Object(
          {
            ...FilterParams,
            ...NamesParam,
            step: Type.Number({ minimum: 0.1, maximum: 50, default: 1, description: 'Width of a bin in tone points (tone runs -100…100; most articles fall within ±10)' }),
            articles: Type.Integer({ minimum: 0, maximum: 10, default: 3, description: 'Most relevant articles per bin (0: counts only)' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'Matching articles, with a tone or not' }),
            toned: Type.Integer({ description: 'Matching articles with a tone: those in the bins' }),
            tone: ToneAverage('Average tone of the toned articles (null when none)'),
            min: Type.Union([Type.Number(), Type.Null()], { description: 'Lowest tone among them' }),
            max: Type.Union([Type.Number(), Type.Null()], { description: 'Highest tone among them' }),
            step: Type.Number(),
            bins: Type.Array(
              Type.Object({
                from: Type.Number({ description: 'Tone ≥ from' }),
                to: Type.Number({ description: 'Tone < to' }),
                count: Type.Integer(),
                hits: Type.Array(HitOut, { description: 'Its most relevant articles (newest first among equals)' }),
              }),
              { description: 'Lowest to highest, empty bins between the first and last filled included' },
            ),
            expandedEntities: Type.Array(EntityOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { filters, entities } = expandedFilters(q, app.entities, app.collections);
      const res = await esQuery(app, 'tone_chart', toneChartBody({ ...filters, step: q.step, articles: q.articles, timeoutMs: app.gw.esTimeoutMs }));
      const aggs = res.aggregations as { bins?: { buckets: Array<{ key: number; doc_count: number; top?: { hits: { hits: EsHit[] } } }> }; toned?: { count: number; avg: number | null; min: number | null; max: number | null } };
      const buckets = aggs.bins?.buckets ?? [];
      const hits = buckets.flatMap((b) => b.top?.hits.hits ?? []);
      const sizes = hits.length > 0 ? await app.storySizes.get(app, hits.map((h) => (h._source as { storyId?: string; id: string }).storyId ?? (h._source as { id: string }).id)) : new Map<string, number>();
      const names = nameLangs(q.names);
      // Bin edges are multiples of step; rounding keeps 0.1 × 3 from printing as 0.30000000000000004.
      const edge = (x: number) => Math.round(x * 1e6) / 1e6;
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return {
        total: totalOf(res.hits.total).total,
        toned: aggs.toned?.count ?? 0,
        tone: roundTone(aggs.toned?.avg),
        // The index keeps tone as a float: -5.2 comes back as -5.199999809…, rounded as averages are.
        min: roundTone(aggs.toned?.min),
        max: roundTone(aggs.toned?.max),
        step: q.step,
        bins: buckets.map((b) => ({
          from: edge(b.key),
          to: edge(b.key + q.step),
          count: b.doc_count,
          hits: (b.top?.hits.hits ?? []).map((h) => presentHit(h, sizes, app.entities, names)) as Static<typeof HitOut>[],
        })),
        expandedEntities: entities,
      };
    },
  );

  const TopQuery = Type.Object(
    {
      ...FilterParams,
      field: Type.Union(Object.keys(STAT_FIELDS).map((f) => Type.Literal(f)), { description: `One of ${Object.keys(STAT_FIELDS).join(', ')}` }),
      limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
      tone: Type.Boolean({ default: false, description: 'Add the average tone of each value\'s articles: how each source, country or topic covers what matches' }),
    },
    { additionalProperties: false },
  );
  const runTop = async (q: Static<typeof TopQuery>) => {
    const { filters } = expandedFilters(q, app.entities, app.collections);
    const field = q.field as StatField;
    const res = await esQuery(app, 'top', topBody({ ...filters, timeoutMs: app.gw.esTimeoutMs }, field, q.limit, { tone: q.tone }));
    return { field, total: totalOf(res.hits.total).total, buckets: presentBuckets(field, res.aggregations?.top, app.entities) };
  };

  app.get(
    '/v1/stats/top',
    {
      schema: {
        tags: ['stats'],
        summary: 'Most frequent values of a field among matching articles',
        querystring: TopQuery,
        response: {
          200: Type.Object({
            field: Type.String(),
            total: Type.Integer(),
            buckets: Type.Array(BucketOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const top = await runTop(req.query);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return top;
    },
  );

  app.get(
    '/v1/stats/top.csv',
    {
      schema: {
        tags: ['stats'],
        summary: 'The most frequent values as CSV, for a spreadsheet',
        description: 'The same parameters and buckets as /v1/stats/top, one row per value, most articles first: key, name (sources, entities, authors, categories), count, and tone with tone=true (empty when none).',
        querystring: Type.Composite([TopQuery, CsvParams], { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { bom, ...q } = req.query;
      const top = await runTop(q);
      csvHeaders(app, reply, `akhbar-top-${top.field}.csv`, top.total);
      // Keys and names come from the articles and feeds: defused like the search export's cells.
      const rows = top.buckets.map((b) => [defuseCell(b.key), defuseCell(b.name ?? ''), String(b.count), ...(q.tone ? [csvCell(b.tone)] : [])]);
      return stringify(rows, { header: true, columns: ['key', 'name', 'count', ...(q.tone ? ['tone'] : [])], bom });
    },
  );

  // ---- who reports first -----------------------------------------------------------------------

  const FirstQuery = Type.Object(
    {
      ...FilterParams,
      minSources: Type.Integer({ minimum: 2, maximum: 50, default: 2, description: 'Stories counted: those carried by at least this many sources (among the matching articles)' }),
      stories: Type.Integer({ minimum: 10, maximum: 2000, default: 500, description: 'How many of the most recent stories of the matching articles are looked at' }),
      limit: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Sources listed, most stories first reported first' }),
      carriedBy: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: "A source id: only the stories it carried (a source's page: does it break its stories, or follow?)" })),
    },
    { additionalProperties: false },
  );
  const FirstSource = Type.Object({
    key: Type.String({ description: 'Source id' }),
    name: Type.String(),
    domain: Type.String(),
    country: Type.Optional(Type.String()),
    first: Type.Integer({ description: 'Stories its article was the first of (the earliest published among the matching articles)' }),
    carried: Type.Integer({ description: 'Stories it carried at all' }),
    share: Type.Number({ description: 'first / carried: how often it leads rather than follows' }),
  });

  /** Who reports first for a validated query: the JSON route's answer, which the CSV gives too. */
  async function runFirst(query: Static<typeof FirstQuery>) {
    const { carriedBy, ...q } = query;
    const { filters, entities } = expandedFilters(q, app.entities, app.collections);
    if (carriedBy !== undefined) {
      // The stories it carried, most recent first; then every source's articles of them.
      const carried = await esQuery(app, 'first', storiesCarriedBody({ ...filters, source: [carriedBy], timeoutMs: app.gw.esTimeoutMs }, q.stories));
      filters.story = ((carried.aggregations?.stories as { buckets?: Array<{ key: string }> } | undefined)?.buckets ?? []).map((b) => String(b.key));
      if (filters.story.length === 0) return { total: 0, stories: 0, sources: [], expandedEntities: entities };
    }
    const res = await esQuery(app, 'first', firstReportsBody({ ...filters, timeoutMs: app.gw.esTimeoutMs }, q.stories));
    type Src = { id?: string; name?: string; domain?: string; country?: string };
    type Bucket = { sources: { value: number }; carriers: { buckets: Array<{ key: string }> }; first: { hits: { hits: Array<{ _source?: { source?: Src } }> } } };
    const buckets = ((res.aggregations?.stories as { buckets?: Bucket[] } | undefined)?.buckets ?? []).filter((b) => b.sources.value >= q.minSources);
    const bySource = new Map<string, { first: number; carried: number; source?: Src }>();
    const tally = (id: string) => bySource.get(id) ?? (bySource.set(id, { first: 0, carried: 0 }), bySource.get(id)!);
    for (const b of buckets) {
      for (const c of b.carriers.buckets) tally(String(c.key)).carried++;
      const src = b.first.hits.hits[0]?._source?.source;
      if (src?.id) {
        const row = tally(src.id);
        row.first++;
        row.source = src;
      }
    }
    // Names for the sources that never came first: their newest article says.
    const unnamed = [...bySource].filter(([, r]) => !r.source).map(([id]) => id);
    if (unnamed.length > 0) {
      const named = await esQuery(app, 'first', { size: 0, query: { terms: { [F.sourceId]: unnamed } }, aggs: { s: { terms: { field: F.sourceId, size: unnamed.length }, aggs: { one: { top_hits: { size: 1, _source: { includes: ['source'] } } } } } } });
      for (const b of ((named.aggregations?.s as { buckets?: Array<{ key: string; one: { hits: { hits: Array<{ _source?: { source?: Src } }> } } }> } | undefined)?.buckets ?? [])) {
        const row = bySource.get(String(b.key));
        if (row) row.source = b.one.hits.hits[0]?._source?.source;
      }
    }
    const sources = [...bySource]
      .map(([key, r]) => ({
        key,
        name: r.source?.name ?? '',
        domain: r.source?.domain ?? '',
        ...(r.source?.country ? { country: r.source.country } : {}),
        first: r.first,
        carried: r.carried,
        share: r.carried > 0 ? Math.round((r.first / r.carried) * 1000) / 1000 : 0,
      }))
      .sort((a, b) => b.first - a.first || b.carried - a.carried || a.key.localeCompare(b.key))
      .slice(0, q.limit);
    return { total: totalOf(res.hits.total).total, stories: buckets.length, sources, expandedEntities: entities };
  }


  app.get(
    '/v1/stats/first',
    {
      schema: {
        tags: ['stats'],
        summary: 'Who reports first: for the stories several sources carry, how often each source was the first to publish',
        description:
          'Among the most recent `stories` stories of the matching articles (any search filter, from/to included) that at least `minSources` sources carry, ' +
          'each source with the stories it reported first (its article the earliest published) and the stories it carried: the outlets that break news and those that follow. ' +
          'Ties between articles published at the same moment go to the smaller article id. Sources listed most stories first reported first, then most carried.',
        querystring: FirstQuery,
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'Matching articles' }),
            stories: Type.Integer({ description: 'Stories counted (carried by at least minSources sources)' }),
            sources: Type.Array(FirstSource),
            expandedEntities: Type.Array(EntityOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const first = await runFirst(req.query);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return first;
    },
  );

  app.get(
    '/v1/stats/first.csv',
    {
      schema: {
        tags: ['stats'],
        summary: 'Who reports first, as CSV for a spreadsheet',
        description: 'The same parameters and sources as /v1/stats/first, one row per source: key, name, domain, country, first, carried, share.',
        querystring: Type.Composite([FirstQuery, CsvParams], { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { bom, ...q } = req.query;
      const first = await runFirst(q);
      csvHeaders(app, reply, 'akhbar-first.csv', first.stories);
      // Names and domains come from the feeds: defused like the search export's cells.
      const rows = first.sources.map((r) => [defuseCell(r.key), defuseCell(r.name), defuseCell(r.domain), r.country ?? '', String(r.first), String(r.carried), String(r.share)]);
      return stringify(rows, { header: true, columns: ['key', 'name', 'domain', 'country', 'first', 'carried', 'share'], bom });
    },
  );

  // ---- who is named with whom ------------------------------------------------------------------

  const NetworkQuery = Type.Object(
    {
      ...FilterParams,
      field: Type.Union(NETWORK_FIELDS.map((f) => Type.Literal(f)), { default: 'entities', description: 'The nodes: entities (any), people, orgs or places' }),
      size: Type.Integer({ minimum: 2, maximum: 50, default: 20, description: 'Nodes: the values named in most matching articles' }),
      ...NamesParam,
    },
    { additionalProperties: false },
  );
  const NetworkResponse = Type.Object({
    field: Type.String(),
    total: Type.Integer({ description: 'Matching articles' }),
    nodes: Type.Array(
      Type.Object({
        id: Type.String(),
        type: Type.String(),
        name: Type.String(),
        names: Type.Optional(Type.Record(Type.String(), Type.String())),
        count: Type.Integer({ description: 'Matching articles naming it' }),
      }),
      { description: 'Most named first' },
    ),
    edges: Type.Array(
      Type.Object({ source: Type.String(), target: Type.String(), count: Type.Integer({ description: 'Matching articles naming both' }) }),
      { description: 'Each pair of nodes named together in at least one matching article, most articles first' },
    ),
    expandedEntities: Type.Array(EntityOut),
  });
  const runNetwork = async (q: Static<typeof NetworkQuery>): Promise<Static<typeof NetworkResponse>> => {
    const { filters, entities } = expandedFilters(q, app.entities, app.collections);
    const field = q.field as NetworkField;
    const f = { ...filters, timeoutMs: app.gw.esTimeoutMs };
    const top = await esQuery(app, 'network_nodes', topBody(f, field, q.size));
    const buckets = presentBuckets(field, top.aggregations?.top, app.entities);
    const langs = nameLangs(q.names);
    const nodes = buckets.map((b) => {
      const known = app.entities?.get(b.key);
      const names = pickNames(known?.names, langs);
      return { id: b.key, type: known?.type ?? 'other', name: b.name ?? b.key, ...(names ? { names } : {}), count: b.count };
    });
    const edges: Array<{ source: string; target: string; count: number }> = [];
    if (nodes.length >= 2) {
      const res = await esQuery(app, 'network_edges', networkEdgesBody(f, field, nodes.map((n) => n.id)));
      // Each pair once, in the order of the nodes (the more named end first).
      const rank = new Map(nodes.map((n, i) => [n.id, i]));
      type Pair = { key: string; doc_count: number; with?: { buckets: Array<{ key: string; doc_count: number }> } };
      for (const a of ((res.aggregations?.pairs as { buckets?: Pair[] } | undefined)?.buckets ?? [])) {
        for (const b of a.with?.buckets ?? []) {
          if ((rank.get(b.key) ?? -1) > (rank.get(a.key) ?? Infinity)) edges.push({ source: a.key, target: b.key, count: b.doc_count });
        }
      }
      edges.sort((x, y) => y.count - x.count || x.source.localeCompare(y.source) || x.target.localeCompare(y.target));
    }
    return { field, total: totalOf(top.hits.total).total, nodes, edges, expandedEntities: entities };
  };

  app.get(
    '/v1/stats/network',
    {
      schema: {
        tags: ['stats'],
        summary: 'Who is named with whom: the most named people, organisations and places among matching articles, and how often each pair is named together',
        description: 'Nodes are the `size` values of `field` named in most matching articles; edges count the matching articles naming both ends (GDELT\'s GKG network, for one search). Any search filter applies. Two Elasticsearch requests: the nodes (a terms aggregation), then their pairs (the nodes\' articles counted again by the nodes they also name).',
        querystring: NetworkQuery,
        response: { 200: NetworkResponse },
      },
    },
    async (req, reply) => {
      const network = await runNetwork(req.query);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return network;
    },
  );

  app.get(
    '/v1/stats/network.csv',
    {
      schema: {
        tags: ['stats'],
        summary: 'The network\'s edges as CSV, for Gephi or a spreadsheet',
        description: 'The same parameters as /v1/stats/network, one row per edge, most articles first: source, target, weight (articles naming both), sourceName, targetName — the columns Gephi\'s edge table import reads.',
        querystring: Type.Composite([NetworkQuery, CsvParams], { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { bom, ...q } = req.query;
      const network = await runNetwork(q);
      const nameOf = new Map(network.nodes.map((n) => [n.id, n.name]));
      csvHeaders(app, reply, `akhbar-network-${network.field}.csv`, network.total);
      const rows = network.edges.map((e) => [defuseCell(e.source), defuseCell(e.target), String(e.count), defuseCell(nameOf.get(e.source) ?? ''), defuseCell(nameOf.get(e.target) ?? '')]);
      return stringify(rows, { header: true, columns: ['source', 'target', 'weight', 'sourceName', 'targetName'], bom });
    },
  );

  app.get(
    '/v1/stats/map',
    {
      schema: {
        tags: ['stats'],
        summary: 'Where the matching articles are about: counts per place, per country or per map tile, as GeoJSON',
        description:
          'A GeoJSON FeatureCollection (RFC 7946) of points, most articles first: by=place, the named places (cities, regions) at their point; by=country, the countries the articles are about at their centre; by=grid, map tiles (zoom/x/y, as slippy maps number them) of the places\' points at their centre, with the tile as bbox. Any search filter applies; with near or bbox only the places, countries and tiles inside that area are counted.',
        querystring: Type.Object(
          {
            ...FilterParams,
            by: Type.Union(MAP_LEVELS.map((l) => Type.Literal(l)), { default: 'place', description: 'place, country or grid' }),
            zoom: Type.Integer({ minimum: 0, maximum: 15, default: 3, description: 'by=grid: tile zoom (0 the world in one tile, 3 about a country, 6 a region, 10 a city)' }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Features, most articles first' }),
            tone: Type.Boolean({ default: false, description: 'Add the average tone of each feature\'s articles' }),
            ...NamesParam,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            type: Type.Literal('FeatureCollection'),
            by: Type.String(),
            zoom: Type.Optional(Type.Integer()),
            total: Type.Integer({ description: 'Matching articles (those about no known place included)' }),
            unlocated: Type.Integer({ description: 'Places or countries counted but without a known point (left out of features)' }),
            features: Type.Array(MapFeature),
            expandedEntities: Type.Array(EntityOut),
            near: Type.Optional(NearOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { filters, entities } = expandedFilters(q, app.entities, app.collections);
      const by = q.by as MapLevel;
      const located = app.entities?.located?.() ?? [];
      const countries = new Map<string, LocatedEntity>();
      const ids = new Map<string, LocatedEntity>();
      for (const e of located) {
        ids.set(e.id, e);
        if (e.type === 'country' && e.country) countries.set(e.country, e);
      }
      // Within an area, only what stands inside it is counted (an article about Mosul also names
      // Washington, which is not on a map of northern Iraq): the gazetteer's points say which.
      const area = filters.near !== undefined || filters.bbox !== undefined;
      let include: string[] | undefined;
      let exclude: string[] | undefined;
      if (by === 'place') {
        if (area) include = located.filter((e) => e.type !== 'country' && inArea(e.location, filters.near, filters.bbox)).map((e) => e.id);
        else exclude = [...countries.values()].map((e) => e.id);
      } else if (by === 'country' && area) {
        include = [...countries.entries()].filter(([, e]) => inArea(e.location, filters.near, filters.bbox)).map(([iso]) => iso);
      }
      const bounds = by === 'grid' ? gridBounds(filters.near, filters.bbox) : undefined;
      const res = await esQuery(
        app,
        'map',
        mapBody({
          ...filters,
          by,
          size: q.limit,
          ...(by === 'grid' ? { zoom: q.zoom } : {}),
          // Nothing of the gazetteer inside the area: a term no document has counts nothing.
          ...(include ? { include: include.length > 0 ? include : ['\u0000'] } : {}),
          ...(exclude ? { exclude } : {}),
          ...(bounds ? { bounds } : {}),
          tone: q.tone,
          timeoutMs: app.gw.esTimeoutMs,
        }),
      );
      const langs = nameLangs(q.names);
      const buckets = (res.aggregations?.map as { buckets?: MapBucket[] } | undefined)?.buckets ?? [];
      const { features, unlocated } = presentFeatures(by, buckets, (key) => (by === 'country' ? countries.get(key) : ids.get(key)), (e) => pickNames(e.names, langs));
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      reply.type('application/geo+json; charset=utf-8');
      return { type: 'FeatureCollection' as const, by, ...(by === 'grid' ? { zoom: q.zoom } : {}), total: totalOf(res.hits.total).total, unlocated, features, expandedEntities: entities, ...nearOut(filters.near) };
    },
  );

  app.get(
    '/v1/trending',
    {
      schema: {
        tags: ['stats'],
        summary: 'What is trending: entities, keywords, topics and title words significant in a recent window against a background window',
        querystring: Type.Object(
          {
            ...UndatedFilterParams,
            window: windowParam('24h', 'Recent window (e.g. 6h, 24h, 3d)'),
            background: windowParam('30d', 'Background window, longer than window'),
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            window: Type.String(),
            background: Type.String(),
            now: Type.String(),
            total: Type.Integer({ description: 'Articles in the window' }),
            entities: Type.Array(TrendBucket),
            keywords: Type.Array(TrendBucket),
            topics: Type.Array(TrendBucket),
            terms: Type.Array(TrendBucket),
          }),
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const ms = (w: string) => Number(w.slice(0, -1)) * (w.endsWith('h') ? 3.6e6 : 8.64e7);
      if (ms(q.background) <= ms(q.window)) throw badParam('background', 'background must be longer than window');
      const { filters } = expandedFilters(q, app.entities, app.collections);
      // Rounded to the minute so repeated dashboard refreshes hit Elasticsearch's request cache.
      const now = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
      // Title terms are asked for three times over: function words are dropped afterwards.
      const res = await esQuery(app, 'trending', trendingBody({ ...filters, window: q.window, background: q.background, size: q.limit, termsSize: q.limit * 3, now, timeoutMs: app.gw.esTimeoutMs }));
      const aggs = (res.aggregations ?? {}) as Record<string, any>;
      const sig = (agg: any, names = false) =>
        ((agg?.buckets ?? []) as Array<Record<string, any>>).map((b) => {
          const out: { key: string; name?: string; count: number; bgCount: number; score: number } = { key: String(b.key), count: b.doc_count, bgCount: b.bg_count, score: Math.round(b.score * 1000) / 1000 };
          if (names) {
            const e = app.entities?.get(out.key);
            if (e) out.name = e.name;
          }
          return out;
        });
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return {
        window: q.window,
        background: q.background,
        now,
        total: totalOf(res.hits.total).total,
        entities: sig(aggs.entities, true),
        keywords: sig(aggs.keywords),
        topics: sig(aggs.topics),
        terms: sig(aggs.titles?.terms).filter((t) => t.key.length > 2 && !/^\d+$/.test(t.key) && !isStopword(t.key)).slice(0, q.limit),
      };
    },
  );

  app.get(
    '/v1/collections',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Collections: the categories feeds are filed under, each with its sources — search within one with collection=',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: Type.Object({
            collections: Type.Array(
              Type.Object({
                name: Type.String(),
                sources: Type.Array(Type.Object({ id: Type.String({ description: 'Source id (its feed\'s id)' }), title: Type.Optional(Type.String()), url: Type.String() })),
              }),
            ),
          }),
        },
      },
    },
    async (_req, reply) => {
      // Read from memory, and a feed just filed should show on the next page load: not cached.
      reply.header('cache-control', 'no-cache');
      return { collections: app.collections.list() };
    },
  );

  app.get(
    '/v1/sources/:id',
    {
      schema: {
        tags: ['feeds'],
        summary: 'A source in the news: what it is, and its articles — volume, first and last seen, tone, languages, topics, bylines, the people, organisations and places it names, newest articles',
        description: 'Media Cloud\'s source page. Any search filter narrows the articles counted (from/to for a period, lang, q…). 404 AKHBAR_NOT_FOUND when no feed has this id and no article came from it.',
        params: IdParams,
        querystring: Type.Object(ProfileQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            source: Type.Object({
              id: Type.String(),
              name: Type.String(),
              domain: Type.String(),
              country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 of the source' })),
              feedUrl: Type.Optional(Type.String({ description: 'Its feed, when it is still registered' })),
              collection: Type.Optional(Type.String({ description: 'The collection (category) its feed is filed under' })),
            }),
            ...ProfileOut,
            expandedEntities: Type.Array(EntityOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const q = req.query;
      const { filters, entities } = expandedFilters(q, app.entities, app.collections);
      const [res, feed] = await Promise.all([
        esQuery(app, 'source', sourceBody(id, { ...filters, timeoutMs: app.gw.esTimeoutMs }, { size: q.limit, articles: q.articles, now: profileNow() })),
        app.registry.get(id),
      ]);
      // Who it is: its newest matching article says, else its newest article at all, else its feed.
      type Src = { name?: string; domain?: string; country?: string };
      let src = (res.hits.hits[0]?._source as { source?: Src } | undefined)?.source;
      if (!src) {
        const any = await esQuery(app, 'source', { size: 1, query: { term: { [F.sourceId]: id } }, sort: [{ [F.publishedAt]: 'desc' }], _source: ['source'] });
        src = (any.hits.hits[0]?._source as { source?: Src } | undefined)?.source;
        if (!src && !feed) throw notFound(`no source with id ${id}`);
      }
      const domain = src?.domain ?? (feed ? new URL(feed.url).hostname.replace(/^www\./, '') : '');
      const country = src?.country ?? feed?.country;
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return {
        source: {
          id,
          name: src?.name ?? feed?.title ?? domain,
          domain,
          ...(country ? { country } : {}),
          ...(feed ? { feedUrl: feed.url } : {}),
          ...(feed?.category ? { collection: feed.category } : {}),
        },
        ...(await presentProfile(app, res, q.names)),
        expandedEntities: entities,
      };
    },
  );

  app.get(
    '/v1/authors/:name',
    {
      schema: {
        tags: ['feeds'],
        summary: 'An author in the news: their articles — volume, first and last seen, tone, languages, the outlets they write for, topics, the people, organisations and places they name, newest articles',
        description:
          'A name in bylines as feeds and pages give them (GET /v1/stats/top?field=authors lists them), matched in any case, as author= does: a co-written article counts for each name its byline gives ("Rana Haddad and Sami Youssef"); its name as its newest article writes it. ' +
          'Any search filter narrows the articles counted. 404 AKHBAR_NOT_FOUND when no article carries the byline.',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: MAX_ITEM_CHARS, description: 'The byline, URL-encoded' }) }, { additionalProperties: false }),
        querystring: Type.Object(ProfileQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            author: Type.Object({ name: Type.String({ description: 'As its newest article writes it' }) }),
            alsoWritten: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer({ description: 'Articles naming it' }) }), {
              description: 'Names in the other script (Arabic or Latin) whose consonants are the same ("Rana Haddad", "رنا حداد"): possibly the same author, each with a page of its own; most articles first, at most 5',
            }),
            ...ProfileOut,
            expandedEntities: Type.Array(EntityOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const name = req.params.name.trim();
      if (name === '') throw badParam('name', 'name is blank: give a byline');
      const q = req.query;
      const { filters, entities } = expandedFilters(q, app.entities, app.collections);
      const res = await esQuery(app, 'author', authorBody(name, { ...filters, timeoutMs: app.gw.esTimeoutMs }, { size: q.limit, articles: q.articles, now: profileNow() }));
      // As written: its newest matching article says, else its newest article at all.
      let written = writtenAuthor(res.hits.hits[0]?._source, name);
      if (!written) {
        const any = await esQuery(app, 'author', { size: 1, query: byAuthor([name]), sort: [{ [F.publishedAt]: 'desc' }], _source: [F.author, F.authors] });
        written = writtenAuthor(any.hits.hits[0]?._source, name);
        if (!written) throw notFound(`no article is signed ${name}`);
      }
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      // Two independent lookups: the other script's spellings and the profile's names, side by side.
      const [also, profile] = await Promise.all([alsoWritten(written), presentProfile(app, res, q.names)]);
      return { author: { name: written }, alsoWritten: also, ...profile, expandedEntities: entities };
    },
  );

  /**
   * Names in the other script that may be the same author's (mayBeSameName): looked for among the
   * AUTHOR_CANDIDATES names most articles give, then written as their newest article writes them.
   */
  async function alsoWritten(name: string): Promise<Array<{ name: string; count: number }>> {
    const names = await esQuery(app, 'author', { size: 0, aggs: { names: { terms: { field: F.authors, size: AUTHOR_CANDIDATES } } } });
    const alike = ((names.aggregations?.names as { buckets?: Array<{ key: string; doc_count: number }> } | undefined)?.buckets ?? [])
      .filter((b) => mayBeSameName(name, b.key))
      .slice(0, 5);
    if (alike.length === 0) return [];
    const res = await esQuery(app, 'author', {
      size: 0,
      aggs: { names: { terms: { field: F.authors, include: alike.map((b) => b.key), size: alike.length }, aggs: { written: { top_hits: { size: 1, sort: [{ [F.publishedAt]: 'desc' }], _source: { includes: [F.authors] } } } } } },
    });
    const shown = new Map(((res.aggregations?.names as { buckets?: Array<{ key: string; written: { hits: { hits: Array<{ _source?: unknown }> } } }> } | undefined)?.buckets ?? [])
      .map((b) => [b.key, writtenAuthor(b.written.hits.hits[0]?._source, b.key) ?? b.key]));
    return alike.map((b) => ({ name: shown.get(b.key) ?? b.key, count: b.doc_count }));
  }

  /** The name as an article's byline writes it: one of its names, or (indexed before bylines were split) the whole byline. */
  function writtenAuthor(source: unknown, name: string): string | undefined {
    const s = source as { author?: string; authors?: string[] } | undefined;
    const folded = name.toLowerCase();
    return s?.authors?.find((a) => a.toLowerCase() === folded) ?? (s?.author?.toLowerCase() === folded ? s.author : undefined);
  }

  const SourcesQuery = Type.Object(
    {
      ...FilterParams,
      limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
      sort: Type.Union([Type.Literal('articles'), Type.Literal('latest')], { default: 'articles' }),
    },
    { additionalProperties: false },
  );
  const SourceRow = Type.Object({
    id: Type.String(),
    name: Type.String(),
    domain: Type.String(),
    country: Type.Optional(Type.String()),
    articles: Type.Integer(),
    latestAt: Type.Optional(Type.String()),
    langs: Type.Array(Type.String()),
    feedUrl: Type.Optional(Type.String()),
  });

  /** The sources of the matching articles, as both the JSON and the CSV give them. */
  async function runSources(query: Static<typeof SourcesQuery>): Promise<Array<Static<typeof SourceRow>>> {
    const { limit, sort, ...q } = query;
    const { filters } = expandedFilters(q, app.entities, app.collections);
    const res = await esQuery(app, 'sources', sourcesBody(limit, app.gw.esTimeoutMs, filters, sort));
    const buckets = ((res.aggregations?.sources as { buckets?: Array<Record<string, any>> } | undefined)?.buckets ?? []);
    const feeds = new Map((await app.registry.list()).map((f) => [f.id, f]));
    return buckets.map((b) => {
      const top = b.source.hits.hits[0]?._source ?? {};
      const s = top.source ?? {};
      const feed = feeds.get(String(b.key));
      return {
        id: String(b.key),
        name: s.name ?? feed?.title ?? '',
        domain: s.domain ?? '',
        ...(s.country ?? feed?.country ? { country: s.country ?? feed?.country } : {}),
        articles: b.doc_count,
        ...(top.publishedAt ? { latestAt: top.publishedAt } : {}),
        langs: (b.langs.buckets as Array<{ key: string }>).map((l) => l.key),
        ...(feed ? { feedUrl: feed.url } : {}),
      };
    });
  }

  app.get(
    '/v1/sources',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Sources in the index: article counts, latest article, languages',
        description:
          'NewsAPI\'s /sources, with every search filter: lang=ar (sources with Arabic articles), sourceCountry=IQ, collection=Iraq, from=now-7d (sources active this week), q=… (sources covering it). ' +
          'Counts are of the matching articles. sort=articles (most first, the default) or latest (the one that published last first).',
        querystring: SourcesQuery,
        response: { 200: Type.Object({ sources: Type.Array(SourceRow) }) },
      },
    },
    async (req) => ({ sources: await runSources(req.query) }),
  );

  app.get(
    '/v1/sources.csv',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Sources as CSV, for a spreadsheet',
        description: 'The same parameters and sources as /v1/sources, one row each: id, name, domain, country, articles, latestAt, langs (joined with ;), feedUrl.',
        querystring: Type.Composite([SourcesQuery, CsvParams], { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { bom, ...q } = req.query;
      const sources = await runSources(q);
      csvHeaders(app, reply, 'akhbar-sources.csv', sources.length);
      // Names and domains come from feeds: defused like the search export's cells.
      const rows = sources.map((s) => [s.id, defuseCell(s.name), defuseCell(s.domain), s.country ?? '', String(s.articles), s.latestAt ?? '', s.langs.join(';'), defuseCell(s.feedUrl ?? '')]);
      return stringify(rows, { header: true, columns: ['id', 'name', 'domain', 'country', 'articles', 'latestAt', 'langs', 'feedUrl'], bom });
    },
  );
};
