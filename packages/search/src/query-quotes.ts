import { F } from './fields.ts';
import { buildQuery, simpleQuery, type SearchFilters } from './query.ts';
import { QUOTE_I18N_LANGS } from './template.ts';

const QUOTE_HIGHLIGHT = { number_of_fragments: 0, pre_tags: ['<mark>'], post_tags: ['</mark>'] };

/**
 * What said= reads: the folded words of every quotation, the Arabic analysis beside them, and
 * each quotation in its article's own language (stems: "election" finds "elections"), as the main
 * search reads every language's fields. The highlight keys are the same fields, the first named first.
 */
export const SAID_FIELDS: readonly string[] = [F.quoteText, F.quoteTextAr, ...[...QUOTE_I18N_LANGS].map((l) => F.quoteI18n(l))];

/** Quotations returned per article, at most (the ones that match best first). */
export const MAX_QUOTES_PER_ARTICLE = 5;

/** What /v1/quotes asks of the index beside the article filters. */
export interface QuotesOptions {
  /** Entity ids: only quotations attributed to one of them. */
  speaker?: readonly string[];
  /** Words the quotation itself must hold (the query language, over the quotation's text). */
  said?: string;
  /** true: only quotations in quotation marks; false: only reported speech. */
  direct?: boolean;
  /** true: only what unnamed sources said; false: only what named ones did. */
  unnamed?: boolean;
  /** Articles per page. */
  limit: number;
  /** Quotations per article. */
  perArticle: number;
  /** search_after of the previous page's last article. */
  after?: unknown[];
  timeoutMs?: number;
}

/** What a quotation must be: whose (speaker ids), holding which words, of which kind. */
export type QuoteMatch = Pick<QuotesOptions, 'speaker' | 'said' | 'direct' | 'unnamed'>;

/**
 * The articles holding a quotation that matches `o` (quotes is nested: the speaker, the words and
 * the kind hold within one quotation). With `innerHits`, each article comes back with the
 * quotations that matched (inner hits named `quotes`), best match for `said` first.
 */
export function quoteMatch(o: QuoteMatch, innerHits?: Record<string, unknown>): Record<string, unknown> {
  const filter: unknown[] = [];
  if (o.speaker && o.speaker.length > 0) filter.push({ terms: { [F.quoteSpeaker]: [...o.speaker] } });
  // Absent means false: a quotation in marks has no `indirect`, a named one no `unnamed`.
  if (o.direct !== undefined) filter.push(o.direct ? { bool: { must_not: [{ term: { [F.quoteIndirect]: true } }] } } : { term: { [F.quoteIndirect]: true } });
  if (o.unnamed !== undefined) filter.push(o.unnamed ? { term: { [F.quoteUnnamed]: true } } : { bool: { must_not: [{ term: { [F.quoteUnnamed]: true } }] } });
  const said = o.said?.trim() ? [simpleQuery(o.said, SAID_FIELDS)] : [];
  return {
    nested: {
      path: F.quotes,
      query: { bool: { filter, must: said.length > 0 ? said : [{ match_all: {} }] } },
      score_mode: 'max',
      ...(innerHits ? { inner_hits: innerHits } : {}),
    },
  };
}

/**
 * "Who said what": the newest articles matching the search filters (q included, as a search
 * reads it) that hold a quotation matching `speaker` and `said`, each with those quotations as
 * inner hits — the speaker and the words matched within one quotation (quotes is nested), and
 * with `said`, the words highlighted.
 */
export function quotesBody(f: SearchFilters, o: QuotesOptions): Record<string, unknown> {
  const nested = quoteMatch(o, {
    size: o.perArticle,
    // The language copies are for matching only.
    _source: { excludes: [`${F.quotes}.i18n`] },
    // Every field: a match only a language's analysis makes is marked through its field.
    ...(o.said?.trim() ? { highlight: { fields: Object.fromEntries(SAID_FIELDS.map((f) => [f, QUOTE_HIGHLIGHT])), encoder: 'html' } } : {}),
  });
  return {
    size: o.limit,
    // The article filters in filter context; the nested query scores, so each article's inner
    // hits come best match for `said` first.
    query: { bool: { must: [nested], filter: [buildQuery(f)] } },
    sort: [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }],
    ...(o.after ? { search_after: o.after } : {}),
    _source: { includes: [F.id, F.url, F.title, F.lang, F.dir, F.publishedAt, 'source', F.storyId, F.image] },
    track_total_hits: true,
    timeout: `${String(o.timeoutMs ?? 10_000)}ms`,
  };
}
