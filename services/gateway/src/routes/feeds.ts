import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AkhbarError, FeedSchema, canonicalUrl, errorCode, type Feed } from '@akhbar/core';
import { FeedErrors, decodeBody, fetchUrl, findFeedLinks, parseOpml, sniffFormat, toOpml, type DiscoveredFeed } from '@akhbar/feeds';
import { F } from '@akhbar/search';
import { adminGuard } from '../auth.ts';
import { GatewayErrors, badParam, errorBody, notFound } from '../errors.ts';
import { IdParams, NoQuery } from '../params.ts';

const Discovered = Type.Object({ url: Type.String(), title: Type.Optional(Type.String()), type: Type.Optional(Type.String()) });
const ErrorOut = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), param: Type.Optional(Type.String()) }) });

/** What sniffFormat calls a feed Akhbar reads (news sitemaps and sitemap indexes included). */
const FEED_FORMATS = new Set(['rss', 'atom', 'rdf', 'json-feed', 'sitemap']);

type Probe = { kind: 'feed'; url: string; title?: string } | { kind: 'page'; feeds: DiscoveredFeed[] } | { kind: 'other' };

/**
 * Fetch what the user gave (with the same SSRF guard as ingest) and say what it is: a feed, a web
 * page (with the feeds it links), or neither.
 */
async function probe(app: FastifyInstance, url: string): Promise<Probe> {
  let res;
  try {
    res = await fetchUrl(url, {
      allowPrivate: app.gw.allowPrivateNetworks,
      timeoutMs: 15_000,
      maxBytes: 5 * 1024 * 1024,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
    });
  } catch (err) {
    const code = errorCode(err);
    if (code === FeedErrors.PRIVATE_ADDRESS || code === FeedErrors.BAD_SCHEME || code === FeedErrors.BAD_URL) {
      throw badParam('url', err instanceof Error ? err.message : String(err));
    }
    throw new AkhbarError(GatewayErrors.FEED_UNREACHABLE, `could not fetch ${url} (${code}); retry, or register it with "discover": false`, {
      permanent: true,
      details: { status: 502 },
    });
  }
  const contentType = res.headers['content-type'];
  const { text } = decodeBody(res.body, { contentType, kind: 'html' });
  const format = sniffFormat(text, contentType);
  if (FEED_FORMATS.has(format)) return { kind: 'feed', url: res.permanentUrl ?? url };
  if (format === 'html') return { kind: 'page', feeds: findFeedLinks(text, res.url) };
  return { kind: 'other' };
}

async function articleCounts(app: FastifyInstance, ids: string[]): Promise<Map<string, { indexed: number; latestAt?: string }>> {
  const out = new Map<string, { indexed: number; latestAt?: string }>();
  if (ids.length === 0) return out;
  try {
    const res = await app.esTimed('feed_counts', () =>
      app.es.search(
        {
          index: app.gw.index,
          size: 0,
          query: { terms: { [F.feedId]: ids } },
          aggs: { feeds: { terms: { field: F.feedId, size: ids.length }, aggs: { latest: { max: { field: F.publishedAt } } } } },
        },
        { requestTimeout: app.gw.esTimeoutMs, maxRetries: 0 },
      ),
    );
    for (const b of ((res.aggregations?.feeds as { buckets?: Array<Record<string, any>> } | undefined)?.buckets ?? [])) {
      out.set(String(b.key), { indexed: b.doc_count, ...(b.latest?.value_as_string ? { latestAt: b.latest.value_as_string } : {}) });
    }
  } catch (err) {
    // Counts are a convenience: the feed list still answers while the index is missing or down.
    app.log.warn({ err }, 'feed article counts unavailable');
  }
  return out;
}

const FeedWithCounts = Type.Composite([
  Type.Omit(FeedSchema, ['$id']),
  Type.Object({ counts: Type.Object({ seen: Type.Integer({ description: 'Distinct articles queued from this feed' }), indexed: Type.Integer({ description: 'Articles in the index' }), latestAt: Type.Optional(Type.String()) }) }),
]);

function withCounts(feed: Feed, counts: Map<string, { indexed: number; latestAt?: string }>) {
  const c = counts.get(feed.id);
  return { ...feed, counts: { seen: feed.status.itemsSeen, indexed: c?.indexed ?? 0, ...(c?.latestAt ? { latestAt: c.latestAt } : {}) } };
}

/** Feed administration, all behind the admin token. Registering a feed queues its first fetch at once. */
export const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', adminGuard(app.gw.adminToken));
  const security = [{ admin: [] }];

  app.post(
    '/v1/feeds',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Register a feed',
        description:
          'The URL is fetched first: a feed is registered and fetched at once (201, or 200 when already known); a web page answers 422 AKHBAR_FEED_NOT_A_FEED with the feeds it links (`feeds`), so one of them can be registered. `discover: false` registers without fetching.',
        security,
        querystring: NoQuery,
        body: Type.Object(
          {
            url: Type.String({ minLength: 8, maxLength: 2048 }),
            title: Type.Optional(Type.String({ maxLength: 300 })),
            lang: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            intervalSec: Type.Optional(Type.Integer({ minimum: 60, maximum: 86_400 })),
            fulltext: Type.Optional(Type.Union([Type.Literal('always'), Type.Literal('when-short'), Type.Literal('never')])),
            category: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Folder the feed is filed under, e.g. Iraq: a collection to search (collection=)' })),
            discover: Type.Boolean({ default: true, description: 'Fetch the URL first (feed or page with feeds)' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: FeedSchema,
          201: FeedSchema,
          422: Type.Composite([ErrorOut, Type.Object({ feeds: Type.Array(Discovered) })]),
        },
      },
    },
    async (req, reply) => {
      const { discover, ...input } = req.body;
      let url: string;
      try {
        url = canonicalUrl(input.url);
      } catch (err) {
        throw badParam('url', err instanceof Error ? err.message : 'not a valid URL');
      }
      if (discover) {
        const found = await probe(app, url);
        if (found.kind === 'page') {
          return reply.code(422).send({
            ...errorBody(GatewayErrors.NOT_A_FEED, found.feeds.length > 0 ? `${url} is a web page, not a feed; it links ${String(found.feeds.length)} feed(s): register one of them` : `${url} is a web page that links no feed`),
            feeds: found.feeds,
          });
        }
        if (found.kind === 'other') {
          return reply.code(422).send({ ...errorBody(GatewayErrors.NOT_A_FEED, `${url} is neither a feed nor a web page`), feeds: [] });
        }
        url = found.url;
      }
      const { feed, created } = await app.registry.add({ ...input, url });
      await app.queues.fetch.add('fetch', { v: 1, feedId: feed.id, reason: 'new' }, { jobId: `new-${feed.id}-${String(Date.now())}` });
      req.log.info({ feedId: feed.id, created }, 'feed registered');
      // Its category is a collection to search at once, in this gateway at least.
      if (feed.category) await app.collections.reload();
      return reply.code(created ? 201 : 200).send(feed);
    },
  );

  app.get(
    '/v1/feeds',
    {
      schema: {
        tags: ['feeds'],
        summary: 'List feeds with status and article counts',
        security,
        querystring: Type.Object(
          { state: Type.Optional(Type.Union(['new', 'active', 'failing', 'disabled', 'gone'].map((s) => Type.Literal(s)), { description: 'Only feeds in this state' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ feeds: Type.Array(FeedWithCounts) }) },
      },
    },
    async (req) => {
      const feeds = (await app.registry.list()).filter((f) => !req.query.state || f.status.state === req.query.state);
      const counts = await articleCounts(app, feeds.map((f) => f.id));
      return { feeds: feeds.map((f) => withCounts(f, counts)) };
    },
  );

  app.get(
    '/v1/feeds/export',
    { schema: { tags: ['feeds'], summary: 'Every feed as OPML 2.0', security, querystring: NoQuery, produces: ['text/x-opml'] } },
    async (_req, reply) => {
      const feeds = await app.registry.list();
      const opml = toOpml(feeds.map((f) => ({ url: f.url, ...(f.title ? { title: f.title } : {}), ...(f.siteUrl ? { siteUrl: f.siteUrl } : {}), ...(f.lang ? { lang: f.lang } : {}) })), { title: 'Akhbar feeds' });
      return reply.type('text/x-opml; charset=utf-8').header('content-disposition', 'attachment; filename="akhbar-feeds.opml"').send(opml);
    },
  );

  app.get(
    '/v1/feeds/:id',
    { schema: { tags: ['feeds'], summary: 'One feed: settings, status (last fetch, errors), counts', security, params: IdParams, querystring: NoQuery, response: { 200: FeedWithCounts } } },
    async (req) => {
      const feed = await app.registry.get(req.params.id);
      if (!feed) throw notFound(`no feed with id ${req.params.id}`);
      return withCounts(feed, await articleCounts(app, [feed.id]));
    },
  );

  app.patch(
    '/v1/feeds/:id',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Change a feed: settings, full-text policy, or re-enable it',
        description:
          'Only the fields sent change. `enabled: true` re-enables a disabled or failing feed (failures reset) and fetches it at once; `enabled: false` stops polling it (state `disabled`) while keeping it and its articles.',
        security,
        params: IdParams,
        querystring: NoQuery,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ maxLength: 300 })),
            lang: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            category: Type.Optional(Type.String({ maxLength: 200 })),
            intervalSec: Type.Optional(Type.Integer({ minimum: 60, maximum: 86_400 })),
            fulltext: Type.Optional(Type.Union([Type.Literal('always'), Type.Literal('when-short'), Type.Literal('never')])),
            enabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: FeedSchema },
      },
    },
    async (req) => {
      const { enabled, ...settings } = req.body;
      if (!(await app.registry.get(req.params.id))) throw notFound(`no feed with id ${req.params.id}`);
      if (Object.keys(settings).length > 0) await app.registry.updateSettings(req.params.id, settings);
      if (enabled === true) {
        await app.registry.updateStatus(req.params.id, { state: 'active', consecutiveFailures: 0, nextFetchAt: null });
        await app.queues.fetch.add('fetch', { v: 1, feedId: req.params.id, reason: 'manual' }, { jobId: `manual-${req.params.id}-${String(Math.floor(Date.now() / 1000))}`, priority: 1 });
      } else if (enabled === false) {
        await app.registry.updateStatus(req.params.id, { state: 'disabled' });
      }
      req.log.info({ feedId: req.params.id, changed: Object.keys(req.body) }, 'feed changed');
      if ('category' in settings) await app.collections.reload();
      return app.registry.require(req.params.id);
    },
  );

  app.delete(
    '/v1/feeds/:id',
    { schema: { tags: ['feeds'], summary: 'Remove a feed (its articles stay searchable)', security, params: IdParams, querystring: NoQuery } },
    async (req, reply) => {
      const removed = await app.registry.remove(req.params.id);
      if (!removed) throw notFound(`no feed with id ${req.params.id}`);
      req.log.info({ feedId: req.params.id }, 'feed removed');
      await app.collections.reload();
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/feeds/:id/refresh',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Fetch a feed now',
        security,
        params: IdParams,
        querystring: NoQuery,
        response: { 202: Type.Object({ feedId: Type.String(), jobId: Type.String() }) },
      },
    },
    async (req, reply) => {
      const feed = await app.registry.get(req.params.id);
      if (!feed) throw notFound(`no feed with id ${req.params.id}`);
      // One manual refresh per feed per second collapses double clicks into one job.
      const jobId = `manual-${feed.id}-${String(Math.floor(Date.now() / 1000))}`;
      await app.queues.fetch.add('fetch', { v: 1, feedId: feed.id, reason: 'manual' }, { jobId, priority: 1 });
      req.log.info({ feedId: feed.id }, 'manual refresh queued');
      return reply.code(202).send({ feedId: feed.id, jobId });
    },
  );

  // OPML arrives as XML; it is parsed by @akhbar/feeds (entity-safe), so take it as text.
  app.addContentTypeParser(['text/x-opml', 'application/xml', 'text/xml', 'text/plain', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
  app.post(
    '/v1/feeds/import',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Import an OPML subscription list',
        description: 'Body: the OPML document (Content-Type text/x-opml or application/xml). Feeds are registered without fetching each first; every new one is fetched at once.',
        security,
        querystring: NoQuery,
        response: {
          200: Type.Object({
            added: Type.Integer(),
            existing: Type.Integer(),
            failed: Type.Array(Type.Object({ url: Type.String(), code: Type.String(), message: Type.String() })),
            feeds: Type.Array(Type.Object({ id: Type.String(), url: Type.String(), created: Type.Boolean() })),
          }),
        },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badParam('body', 'send the OPML document as the request body (Content-Type text/x-opml)');
      let outlines;
      try {
        outlines = parseOpml(req.body);
      } catch (err) {
        throw new AkhbarError(GatewayErrors.BAD_OPML, `not a valid OPML document: ${err instanceof Error ? err.message : String(err)}`, { permanent: true, details: { param: 'body' } });
      }
      let added = 0;
      let existing = 0;
      const failed: Array<{ url: string; code: string; message: string }> = [];
      const feeds: Array<{ id: string; url: string; created: boolean }> = [];
      for (const o of outlines) {
        try {
          const { feed, created } = await app.registry.add({
            url: o.url,
            ...(o.title ? { title: o.title.slice(0, 300) } : {}),
            ...(o.siteUrl ? { siteUrl: o.siteUrl } : {}),
            ...(o.lang && /^[a-z]{2,3}$/.test(o.lang) ? { lang: o.lang } : {}),
            // The folder the feed sits in becomes its category (a collection), as the CLI's import does.
            ...(o.category ? { category: o.category.slice(0, 200) } : {}),
          });
          if (created) {
            added++;
            await app.queues.fetch.add('fetch', { v: 1, feedId: feed.id, reason: 'new' }, { jobId: `new-${feed.id}-${String(Date.now())}` });
          } else existing++;
          feeds.push({ id: feed.id, url: feed.url, created });
        } catch (err) {
          if (!(err instanceof AkhbarError) || !err.permanent) throw err;
          failed.push({ url: o.url.slice(0, 2048), code: err.code, message: err.message });
        }
      }
      req.log.info({ added, existing, failed: failed.length }, 'OPML imported');
      await app.collections.reload();
      return { added, existing, failed, feeds };
    },
  );
};
