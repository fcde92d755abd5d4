import { Readable } from 'node:stream';
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { FilterParams, NamesParam, SearchParams } from '../params.ts';
import { runSearch, type SearchQuery } from './search.ts';
import type { HitOut } from '../present.ts';

/**
 * Every article a search matches, as a file: `GET /v1/search.csv` and `GET /v1/search.ndjson`
 * (what researchers pull from Media Cloud for their own analysis). Pages are fetched one after
 * another with `search_after` (the search route's own cursor) and written as they come, so an
 * export of 100,000 articles holds one page in memory. Each NDJSON line is a hit exactly as
 * `/v1/search` returns it (without highlights); each CSV row is the same hit flattened.
 *
 * The first page is fetched before the response starts, so bad parameters or an unreachable
 * Elasticsearch get the usual coded error. A failure after that cuts the connection without the
 * final chunk: the client sees a broken transfer (curl exits 18), never a short file that looks whole.
 */

/** Articles per Elasticsearch request while exporting. */
export const EXPORT_PAGE_SIZE = 500;

export const CSV_COLUMNS = [
  'id', 'publishedAt', 'lang', 'title', 'url', 'summary', 'source.id', 'source.name', 'source.domain', 'source.country',
  'topics', 'entities', 'entityNames', 'story.id', 'story.size',
] as const;

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first)
 * gets a leading `'`: titles come from any feed on the web, and `=HYPERLINK(…)` in one must not
 * run in the reader's Excel (OWASP "CSV injection").
 */
export function defuseCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

type Hit = Static<typeof HitOut>;

function csvRow(h: Hit): string[] {
  const row = [
    h.id, h.publishedAt, h.lang, h.title, h.url, h.summary, h.source.id, h.source.name, h.source.domain, h.source.country ?? '',
    h.topics.join(';'), h.entities.map((e) => e.id).join(';'), h.entities.map((e) => e.name).join(';'), h.story.id, String(h.story.size),
  ];
  return row.map(defuseCell);
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ pageSize?: number; maxArticles: number }> = async (app, opts) => {
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const ExportQuery = Type.Object(
    {
      ...FilterParams,
      sort: SearchParams.sort,
      max: Type.Integer({ minimum: 1, maximum: opts.maxArticles, default: Math.min(1000, opts.maxArticles), description: `Most articles to export (1–${String(opts.maxArticles)}, AKHBAR_EXPORT_MAX)` }),
      bom: Type.Boolean({ default: true, description: 'CSV only: start with a UTF-8 byte order mark, so spreadsheet programs read Arabic right' }),
      ...NamesParam,
    },
    { additionalProperties: false },
  );

  for (const format of ['csv', 'ndjson'] as const) {
    app.get(
      `/v1/search.${format}`,
      {
        schema: {
          tags: ['search'],
          summary: format === 'csv' ? 'Export a search as CSV' : 'Export a search as NDJSON',
          description:
            'Every matching article up to `max`, newest first unless sort is given, streamed. ' +
            (format === 'csv'
              ? `Columns: ${CSV_COLUMNS.join(', ')} (lists joined with ";"; a cell starting with = + - @ gets a leading '). `
              : 'One hit per line, as /v1/search returns it (no highlights). ') +
            'X-Total-Count says how many articles match (X-Total-Relation: eq, or gte past 10,000). Errors as /v1/search.',
          querystring: ExportQuery,
          produces: [format === 'csv' ? 'text/csv' : 'application/x-ndjson'],
        },
      },
      async (req, reply) => {
        const { max, bom, ...filters } = req.query;
        const base: SearchQuery = { ...filters, limit: Math.min(pageSize, max), facetSize: 10, highlight: false };
        let page = await runSearch(app, base, { sort: 'newest' });
        const log = req.log;

        async function* chunks(): AsyncGenerator<string> {
          let sent = 0;
          for (;;) {
            const hits = page.out.hits.slice(0, max - sent);
            if (format === 'csv') {
              yield stringify(hits.map(csvRow), { header: sent === 0, columns: [...CSV_COLUMNS], bom: bom && sent === 0 });
            } else if (hits.length > 0) {
              yield `${hits.map((h) => JSON.stringify(h)).join('\n')}\n`;
            }
            sent += hits.length;
            const next = page.out.nextCursor;
            if (sent >= max || next === null) return;
            try {
              page = await runSearch(app, { ...base, limit: Math.min(pageSize, max - sent), cursor: next }, { sort: 'newest' });
            } catch (err) {
              log.error({ err, sent }, 'export stopped: a page could not be fetched; the connection is cut');
              throw err;
            }
          }
        }

        reply.header('x-total-count', String(page.out.total));
        reply.header('x-total-relation', page.out.totalRelation);
        reply.header('content-disposition', `attachment; filename="akhbar-search.${format}"`);
        reply.header('cache-control', 'no-store');
        reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
        return reply.send(Readable.from(chunks()));
      },
    );
  }
};
