import { createHash } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AkhbarError, articleId, canonicalUrl, errorCode, isAkhbarError } from '@akhbar/core';
import { FulltextErrors, assertHtml, extractArticle } from '@akhbar/extract';
import { FeedErrors, decodeBody, fetchUrl } from '@akhbar/feeds';
import { detectLanguage } from '@akhbar/nlp';
import { SIMILAR_MAX_CHARS, similarBody, type SearchFilters } from '@akhbar/search';
import { badParam, bodyText } from '../errors.ts';
import { EntityOut, HitOut, presentHit, totalOf, type EsHit } from '../present.ts';
import { FilterParams, NamesParam, expandedFilters, nameLangs } from '../params.ts';
import { stopwordsOf } from '../stopwords.ts';
import { chargeExtra } from '../charge.ts';
import { findDoc } from './articles.ts';
import type { KnownEntity } from '../expand.ts';

/**
 * What fetching a page costs against the client's rate limit, in requests: it holds a connection
 * to a third party for up to PAGE_TIMEOUT_MS and reads up to PAGE_MAX_BYTES, and the gateway must
 * not become a cheap way to hammer another site.
 */
export const FETCH_COST = 5;

/** The largest page /v1/similar reads for a url (news pages are a few hundred KB; more is not an article). */
const PAGE_MAX_BYTES = 3 * 1024 * 1024;
const PAGE_TIMEOUT_MS = 15_000;
/** How long a fetched page's text is kept (in Redis, for every gateway): a link many paste is fetched once. */
const PAGE_CACHE_SEC = 600;

/** What the text was, when it came from a url: the article the index holds, or the page as fetched. */
interface Read {
  url: string;
  title: string;
  /** The index's article of that URL, left out of the hits. */
  id?: string;
  fetched: boolean;
}

/**
 * The text of the article at `url`: the index's copy when it has one, else the page, fetched with
 * the shared safe fetcher (the SSRF guard, size cap and deadline ingest uses) and read by the
 * full-text stage's extractor. robots.txt is not asked: this is one page a person asked for, as
 * their browser would fetch it (what robots.txt governs is crawling; Google's user-triggered
 * fetchers do the same). A page's text is kept for PAGE_CACHE_SEC, so a link pasted again (by anyone,
 * on any gateway) is neither fetched nor charged again. Coded errors: a refused or malformed url is a 400 naming it; a page that
 * is not HTML or holds no article a 422 with the full-text stage's code; an unreachable one a 502.
 */
export async function textOfUrl(app: FastifyInstance, url: string, charge: () => Promise<void>, param = 'url'): Promise<{ text: string; read: Read; exclude: string[] }> {
  let canonical: string;
  try {
    canonical = canonicalUrl(url);
  } catch (err) {
    throw badParam(param, `${param}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const held = await findDoc(app, articleId(canonical));
  if (held) {
    const text = [held.title, held.summary, held.body].filter((x) => typeof x === 'string' && x !== '').join('\n\n');
    return { text, read: { url: held.url ?? url, title: held.title ?? '', id: held.id, fetched: false }, exclude: [held.id] };
  }
  // Read lately (by any gateway): that text, with nothing fetched or charged. A cache: when Redis
  // cannot answer, the page is fetched as if it had never been.
  const key = `${app.gw.queuePrefix}:similar:page:${createHash('sha256').update(canonical).digest('base64url')}`;
  const kept = await app.redis.get(key).catch(() => null);
  if (kept) return JSON.parse(kept) as { text: string; read: Read; exclude: string[] };
  await charge();
  let res;
  try {
    res = await fetchUrl(url, { allowPrivate: app.gw.allowPrivateNetworks, timeoutMs: PAGE_TIMEOUT_MS, maxBytes: PAGE_MAX_BYTES, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' });
  } catch (err) {
    const code = errorCode(err);
    const message = err instanceof Error ? err.message : String(err);
    if (code === FeedErrors.PRIVATE_ADDRESS || code === FeedErrors.BAD_SCHEME || code === FeedErrors.BAD_URL) throw badParam(param, message);
    if (code === FeedErrors.TOO_LARGE) throw new AkhbarError(FulltextErrors.TOO_LARGE, `the page at ${url} is larger than ${String(PAGE_MAX_BYTES / 1024 / 1024)} MB`, { permanent: true, details: { status: 422, param } });
    const status = isAkhbarError(err) && typeof err.details?.status === 'number' ? err.details.status : undefined;
    throw new AkhbarError(status !== undefined ? FulltextErrors.HTTP_STATUS : FulltextErrors.FETCH_FAILED, `could not fetch ${url}: ${status !== undefined ? `HTTP ${String(status)}` : code}`, {
      permanent: true,
      details: { status: 502, param },
    });
  }
  const contentType = res.headers['content-type'];
  let article;
  try {
    assertHtml(res.body, contentType);
    article = extractArticle(decodeBody(res.body, { contentType, kind: 'html' }).text, { url: res.url });
  } catch (err) {
    if (isAkhbarError(err)) throw new AkhbarError(err.code, err.message, { permanent: true, details: { status: 422, param } });
    throw err;
  }
  // The same article may be in the index under where the url led (a redirect, the page's canonical link).
  const exclude = [...new Set([res.url, article.canonical].filter((u): u is string => !!u).flatMap((u) => {
    try {
      return [articleId(canonicalUrl(u))];
    } catch {
      return [];
    }
  }))];
  const text = `${article.title}\n\n${article.text}`.slice(0, SIMILAR_MAX_CHARS);
  const out = { text, read: { url: res.url, title: article.title, fetched: true }, exclude };
  await app.redis.set(key, JSON.stringify(out), 'EX', PAGE_CACHE_SEC).catch((err: unknown) => app.log.warn({ err }, 'could not keep a fetched page for /v1/similar'));
  return out;
}

/**
 * The search for articles like `text` (similarBody), with what it read in the text: its language
 * (detected) and the known entities it names. One place for /v1/similar and alerts defined by a text.
 */
export function likeText(
  app: FastifyInstance,
  text: string,
  filters: SearchFilters,
  o: { limit: number; collapse?: boolean; exclude?: readonly string[] },
): { body: Record<string, unknown>; lang: string | null; named: KnownEntity[] } {
  const guess = detectLanguage(text);
  const lang = guess.lang === 'und' ? null : guess.lang;
  const named = app.entities?.find(text) ?? [];
  const body = similarBody(text, {
    ...(lang ? { lang } : {}),
    entityIds: named.map((e) => e.id),
    stopWords: stopwordsOf(lang),
    ...(o.exclude ? { exclude: o.exclude } : {}),
    filters,
    limit: o.limit,
    collapse: o.collapse ?? false,
    timeoutMs: app.gw.esTimeoutMs,
  });
  return { body, lang, named };
}

export const similarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A text/plain body is the text itself (curl --data-binary @article.txt), validated as {text};
  // bytes that are not UTF-8 are refused, as in a JSON body, not read as replacement characters.
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_req, body, done) => {
    let text: string;
    try {
      text = bodyText(body as Buffer);
    } catch (err) {
      return done(err as Error, undefined);
    }
    done(null, { text });
  });

  app.post(
    '/v1/similar',
    {
      schema: {
        tags: ['articles'],
        summary: 'Articles like a text or a page: coverage of a paragraph, a claim or an article from elsewhere, in any language',
        description:
          'POST JSON with the text ({"text": "…"}, at most ' + String(SIMILAR_MAX_CHARS) + ' characters; or a text/plain body, the text itself) or the address of an article ' +
          '({"url": "https://…"}: the index\'s copy when it holds one, left out of the hits, else the page fetched and its story read as the full-text stage reads it; a fetch counts as ' + String(FETCH_COST) + ' requests against the rate limit). ' +
          'The text\'s language is detected and its words matched with more-like-this in that language\'s fields and the language-neutral ones, function words left out; ' +
          'the people, places and organisations it names also match articles tagged with them in every language (two of them, or the one it names). ' +
          'Ranked by likeness; every search filter narrows (q must match too), collapse=story gives one hit per story.',
        querystring: Type.Object(
          {
            ...FilterParams,
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
            collapse: Type.Optional(Type.Literal('story', { description: 'story: one hit per story' })),
            ...NamesParam,
          },
          { additionalProperties: false },
        ),
        body: Type.Object(
          {
            text: Type.Optional(Type.String({ minLength: 1, maxLength: SIMILAR_MAX_CHARS, description: 'The text to find coverage like' })),
            url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Or the address of an article (http or https)' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'Articles alike (exact up to 10 000, see totalRelation)' }),
            totalRelation: Type.Union([Type.Literal('eq'), Type.Literal('gte')]),
            stories: Type.Optional(Type.Integer({ description: 'Stories alike (collapse=story)' })),
            lang: Type.Union([Type.String(), Type.Null()], { description: 'The language the text is written in, as detected; null when it could not tell' }),
            read: Type.Optional(
              Type.Object(
                {
                  url: Type.String({ description: 'Where the article is (after redirects)' }),
                  title: Type.String(),
                  id: Type.Optional(Type.String({ description: 'The index\'s article of that address: read from the index, and left out of the hits' })),
                  fetched: Type.Boolean({ description: 'Whether the page was fetched (the index did not hold it)' }),
                },
                { description: 'With url: the article whose text was read' },
              ),
            ),
            timedOut: Type.Boolean(),
            entities: Type.Array(EntityOut, { description: 'The known people, places and organisations the text names' }),
            expandedEntities: Type.Array(EntityOut, { description: 'Entities q named, as a search gives them' }),
            hits: Type.Array(HitOut),
          }),
        },
      },
    },
    async (req, reply) => {
      const { text: given, url } = req.body;
      if ((given === undefined) === (url === undefined)) throw badParam(given === undefined ? 'text' : 'url', 'give text (the words to find coverage like) or url (an article\'s address), one of them');
      if (given !== undefined && given.trim() === '') throw badParam('text', 'text is empty: give the words to find coverage like');
      const { limit, collapse, names: namesParam, ...q } = req.query;
      const { filters, entities: expanded } = expandedFilters(q, app.entities, app.collections);
      const charge = () => chargeExtra(app, req, reply, FETCH_COST - 1, 'a similar search that fetches a page');
      const { text, read, exclude } = url !== undefined ? await textOfUrl(app, url, charge) : { text: given!, read: undefined, exclude: [] };
      const { body, lang, named } = likeText(app, text, filters, { exclude, limit, collapse: collapse === 'story' });
      const res = await app.esTimed('similar', () => app.es.search({ index: app.gw.index, ...body }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }));
      const hits = res.hits.hits as EsHit[];
      const storyIds = hits.map((h) => {
        const s = h._source as { storyId?: string; id: string };
        return s.storyId ?? s.id;
      });
      const sizes = storyIds.length > 0 ? await app.storySizes.get(app, storyIds) : new Map<string, number>();
      const names = nameLangs(namesParam);
      return {
        ...totalOf(res.hits.total),
        ...(collapse === 'story' ? { stories: (res.aggregations?._stories as { value?: number } | undefined)?.value ?? 0 } : {}),
        lang,
        ...(read ? { read } : {}),
        timedOut: res.timed_out,
        entities: named,
        expandedEntities: expanded,
        hits: hits.map((h) => presentHit(h, sizes, app.entities, names)) as never,
      };
    },
  );
};
