/**
 * Error codes of feed fetching and parsing. They are recorded on the feed's status
 * (`lastErrorCode`), counted in ingest's metrics and printed by `akhbar feeds parse`, so they are
 * stable API: add codes, never rename them.
 */
export const FeedErrors = {
  /** The server answered 4xx/5xx (details: status, retryAfterMs). */
  HTTP_STATUS: 'AKHBAR_FEED_HTTP_STATUS',
  /** 410 Gone: the publisher removed the feed for good. */
  GONE: 'AKHBAR_FEED_GONE',
  /** The body (after decompression) is larger than the cap. */
  TOO_LARGE: 'AKHBAR_FEED_TOO_LARGE',
  TIMEOUT: 'AKHBAR_FEED_TIMEOUT',
  TOO_MANY_REDIRECTS: 'AKHBAR_FEED_TOO_MANY_REDIRECTS',
  /** SSRF guard: the address is loopback, private, link-local, CGNAT, multicast… */
  PRIVATE_ADDRESS: 'AKHBAR_FEED_PRIVATE_ADDRESS',
  /** Only http and https are fetched, redirects included. */
  BAD_SCHEME: 'AKHBAR_FEED_BAD_SCHEME',
  BAD_URL: 'AKHBAR_FEED_BAD_URL',
  /** The host name does not resolve. */
  DNS: 'AKHBAR_FEED_DNS',
  /** Connection refused/reset, TLS failure, broken compression… */
  NETWORK: 'AKHBAR_FEED_NETWORK',
  /** The body is not a feed (an HTML page, plain JSON…); details.feeds lists feeds linked from a page. */
  NOT_A_FEED: 'AKHBAR_FEED_NOT_A_FEED',
  /** The body looks like a feed but even the repaired text could not be parsed. */
  UNPARSEABLE: 'AKHBAR_FEED_UNPARSEABLE',
  /** An empty body. */
  EMPTY: 'AKHBAR_FEED_EMPTY',
  /** A DTD declaring entities (billion laughs, XXE): refused before any XML parser sees it. */
  XML_ENTITIES: 'AKHBAR_FEED_XML_ENTITIES',
  /** A child of a sitemap index is itself an index; ingest follows one level only. */
  SITEMAP_NESTED: 'AKHBAR_FEED_SITEMAP_NESTED',
  /** An OPML document without an <opml> root or without a body. */
  OPML_INVALID: 'AKHBAR_OPML_INVALID',
} as const;
export type FeedErrorCode = (typeof FeedErrors)[keyof typeof FeedErrors];
