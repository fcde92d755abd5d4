import { Readable } from 'node:stream';
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { FilterParams, NamesParam, SearchParams } from '../params.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chargeExtra } from '../charge.ts';
import { PIT_KEEP_ALIVE, runSearch, settledBefore, SearchResponse, type SearchQuery } from './search.ts';
import type { HitOut } from '../present.ts';

/**
 * Every article a search matches, as a file: `GET /v1/search.csv` and `GET /v1/search.ndjson`
 * (what researchers pull from Media Cloud for their own analysis). Pages are fetched one after
 * another with `search_after` (the search route's own cursor) in one Elasticsearch point in time
 * and written as they come, so an export of 100,000 articles holds one page in memory and is the
 * index as it was when the export started: articles indexed or updated meanwhile (which would
 * move relevance scores and sort values between pages) neither repeat nor slip through. Each
 * NDJSON line is a hit exactly as `/v1/search` returns it (without highlights); each CSV row is
 * the same hit flattened.
 *
 * The first page is fetched before the response starts, so bad parameters or an unreachable
 * Elasticsearch get the usual coded error. A failure after that cuts the connection without the
 * final chunk: the client sees a broken transfer (curl exits 18), never a short file that looks whole.
 */

/** Articles per Elasticsearch request while exporting. */
export const EXPORT_PAGE_SIZE = 500;
/**
 * With `text=true` a page reads a tenth as many articles: a text runs to 100,000 characters, so a
 * page of 500 could hold ~50 MB of Elasticsearch's answer, its parse and the written chunk at once
 * in the gateway; 50 bound it to a few MB. The allowance is still charged per `EXPORT_PAGE_SIZE`
 * articles: the client asked for the same articles either way.
 */
export const textPageSize = (pageSize: number): number => Math.max(1, Math.ceil(pageSize / 10));

export const CSV_COLUMNS = [
  'id', 'publishedAt', 'lang', 'title', 'url', 'summary', 'source.id', 'source.name', 'source.domain', 'source.country',
  'topics', 'entities', 'entityNames', 'story.id', 'story.size', 'tone', 'author', 'editedAt', 'edited',
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
  // The tone is a number of our own making: a spreadsheet must read "-5.2" as minus 5.2, not text.
  return [...row.map(defuseCell), h.tone === undefined ? '' : String(h.tone), defuseCell(h.author ?? ''), h.edited?.at ?? '', h.edited?.fields.join(';') ?? ''];
}

export type ExportPage = Pick<Static<typeof SearchResponse>, 'hits' | 'total' | 'totalRelation'>;

/**
 * The hits of `query` page by page, at most `max`, all from one point in time opened on the first
 * call and closed when the pages run out, the consumer stops, or a page fails.
 */
export async function* exportPages(app: FastifyInstance, query: SearchQuery, max: number, pageSize: number, withBody = false): AsyncGenerator<ExportPage> {
  // A sync walk's bound, once, from before the point in time opens: all it covers is in the snapshot.
  const settled = settledBefore(app);
  const opened = await app.esTimed('open_pit', () => app.es.openPointInTime({ index: app.gw.index, keep_alive: PIT_KEEP_ALIVE }));
  let pit = opened.id;
  try {
    let sent = 0;
    let cursor: string | undefined;
    while (sent < max) {
      const page = await runSearch(app, { ...query, limit: Math.min(pageSize, max - sent), ...(cursor ? { cursor } : {}) }, { sort: 'newest', pit, settled, withBody });
      // Elasticsearch may hand back a new id for the same point in time; the latest is the one to use.
      if (page.pitId) pit = page.pitId;
      const { hits } = page.out;
      yield { hits, total: page.out.total, totalRelation: page.out.totalRelation };
      sent += hits.length;
      if (page.out.nextCursor === null || hits.length === 0) return;
      cursor = page.out.nextCursor;
    }
  } finally {
    await app.es.closePointInTime({ id: pit }).catch((err: unknown) => app.log.warn({ err }, 'could not close an export\'s point in time; it expires by itself'));
  }
}

/**
 * An export reads one Elasticsearch page per `pageSize` articles, so each page after the first
 * (the request itself) counts against the client's rate limit like a request of its own: without
 * this, one request's allowance bought up to twenty searches.
 */
function chargeExtraPages(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, extra: number): Promise<void> {
  return chargeExtra(app, req, reply, extra, `this export reads ${String(extra + 1)} pages and`, 'or lower max');
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ pageSize?: number; maxArticles: number }> = async (app, opts) => {
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const ExportQuery = Type.Object(
    {
      ...FilterParams,
      sort: SearchParams.sort,
      max: Type.Integer({ minimum: 1, maximum: opts.maxArticles, default: Math.min(1000, opts.maxArticles), description: `Most articles to export (1–${String(opts.maxArticles)}, AKHBAR_EXPORT_MAX)` }),
      bom: Type.Boolean({ default: true, description: 'CSV only: start with a UTF-8 byte order mark, so spreadsheet programs read Arabic right' }),
      text: Type.Boolean({ default: false, description: 'Each article\'s text too, as Akhbar stored it (at most 100,000 characters): "body" on each NDJSON line, a last CSV column body — for text analysis' }),
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
            'X-Total-Count says how many articles match (X-Total-Relation: eq, or gte past 10,000). ' +
            `The export reads ${String(pageSize)} articles per page (${String(textPageSize(pageSize))} with text=true) and counts as one request per ${String(pageSize)} articles against the rate limit; ` +
            'when the allowance left cannot cover it: 429 AKHBAR_RATE_LIMITED (with Retry-After) before anything is sent. Other errors as /v1/search.',
          querystring: ExportQuery,
          produces: [format === 'csv' ? 'text/csv' : 'application/x-ndjson'],
        },
      },
      async (req, reply) => {
        const { max, bom, text, ...filters } = req.query;
        const fetchSize = text ? textPageSize(pageSize) : pageSize;
        const pages = exportPages(app, { ...filters, limit: fetchSize, facetSize: 10, highlight: false }, max, fetchSize, text);
        const columns = text ? [...CSV_COLUMNS, 'body'] : [...CSV_COLUMNS];
        // The first page before anything is sent: its errors are the usual coded ones.
        const first = await pages.next();
        const total = first.done ? 0 : first.value.total;
        const totalRelation = first.done ? 'eq' : first.value.totalRelation;
        try {
          await chargeExtraPages(app, req, reply, Math.ceil(Math.min(max, total) / pageSize) - 1);
        } catch (err) {
          await pages.return(undefined);
          throw err;
        }
        const log = req.log;

        async function* chunks(): AsyncGenerator<string> {
          let header = true;
          const write = (hits: Hit[]) => {
            const out = format === 'csv'
              ? stringify(hits.map((h) => (text ? [...csvRow(h), defuseCell((h as Hit & { body?: string }).body ?? '')] : csvRow(h))), { header, columns, bom: bom && header })
              : hits.map((h) => `${JSON.stringify(h)}\n`).join('');
            header = false;
            return out;
          };
          try {
            const firstChunk = first.done ? write([]) : write(first.value.hits);
            if (firstChunk) yield firstChunk;
            for await (const page of pages) {
              const chunk = write(page.hits);
              if (chunk) yield chunk;
            }
          } catch (err) {
            log.error({ err }, 'export stopped: a page could not be fetched; the connection is cut');
            throw err;
          } finally {
            // A client that went away stops the pages, which closes the point in time.
            await pages.return(undefined);
          }
        }

        reply.header('x-total-count', String(total));
        reply.header('x-total-relation', totalRelation);
        reply.header('content-disposition', `attachment; filename="akhbar-search${text ? '-text' : ''}.${format}"`);
        reply.header('cache-control', 'no-store');
        reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
        return reply.send(Readable.from(chunks()));
      },
    );
  }
};
