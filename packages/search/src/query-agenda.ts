import { F } from './fields.ts';
import { buildQuery, type SearchFilters } from './query.ts';

/** Days an agenda lists at most (its window, start to end). */
export const MAX_AGENDA_DAYS = 100;
/** Stories an agenda gives per day, at most. */
export const MAX_AGENDA_PER_DAY = 20;

/** What /v1/agenda asks of the index beside the article filters. */
export interface AgendaOptions {
  /** The first day listed, YYYY-MM-DD. */
  start: string;
  /** The last day listed, YYYY-MM-DD. */
  end: string;
  /** Stories per day. */
  perDay: number;
  timeoutMs?: number;
}

/**
 * The agenda: each day from `start` to `end` that articles matching the filters name (their
 * `dates`: enrichment's date mentions), with how many articles and stories name it and its newest
 * articles. One request: a day histogram over `dates` bounded to the window (an article naming
 * days outside it counts only in the window's days), each day's stories (a terms aggregation on
 * the story id, ordered by how many outlets name the day in it) with their newest article.
 */
export function agendaBody(f: SearchFilters, o: AgendaOptions): Record<string, unknown> {
  const filters: SearchFilters = { ...f, mentionsFrom: o.start, mentionsTo: o.end };
  return {
    size: 0,
    query: buildQuery(filters),
    track_total_hits: true,
    timeout: `${String(o.timeoutMs ?? 10_000)}ms`,
    aggs: {
      days: {
        date_histogram: {
          field: F.dates,
          calendar_interval: 'day',
          format: 'yyyy-MM-dd',
          min_doc_count: 1,
          // hard_bounds' max is exclusive: the day after the last one.
          hard_bounds: { min: o.start, max: `${o.end}||+1d` },
        },
        aggs: {
          stories: { cardinality: { field: F.storyId } },
          sources: { cardinality: { field: F.sourceId } },
          // The day's stories, those most outlets carry first, then the latest: each with its
          // outlets and its newest article naming the day.
          top: {
            terms: { field: F.storyId, size: o.perDay, order: [{ outlets: 'desc' }, { newest: 'desc' }, { _key: 'asc' }] },
            aggs: {
              outlets: { cardinality: { field: F.sourceId } },
              newest: { max: { field: F.publishedAt } },
              article: {
                top_hits: {
                  size: 1,
                  sort: [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }],
                  _source: { includes: [F.id, F.url, F.title, F.lang, F.dir, F.publishedAt, 'source', F.storyId, F.image, F.dateMentions] },
                },
              },
            },
          },
        },
      },
    },
  };
}
