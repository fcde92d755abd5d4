import { Type, type Static } from '@sinclair/typebox';

/** Per-feed full-text policy: fetch the article page always, only when the feed text is short, or never. */
export const FulltextPolicy = Type.Union([Type.Literal('always'), Type.Literal('when-short'), Type.Literal('never')]);
export type FulltextPolicy = Static<typeof FulltextPolicy>;

export const FeedState = Type.Union([
  Type.Literal('new'),
  Type.Literal('active'),
  Type.Literal('failing'),
  Type.Literal('disabled'),
  Type.Literal('gone'),
]);
export type FeedState = Static<typeof FeedState>;

/** Settings a user chooses for a feed. */
export const FeedSettingsSchema = Type.Object(
  {
    url: Type.String({ description: 'Feed URL (updated on permanent redirects)' }),
    title: Type.Optional(Type.String()),
    siteUrl: Type.Optional(Type.String()),
    lang: Type.Optional(Type.String({ description: 'Declared language; only breaks ties in detection' })),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 of the source' })),
    intervalSec: Type.Integer({ minimum: 60, maximum: 86_400, description: 'Base poll interval (default 900)' }),
    fulltext: FulltextPolicy,
    category: Type.Optional(Type.String({ description: 'Folder the feed belongs to (OPML outline), e.g. "Iraq"' })),
  },
  { additionalProperties: false },
);
export type FeedSettings = Static<typeof FeedSettingsSchema>;

/** What the fetcher learned; written by ingest, read by the API and the UI. */
export const FeedStatusSchema = Type.Object(
  {
    state: FeedState,
    lastFetchAt: Type.Optional(Type.String()),
    lastSuccessAt: Type.Optional(Type.String()),
    lastHttpStatus: Type.Optional(Type.Integer()),
    lastErrorCode: Type.Optional(Type.String()),
    lastError: Type.Optional(Type.String()),
    consecutiveFailures: Type.Integer({ minimum: 0 }),
    itemsSeen: Type.Integer({ minimum: 0, description: 'Distinct articles queued from this feed' }),
    itemsLastFetch: Type.Optional(Type.Integer({ minimum: 0 })),
    etag: Type.Optional(Type.String()),
    lastModified: Type.Optional(Type.String()),
    nextFetchAt: Type.Optional(Type.String()),
    repaired: Type.Optional(Type.Boolean({ description: 'The last body needed repair to parse' })),
    effectiveIntervalSec: Type.Optional(Type.Integer({ minimum: 60, description: 'Poll interval in use, adapted to how often the feed publishes' })),
    websubHub: Type.Optional(Type.String({ description: 'The WebSub hub the feed announces, once a subscription was asked of it' })),
    websubState: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('denied'), Type.Literal('failed')], {
        description: 'WebSub subscription: pending (asked, the hub has not verified it yet), active (the hub pushes), denied (the hub refused), failed (the hub could not be asked)',
      }),
    ),
    websubExpiresAt: Type.Optional(Type.String({ description: 'When the active subscription lapses unless renewed (the ingest renews it a day before)' })),
    websubLastPushAt: Type.Optional(Type.String({ description: 'When the hub last pushed the feed (a signed notification)' })),
  },
  { additionalProperties: false },
);
export type FeedStatus = Static<typeof FeedStatusSchema>;

export const FeedSchema = Type.Composite(
  [
    Type.Object({ id: Type.String(), createdAt: Type.String(), originalUrl: Type.String() }),
    FeedSettingsSchema,
    Type.Object({ status: FeedStatusSchema }),
  ],
  { $id: 'Feed', additionalProperties: false },
);
export type Feed = Static<typeof FeedSchema>;

export const DEFAULT_INTERVAL_SEC = 900;
