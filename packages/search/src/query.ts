import { ALL_I18N_BODY_FIELDS, ALL_I18N_TITLE_FIELDS, F } from './fields.ts';

export interface SearchParams {
  q?: string;
  lang?: string[];
  limit: number;
}

/** Fields a free-text query runs against: neutral everywhere, language-specific where filled. */
export const QUERY_FIELDS = [`${F.title}^3`, `${F.summary}^1.5`, F.body, ...ALL_I18N_TITLE_FIELDS.map((f) => `${f}^3`), ...ALL_I18N_BODY_FIELDS];

/** The Elasticsearch search body for a search request. */
export function buildSearchBody(p: SearchParams): Record<string, unknown> {
  const must: unknown[] = [];
  const filter: unknown[] = [];
  if (p.q && p.q.trim() !== '') {
    must.push({ simple_query_string: { query: p.q, fields: QUERY_FIELDS, default_operator: 'and', lenient: true } });
  }
  if (p.lang && p.lang.length > 0) filter.push({ terms: { [F.lang]: p.lang } });
  return {
    size: p.limit,
    query: { bool: { must: must.length > 0 ? must : [{ match_all: {} }], filter } },
    sort: p.q ? ['_score', { [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }] : [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }],
    _source: { excludes: ['body', 'i18n', 'normalized', 'html', 'suggest', 'provenance'] },
    track_total_hits: true,
  };
}
