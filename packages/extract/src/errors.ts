/**
 * Coded reasons a page yields no full text. The article keeps its feed text and carries the
 * `fulltext-failed` flag; the code goes to the log line, the job's return value and the
 * `akhbar_fulltext_pages_total{outcome}` metric, so an operator can see why per site.
 */
export const FulltextErrors = {
  /** The URL answered with a PDF, an image, audio/video or other binary content. */
  NOT_HTML: 'AKHBAR_FULLTEXT_NOT_HTML',
  /** The page is larger than the cap (`FULLTEXT_MAX_BYTES`); it is cut there and not read further. */
  TOO_LARGE: 'AKHBAR_FULLTEXT_TOO_LARGE',
  /** Redirects went round in a loop or past the limit. */
  REDIRECT_LOOP: 'AKHBAR_FULLTEXT_REDIRECT_LOOP',
  /** The page has no article body (a home page, a list of links, an empty shell). */
  NO_ARTICLE: 'AKHBAR_FULLTEXT_NO_ARTICLE',
  /** robots.txt disallows Akhbar's user agent for this path. */
  ROBOTS_DISALLOWED: 'AKHBAR_FULLTEXT_ROBOTS_DISALLOWED',
  /** The site answered 429 or 503 (its Retry-After is honoured for the whole domain). */
  RATE_LIMITED: 'AKHBAR_FULLTEXT_RATE_LIMITED',
  /** Any other HTTP error status (404, 410, 500…). */
  HTTP_STATUS: 'AKHBAR_FULLTEXT_HTTP_STATUS',
  /** Network failure, timeout, refused address: whatever the shared fetcher reported. */
  FETCH_FAILED: 'AKHBAR_FULLTEXT_FETCH_FAILED',
  /** The input given to `akhbar article extract` is neither a readable file nor an http(s) URL. */
  BAD_INPUT: 'AKHBAR_FULLTEXT_BAD_INPUT',
} as const;
export type FulltextErrorCode = (typeof FulltextErrors)[keyof typeof FulltextErrors];
