import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hammingDistance } from '@akhbar/nlp';
import { F, INTERNAL_SOURCE_FIELDS, STORY_RANKS, relatedBody, revisionSides, wordChanges, storyBody, storiesInLangsBody, suggestBody, topStoriesBody, type StoryRank } from '@akhbar/search';
import { DateMentionSchema, MAX_REVISIONS, RevisionSchema, articleId, dirOf, canonicalUrl, isAkhbarError, type Revision } from '@akhbar/core';
import { badParam, notFound } from '../errors.ts';
import { BucketOut, EntityOut, HitOut, QuoteOut, SourceOut, ToneAverage, presentBuckets, presentHit, presentQuote, roundTone, totalOf, type EsHit } from '../present.ts';
import { presentSuggestions, Suggestion, type CompletionOption } from '../suggest.ts';
import { NamesParam, UndatedFilterParams, expandedFilters, listOf, nameLangs, windowParam } from '../params.ts';
import { FEED_FORMATS, FEED_TYPES, publicBase, sendFeed } from '../syndication.ts';

const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_:.-]{1,128}$', description: 'Article id' }) }, { additionalProperties: false });
const StoryParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_:.-]{1,128}$', description: 'Story id' }) }, { additionalProperties: false });

const ArticleOut = Type.Composite([
  Type.Omit(HitOut, ['highlight']),
  Type.Object({
    body: Type.String(),
    html: Type.Optional(Type.String({ description: 'Sanitised HTML, when the feed had it' })),
    extract: Type.Optional(Type.String()),
    keywords: Type.Array(Type.String()),
    categories: Type.Array(Type.String()),
    countries: Type.Array(Type.String()),
    fetchedAt: Type.String(),
    wordCount: Type.Optional(Type.Integer()),
    readingTimeSec: Type.Optional(Type.Integer()),
    flags: Type.Array(Type.String()),
    quotes: Type.Optional(Type.Array(QuoteOut, { description: 'Who said what: the quotations it attributes to someone, in text order (absent for articles enriched before quotations were read)' })),
    dates: Type.Optional(Type.Array(Type.Object(DateMentionSchema.properties), { description: 'The days it names ("on Thursday 20 August", «غدا»), each once in text order: the day (YYYY-MM-DD, read against its publication date), the words naming it, the sentence (absent for articles enriched before days were read). GET /v1/agenda lists them by day' })),
    revisions: Type.Optional(
      Type.Array(
        Type.Composite([
          Type.Omit(Type.Object(RevisionSchema.properties), ['body']),
          Type.Object({ textKept: Type.Optional(Type.Literal(true, { description: 'The text before this edit is kept: GET /v1/articles/:id/revisions/:n gives it, and what the edit changed in it' })) }),
        ]),
        {
          description:
            'Its earlier versions, oldest first, when its site edited it after it was first indexed: when each edit was seen (seenAt), what it changed (fields), and the headline and summary as they were before it (title, summary, when they changed). At most 20: the first version and the latest edits. The text before an edit is not repeated here (see textKept)',
        },
      ),
    ),
  }),
]);

/** One article as stored (what readers see of it), or undefined when the index has none with that id. */
export async function findDoc(app: FastifyInstance, id: string): Promise<Record<string, any> | undefined> {
  const res = await app.esTimed('article', () =>
    app.es.search({ index: app.gw.index, size: 1, query: { ids: { values: [id] } }, _source_excludes: [...INTERNAL_SOURCE_FIELDS] }, { requestTimeout: app.gw.esTimeoutMs }),
  );
  return res.hits.hits[0]?._source as Record<string, any> | undefined;
}

async function getDoc(app: FastifyInstance, id: string): Promise<Record<string, any>> {
  const doc = await findDoc(app, id);
  if (!doc) throw notFound(`no article with id ${id}`);
  return doc;
}

const TopStoriesQuery = Type.Object(
  {
    ...UndatedFilterParams,
    window: windowParam('24h', 'Recent window (e.g. 6h, 24h, 3d)'),
    rank: Type.Union(STORY_RANKS.map((r) => Type.Literal(r)), { default: 'sources', description: 'sources (distinct sources, the default), articles, or latest' }),
    minSources: Type.Integer({ minimum: 1, maximum: 100, default: 1, description: 'Leave out stories covered by fewer sources in the window' }),
    minLangs: Type.Integer({ minimum: 1, maximum: 10, default: 1, description: 'Leave out stories told in fewer languages in the window: minLangs=2, the stories that crossed a language border' }),
    without: listOf('[a-z]{2,3}', 5, 'Blind spots: leave out stories with an article in any of these languages, anywhere in the index (without=en: what the English-language press has not told)'),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
    prefer: listOf('[a-z]{2,3}', 5, 'Languages to show each story in, most preferred first (e.g. en,fr): a story\'s `article` is its newest in the first of these languages it has, else its newest. It does not filter (lang does)'),
    ...NamesParam,
  },
  { additionalProperties: false },
);
type TopStoriesQuery = Static<typeof TopStoriesQuery>;

const TopStoriesResponse = Type.Object({
  window: Type.String(),
  now: Type.String(),
  total: Type.Integer({ description: 'Matching articles in the window' }),
  expandedEntities: Type.Array(EntityOut),
  stories: Type.Array(
    Type.Object({
      id: Type.String(),
      articles: Type.Integer({ description: 'Its articles in the window (article.story.size counts the whole index)' }),
      sources: Type.Integer({ description: 'Distinct sources among them' }),
      langs: Type.Array(Type.String()),
      firstSeen: Type.String(),
      lastSeen: Type.String(),
      tone: ToneAverage('Average tone of its articles in the window; null when none has one'),
      article: HitOut,
    }),
  ),
});

/** Top stories for a validated query: the JSON route's answer, which the feeds render too. */
async function topStories(app: FastifyInstance, q: TopStoriesQuery): Promise<Static<typeof TopStoriesResponse>> {
  const { filters, entities } = expandedFilters(q, app.entities, app.collections);
  // Rounded to the minute so repeated front-page refreshes hit Elasticsearch's request cache.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  // Stories under minSources rank last by sources; asking for more leaves enough after dropping
  // them (and those told in too few languages, or in a language left out).
  const without = q.without?.split(',') ?? [];
  const narrowed = q.minLangs > 1 || without.length > 0;
  const size = !narrowed && (q.rank === 'sources' || q.minSources === 1) ? q.limit : Math.min(500, q.limit * 10);
  const prefer = q.prefer?.split(',') ?? [];
  const body = topStoriesBody({ ...filters, window: q.window, now, size, rank: q.rank as StoryRank, prefer, timeoutMs: app.gw.esTimeoutMs });
  const res = await app.esTimed('top_stories', () => app.es.search({ index: app.gw.index, ...body, request_cache: true }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }));
  const langsOf = (b: Record<string, any>) => (b.langs.buckets as Array<{ key: string }>).map((l) => l.key);
  let candidates = ((res.aggregations?.stories as { buckets?: Array<Record<string, any>> } | undefined)?.buckets ?? [])
    .filter((b) => (b.sources.value as number) >= q.minSources && langsOf(b).length >= q.minLangs && !langsOf(b).some((l) => without.includes(l)));
  if (without.length > 0 && candidates.length > 0) {
    // Told in one of those languages before the window: not a blind spot.
    const told = await app.esTimed('top_stories', () =>
      app.es.search({ index: app.gw.index, ...storiesInLangsBody(candidates.map((b) => String(b.key)), without) }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }),
    );
    const toldIds = new Set(((told.aggregations?.stories as { buckets?: Array<{ key: string }> } | undefined)?.buckets ?? []).map((b) => String(b.key)));
    candidates = candidates.filter((b) => !toldIds.has(String(b.key)));
  }
  const buckets = candidates.slice(0, q.limit);
  const sizes = buckets.length > 0 ? await app.storySizes.get(app, buckets.map((b) => String(b.key))) : new Map<string, number>();
  const names = nameLangs(q.names);
  return {
    window: q.window,
    now,
    total: totalOf(res.hits.total).total,
    expandedEntities: entities,
    stories: buckets.map((b) => ({
      id: String(b.key),
      articles: b.doc_count as number,
      sources: b.sources.value as number,
      langs: (b.langs.buckets as Array<{ key: string }>).map((l) => l.key),
      firstSeen: b.firstSeen.value_as_string as string,
      lastSeen: b.lastSeen.value_as_string as string,
      tone: roundTone(b.tone.value),
      article: presentHit(storyLead(b, prefer), sizes, app.entities, names) as never,
    })),
  };
}

/** A story bucket's article to show: its newest in the first preferred language it has, else its newest. */
function storyLead(b: Record<string, any>, prefer: readonly string[]): EsHit {
  for (const l of prefer) {
    const hit = b.preferred?.buckets?.[l]?.lead?.hits?.hits?.[0] as EsHit | undefined;
    if (hit) return hit;
  }
  return b.lead.hits.hits[0] as EsHit;
}

/** SimHash bits two texts may differ by and still be one text (a headline retouched, a credit line added). */
const COPY_DISTANCE = 3;

/**
 * A story's articles (oldest first), each with the earlier article whose text it repeats, if any:
 * the same language and fingerprints (SimHash) at most COPY_DISTANCE bits apart — how much of a
 * story is one wire text republished, and by whom.
 */
function withCopies(hits: EsHit[]): Array<{ hit: EsHit; copyOf?: string }> {
  const seen: Array<{ id: string; lang?: string; simhash: string }> = [];
  return hits.map((hit) => {
    const src = (hit._source ?? {}) as { id?: string; lang?: string; simhash?: string };
    const fingerprint = typeof src.simhash === 'string' && /^[0-9a-f]{16}$/.test(src.simhash) && src.simhash !== '0000000000000000' ? src.simhash : undefined;
    if (!fingerprint || !src.id) return { hit };
    const original = seen.find((s) => s.lang === src.lang && hammingDistance(s.simhash, fingerprint) <= COPY_DISTANCE);
    seen.push({ id: src.id, ...(src.lang ? { lang: src.lang } : {}), simhash: fingerprint });
    return original ? { hit, copyOf: original.id } : { hit };
  });
}

/** The average tone of a story's articles in one language or from one source: how each covered it. */
const StoryTone = Type.Object({ tone: ToneAverage('Average tone of these articles (null when none has one)') });

const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

/** An indexed document as the API shows one article: a hit's fields, its body and the rest. */
function presentArticle(app: FastifyInstance, d: Record<string, any>, sizes: Map<string, number>, names: ReturnType<typeof nameLangs>): Static<typeof ArticleOut> {
  return {
    ...presentHit({ _source: d }, sizes, app.entities, names),
    body: d.body ?? '',
    ...(d.html ? { html: d.html } : {}),
    ...(d.extract ? { extract: d.extract } : {}),
    keywords: d.keywords ?? [],
    categories: d.categories ?? [],
    countries: d.countries ?? [],
    fetchedAt: d.fetchedAt,
    ...(typeof d.wordCount === 'number' ? { wordCount: d.wordCount } : {}),
    ...(typeof d.readingTimeSec === 'number' ? { readingTimeSec: d.readingTimeSec } : {}),
    flags: d.flags ?? [],
    ...(Array.isArray(d.quotes) ? { quotes: d.quotes.map((q: Record<string, any>) => presentQuote(q, app.entities, names)) } : {}),
    ...(Array.isArray(d.dateMentions) && d.dateMentions.length > 0 ? { dates: d.dateMentions } : {}),
    ...(Array.isArray(d.revisions) && d.revisions.length > 0
      ? { revisions: (d.revisions as Revision[]).map(({ body, ...r }) => (body !== undefined ? { ...r, textKept: true } : r)) }
      : {}),
  } as never;
}

const RevisionParams = Type.Object(
  {
    id: IdParams.properties.id,
    n: Type.Integer({ minimum: 1, maximum: MAX_REVISIONS, description: 'Which edit: 1 is the oldest the article keeps, as listed in its revisions' }),
  },
  { additionalProperties: false },
);

const VersionOut = Type.Object({
  title: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  body: Type.Optional(Type.String()),
});

const ChangeOut = Type.Object({
  op: Type.Union([Type.Literal('same'), Type.Literal('removed'), Type.Literal('added')]),
  text: Type.String(),
});

const RevisionOut = Type.Object({
  id: Type.String(),
  n: Type.Integer({ description: 'This edit, 1 the oldest kept' }),
  of: Type.Integer({ description: 'How many edits the article keeps' }),
  seenAt: Type.String({ description: 'When the edit was seen' }),
  fields: Type.Array(Type.String(), { description: 'What it changed' }),
  lang: Type.String(),
  dir: Type.Union([Type.Literal('rtl'), Type.Literal('ltr')]),
  before: Type.Composite([VersionOut], { description: 'What it changed, as it was before the edit (a text let go is absent)' }),
  after: Type.Composite([VersionOut], { description: 'And as the edit left it: the next kept edit of that field had it, else the article has it now' }),
  changes: Type.Object(
    { title: Type.Optional(Type.Array(ChangeOut)), summary: Type.Optional(Type.Array(ChangeOut)), body: Type.Optional(Type.Array(ChangeOut)) },
    { description: 'Word by word, for each field known on both sides: what stayed, what was taken out, what was put in, in order. Absent for a field whose versions are too far apart to compare word by word in time' },
  ),
});

const ARTICLE_ID = '[A-Za-z0-9_:.-]{1,128}';
const LookupQuery = Type.Object(
  {
    ids: listOf(ARTICLE_ID, 100, 'Article ids (comma list, at most 100): each article, in this order'),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: "A page's URL: the article Akhbar made of it, if it has one (tracking parameters and fragment do not matter)" })),
    ...NamesParam,
  },
  { additionalProperties: false },
);

export const articleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/articles/:id',
    { schema: { tags: ['articles'], summary: 'One article, with its body', params: IdParams, querystring: Type.Object(NamesParam, { additionalProperties: false }), response: { 200: ArticleOut } } },
    async (req) => {
      const d = await getDoc(app, req.params.id);
      return presentArticle(app, d, await storySize(app, d.storyId ?? d.id), nameLangs(req.query.names));
    },
  );

  app.get(
    '/v1/articles/:id/revisions/:n',
    {
      schema: {
        tags: ['articles'],
        summary: 'One edit of an article: its versions either side, and what changed word by word',
        description:
          'The nth of the article\'s `revisions` (1 the oldest it keeps): the headline, summary and text it changed, as they were before the edit (`before`) and as the edit left them (`after`), ' +
          'and `changes`, each field word by word (words as the article\'s language splits them: Arabic, Persian and Latin scripts alike) — `same`, `removed`, `added`, in reading order. ' +
          'The text before an edit is kept on at most 5 edits (the first two that changed it and the latest), so the first edit of the text and the latest three can be shown word by word: for the others `changes.body` is absent (and `before.body` or `after.body`).',
        params: RevisionParams,
        response: { 200: RevisionOut },
      },
    },
    async (req) => {
      const { id, n } = req.params;
      const d = await getDoc(app, id);
      const revisions = (Array.isArray(d.revisions) ? d.revisions : []) as Revision[];
      if (n > revisions.length) throw notFound(revisions.length === 0 ? `article ${id} has no edits` : `article ${id} keeps ${plural(revisions.length, 'edit')}, not ${String(n)}`);
      const r = revisions[n - 1]!;
      const { before, after } = revisionSides(revisions, n - 1, { title: d.title ?? '', summary: d.summary ?? '', body: d.body ?? '' });
      const changes: Record<string, Array<{ op: 'same' | 'removed' | 'added'; text: string }>> = {};
      for (const field of r.fields) {
        const was = before[field];
        const now = after[field];
        if (was === undefined || now === undefined) continue;
        const words = wordChanges(was, now, d.lang);
        if (words) changes[field] = words;
      }
      return { id, n, of: revisions.length, seenAt: r.seenAt, fields: r.fields, lang: d.lang ?? 'und', dir: d.dir ?? dirOf(d.lang ?? 'und'), before, after, changes };
    },
  );

  app.get(
    '/v1/articles',
    {
      schema: {
        tags: ['articles'],
        summary: 'Several articles by id, or the article of a URL',
        description:
          '`ids=a,b,c` (at most 100): those articles, in that order, in one request — a reading list, a dashboard\'s pinned articles. `url=`: the article Akhbar made of that page, found by its canonical URL ' +
          '(scheme and host in any case, tracking parameters such as utm_* and the fragment dropped) — "is this page in the index?" for a browser extension or a newsroom tool. ' +
          'What is not in the index is listed in `missing` (the ids, or the URL as given); the answer is 200 either way. One of ids and url, not both.',
        querystring: LookupQuery,
        response: { 200: Type.Object({ articles: Type.Array(ArticleOut), missing: Type.Array(Type.String()) }) },
      },
    },
    async (req) => {
      const { ids, url } = req.query;
      if ((ids === undefined) === (url === undefined)) throw badParam(ids === undefined ? 'ids' : 'url', 'give ids (a comma list of article ids) or url (one page\'s URL), one of them');
      let wanted: string[];
      if (url !== undefined) {
        try {
          wanted = [articleId(canonicalUrl(url))];
        } catch (err) {
          if (isAkhbarError(err)) throw badParam('url', `url: ${err.message}`);
          throw err;
        }
      } else wanted = [...new Set(ids!.split(','))];
      const res = await app.esTimed('articles', () =>
        app.es.search({ index: app.gw.index, size: wanted.length, query: { ids: { values: wanted } }, _source_excludes: [...INTERNAL_SOURCE_FIELDS] }, { requestTimeout: app.gw.esTimeoutMs }),
      );
      const byId = new Map(res.hits.hits.map((h) => [h._id!, h._source as Record<string, any>]));
      const found = wanted.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
      const sizes = found.length > 0 ? await app.storySizes.get(app, found.map((d) => (d.storyId ?? d.id) as string)) : new Map<string, number>();
      const names = nameLangs(req.query.names);
      return {
        articles: found.map((d) => presentArticle(app, d, sizes, names)),
        missing: url !== undefined ? (found.length > 0 ? [] : [url]) : wanted.filter((id) => !byId.has(id)),
      };
    },
  );

  app.get(
    '/v1/articles/:id/related',
    {
      schema: {
        tags: ['articles'],
        summary: 'Articles like this one (more-like-this plus shared entities), any language',
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
            lang: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(,[a-z]{2,3}){0,19}$', description: 'Only these languages' })),
            excludeStory: Type.Boolean({ default: false, description: 'Leave out articles of the same story' }),
            ...NamesParam,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ hits: Type.Array(HitOut) }) },
      },
    },
    async (req) => {
      const d = await getDoc(app, req.params.id);
      const body = relatedBody(app.gw.index, { id: d.id, entityIds: d.entityIds ?? [], storyId: d.storyId }, {
        limit: req.query.limit,
        ...(req.query.lang ? { lang: req.query.lang.split(',') } : {}),
        excludeStory: req.query.excludeStory,
        timeoutMs: app.gw.esTimeoutMs,
      });
      const res = await app.esTimed('related', () => app.es.search({ index: app.gw.index, ...body }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }));
      const names = nameLangs(req.query.names);
      return { hits: (res.hits.hits as EsHit[]).map((h) => presentHit(h, undefined, app.entities, names)) as never };
    },
  );

  app.get(
    '/v1/stories',
    {
      schema: {
        tags: ['articles'],
        summary: 'Top stories: what most sources are covering in a recent window, with any search filter',
        description:
          'The story clusters of the articles matching the filters and published in `window`, ranked by the number of distinct sources covering them (`rank=sources`), ' +
          'by articles (`rank=articles`) or by their newest article (`rank=latest`). Each story comes with its newest article, its languages, first and last article and average tone in the window.',
        querystring: TopStoriesQuery,
        response: { 200: TopStoriesResponse },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return topStories(app, req.query);
    },
  );

  for (const format of FEED_FORMATS) {
    app.get(
      `/v1/stories.${format}`,
      {
        schema: {
          tags: ['articles'],
          summary: format === 'rss' ? 'Top stories as an RSS 2.0 feed' : 'Top stories as an Atom 1.0 feed',
          description: 'Same parameters as /v1/stories. One entry per story (its id stays while the story grows), linking to its newest article; the entry is updated when a new article joins.',
          querystring: TopStoriesQuery,
          produces: [FEED_TYPES[format]],
        },
      },
      async (req, reply) => {
        const out = await topStories(app, req.query);
        const base = publicBase(app, req);
        reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
        const langs = req.query.lang?.split(',') ?? [];
        return sendFeed(app, req, reply, format, {
          route: '/v1/stories',
          title: `Akhbar — top stories${req.query.q ? `: ${req.query.q}` : ''}`,
          description: `The stories most sources cover in the last ${req.query.window}`,
          ...(langs.length === 1 ? { language: langs[0]! } : {}),
          entries: out.stories.map((s) => ({
            id: `${base}/v1/stories/${encodeURIComponent(s.id)}`,
            hit: s.article,
            description: `${s.article.summary}${s.article.summary ? ' ' : ''}(${plural(s.sources, 'source')}, ${plural(s.articles, 'article')}; ${s.langs.join(', ')})`,
            updated: new Date(s.lastSeen),
          })),
        });
      },
    );
  }

  app.get(
    '/v1/stories/:id',
    {
      schema: {
        tags: ['articles'],
        summary: 'A story: its articles (oldest first), sources, languages, first and last seen, and their tone',
        params: StoryParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }), ...NamesParam }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            id: Type.String(),
            size: Type.Integer(),
            firstSeen: Type.String(),
            lastSeen: Type.String(),
            tone: ToneAverage('Average tone of its articles (null when none has one)'),
            langs: Type.Array(BucketOut),
            sources: Type.Array(Type.Composite([SourceOut, Type.Object({ count: Type.Integer() }), StoryTone])),
            dates: Type.Array(
              Type.Object({ date: Type.String({ description: 'YYYY-MM-DD' }), articles: Type.Integer({ description: 'Its articles naming the day' }) }),
              { description: 'The days its articles name (a scheduled meeting, a vote), the most named first (at most 10); GET /v1/agenda?story=<id> gives what each says of them' },
            ),
            articles: Type.Array(Type.Composite([HitOut, Type.Object({ copyOf: Type.Optional(Type.String({ description: "The id of an earlier article of the story whose text this one repeats (near-identical, same language: a wire copy or a republication)" })) })])),
          }),
        },
      },
    },
    async (req) => {
      const res = await app.esTimed('story', () =>
        app.es.search({ index: app.gw.index, ...storyBody(req.params.id, req.query.limit, app.gw.esTimeoutMs) }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }),
      );
      const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
      if (total === 0) throw notFound(`no story with id ${req.params.id}`);
      const aggs = res.aggregations as Record<string, any>;
      const size = new Map([[req.params.id, total]]);
      const names = nameLangs(req.query.names);
      return {
        id: req.params.id,
        size: total,
        firstSeen: aggs.firstSeen.value_as_string,
        lastSeen: aggs.lastSeen.value_as_string,
        tone: roundTone(aggs.tone.value),
        langs: presentBuckets('langs', aggs.langs),
        sources: (aggs.sources.buckets as Array<Record<string, any>>).map((b) => {
          const s = b.source.hits.hits[0]?._source?.source ?? {};
          return { id: String(b.key), name: s.name ?? '', domain: s.domain ?? '', ...(s.country ? { country: s.country } : {}), count: b.doc_count, tone: roundTone(b.tone.value) };
        }),
        dates: ((aggs.dates?.buckets ?? []) as Array<{ key_as_string: string; doc_count: number }>).map((b) => ({ date: b.key_as_string, articles: b.doc_count })),
        articles: withCopies(res.hits.hits as EsHit[]).map(({ hit, copyOf }) => ({ ...presentHit(hit, size, app.entities, names), ...(copyOf ? { copyOf } : {}) })) as never,
      };
    },
  );

  app.get(
    '/v1/suggest',
    {
      schema: {
        tags: ['articles'],
        summary: 'Completions for a search box: article titles and entity names (any language)',
        querystring: Type.Object(
          {
            prefix: Type.String({ minLength: 1, maxLength: 100 }),
            limit: Type.Integer({ minimum: 1, maximum: 20, default: 8 }),
            format: Type.Optional(
              Type.Literal('opensearch', {
                description: 'opensearch: the OpenSearch suggestions format a browser\'s address bar reads (application/x-suggestions+json: [prefix, [completions]]), as /opensearch.xml points it here',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ suggestions: Type.Array(Suggestion) }) },
      },
    },
    async (req, reply) => {
      const prefix = req.query.prefix.trim();
      let suggestions: ReturnType<typeof presentSuggestions> = [];
      if (prefix !== '') {
        const body = suggestBody(prefix, req.query.limit);
        const res = await app.esTimed('suggest', () =>
          app.es.search({ index: app.gw.index, ...body, _source: [F.id, F.title, 'entities'] }, { requestTimeout: app.gw.esTimeoutMs }),
        );
        suggestions = presentSuggestions((res.suggest?.s?.[0]?.options ?? []) as CompletionOption[], prefix);
      }
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      // A browser's address bar: the query as typed, then the completions' texts.
      // (A string body skips the JSON schema's serializer, which describes the default format.)
      if (req.query.format === 'opensearch') return reply.type('application/x-suggestions+json; charset=utf-8').send(JSON.stringify([req.query.prefix, suggestions.map((s) => s.text)]) as never);
      return { suggestions };
    },
  );
};

async function storySize(app: FastifyInstance, storyId: string): Promise<Map<string, number>> {
  const res = await app.esTimed('story_sizes', () =>
    app.es.count({ index: app.gw.index, query: { term: { [F.storyId]: storyId } } }, { requestTimeout: app.gw.esTimeoutMs }),
  );
  return new Map([[storyId, Math.max(1, res.count)]]);
}
