import { createHash } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { MAX_QUOTES_PER_ARTICLE, quotesBody, SAID_FIELDS } from '@akhbar/search';
import { normalizeText } from '@akhbar/nlp';
import { queryFingerprint } from '../cursor.ts';
import { EntityOut, HitOut, QuoteOut, pickNames, presentHit, presentQuote, totalOf } from '../present.ts';
import { FilterParams, MAX_Q_CHARS, NamesParam, expandedFilters, nameLangs, queryText } from '../params.ts';
import { defuseCell } from './export.ts';
import { FEED_FORMATS, FEED_TYPES, publicBase, sendFeed } from '../syndication.ts';

const QuotesQuery = Type.Object(
  {
    ...FilterParams,
    said: Type.Optional(Type.String({ maxLength: MAX_Q_CHARS, description: 'Words the quotation itself must hold, in the query language of q ("exact phrase", a OR b, -word, prefix*); q matches the whole article' })),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'Articles per page (each with its matching quotations)' }),
    direct: Type.Optional(Type.Boolean({ description: 'true: only quotations in quotation marks; false: only reported speech ("قال الوزير إن …", "said that …")' })),
    unnamed: Type.Optional(Type.Boolean({ description: 'true: only what unnamed sources said ("مصادر مقربة من …", "officials"); false: only named ones' })),
    perArticle: Type.Integer({ minimum: 1, maximum: MAX_QUOTES_PER_ARTICLE, default: MAX_QUOTES_PER_ARTICLE, description: 'Quotations given per article, best match for said first, else in text order' }),
    cursor: Type.Optional(Type.String({ maxLength: 2048, description: 'nextCursor of the previous page' })),
    ...NamesParam,
  },
  { additionalProperties: false },
);
type QuotesQuery = Static<typeof QuotesQuery>;

/** The article a quotation is from: a search hit's first fields, its story by id. */
const QuoteArticle = Type.Composite([Type.Pick(HitOut, ['id', 'url', 'title', 'lang', 'dir', 'publishedAt', 'source']), Type.Object({ story: Type.Object({ id: Type.String() }) })]);

const QuoteItem = Type.Composite([
  QuoteOut,
  Type.Object({
    highlight: Type.Optional(Type.String({ description: 'With said: the text with its matching words in <mark>, HTML-escaped' })),
    article: QuoteArticle,
    alsoIn: Type.Optional(Type.Array(QuoteArticle, { description: 'The other articles of this page with the same words from the same speaker (a statement every outlet carried), newest first' })),
  }),
]);
type QuoteItem = Static<typeof QuoteItem>;

/**
 * The same words from the same speaker once: a statement ten outlets carried (a wire copy, a
 * ministry's release) is one item, its newest article first and the others in `alsoIn`. Words
 * compared folded (case, accents, Arabic letter variants), punctuation and spacing aside. Within
 * one page: a repeat on the next page is shown there again.
 */
function sameWords(items: QuoteItem[]): QuoteItem[] {
  const out: QuoteItem[] = [];
  const byKey = new Map<string, QuoteItem>();
  for (const item of items) {
    const key = `${item.speaker?.id ?? item.by ?? ''}\u0000${normalizeText(item.text).replace(/[\p{P}\p{S}\s]+/gu, ' ').trim().toLowerCase()}`;
    const first = byKey.get(key);
    if (first) (first.alsoIn ??= []).push(item.article);
    else {
      byKey.set(key, item);
      out.push(item);
    }
  }
  return out;
}

const QuotesResponse = Type.Object({
  total: Type.Integer({ description: 'Matching articles holding such a quotation' }),
  speakers: Type.Array(EntityOut, { description: 'The people and organisations speaker= was read as' }),
  expandedEntities: Type.Array(EntityOut),
  quotes: Type.Array(QuoteItem),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page' }),
});
type QuotesResponse = Static<typeof QuotesResponse>;

interface QuoteHit {
  _source?: Record<string, any>;
  sort?: unknown[];
  inner_hits?: { quotes?: { hits: { hits: Array<{ _source?: Record<string, any>; highlight?: Record<string, string[]> }> } } };
}

export const quoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The quotations of a validated query: the JSON route's answer, which the CSV gives too. */
  async function runQuotes(query: QuotesQuery): Promise<QuotesResponse> {
    const { said, direct, unnamed, limit, perArticle, cursor, names: namesParam, ...rest } = query;
    const names = nameLangs(namesParam);
    const saidText = queryText('said', said);
    const { filters, entities } = expandedFilters(rest, app.entities, app.collections);
    // Who speaker= was read as, named (in every language unless names= narrows it).
    const speakers = (filters.speaker ?? []).map((id) => {
      const e = app.entities?.get(id);
      const picked = pickNames(e?.names, names ?? 'all');
      return { id, type: e?.type ?? 'person', name: e?.name ?? id, ...(picked ? { names: picked } : {}) };
    });
    // The route is part of the fingerprint: a search's cursor must not page quotations.
    const fp = queryFingerprint({ ...rest, said, direct, unnamed, route: 'quotes' });
    const after = cursor ? app.cursors.decode(cursor, fp).after : undefined;
    const res = await app.esTimed('quotes', () =>
      app.es.search(
        { index: app.gw.index, ...quotesBody(filters, { speaker: filters.speaker, said: saidText, ...(direct !== undefined ? { direct } : {}), ...(unnamed !== undefined ? { unnamed } : {}), limit, perArticle, after, timeoutMs: app.gw.esTimeoutMs }) },
        { requestTimeout: app.gw.esTimeoutMs + 1_000 },
      ),
    );
    const hits = res.hits.hits as QuoteHit[];
    const found = hits.flatMap((h) => {
      const hit = presentHit(h) as Static<typeof HitOut>;
      const article = { id: hit.id, url: hit.url, title: hit.title, lang: hit.lang, dir: hit.dir, publishedAt: hit.publishedAt, source: hit.source, story: { id: hit.story.id } };
      return (h.inner_hits?.quotes?.hits.hits ?? []).map((q) => {
        const hl = SAID_FIELDS.map((f) => q.highlight?.[f]?.[0]).find((x) => x !== undefined);
        return { ...presentQuote(q._source ?? {}, app.entities, names), ...(hl ? { highlight: hl } : {}), article };
      });
    }) as QuotesResponse['quotes'];
    const quotes = sameWords(found);
    const last = hits[hits.length - 1];
    const nextCursor = hits.length === limit && last?.sort ? app.cursors.encode({ after: last.sort, origin: new Date(0).toISOString(), fp }) : null;
    return { total: totalOf(res.hits.total).total, speakers, expandedEntities: entities, quotes, nextCursor };
  }

  app.get(
    '/v1/quotes',
    {
      schema: {
        tags: ['articles'],
        summary: 'Who said what: the quotations articles attribute to people and organisations',
        description:
          'The newest articles matching the search filters (q as /v1/search reads it) that hold a quotation — with `speaker`, one attributed to them, and with `said`, holding those words — each with its matching quotations: ' +
          'the words inside the marks, the attribution as written ("by") and the known person or organisation it names. Quotations are read at enrichment, in every language Akhbar reads, ' +
          'from the speech verbs around them (قال، أكد، said, a déclaré, dijo, sagte…); articles indexed before have none until `akhbar reenrich`. ' +
          '`GET /v1/stats/top?field=speakers` lists who is quoted most. Errors: 400 naming speaker for a name no one known has.',
        querystring: QuotesQuery,
        response: { 200: QuotesResponse },
      },
    },
    async (req, reply) => {
      const out = await runQuotes(req.query);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return out;
    },
  );

  // Who said what as a feed: what a minister says, in a feed reader. One entry per quotation, its
  // title the words and who said them, linking the article; its id stays with the quotation.
  for (const format of FEED_FORMATS) {
    app.get(
      `/v1/quotes.${format}`,
      {
        schema: {
          tags: ['articles'],
          summary: format === 'rss' ? 'Who said what as an RSS 2.0 feed' : 'Who said what as an Atom 1.0 feed',
          description: 'Same parameters as /v1/quotes (the newest page). One entry per quotation: titled with who said it and the words, its description the article\'s title and source, linking the article.',
          querystring: QuotesQuery,
          produces: [FEED_TYPES[format]],
        },
      },
      async (req, reply) => {
        const out = await runQuotes(req.query);
        const base = publicBase(app, req);
        reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
        const whose = out.speakers.map((e) => e.name).join(', ');
        return sendFeed(app, req, reply, format, {
          route: '/v1/quotes',
          title: `Akhbar — who said what${whose ? `: ${whose}` : ''}${req.query.q ? ` (${req.query.q})` : ''}`,
          description: 'Quotations in the news, newest first',
          entries: out.quotes.map((x) => {
            const who = x.speaker?.name ?? x.by;
            return {
              // The article and the quotation's words: the same quotation keeps its entry.
              id: `${base}/v1/articles/${encodeURIComponent(x.article.id)}#quote-${createHash('sha256').update(x.text).digest('hex').slice(0, 12)}`,
              hit: {
                id: x.article.id, url: x.article.url, title: `${who ? `${who}: ` : ''}${x.indirect ? x.text : `“${x.text}”`}`, summary: x.article.title, lang: x.article.lang, dir: x.article.dir,
                publishedAt: x.article.publishedAt, source: x.article.source, topics: [], entities: [], story: { id: x.article.story.id, size: 1 }, highlight: {},
              },
              description: `${x.article.title} — ${x.article.source.name || x.article.source.domain}`,
            };
          }),
        });
      },
    );
  }

  app.get(
    '/v1/quotes.csv',
    {
      schema: {
        tags: ['articles'],
        summary: 'Who said what, as CSV for a spreadsheet',
        description: 'The same parameters and quotations as /v1/quotes (one page; page on with the JSON route\'s cursor), a row per article carrying them (alsoIn\'s too): publishedAt, speaker, speakerName, by, text, title, url, source, lang, articleId, kind (quoted or reported), unnamed.',
        querystring: Type.Composite([QuotesQuery, Type.Object({ bom: Type.Boolean({ default: true, description: 'Start with a UTF-8 byte order mark, so spreadsheet programs read Arabic right' }) })], { additionalProperties: false }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { bom, ...q } = req.query;
      const out = await runQuotes(q);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      reply.header('content-disposition', 'attachment; filename="akhbar-quotes.csv"');
      reply.header('x-total-count', String(out.total));
      reply.type('text/csv; charset=utf-8');
      // Quotations, names and titles come from the feeds: defused like the search export's cells.
      // A row per article that carries the words: the ones alsoIn folds together too.
      const rows = out.quotes.flatMap((x) => [x.article, ...(x.alsoIn ?? [])].map((a) => [
        ...[a.publishedAt, x.speaker?.id ?? '', x.speaker?.name ?? '', x.by ?? '', x.text, a.title, a.url, a.source.name, a.lang, a.id].map(defuseCell),
        x.indirect ? 'reported' : 'quoted', x.unnamed ? 'true' : 'false',
      ]));
      return stringify(rows, { header: true, columns: ['publishedAt', 'speaker', 'speakerName', 'by', 'text', 'title', 'url', 'source', 'lang', 'articleId', 'kind', 'unnamed'], bom });
    },
  );
};
