import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { agendaBody, MAX_AGENDA_DAYS, MAX_AGENDA_PER_DAY } from '@akhbar/search';
import { badParam } from '../errors.ts';
import { EntityOut, HitOut, presentHit, totalOf, type EsHit } from '../present.ts';
import { FilterParams, expandedFilters } from '../params.ts';
import { publicBase } from '../syndication.ts';

const DAY_MS = 86_400_000;
/** Days an agenda lists when no end is given: today and the next 13, two weeks. */
const DEFAULT_AGENDA_DAYS = 14;

const dayParam = (description: string) =>
  Type.Optional(Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2}|now([+-]\\d{1,4}[dwMy])?(/d)?)$', maxLength: 20, description: `${description} A date (2026-12-01) or now, now+7d, now-1w, now+1M (d, w, M, y).` }));

const AgendaQuery = Type.Object(
  {
    ...FilterParams,
    start: dayParam('The first day listed (default: today in tz).'),
    end: dayParam(`The last day listed (default: ${String(DEFAULT_AGENDA_DAYS - 1)} days after start; at most ${String(MAX_AGENDA_DAYS)} days in all).`),
    tz: Type.String({ default: 'UTC', pattern: '^[A-Za-z]+(/[A-Za-z0-9_+-]+){0,2}$', maxLength: 64, description: 'The time zone whose calendar says which day "now" is (IANA name, e.g. Asia/Baghdad)' }),
    perDay: Type.Integer({ minimum: 1, maximum: MAX_AGENDA_PER_DAY, default: 5, description: 'Stories given per day, those most outlets carry first' }),
  },
  { additionalProperties: false },
);
type AgendaQuery = Static<typeof AgendaQuery>;

/** The article an agenda item is read from: a search hit's first fields. */
const AgendaArticle = Type.Pick(HitOut, ['id', 'url', 'title', 'lang', 'dir', 'publishedAt', 'source', 'image']);

const AgendaItem = Type.Object({
  text: Type.String({ description: 'The words naming the day, as the article wrote them ("يوم الخميس الموافق العشرين من أغسطس", "on Thursday")' }),
  sentence: Type.String({ description: 'The sentence naming it: what is said to happen that day' }),
  article: AgendaArticle,
  story: Type.Object({
    id: Type.String(),
    articles: Type.Integer({ description: 'Articles of this story naming this day' }),
    sources: Type.Integer({ description: 'Outlets among them' }),
  }),
});

const AgendaDay = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD' }),
  articles: Type.Integer({ description: 'Articles naming this day' }),
  stories: Type.Integer({ description: 'Stories among them (approximate beyond a few thousand)' }),
  sources: Type.Integer({ description: 'Outlets among them' }),
  items: Type.Array(AgendaItem, { description: 'One per story, those most outlets carry first, then the newest' }),
});

const AgendaResponse = Type.Object({
  start: Type.String({ description: 'The first day listed, YYYY-MM-DD' }),
  end: Type.String({ description: 'The last day listed' }),
  total: Type.Integer({ description: 'Articles naming a day from start to end' }),
  expandedEntities: Type.Array(EntityOut),
  days: Type.Array(AgendaDay, { description: 'The days some article names, in calendar order (days no article names are left out)' }),
});
type AgendaResponse = Static<typeof AgendaResponse>;

/** Today in `tz` (the calendar day there), YYYY-MM-DD. */
function todayIn(tz: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    throw badParam('tz', `unknown time zone ${tz}`);
  }
}

/**
 * A start or end as a calendar day: a date as given, else now (in tz) moved by the date math.
 * Resolved here rather than in Elasticsearch so the answer says which days it covers and the
 * window's length can be checked before asking.
 */
function dayOf(param: string, v: string, today: string): string {
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = ms(v);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) throw badParam(param, `${param} is not a calendar date (got ${v})`);
    return v;
  }
  const m = /^now(?:([+-])(\d{1,4})([dwMy]))?/.exec(v)!;
  const d = new Date(ms(today));
  if (m[1]) {
    const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
    if (m[3] === 'd') d.setUTCDate(d.getUTCDate() + n);
    else if (m[3] === 'w') d.setUTCDate(d.getUTCDate() + 7 * n);
    else if (m[3] === 'M') d.setUTCMonth(d.getUTCMonth() + n);
    else d.setUTCFullYear(d.getUTCFullYear() + n);
  }
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) throw badParam(param, `${param} is out of range (got ${v})`);
  return d.toISOString().slice(0, 10);
}

interface AgendaHit extends EsHit {
  _source?: Record<string, any>;
}
interface StoryBucket {
  key: string;
  doc_count: number;
  outlets?: { value: number };
  article?: { hits: { hits: AgendaHit[] } };
}
interface DayBucket {
  key_as_string: string;
  doc_count: number;
  stories?: { value: number };
  sources?: { value: number };
  top?: { buckets?: StoryBucket[] };
}

/**
 * A day's items: one per story (Elasticsearch orders them, most outlets first, then the latest),
 * each its newest article naming the day, with the words and the sentence naming it there.
 */
function dayItems(date: string, stories: StoryBucket[]): AgendaResponse['days'][number]['items'] {
  return stories.flatMap((b) => {
    const h = b.article?.hits.hits[0];
    const s = h?._source ?? {};
    const mention = (Array.isArray(s.dateMentions) ? s.dateMentions : []).find((d: { date?: string }) => d.date === date) as { text?: string; sentence?: string } | undefined;
    if (!h || !mention?.text) return [];
    const hit = presentHit(h) as Static<typeof HitOut>;
    const article = { id: hit.id, url: hit.url, title: hit.title, lang: hit.lang, dir: hit.dir, publishedAt: hit.publishedAt, source: hit.source, ...(hit.image ? { image: hit.image } : {}) };
    return [{ text: mention.text, sentence: mention.sentence ?? mention.text, article, story: { id: b.key, articles: b.doc_count, sources: b.outlets?.value ?? 1 } }];
  });
}

export const agendaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function runAgenda(query: AgendaQuery, now = new Date()): Promise<AgendaResponse> {
    const { start: startParam, end: endParam, tz, perDay, ...rest } = query;
    const today = todayIn(tz, now);
    const start = dayOf('start', startParam ?? 'now', today);
    const end = endParam !== undefined ? dayOf('end', endParam, today) : new Date(Date.parse(`${start}T00:00:00Z`) + (DEFAULT_AGENDA_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const span = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;
    if (span < 1) throw badParam('end', `end (${end}) is before start (${start})`);
    if (span > MAX_AGENDA_DAYS) throw badParam('end', `an agenda lists at most ${String(MAX_AGENDA_DAYS)} days (${start} to ${end} is ${String(span)})`);
    const { filters, entities } = expandedFilters(rest, app.entities, app.collections);
    if (filters.mentionsFrom !== undefined || filters.mentionsTo !== undefined) {
      throw badParam(filters.mentionsFrom !== undefined ? 'mentionsFrom' : 'mentionsTo', 'the agenda\'s days are start and end');
    }
    const res = await app.esTimed('agenda', () =>
      app.es.search({ index: app.gw.index, ...agendaBody(filters, { start, end, perDay, timeoutMs: app.gw.esTimeoutMs }) }, { requestTimeout: app.gw.esTimeoutMs + 1_000 }),
    );
    const buckets = ((res.aggregations as { days?: { buckets?: DayBucket[] } } | undefined)?.days?.buckets ?? []);
    const days = buckets
      .filter((b) => b.doc_count > 0 && b.key_as_string >= start && b.key_as_string <= end)
      .map((b) => ({
        date: b.key_as_string,
        articles: b.doc_count,
        stories: b.stories?.value ?? 0,
        sources: b.sources?.value ?? 0,
        items: dayItems(b.key_as_string, b.top?.buckets ?? []),
      }));
    return { start, end, total: totalOf(res.hits.total).total, expandedEntities: entities, days };
  }

  app.get(
    '/v1/agenda',
    {
      schema: {
        tags: ['articles'],
        summary: 'The agenda: what the news says is coming, day by day',
        description:
          'The days articles name — "the prime minister meets the president on Thursday 20 August", «يوم الخميس الموافق العشرين من أغسطس», «العشرين من الشهر الجاري», "demain", "next Tuesday" — from start to end, ' +
          'each with how many articles, stories and outlets name it and its stories (one item per story: the words naming the day, the sentence saying what happens, the newest article). ' +
          'Any search filter narrows the articles (q, country, lang, from/to on publication…). A day left without a year is the one nearest the article\'s publication; days are read at enrichment ' +
          '(articles enriched before have none until `akhbar reenrich`). Past days work too: start=end=2026-11-20 is what the news said would happen, or happened, that day. ' +
          `At most ${String(MAX_AGENDA_DAYS)} days. Also as an iCalendar feed: /v1/agenda.ics.`,
        querystring: AgendaQuery,
        response: { 200: AgendaResponse },
      },
    },
    async (req, reply) => {
      const out = await runAgenda(req.query);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return out;
    },
  );

  app.get(
    '/v1/agenda.ics',
    {
      schema: {
        tags: ['articles'],
        summary: 'The agenda as an iCalendar feed (subscribe in a calendar)',
        description:
          'The same parameters and items as /v1/agenda, as all-day events a calendar application subscribes to: each titled with its article\'s headline, described by the sentence naming the day and the outlets, ' +
          'linking the article. An event keeps its UID (the story and the day) when the calendar reloads, so a story a new outlet reports updates its event instead of adding one.',
        querystring: AgendaQuery,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const out = await runAgenda(req.query);
      const base = publicBase(app, req);
      const host = new URL(base).hostname || 'akhbar';
      const cal = ical({
        name: `Akhbar agenda${req.query.q ? `: ${req.query.q}` : ''}`,
        description: 'Days the news names, from Akhbar',
        prodId: { company: 'Akhbar', product: 'agenda', language: 'EN' },
        method: ICalCalendarMethod.PUBLISH,
        ttl: 60 * 60,
      });
      // Reloaded within the hour by clients that honour it (REFRESH-INTERVAL / X-PUBLISHED-TTL).
      for (const day of out.days) {
        const [y, m, d] = day.date.split('-').map(Number) as [number, number, number];
        for (const item of day.items) {
          const outlets = item.story.sources > 1 ? ` (${String(item.story.sources)} outlets)` : '';
          cal.createEvent({
            id: `${item.story.id}-${day.date}@${host}`,
            // All-day: a calendar date, not an instant, so it is that day in every time zone.
            start: new Date(Date.UTC(y, m - 1, d)),
            allDay: true,
            summary: item.article.title,
            description: `${item.sentence}\n\n${item.article.source.name || item.article.source.domain}${outlets} — ${item.article.url}`,
            url: item.article.url,
            stamp: new Date(item.article.publishedAt),
          });
        }
      }
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      reply.type('text/calendar; charset=utf-8');
      return cal.toString();
    },
  );
};
