import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPublicAddress } from '@akhbar/feeds';
import { ALERT_FORMATS, AkhbarError, AlertRegistry, DIGEST_PATTERN, alertEmail, digestPeriodMs, type AlertStatus, type StoredAlert } from '@akhbar/core';
import { ALERT_EDIT_SOURCE_FIELDS, ALERT_SOURCE_FIELDS, SIMILAR_MAX_CHARS, alertArticle, alertQuoteClause, alertQuotes, buildQuery, F, speakersInQuery, storySpread, storySpreadBody } from '@akhbar/search';
import { FETCH_COST, likeText, textOfUrl } from './similar.ts';
import { chargeExtra } from '../charge.ts';
import { adminGuard } from '../auth.ts';
import type { Collections } from '../collections.ts';
import { badParam, GatewayErrors, notFound } from '../errors.ts';
import { expandQuery } from '../expand.ts';
import { EntityOut } from '../present.ts';
import { IdParams, MAX_Q_CHARS, NoQuery, UndatedFilterParams, queryText, toFilters } from '../params.ts';

/**
 * Alerts: a saved search whose new matches are POSTed to a webhook as they are indexed (Google
 * Alerts for a self-hosted news index). The query is the search's own parameters, expanded to
 * entities as a search would be and stored as the Elasticsearch query it makes; the indexer
 * matches new articles against every alert and calls the webhooks (services/indexer/src/alerts.ts).
 * Admin only: a webhook makes the server send requests where the caller says.
 */

const TrueFalse = (description: string) => Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description }));

/** GET /v1/quotes's parameters on the quotations themselves: an alert on what someone says. */
const QUOTE_KEYS = ['said', 'direct', 'unnamed'] as const;

const AlertQuery = Type.Object(
  {
    ...UndatedFilterParams,
    said: Type.Optional(Type.String({ maxLength: MAX_Q_CHARS, description: 'As GET /v1/quotes takes it: only articles holding a quotation with these words (of speaker, with speaker=); each delivery carries the quotations that matched' })),
    direct: TrueFalse('As GET /v1/quotes takes it: "true" only quotations in quotation marks, "false" only reported speech'),
    unnamed: TrueFalse('As GET /v1/quotes takes it: "true" only what unnamed sources said, "false" only named ones'),
  },
  {
    additionalProperties: false,
    description: 'The /v1/search parameters that select articles (everything but from/to, paging and presentation), and those of /v1/quotes on what was said, as they would appear in the URL',
  },
);

const AlertFormat = Type.Union(ALERT_FORMATS.map((f) => Type.Literal(f)), {
  description: 'Body of each delivery: akhbar (the JSON below, the default), slack ({"text": …}: Slack, Mattermost, bridges taking Slack\'s format) or discord ({"content": …}), one line per article',
});

const MinSources = Type.Integer({
  minimum: 2,
  maximum: 100,
  description: 'Stories, not articles: a match is delivered only when its story is carried by at least this many sources (counted over the whole index), and each story once — the newest matching article, with story {id, sources, articles}; later articles of a story sent send nothing',
});

const AlertIn = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    webhook: Type.String({
      minLength: 8,
      maxLength: 2048,
      description: 'http(s) URL that receives a POST per new matching article (or per digest), or mailto:address to have them emailed (needs AKHBAR_SMTP_URL)',
    }),
    query: AlertQuery,
    like: Type.Optional(Type.String({ minLength: 1, maxLength: SIMILAR_MAX_CHARS, description: 'New matches must be like this text, as POST /v1/similar matches it (its words in its language, the people and places it names in every language); query then only narrows, and may be empty' })),
    likeUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Instead of like: an article\'s address; its text (the index\'s copy, else the page as POST /v1/similar reads it; fetching counts as 5 requests of the rate limit) becomes like' })),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 256, description: 'Signing secret; generated when absent (and then shown once, in this response). Not for an email alert: an email is not signed' })),
    digest: Type.Optional(Type.String({ pattern: DIGEST_PATTERN, description: 'Instead of one POST per article as it is indexed, one POST per period with its matches (15m, 1h, 1d…; 1 minute to 7 days; periods start on multiples of it, UTC)' })),
    format: Type.Optional(AlertFormat),
    minSources: Type.Optional(MinSources),
  },
  { additionalProperties: false },
);

const AlertOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  webhook: Type.String(),
  query: Type.Record(Type.String(), Type.String()),
  expandedEntities: Type.Array(EntityOut),
  createdAt: Type.String(),
  digest: Type.Optional(Type.String({ description: 'The period of its digests, when it sends them' })),
  format: Type.Optional(AlertFormat),
  minSources: Type.Optional(Type.Integer({ description: 'Delivers each story once, when it is carried by this many sources' })),
  onEdits: Type.Optional(Type.Array(Type.String(), { description: 'An alert on edits (its query has edited=): what an edit must change to fire it (title, summary, body; any) — it fires when a matching article is edited, once per such edit, not when one is indexed' })),
  searchUrl: Type.Optional(Type.String({ description: 'The same query as a search: what the alert would have matched so far (GET /v1/quotes for an alert on what was said; none for an alert with like)' })),
  like: Type.Optional(Type.String({ description: 'The text new matches must be like' })),
  likeUrl: Type.Optional(Type.String({ description: 'The article like was read from, when the alert was made from an address' })),
  status: Type.Object(
    {
      delivered: Type.Integer(),
      failed: Type.Integer({ description: 'Deliveries dead-lettered (refused by the webhook, or failing after every retry)' }),
      lastDeliveredAt: Type.Optional(Type.String()),
      lastFailedAt: Type.Optional(Type.String()),
      lastError: Type.Optional(Type.String()),
    },
    { description: 'How its deliveries went' },
  ),
});
const AlertCreated = Type.Composite([AlertOut, Type.Object({ secret: Type.Optional(Type.String({ description: 'Signs each delivery (X-Akhbar-Signature-256: sha256=HMAC(secret, body)); only shown here. None for an email alert' })) })]);

const newSecret = (): string => randomBytes(24).toString('base64url');
const isEmail = (webhook: string): boolean => webhook.startsWith('mailto:');

/**
 * A webhook URL worth storing: http(s), and not a private address spelled out (the delivery's
 * connection guard checks resolved names too); or `mailto:` one address, when the indexers have an
 * SMTP server to send it through.
 */
function webhookUrl(app: FastifyInstance, raw: string): string {
  if (/^mailto:/i.test(raw)) {
    if (!app.gw.emailAlerts) throw badParam('webhook', 'email alerts need an SMTP server: set AKHBAR_SMTP_URL (for the gateway and the indexer), or give an http(s) webhook');
    const address = alertEmail(`mailto:${raw.slice('mailto:'.length).trim()}`);
    if (address === undefined) throw badParam('webhook', 'a mailto: webhook takes one email address and nothing else, like mailto:desk@example.com');
    return `mailto:${address}`;
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw badParam('webhook', 'webhook is not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badParam('webhook', 'webhook must be an http or https URL');
  if (u.username || u.password) throw badParam('webhook', 'webhook must not carry credentials; sign deliveries with the secret instead');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!app.gw.allowPrivateNetworks && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && !isPublicAddress(host)))) {
    throw badParam('webhook', `webhook points to a non-public address (${host}); set AKHBAR_ALLOW_PRIVATE_NETWORKS=true to allow it`);
  }
  return u.toString();
}

/** A chat format shapes a webhook's POST: an email has its own. */
function checkFormat(webhook: string, format: string | undefined): void {
  if (format !== undefined && format !== 'akhbar' && webhook.startsWith('mailto:')) throw badParam('format', `format ${format} shapes a webhook's POST; an email alert is an email`);
}

function checkDigest(digest: string | undefined): void {
  if (digest !== undefined && digestPeriodMs(digest) === undefined) throw badParam('digest', `digest must be a period from 1m to 7d, such as 15m, 1h or 1d (got ${digest})`);
}

/**
 * An alert's search parameters → what is stored: the parameters as given, the entities they
 * expand to, the Elasticsearch query. `collections` resolves `collection=` (an unknown name is a
 * 400 when a user sends it; `rebuildAlerts` passes a lookup that skips it).
 */
function alertQuery(
  app: FastifyInstance,
  query: Static<typeof AlertQuery>,
  collections: Pick<Collections, 'sourcesOf'> = app.collections,
  like?: string,
): { params: Record<string, string>; entities: unknown[]; query: Record<string, unknown>; onEdits: string[] | undefined } {
  const params = givenParams(query);
  const { said, direct, unnamed, ...searchParams } = params;
  const filters = toFilters(searchParams, app.entities, collections);
  const saidText = queryText('said', said);
  const onQuotes = saidText !== undefined || direct !== undefined || unnamed !== undefined;
  const { in: _in, ...selecting } = filters;
  if (Object.keys(selecting).length === 0 && like === undefined && !onQuotes) throw badParam('query', 'an alert needs q, a filter (lang, topic, entity, country, source…), said or like: without one it would fire for every article');
  const { expansion, entities } = expandQuery(filters.q, app.entities);
  if (expansion) filters.expansion = expansion;
  // Like a text: the search /v1/similar runs, the parameters narrowing it.
  const articles = like !== undefined ? (likeText(app, like, filters, { limit: 1 }).body.query as Record<string, unknown>) : buildQuery(filters);
  // edited= (or edited: in q) makes an alert on edits: it fires when a matching article is edited.
  const onEdits = filters.edited;
  if (!onQuotes) return { params, entities, query: articles, onEdits };
  // What was said: a quotation (its speaker's, with speaker=) holding the words, of the kind asked.
  const quotes = alertQuoteClause({ speaker: filters.speaker, said: saidText, ...(direct ? { direct: direct === 'true' } : {}), ...(unnamed ? { unnamed: unnamed === 'true' } : {}) });
  return { params, entities, query: { bool: { filter: [articles], must: [quotes] } }, onEdits };
}

/** An alert's `like` text: words to match, not blank. */
/** An alert's search parameters as given: those with a value. */
function givenParams(query: Static<typeof AlertQuery>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
}

function checkLike(like: string | null | undefined, likeUrl: string | undefined): void {
  if (typeof like === 'string' && like.trim() === '') throw badParam('like', 'like is blank: give the text new coverage must be like');
  if (like !== undefined && likeUrl !== undefined) throw badParam('likeUrl', 'give like (a text) or likeUrl (an article\'s address), not both');
}

/**
 * The text an alert is to be like: `like` as given, or the article at `likeUrl` read as POST
 * /v1/similar reads it (the index's copy, else the page; a fetch is charged to the rate limit and
 * its errors name likeUrl). Kept as the alert's `like`, so the alert never fetches the page again.
 */
async function likeOf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, like: string | undefined, likeUrl: string | undefined): Promise<{ like?: string; likeUrl?: string }> {
  if (likeUrl === undefined) return like === undefined ? {} : { like };
  const charge = () => chargeExtra(app, req, reply, FETCH_COST - 1, 'an alert made from a page that must be fetched');
  const { text, read } = await textOfUrl(app, likeUrl.trim(), charge, 'likeUrl');
  if (text.trim() === '') throw badParam('likeUrl', `the article at ${likeUrl} has no text to be like`);
  return { like: text, likeUrl: read.url };
}

/** An alert on edits follows articles as their sites change them: it has no stories to wait for. */
function checkOnEdits(onEdits: readonly string[] | undefined, minSources: number | undefined): void {
  if (onEdits && minSources !== undefined) throw badParam('minSources', 'an alert on edits (edited=) is sent for each edit of a matching article; minSources (stories as they spread) does not apply to it');
}

function present(stored: StoredAlert, status: AlertStatus = { delivered: 0, failed: 0 }): Static<typeof AlertOut> {
  const a = stored.alert;
  return {
    id: a.id,
    name: a.name,
    webhook: a.webhook,
    query: a.params,
    expandedEntities: a.expandedEntities as Static<typeof AlertOut>['expandedEntities'],
    createdAt: a.createdAt,
    ...(a.digest ? { digest: a.digest } : {}),
    ...(a.format && a.format !== 'akhbar' ? { format: a.format } : {}),
    ...(a.minSources !== undefined ? { minSources: a.minSources } : {}),
    ...(a.onEdits ? { onEdits: a.onEdits } : {}),
    // An alert like a text has no search that says the same: POST /v1/similar does, with its text.
    // An alert on what was said: the same as quotations (a search takes no said=).
    ...(a.like !== undefined
      ? { like: a.like }
      : QUOTE_KEYS.some((k) => a.params[k] !== undefined)
        ? { searchUrl: `/v1/quotes?${new URLSearchParams(a.params).toString()}` }
        : { searchUrl: `/v1/search?${new URLSearchParams({ ...a.params, sort: a.onEdits ? 'edited' : 'newest' }).toString()}` }),
    ...(a.likeUrl !== undefined ? { likeUrl: a.likeUrl } : {}),
    status,
  };
}

/**
 * An alert follows what its query names. Its stored query is built once, from what was known then:
 * - a collection's sources as they were — so when feeds are filed under it, moved out or removed
 *   (from any gateway or the CLI — the collections' reload notices), the query of every alert with
 *   `collection=` is rebuilt from its parameters (`which: 'collections'`). A collection whose feeds
 *   are all gone matches nothing until one is filed there again;
 * - the entities its words named in the gazetteer then — so a gateway that starts with another
 *   gazetteer (a name added in `AKHBAR_ENTITIES_FILE`, an upgrade) rebuilds every alert's query
 *   (`which: 'all'`), and an alert on "Zubair refinery" made before that name was an entity also
 *   matches its articles in every language after.
 * Only queries that come out different are written.
 */
async function rebuildAlerts(app: FastifyInstance, registry: AlertRegistry, which: 'collections' | 'all'): Promise<void> {
  const known = { sourcesOf: (names: readonly string[]) => app.collections.sourcesOf(names, { skipUnknown: true }) };
  for (const stored of await registry.list()) {
    if (which === 'collections' && !stored.alert.params.collection) continue;
    try {
      const selects = alertQuery(app, stored.alert.params as Static<typeof AlertQuery>, known, stored.alert.like);
      if (JSON.stringify(selects.query) === JSON.stringify(stored.query)) continue;
      // Only if nobody changed the alert since it was read: a PATCH meanwhile rebuilt it itself.
      if (await registry.replace(stored, { ...stored, alert: { ...stored.alert, expandedEntities: selects.entities, ...(selects.onEdits ? { onEdits: selects.onEdits } : {}) }, query: selects.query })) {
        const why = which === 'collections' ? 'its collection changed' : 'it reads differently now (collections or entities changed)';
        app.log.info({ alertId: stored.alert.id, entities: selects.entities.length, collection: stored.alert.params.collection }, `alert query rebuilt: ${why}`);
      }
    } catch (err) {
      app.log.warn({ err, alertId: stored.alert.id }, 'could not rebuild the query of an alert; it keeps the last one');
    }
  }
}

export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', adminGuard(app.gw.adminToken));
  const security = [{ admin: [] }];
  const registry = new AlertRegistry(app.redis, app.gw.queuePrefix);
  const stopFollowing = app.collections.onChange(() => rebuildAlerts(app, registry, 'collections'));
  app.addHook('onClose', async () => stopFollowing());
  // At start, every alert: this process's gazetteer may name more than the one that built them,
  // and the collections may have been loaded before the listener was added. Not holding up
  // start-up (Redis may still be connecting; the next collection change runs it again).
  app.addHook('onReady', async () => {
    rebuildAlerts(app, registry, 'all').catch((err: unknown) => app.log.warn({ err }, 'could not bring alerts up to date'));
  });

  app.post(
    '/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Create an alert',
        description:
          'Every article indexed from now on that matches `query` is POSTed to `webhook` as JSON `{ alert: {id, name}, article: {id, url, title, summary, lang, publishedAt, source, topics, entityIds, storyId, tone}, deliveredAt }`, ' +
          'signed: `X-Akhbar-Signature-256: sha256=<hex HMAC-SHA256 of the body with the secret>`. Once per alert and article; updates of an article send nothing. ' +
          'Failed deliveries (unreachable, timeout, 408/429/5xx) are retried with backoff, then dead-lettered (`akhbar dlq`); other 4xx answers are dead-lettered at once. ' +
          'An alert sees articles indexed from about 2 s after it is created. ' +
          'With `digest` (e.g. `1h`), the matches of each period are POSTed together at its end instead: `{ alert, digest: {period, count, more}, articles: [newest first, at most 100], deliveredAt }` ' +
          '(`more` matches beyond 100 follow at once in another POST); a period without a match sends nothing. ' +
          'With `minSources` (2–100), stories rather than articles: a match is delivered only once its story is carried by that many sources, each story once (remembered 30 days after the alert last sent one), as its newest matching article with `story: {id, sources, articles}`.',
        security,
        querystring: NoQuery,
        body: AlertIn,
        response: { 201: AlertCreated },
      },
    },
    async (req, reply) => {
      const { name, query, secret, digest, format, minSources } = req.body;
      const webhook = webhookUrl(app, req.body.webhook);
      checkFormat(webhook, format);
      checkDigest(digest);
      checkLike(req.body.like, req.body.likeUrl);
      if (secret !== undefined && isEmail(webhook)) throw badParam('secret', 'an email alert is not signed: leave out secret (it signs webhook POSTs)');
      // The query's filters are checked before a page is fetched for likeUrl: a bad one costs no fetch.
      if (req.body.likeUrl !== undefined) toFilters(givenParams(query), app.entities, app.collections);
      const liked = await likeOf(app, req, reply, req.body.like, req.body.likeUrl);
      const selects = alertQuery(app, query, app.collections, liked.like);
      checkOnEdits(selects.onEdits, minSources);
      const stored: StoredAlert = {
        alert: {
          id: randomBytes(9).toString('base64url'), name, webhook, params: selects.params, ...liked, expandedEntities: selects.entities, createdAt: new Date().toISOString(),
          ...(digest ? { digest } : {}), ...(format && format !== 'akhbar' ? { format } : {}), ...(minSources !== undefined ? { minSources } : {}),
          ...(selects.onEdits ? { onEdits: selects.onEdits } : {}),
        },
        query: selects.query,
        ...(isEmail(webhook) ? {} : { secret: secret ?? newSecret() }),
      };
      await registry.put(stored);
      req.log.info({ alertId: stored.alert.id }, 'alert created');
      return reply.code(201).send({ ...present(stored), ...(stored.secret !== undefined ? { secret: stored.secret } : {}) });
    },
  );

  app.get(
    '/v1/alerts',
    { schema: { tags: ['alerts'], summary: 'List alerts with how their deliveries went (without their secrets)', security, querystring: NoQuery, response: { 200: Type.Object({ alerts: Type.Array(AlertOut) }) } } },
    async () => {
      const alerts = await registry.list();
      const statuses = await Promise.all(alerts.map((a) => registry.status(a.alert.id)));
      return { alerts: alerts.map((a, i) => present(a, statuses[i])) };
    },
  );

  app.get(
    '/v1/alerts/:id',
    { schema: { tags: ['alerts'], summary: 'One alert (without its secret)', security, params: IdParams, querystring: NoQuery, response: { 200: AlertOut } } },
    async (req) => {
      const stored = await registry.get(req.params.id);
      if (!stored) throw notFound(`no alert ${req.params.id}`);
      return present(stored, await registry.status(stored.alert.id));
    },
  );

  app.post(
    '/v1/alerts/:id/test',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Send the newest matching article to the webhook now (as a one-article digest for a digest alert)',
        description:
          'To check a receiver and its signature check: the newest article in the index that the alert matches is queued for delivery at once, as a match would be, with `"test": true` in the body. 202 with the article; 422 AKHBAR_ALERT_NO_MATCH when nothing in the index matches yet.',
        security,
        params: IdParams,
        querystring: NoQuery,
        response: { 202: Type.Object({ queued: Type.Literal(true), article: Type.Object({ id: Type.String(), title: Type.String(), publishedAt: Type.String() }) }) },
      },
    },
    async (req, reply) => {
      const stored = await registry.get(req.params.id);
      if (!stored) throw notFound(`no alert ${req.params.id}`);
      const res = await app.esTimed('alert_test', () =>
        app.es.search(
          { index: app.gw.index, size: 1, query: stored.query, sort: [{ [stored.alert.onEdits ? F.editedAt : F.publishedAt]: 'desc' }], _source: { includes: [...ALERT_SOURCE_FIELDS, ...(stored.alert.onEdits ? ALERT_EDIT_SOURCE_FIELDS : []), F.quotes], excludes: [`${F.quotes}.i18n`] } },
          { requestTimeout: app.gw.esTimeoutMs },
        ),
      );
      const hit = res.hits.hits[0];
      if (!hit?._source) {
        throw new AkhbarError(GatewayErrors.ALERT_NO_MATCH, 'no article in the index matches this alert yet, so there is nothing to send', { permanent: true, details: { status: 422 } });
      }
      // With what was said, as a real delivery carries it.
      let article = alertArticle(hit._source as Record<string, unknown>, alertQuotes(hit as Parameters<typeof alertQuotes>[0], speakersInQuery(stored.query)));
      // An alert on stories sends its story's spread: the test shows the receiver that shape too.
      if (stored.alert.minSources !== undefined && article.storyId) {
        const spread = storySpread((await app.es.search({ index: app.gw.index, ...storySpreadBody([article.storyId]) }, { requestTimeout: app.gw.esTimeoutMs })).aggregations).get(article.storyId);
        if (spread) article = { ...article, story: { id: article.storyId, ...spread } };
      }
      const job = stored.alert.digest ? { v: 1 as const, alertId: stored.alert.id, digest: true as const, articles: [article], test: true } : { v: 1 as const, alertId: stored.alert.id, article, test: true };
      await app.queues.alerts.add('alert', job, { jobId: `test-${stored.alert.id}-${String(Date.now())}` });
      req.log.info({ alertId: stored.alert.id, articleId: article.id }, 'alert test delivery queued');
      return reply.code(202).send({ queued: true as const, article: { id: article.id, title: article.title, publishedAt: article.publishedAt } });
    },
  );

  app.patch(
    '/v1/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Change an alert: its name, webhook, query, like text (or the article it is read from), digest or minSources, or a new secret',
        description:
          'Only the fields sent change. `query` replaces the whole query (re-expanded to entities as at creation); `digest: null` goes back to one POST per article; ' +
          '`rotateSecret: true` makes a new signing secret, shown once in this response (the old one stops signing at once); an email alert has none, and one changed to an http(s) webhook gets one, shown the same way. Matches already queued are delivered as the alert now is.',
        security,
        params: IdParams,
        querystring: NoQuery,
        body: Type.Object(
          {
            name: Type.Optional(AlertIn.properties.name),
            webhook: Type.Optional(AlertIn.properties.webhook),
            query: Type.Optional(AlertQuery),
            like: Type.Optional(Type.Union([AlertIn.properties.like, Type.Null()], { description: 'A new text the matches must be like, or null for the query alone' })),
            likeUrl: Type.Optional(AlertIn.properties.likeUrl),
            minSources: Type.Optional(Type.Union([MinSources, Type.Null()], { description: 'A number of sources for stories only, or null for every matching article' })),
            digest: Type.Optional(Type.Union([Type.String({ pattern: DIGEST_PATTERN }), Type.Null()], { description: 'A period (15m, 1h, 1d…), or null for one POST per article' })),
            format: Type.Optional(AlertFormat),
            rotateSecret: Type.Optional(Type.Boolean({ description: 'Make a new signing secret (shown once, in this response)' })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Composite([AlertOut, Type.Object({ secret: Type.Optional(Type.String({ description: 'The new secret: with rotateSecret, or when an email alert becomes a webhook' })) })]) },
      },
    },
    async (req, reply) => {
      const stored = await registry.get(req.params.id);
      if (!stored) throw notFound(`no alert ${req.params.id}`);
      const b = req.body;
      const alert = { ...stored.alert };
      let query = stored.query;
      if (b.name !== undefined) alert.name = b.name;
      if (b.webhook !== undefined) alert.webhook = webhookUrl(app, b.webhook);
      checkLike(b.like, b.likeUrl);
      if (b.like === null) {
        delete alert.like;
        delete alert.likeUrl;
      } else if (b.like !== undefined || b.likeUrl !== undefined) {
        const liked = await likeOf(app, req, reply, b.like, b.likeUrl);
        alert.like = liked.like!;
        if (liked.likeUrl !== undefined) alert.likeUrl = liked.likeUrl;
        else delete alert.likeUrl;
      }
      if (b.query !== undefined || b.like !== undefined || b.likeUrl !== undefined) {
        const selects = alertQuery(app, b.query ?? (alert.params as Static<typeof AlertQuery>), app.collections, alert.like);
        alert.params = selects.params;
        alert.expandedEntities = selects.entities;
        if (selects.onEdits) alert.onEdits = selects.onEdits;
        else delete alert.onEdits;
        query = selects.query;
      }
      if (b.digest === null) delete alert.digest;
      else if (b.digest !== undefined) {
        checkDigest(b.digest);
        alert.digest = b.digest;
      }
      if (b.minSources === null) delete alert.minSources;
      else if (b.minSources !== undefined) alert.minSources = b.minSources;
      checkOnEdits(alert.onEdits, alert.minSources);
      if (b.format === 'akhbar') delete alert.format;
      else if (b.format !== undefined) alert.format = b.format;
      checkFormat(alert.webhook, alert.format);
      if (b.rotateSecret && isEmail(alert.webhook)) throw badParam('rotateSecret', 'an email alert is not signed: it has no secret to rotate');
      // An email alert keeps no secret; a webhook needs one (a new one when it had none).
      const fresh = !isEmail(alert.webhook) && (b.rotateSecret === true || stored.secret === undefined);
      const secret = isEmail(alert.webhook) ? undefined : fresh ? newSecret() : stored.secret;
      const updated: StoredAlert = { alert, query, ...(secret !== undefined ? { secret } : {}) };
      await registry.put(updated);
      req.log.info({ alertId: alert.id, changed: Object.keys(b) }, 'alert changed');
      return { ...present(updated, await registry.status(alert.id)), ...(fresh ? { secret } : {}) };
    },
  );

  app.delete(
    '/v1/alerts/:id',
    { schema: { tags: ['alerts'], summary: 'Delete an alert (deliveries still queued for it are dropped)', security, params: IdParams, querystring: NoQuery } },
    async (req, reply) => {
      if (!(await registry.remove(req.params.id))) throw notFound(`no alert ${req.params.id}`);
      return reply.code(204).send();
    },
  );
};
