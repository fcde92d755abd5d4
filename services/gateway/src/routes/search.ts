import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import etag from '@fastify/etag';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { normalizeText } from '@akhbar/nlp';
import { F, applyCorrections, buildSearchBody, corrections, neutralHighlightBody, preferredHitsBody, queryReading, spellingBody, type SearchFilters, type SearchRequest } from '@akhbar/search';
import { badParam } from '../errors.ts';
import { queryFingerprint } from '../cursor.ts';
import { filtersInQuery } from '../operators.ts';
import { expandQuery } from '../expand.ts';
import { NearOut, nearOut } from '../geo.ts';
import { EntityOut, HitOut, BucketOut, presentBuckets, presentHit, totalOf, type EsHit } from '../present.ts';
import { MAX_Q_CHARS, SearchParams, countryCodeOf, expandedFilters, facetList, nameLangs, sortMode, toFilters } from '../params.ts';
import { FEED_FORMATS, FEED_TYPES, publicBase, sendFeed } from '../syndication.ts';

export const SearchQuery = Type.Object(SearchParams, { additionalProperties: false });
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResponse = Type.Object({
  total: Type.Integer({ description: 'Matching articles (exact up to 10 000, see totalRelation)' }),
  totalRelation: Type.Union([Type.Literal('eq'), Type.Literal('gte')]),
  stories: Type.Optional(Type.Integer({ description: 'Matching stories (collapse=story)' })),
  sort: Type.String(),
  timedOut: Type.Boolean({ description: 'Elasticsearch hit its time budget; results are partial' }),
  expandedEntities: Type.Array(EntityOut, { description: 'Entities the query named; articles tagged with them match in every language' }),
  hits: Type.Array(HitOut),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page' }),
  indexedUntil: Type.Optional(
    Type.String({
      description: 'With sort=indexed: the walk covers articles indexed up to this time (AKHBAR_SYNC_SETTLE_SEC ago; anything newer comes in a later walk). A sync stores it, or the last hit\'s indexedAt, and asks again from it with indexedFrom',
    }),
  ),
  facets: Type.Optional(Type.Record(Type.String(), Type.Array(BucketOut))),
  near: Type.Optional(NearOut),
  didYouMean: Type.Optional(
    Type.Object(
      { q: Type.String({ description: 'The query with its misspelt words replaced by the nearest words the articles use' }), total: Type.Integer({ description: 'What it finds, with the same filters' }) },
      { description: 'Only when the search found nothing and a corrected query finds something' },
    ),
  ),
});

export const QueryReading = Type.Object({
  q: Type.String(),
  text: Type.Union([Type.String(), Type.Null()], { description: 'What is left of q to match, the filters taken out; null when q is filters only' }),
  reading: Type.Union([Type.String(), Type.Null()], {
    description: 'How that text is read, every AND, OR and NOT written out and each group in parentheses: operators apply left to right, with no precedence (Kadhimi OR Sudani Washington → (Kadhimi OR Sudani) AND Washington); null when there is nothing to match',
  }),
  filters: Type.Array(
    Type.Object({
      param: Type.String({ description: 'The search parameter it sets (lang, excludeDomain, toneMax …)' }),
      value: Type.String({ description: 'Its value as that parameter takes it (country:Iraq → IQ)' }),
      written: Type.String({ description: 'The token as q wrote it (NOT domain:x as -domain:x)' }),
    }),
    { description: 'The filters written into q, in their order' },
  ),
  expandedEntities: Type.Array(EntityOut, { description: 'Entities the text names; articles tagged with them match in every language' }),
});

/** Elasticsearch's default max_result_window: offset paging (collapse=story) stops there. */
const MAX_WINDOW = 10_000;

const FINGERPRINT_EXCLUDES = new Set(['cursor', 'limit', 'facets', 'facetSize', 'highlight', 'names', 'prefer']);

/**
 * The newest indexedAt a sync walk (sort=indexed) may return now: AKHBAR_SYNC_SETTLE_SEC ago, to
 * the second. Everything indexed before it is searchable already (the indexer stamps indexedAt as
 * each bulk goes; a bulk is answered within its request timeout and searchable a refresh later),
 * so a sync that asks again from the last indexedAt it saw (or from indexedUntil) misses nothing.
 */
export function settledBefore(app: FastifyInstance, now = Date.now()): string {
  return new Date(Math.floor(now / 1000) * 1000 - app.gw.syncSettleSec * 1000).toISOString();
}

/** How long a point in time (exports) stays open between two of its pages. */
export const PIT_KEEP_ALIVE = '1m';

/**
 * The search itself, shared by the JSON, RSS and Atom routes and the exports. `opts.pit` runs it
 * in that point in time (Elasticsearch's snapshot of the index) instead of on the live index.
 */
export async function runSearch(app: FastifyInstance, query: SearchQuery, opts: { sort?: 'newest'; pit?: string; settled?: string; withBody?: boolean } = {}) {
  const filters: SearchFilters = toFilters(query, app.entities, app.collections);
  const sort = query.sort ?? (opts.sort ?? sortMode(undefined, filters));
  // A sync walk stops short of what was indexed too lately to be surely searchable yet.
  if (sort === 'indexed') filters.indexedSettled = opts.settled ?? settledBefore(app);
  const collapse = query.collapse === 'story';
  const fp = queryFingerprint(Object.fromEntries(Object.entries({ ...query, sort }).filter(([k]) => !FINGERPRINT_EXCLUDES.has(k))));
  let origin: string;
  let after: unknown[] | undefined;
  let offset = 0;
  if (query.cursor) {
    const state = app.cursors.decode(query.cursor, fp);
    origin = state.origin;
    after = state.after;
    offset = state.offset ?? 0;
  } else {
    // Rounded to the minute: the same query within a minute is the same request (ETag, caches).
    origin = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  }
  const { expansion, entities } = expandQuery(filters.q, app.entities);
  if (expansion) filters.expansion = expansion;
  const limit = Math.min(query.limit, Math.max(1, MAX_WINDOW - offset));
  if (query.prefer && !collapse) throw badParam('prefer', 'prefer chooses the article each story is shown by: it needs collapse=story');
  const request: SearchRequest = {
    ...filters,
    limit,
    sort,
    origin,
    ...(after ? { after } : {}),
    offset,
    collapse,
    facets: facetList(query.facets),
    facetSize: query.facetSize,
    highlight: query.highlight,
    timeoutMs: app.gw.esTimeoutMs,
    ...(opts.withBody ? { withBody: true } : {}),
  };
  const body = buildSearchBody(request);
  const target = opts.pit ? { pit: { id: opts.pit, keep_alive: PIT_KEEP_ALIVE } } : { index: app.gw.index };
  const res = await app.esTimed('search', () => app.es.search({ ...target, ...body }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }));
  const hits = res.hits.hits as EsHit[];
  // A lang filter still holds: a preferred language it leaves out cannot be shown.
  const prefer = query.prefer?.split(',').filter((l) => !filters.lang || filters.lang.includes(l)) ?? [];
  if (prefer.length > 0) await showPreferred(app, request, hits, prefer);
  const storyIds = hits.map((h) => {
    const s = h._source as { storyId?: string; id: string };
    return s.storyId ?? s.id;
  });
  const highlighted = query.highlight && filters.q !== undefined && filters.q.trim() !== '';
  const [sizes] = await Promise.all([
    storyIds.length > 0 ? app.storySizes.get(app, storyIds) : new Map<string, number>(),
    highlighted ? addNeutralHighlights(app, filters, hits) : undefined,
  ]);
  let nextCursor: string | null = null;
  if (hits.length === limit) {
    if (collapse) {
      if (offset + limit < MAX_WINDOW) nextCursor = app.cursors.encode({ offset: offset + limit, origin, fp });
    } else {
      const last = hits[hits.length - 1]!;
      if (last.sort) nextCursor = app.cursors.encode({ after: last.sort, origin, fp });
    }
  }
  const aggs = (res.aggregations ?? {}) as Record<string, unknown>;
  const names = nameLangs(query.names);
  const out: Static<typeof SearchResponse> = {
    ...totalOf(res.hits.total),
    sort,
    timedOut: res.timed_out,
    expandedEntities: entities,
    hits: hits.map((h) => {
      const hit = presentHit(h, sizes, app.entities, names);
      return opts.withBody ? { ...hit, body: (h._source as { body?: string }).body ?? '' } : hit;
    }) as Static<typeof HitOut>[],
    nextCursor,
    ...nearOut(filters.near),
    ...(filters.indexedSettled ? { indexedUntil: filters.indexedSettled } : {}),
  };
  if (collapse) out.stories = (aggs._stories as { value?: number } | undefined)?.value ?? 0;
  const facets = facetList(query.facets);
  if (facets.length > 0) {
    out.facets = {};
    for (const f of facets) out.facets[f] = presentBuckets(f, aggs[f], app.entities);
  }
  return { out, took: res.took, pitId: res.pit_id };
}

const storyOf = (h: EsHit) => {
  const s = h._source as { storyId?: string; id: string; lang?: string };
  return s.storyId ?? s.id;
};

/**
 * `prefer`: replace each story's hit by the story's best match in the first preferred language it
 * has (one request for the page's stories not already shown in the first language). Like the
 * neutral highlights, a nicety: if the request fails the page keeps its hits.
 */
async function showPreferred(app: FastifyInstance, request: SearchRequest, hits: EsHit[], prefer: string[]): Promise<void> {
  const rank = (h: EsHit) => {
    const i = prefer.indexOf((h._source as { lang?: string }).lang ?? '');
    return i < 0 ? prefer.length : i;
  };
  const pending = hits.filter((h) => rank(h) > 0);
  if (pending.length === 0) return;
  try {
    const res = await app.esTimed('search_prefer', () =>
      app.es.search({ index: app.gw.index, ...preferredHitsBody(request, pending.map(storyOf), prefer) }, { requestTimeout: app.gw.esTimeoutMs }),
    );
    const best = new Map<string, EsHit>();
    for (const b of (res.aggregations?.stories as { buckets?: Array<Record<string, any>> } | undefined)?.buckets ?? []) {
      for (const l of prefer) {
        const hit = b[l]?.hit?.hits?.hits?.[0] as EsHit | undefined;
        if (hit) {
          best.set(String(b.key), hit);
          break;
        }
      }
    }
    for (const [i, h] of hits.entries()) {
      const better = best.get(storyOf(h));
      if (better && rank(better) < rank(h)) hits[i] = better;
    }
  } catch (err) {
    app.log.warn({ err, stories: pending.length }, 'preferred-language hits failed; the page keeps its hits');
  }
}

/**
 * Hits with nothing marked in their language's fields (a language without its own analyzer, or a
 * match only in the neutral fields or the summary) get highlights from the neutral fields, in one
 * small follow-up request. Highlights are a nicety: if that request fails the hits go without,
 * and the search still answers.
 */
async function addNeutralHighlights(app: FastifyInstance, filters: SearchFilters, hits: EsHit[]): Promise<void> {
  const bare = new Map<string, EsHit>();
  for (const h of hits) {
    if (h._id && !Object.keys(h.highlight ?? {}).some((k) => k.startsWith('i18n.'))) bare.set(h._id, h);
  }
  if (bare.size === 0) return;
  try {
    const res = await app.esTimed('search_highlight', () =>
      app.es.search({ index: app.gw.index, ...neutralHighlightBody(filters, [...bare.keys()]) }, { requestTimeout: app.gw.esTimeoutMs }),
    );
    for (const h of res.hits.hits) {
      const target = h._id ? bare.get(h._id) : undefined;
      if (target && h.highlight) target.highlight = { ...target.highlight, ...h.highlight };
    }
  } catch (err) {
    app.log.warn({ err, ids: bare.size }, 'neutral-field highlights failed; those hits go without');
  }
}

/**
 * "Did you mean" for a search that found nothing: `q` with each word the index does not hold
 * replaced by its nearest word that it does (spelling.ts), offered when that query finds something
 * under the same filters. The suggester proposes folded words (`teheran`, `المتحده`), so a word is
 * spelt as the best hit of the corrected query marks it when its folded form is the one proposed.
 * A nicety, like the highlights: if it fails the answer goes without it.
 */
async function didYouMean(app: FastifyInstance, query: SearchQuery): Promise<{ q: string; total: number } | undefined> {
  // Only the words are corrected; filters written into q (lang:ar) are put back after them.
  const written = filtersInQuery(query.q, { countryCode: countryCodeOf(app.entities) });
  const q = (written ? written.text : query.q)?.trim();
  if (!q) return undefined;
  const withFilters = (text: string) => (written ? [text, ...written.written].join(' ') : text);
  try {
    const res = await app.esTimed('search_spelling', () => app.es.search({ index: app.gw.index, ...spellingBody(q) }, { requestTimeout: app.gw.esTimeoutMs }));
    const list = corrections(q, res.suggest as Parameters<typeof corrections>[1]);
    if (list.length === 0) return undefined;
    const { facets: _facets, cursor: _cursor, ...rest } = query;
    const { out } = await runSearch(app, { ...rest, q: withFilters(applyCorrections(q, list)), limit: 1, highlight: true });
    if (out.total === 0) return undefined;
    const marked = new Map<string, string>();
    for (const text of Object.values(out.hits[0]?.highlight ?? {}).flat()) {
      for (const m of text.matchAll(/<mark>([^<]+)<\/mark>/g)) marked.set(normalizeText(m[1]!), m[1]!);
    }
    return { q: withFilters(applyCorrections(q, list, (c) => marked.get(c.to) ?? c.to)), total: out.total };
  } catch (err) {
    app.log.warn({ err }, 'spelling suggestions failed; the empty result goes without one');
    return undefined;
  }
}

function cacheHeaders(app: FastifyInstance, reply: FastifyReply, took: number) {
  const scope = app.gw.apiKeys.length > 0 ? 'private' : 'public';
  reply.header('cache-control', `${scope}, max-age=${String(app.gw.cacheMaxAgeSec)}`);
  reply.header('server-timing', `es;dur=${String(took)}`);
  if (app.gw.apiKeys.length > 0) reply.header('vary', 'X-Api-Key, Authorization');
}

/** What an edit changed, as a feed entry says it. */
const EDITED_WORDS: Record<string, string> = { title: 'the headline', summary: 'the summary', body: 'the text' };

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ETag on every response of this scope; a matching If-None-Match gets 304 with no body.
  // The body is encoded to UTF-8 once, before the ETag hook: the hash then runs natively over the
  // bytes and the socket writes them as they are. (Profiled under load, the JS fnv1a over the
  // string plus the socket's own encoding of it were a fifth of the gateway's CPU per search.)
  app.addHook('onSend', (_req, _reply, payload, done) => {
    done(null, typeof payload === 'string' ? Buffer.from(payload) : payload);
  });
  await app.register(etag, { weak: true, hashFn: (payload) => createHash('sha1').update(payload).digest('base64url') });

  app.get(
    '/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search articles',
        description: 'Full-text search with filters, sorting, cursor paging, story collapsing, highlights and facets. A page with a next one has a Link header to it (rel="next", RFC 8288) beside nextCursor. Errors: 400 AKHBAR_BAD_PARAMETER / AKHBAR_UNKNOWN_PARAMETER (with `param`), AKHBAR_SEARCH_BAD_CURSOR.',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req, reply) => {
      const { out, took } = await runSearch(app, req.query);
      if (out.total === 0 && !req.query.cursor) {
        const suggestion = await didYouMean(app, req.query);
        if (suggestion) out.didYouMean = suggestion;
      }
      cacheHeaders(app, reply, took);
      // The next page as a link (RFC 8288), for clients that follow Link headers rather than read nextCursor.
      if (out.nextCursor) {
        // Appended, not resolved: an AKHBAR_PUBLIC_URL with a path (https://example.org/akhbar) keeps it.
        const next = new URL(`${publicBase(app, req)}${req.url}`);
        next.searchParams.set('cursor', out.nextCursor);
        reply.header('link', `<${next.href}>; rel="next"`);
      }
      return out;
    },
  );

  app.get(
    '/v1/query',
    {
      schema: {
        tags: ['search'],
        summary: 'How a query is read',
        description:
          'What a search does with q, without searching: the filters written into it (lang:ar, -domain:…, tone<-2 …), each with the parameter it sets and its token as written, ' +
          'the text left to match, and the known people, places and organisations that text names (articles tagged with them match in every language). ' +
          'q without one filter is the text with the other filters\' tokens after it. A malformed q is the 400 a search would give.',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: MAX_Q_CHARS, description: 'A query as /v1/search takes it' }) }, { additionalProperties: false }),
        response: { 200: QueryReading },
      },
    },
    async (req, reply) => {
      // The search's own readers: what this says is what a search with this q does.
      const { filters, entities } = expandedFilters({ q: req.query.q }, app.entities);
      const written = filtersInQuery(req.query.q, { countryCode: countryCodeOf(app.entities) });
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      const reading = filters.q === undefined ? undefined : queryReading(filters.q);
      return { q: req.query.q, text: filters.q ?? null, reading: reading ?? null, filters: written?.items ?? [], expandedEntities: entities };
    },
  );

  /**
   * For a feed: each edited hit's latest edit in words — "[Edited by its site 2026-12-01 10:04 UTC:
   * the headline. It was “…”.]" — read with one request for the edited hits only (a hit carries
   * when and what, not the earlier headline). A feed reader shows the entry's summary; this is
   * what NewsDiffs-style feeds lead with.
   */
  async function editNotes(app: FastifyInstance, hits: ReadonlyArray<Static<typeof HitOut>>): Promise<Map<string, string>> {
    const edited = hits.filter((h) => h.edited);
    if (edited.length === 0) return new Map();
    const res = await app.esTimed('feed-edits', () =>
      app.es.search(
        { index: app.gw.index, size: edited.length, query: { ids: { values: edited.map((h) => h.id) } }, _source: { includes: [`${F.revisions}.seenAt`, `${F.revisions}.title`] } },
        { requestTimeout: app.gw.esTimeoutMs },
      ),
    );
    const was = new Map(
      res.hits.hits.map((d) => {
        const last = (d._source as { revisions?: Array<{ seenAt?: string; title?: string }> } | undefined)?.revisions?.at(-1);
        return [d._id!, last] as const;
      }),
    );
    return new Map(
      edited.map((h) => {
        const last = was.get(h.id);
        const title = last?.seenAt === h.edited!.at ? last.title : undefined;
        const what = h.edited!.fields.map((f) => EDITED_WORDS[f] ?? f).join(', ');
        return [h.id, `[Edited by its site ${h.edited!.at.slice(0, 16).replace('T', ' ')} UTC: ${what}.${title !== undefined ? ` The headline was “${title}”.` : ''}]`];
      }),
    );
  }

  for (const format of FEED_FORMATS) {
    app.get(
      `/v1/search.${format}`,
      {
        schema: {
          tags: ['search'],
          summary: format === 'rss' ? 'Search as an RSS 2.0 feed' : 'Search as an Atom 1.0 feed',
          description: 'Same parameters as /v1/search; newest first unless sort is given.',
          querystring: SearchQuery,
          produces: [FEED_TYPES[format]],
        },
      },
      async (req, reply) => {
        const { out, took } = await runSearch(app, { ...req.query, highlight: false }, { sort: 'newest' });
        cacheHeaders(app, reply, took);
        const langs = req.query.lang?.split(',') ?? [];
        const notes = await editNotes(app, out.hits);
        return sendFeed(app, req, reply, format, {
          route: '/v1/search',
          title: req.query.q ? `Akhbar — ${req.query.q}` : 'Akhbar — latest',
          description: `Search results for ${req.query.q ? `"${req.query.q}"` : 'all articles'}`,
          ...(langs.length === 1 ? { language: langs[0]! } : {}),
          // An edited article is an updated Atom entry (its <published> stays); RSS has one date, the publication's.
          // Either way its entry starts by saying what the site changed: a feed of edits (edited=) reads as one.
          entries: out.hits.map((hit) => ({
            id: hit.url,
            hit,
            ...(format === 'atom' && hit.edited ? { updated: new Date(hit.edited.at) } : {}),
            ...(notes.has(hit.id) ? { description: `${notes.get(hit.id)!}${hit.summary ? ` ${hit.summary}` : ''}` } : {}),
          })),
        });
      },
    );
  }
};
