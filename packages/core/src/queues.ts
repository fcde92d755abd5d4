import { Type, type Static } from '@sinclair/typebox';
import { DateMentionSchema, EnrichedArticleSchema, QuoteSchema, RawArticleSchema } from './article.ts';

/**
 * Queue names and their payloads. Producers and consumers import these names and types; nothing
 * re-declares them. Keys live under the queue prefix (default `{akhbar}`): the hash tag keeps a
 * queue's keys in one Redis Cluster slot.
 */
export const QUEUES = {
  /** Scheduler → fetch worker: one job per feed poll. */
  fetch: 'feeds.fetch',
  /** Ingest → (full text) → enrich. */
  raw: 'articles.raw',
  /** Optional full-text stage between ingest and enrich. */
  fulltext: 'articles.fulltext',
  /** Enrich → indexer. */
  enriched: 'articles.enriched',
  /** Permanent failures from any stage, with the reason; `akhbar dlq` inspects and replays them. */
  dead: 'articles.dead',
  /** Indexer → alert matcher: ids of newly indexed articles, a batch per job. */
  alertMatch: 'alerts.match',
  /** Alert matcher → webhook: one job per (alert, new article) match. */
  alerts: 'alerts.deliver',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const FetchJobSchema = Type.Object(
  {
    v: Type.Literal(1),
    feedId: Type.String(),
    reason: Type.Optional(Type.Union([Type.Literal('schedule'), Type.Literal('manual'), Type.Literal('new'), Type.Literal('retry'), Type.Literal('push')])),
  },
  { $id: 'FetchJob', additionalProperties: false },
);
export type FetchJob = Static<typeof FetchJobSchema>;

export const RawJobSchema = Type.Object(
  {
    v: Type.Literal(1),
    article: RawArticleSchema,
    /**
     * A later re-read of the article's page by the full-text stage (FULLTEXT_REVISIT_AFTER), to see
     * an edit its feed does not show: which re-read, and the hash of the text the page last gave.
     */
    revisit: Type.Optional(
      Type.Object(
        { n: Type.Integer({ minimum: 0 }), textHash: Type.String({ maxLength: 64 }), of: Type.String({ description: 'fetchedAt of the version re-read: a newer version makes this re-read stale' }) },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'RawJob', additionalProperties: false },
);
export type RawJob = Static<typeof RawJobSchema>;

export const EnrichedJobSchema = Type.Object(
  { v: Type.Literal(1), article: EnrichedArticleSchema },
  { $id: 'EnrichedJob', additionalProperties: false },
);
export type EnrichedJob = Static<typeof EnrichedJobSchema>;

/** What an alert's webhook is told about a matching article (a subset of a /v1/search hit). */
export const AlertArticleSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    title: Type.String(),
    summary: Type.Optional(Type.String()),
    lang: Type.String(),
    publishedAt: Type.String(),
    source: Type.Object({ id: Type.String(), name: Type.String(), domain: Type.String() }, { additionalProperties: false }),
    topics: Type.Array(Type.String()),
    entityIds: Type.Array(Type.String()),
    storyId: Type.Optional(Type.String()),
    tone: Type.Optional(Type.Number({ description: 'Tone score (−100…100), when the article has one' })),
    quotes: Type.Optional(Type.Array(QuoteSchema, { description: "For an alert on speakers (speaker=): what they said in the article, in text order" })),
    dates: Type.Optional(Type.Array(DateMentionSchema, { description: 'For an alert on named days (mentionsFrom / mentionsTo): the days the article names, each with the words and the sentence naming it' })),
    edited: Type.Optional(
      Type.Object(
        {
          at: Type.String({ description: 'When the edit was seen' }),
          fields: Type.Array(Type.String(), { description: 'What this edit changed: title, summary, body' }),
          was: Type.Optional(Type.String({ description: 'The headline before this edit, when it changed' })),
          revision: Type.Optional(Type.Integer({ minimum: 1, description: "This edit's number among the article's revisions: GET /v1/articles/:id/revisions/:n shows what it changed, word by word" })),
          changes: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  field: Type.Union([Type.Literal('title'), Type.Literal('summary'), Type.Literal('body')]),
                  removed: Type.Optional(Type.String({ description: 'The words taken out (at most 200 characters)' })),
                  added: Type.Optional(Type.String({ description: 'The words put in their place (at most 200 characters)' })),
                },
                { additionalProperties: false },
              ),
              { maxItems: 5, description: 'What the edit changed, word by word: at most 5 changes, headline first, then summary, then text' },
            ),
          ),
        },
        { additionalProperties: false, description: 'For an alert on edits (edited=): the edit it is delivered for' },
      ),
    ),
    story: Type.Optional(
      Type.Object(
        { id: Type.String(), sources: Type.Integer({ minimum: 1 }), articles: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false, description: "For an alert with minSources: the article's story as it reached the bar — how many sources and articles carry it" },
      ),
    ),
  },
  { $id: 'AlertArticle', additionalProperties: false },
);
export type AlertArticle = Static<typeof AlertArticleSchema>;

/** Articles in one digest delivery, at most; more wait for the next one (sent at once). */
export const DIGEST_MAX_ARTICLES = 100;

export const AlertJobSchema = Type.Union(
  [
    Type.Object(
      {
        v: Type.Literal(1),
        alertId: Type.String(),
        article: AlertArticleSchema,
        test: Type.Optional(Type.Boolean({ description: 'Sent by POST /v1/alerts/:id/test: the webhook is told so' })),
      },
      { additionalProperties: false, description: 'One match, delivered at once' },
    ),
    Type.Object(
      {
        v: Type.Literal(1),
        alertId: Type.String(),
        digest: Type.Literal(true),
        articles: Type.Optional(
          Type.Array(AlertArticleSchema, {
            minItems: 1,
            maxItems: DIGEST_MAX_ARTICLES,
            description: "The digest's articles when fixed in advance (a test, or a dead-lettered digest replayed); otherwise the alert's pending matches",
          }),
        ),
        test: Type.Optional(Type.Boolean({ description: 'Sent by POST /v1/alerts/:id/test' })),
      },
      { additionalProperties: false, description: "A digest alert's matches of one period, delivered in one POST at its end" },
    ),
  ],
  { $id: 'AlertJob' },
);
export type AlertJob = Static<typeof AlertJobSchema>;

export const AlertMatchJobSchema = Type.Object(
  {
    v: Type.Literal(1),
    /** New articles: matched against the alerts on new articles. */
    ids: Type.Array(Type.String(), { maxItems: 10_000 }),
    /** Articles an update has just edited: matched against the alerts on edits (`onEdits`). */
    edits: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
  },
  { $id: 'AlertMatchJob', additionalProperties: false },
);
export type AlertMatchJob = Static<typeof AlertMatchJobSchema>;

export const DeadJobSchema = Type.Object(
  {
    v: Type.Literal(1),
    stage: Type.String({ description: 'Stage that gave up: ingest, fulltext, enrich, indexer' }),
    queue: Type.String({ description: 'Queue the payload came from, for replay' }),
    code: Type.String(),
    reason: Type.String(),
    articleId: Type.Optional(Type.String()),
    feedId: Type.Optional(Type.String()),
    failedAt: Type.String(),
    payload: Type.Unknown(),
  },
  { $id: 'DeadJob', additionalProperties: false },
);
export type DeadJob = Static<typeof DeadJobSchema>;

/**
 * Job id for an article in any article queue. A first sighting uses the article id, so the same
 * article from two feeds (or twice in one) collapses into one job. An update carries the new
 * content hash so BullMQ does not mistake it for the job it already completed.
 */
export function articleJobId(article: { id: string; contentHash: string; flags: readonly string[] }): string {
  return article.flags.includes('update') ? `${article.id}-${article.contentHash}` : article.id;
}

/**
 * Live full-text workers: a sorted set (member: replica id, score: epoch ms until which it
 * counts as alive) that each fulltext replica refreshes. Ingest routes articles to
 * `QUEUES.fulltext` only while one is alive, so a deployment without the fulltext service (or
 * with it down) sends articles straight to `articles.raw` instead of parking them.
 */
export function fulltextWorkersKey(prefix: string): string {
  return `${prefix}:fulltext:workers`;
}
