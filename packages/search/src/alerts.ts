import type { AlertArticle, Quote, Revision } from '@akhbar/core';
import { editExcerpts } from './revisions.ts';
import { F } from './fields.ts';
import { MAX_QUOTES_PER_ARTICLE, quoteMatch, type QuoteMatch } from './query-quotes.ts';

/**
 * Matching new articles against alerts. This Elasticsearch distribution has no percolator, and
 * alerts are few while new articles come in batches, so each batch asks one `_msearch` with one
 * search per alert: the alert's query restricted to the batch's ids (`ids` filter), which is
 * cheap whatever the index size, since only those documents are candidates.
 */

/** The article fields an alert delivery carries (a subset of a /v1/search hit). */
/** And for an alert on edits: the earlier summary and text, and the text now, to tell what an edit changed (editExcerpts). */
export const ALERT_EDIT_SOURCE_FIELDS = [`${F.revisions}.summary`, `${F.revisions}.body`, F.body];

export const ALERT_SOURCE_FIELDS = [F.id, F.url, F.title, F.summary, F.lang, F.publishedAt, F.fetchedAt, 'source.id', 'source.name', 'source.domain', F.topics, F.entityIds, F.storyId, F.tone, F.editedAt, F.edited, `${F.revisions}.seenAt`, `${F.revisions}.fields`, `${F.revisions}.title`];

/**
 * `_msearch` searches for `alerts` (one each, in order) over the articles `ids`, on `index`
 * (the read alias). Each answers with the matching articles' delivery fields.
 *
 * An alert on stories (`minSources`) looks instead over the stories of the batch (`stories`, the
 * stories `ids` joined): the newest article of each that the alert matches, from this batch or
 * before — so a story about its subject is sent when any article takes it over the bar, one
 * the alert would not match (another language, another outlet's wording) included.
 */
export function alertSearches(
  index: string,
  alerts: ReadonlyArray<{ query: Record<string, unknown>; alert?: { minSources?: number; onEdits?: string[] } }>,
  ids: readonly string[],
  stories: readonly string[] = [],
): Array<Record<string, unknown>> {
  const searches: Array<Record<string, unknown>> = [];
  for (const a of alerts) {
    searches.push({ index });
    const onStories = a.alert?.minSources !== undefined;
    searches.push({
      ...(onStories
        ? {
            size: stories.length,
            query: { bool: { filter: [{ terms: { [F.storyId]: [...stories] } }], must: [a.query] } },
            collapse: { field: F.storyId },
            sort: [{ [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }],
          }
        : { size: ids.length, query: { bool: { filter: [{ ids: { values: ids } }], must: [a.query] } } }),
      // An alert on speakers also reads the quotations (alertQuotes keeps theirs); the others do not
      // fetch them, nor one on what was said (its query returns the quotations it matched).
      // (Not their language copies, which are for matching.)
      // An alert on edits reads the versions either side of the edit, to say what it changed.
      _source: alertSource(a.query, a.alert?.onEdits !== undefined),
      track_total_hits: false,
    });
  }
  return searches;
}

/** What an alert's search reads of each match: the delivery's fields, with the quotations or the versions an edit replaced when the alert is on those. */
export function alertSource(query: Record<string, unknown>, onEdits: boolean): Record<string, unknown> | string[] {
  const fields = [...ALERT_SOURCE_FIELDS, ...(onEdits ? ALERT_EDIT_SOURCE_FIELDS : []), ...(onDates(query) ? [F.dateMentions] : [])];
  return speakersInQuery(query).length > 0 && !matchesQuotes(query) ? { includes: [...fields, F.quotes], excludes: [`${F.quotes}.i18n`] } : fields;
}

/** The stories the articles `ids` joined (for alerts on stories: alertSearches). */
export function batchStoriesBody(ids: readonly string[]): Record<string, unknown> {
  return { size: 0, query: { ids: { values: [...ids] } }, aggs: { stories: { terms: { field: F.storyId, size: ids.length } } } };
}

/** The story ids of a batchStoriesBody answer. */
export function batchStories(aggregations: unknown): string[] {
  return ((aggregations as { stories?: { buckets?: Array<{ key: string }> } } | undefined)?.stories?.buckets ?? []).map((b) => b.key);
}

/** How far stories have spread (an alert with minSources): articles and distinct sources per story, over the whole index. */
export function storySpreadBody(storyIds: readonly string[]): Record<string, unknown> {
  return {
    size: 0,
    query: { terms: { [F.storyId]: [...storyIds] } },
    aggs: { stories: { terms: { field: F.storyId, size: storyIds.length }, aggs: { sources: { cardinality: { field: F.sourceId } } } } },
  };
}

/** The spread per story from a storySpreadBody answer. */
export function storySpread(aggregations: unknown): Map<string, { sources: number; articles: number }> {
  const buckets = (aggregations as { stories?: { buckets?: Array<{ key: string; doc_count: number; sources: { value: number } }> } } | undefined)?.stories?.buckets ?? [];
  return new Map(buckets.map((b) => [b.key, { sources: b.sources.value, articles: b.doc_count }]));
}

/** How many of `ids` a search already sees (the rest wait for a refresh). */
export function visibleBody(ids: readonly string[]): Record<string, unknown> {
  return { size: 0, track_total_hits: true, query: { ids: { values: ids } } };
}

/**
 * The speakers an alert's stored query narrows to (`speaker=`: buildFilters' terms on `speakers`),
 * so its deliveries can carry what they said. Read from the query the gateway built, which is all
 * the indexer has of the alert's filters.
 */
export function speakersInQuery(query: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const ids = k === 'terms' ? (x as Record<string, unknown> | null)?.[F.speakers] : undefined;
        if (Array.isArray(ids)) for (const id of ids) out.add(String(id));
        else walk(x);
      }
    }
  };
  walk(query);
  return [...out];
}

/**
 * An alert's clause on what was said (said=, direct=, unnamed=, with its speakers): the articles
 * holding such a quotation, each returned with the quotations that matched (alertQuotes).
 */
export function alertQuoteClause(o: QuoteMatch): Record<string, unknown> {
  return quoteMatch(o, { size: MAX_QUOTES_PER_ARTICLE, _source: { excludes: [`${F.quotes}.i18n`] } });
}

/** Whether a stored alert query narrows to articles naming some days (mentionsFrom / mentionsTo: a range on `dates`), so its deliveries carry the days. */
function onDates(query: unknown): boolean {
  return JSON.stringify(query).includes(`"range":{"${F.dates}":`);
}

/** Whether a stored alert query has a clause on what was said (alertQuoteClause). */
function matchesQuotes(query: unknown): boolean {
  return JSON.stringify(query).includes(`"path":"${F.quotes}"`);
}

/**
 * The quotations an alert's delivery carries from a matching hit: those its query matched (a
 * clause on what was said returns them as inner hits), else, for an alert on `speakers`, theirs.
 */
export function alertQuotes(hit: { _source?: unknown; inner_hits?: Record<string, { hits: { hits: Array<{ _source?: unknown }> } }> }, speakers: readonly string[] = []): Quote[] {
  const matched = hit.inner_hits?.[F.quotes]?.hits.hits;
  if (matched) return matched.flatMap((h) => (h._source ? [h._source as Quote] : []));
  if (speakers.length === 0) return [];
  const src = (hit._source ?? {}) as { quotes?: unknown };
  return (Array.isArray(src.quotes) ? (src.quotes as Quote[]) : []).filter((q) => q.speaker && speakers.includes(q.speaker.id));
}

/**
 * The webhook's view of an article document (`ALERT_SOURCE_FIELDS` of it; the fields a /v1/search
 * hit starts with), with the quotations the alert is about (alertQuotes).
 */
export function alertArticle(src: Record<string, unknown>, quotes: readonly Quote[] = []): AlertArticle {
  const d = src as {
    id: string; url: string; title?: string; summary?: string; lang?: string; publishedAt?: string; fetchedAt?: string;
    source?: { id?: string; name?: string; domain?: string }; topics?: string[]; entityIds?: string[]; storyId?: string; tone?: { score?: number };
    editedAt?: string; edited?: string[]; body?: string; dateMentions?: AlertArticle['dates'];
    revisions?: Array<{ seenAt?: string; fields?: Revision['fields']; title?: string; summary?: string; body?: string }>;
  };
  const out: AlertArticle = {
    id: d.id,
    url: d.url,
    title: d.title ?? '',
    lang: d.lang ?? 'und',
    publishedAt: d.publishedAt ?? d.fetchedAt ?? new Date().toISOString(),
    source: { id: d.source?.id ?? '', name: d.source?.name ?? '', domain: d.source?.domain ?? '' },
    topics: d.topics ?? [],
    entityIds: d.entityIds ?? [],
  };
  if (d.summary) out.summary = d.summary;
  if (d.storyId) out.storyId = d.storyId;
  if (typeof d.tone?.score === 'number') out.tone = d.tone.score;
  if (quotes.length > 0) out.quotes = [...quotes];
  // Read only for an alert on named days (alertSource).
  if (Array.isArray(d.dateMentions) && d.dateMentions.length > 0) out.dates = d.dateMentions;
  if (d.editedAt) {
    // The latest edit: what it changed, and the headline before it when it changed that.
    const last = d.revisions?.at(-1);
    const latest = last?.seenAt === d.editedAt ? last : undefined;
    out.edited = {
      at: d.editedAt,
      fields: latest?.fields ?? d.edited ?? [],
      ...(latest?.title !== undefined ? { was: latest.title } : {}),
      ...(latest ? { revision: d.revisions!.length } : {}),
    };
    // What it changed, word by word: the latest edit left the article as it is now.
    const now = { ...(d.title !== undefined ? { title: d.title } : {}), ...(d.summary !== undefined ? { summary: d.summary } : {}), ...(d.body !== undefined ? { body: d.body } : {}) };
    const changes = latest?.fields ? editExcerpts({ seenAt: latest.seenAt!, fields: latest.fields, ...pick(latest) }, now, d.lang) : [];
    if (changes.length > 0) out.edited.changes = changes;
  }
  return out;
}

/** A revision's earlier versions as the source gave them. */
function pick(r: { title?: string; summary?: string; body?: string }): Pick<Revision, 'title' | 'summary' | 'body'> {
  return { ...(r.title !== undefined ? { title: r.title } : {}), ...(r.summary !== undefined ? { summary: r.summary } : {}), ...(r.body !== undefined ? { body: r.body } : {}) };
}
