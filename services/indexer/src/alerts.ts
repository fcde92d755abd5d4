import { createHmac } from 'node:crypto';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import { createTransport, type Transporter } from 'nodemailer';
import { Agent, request } from 'undici';
import {
  AkhbarError, AlertJobSchema, AlertMatchJobSchema, AlertRegistry, CoreErrors, DIGEST_MAX_ARTICLES, QUEUES, akhbarBackoff, alertEmail, deadLetter, digestPeriodEnd, digestPeriodMs,
  dirOf, errorCode, isAkhbarError, type AlertArticle, type AlertJob, type AlertMatchJob, type Logger, type RedisClient, type StoredAlert, settleBull,
} from '@akhbar/core';
import { guardedConnector, USER_AGENT } from '@akhbar/feeds';
import { alertArticle, alertQuotes, alertSearches, batchStories, batchStoriesBody, indexNames, speakersInQuery, storySpread, storySpreadBody, visibleBody, type Client } from '@akhbar/search';
import { gaveUp, IndexerErrors } from './errors.ts';

/**
 * Alerts, the indexer's side, in three steps with a queue between each so nothing is lost:
 *
 *   1. `AlertMatcher.match(id)`: the indexer hands over each new article once Elasticsearch has
 *      acknowledged it; ids are gathered for a moment and queued as one `alerts.match` job, and
 *      the articles' own jobs complete only after that (a failure retries them, and a retry hands
 *      its article over again). With no alert defined, nothing is queued at all.
 *   2. The match worker waits until the articles are searchable, asks one `_msearch` (each
 *      alert's query restricted to the batch's ids) and queues an `alerts.deliver` job per match,
 *      with job id alert id + article id, so a repeat collapses into the one already queued.
 *   3. The delivery worker POSTs each match to its alert's webhook, signed with the alert's secret;
 *      408/429/5xx and network failures are retried with backoff, other answers dead-lettered. A
 *      `mailto:` alert is emailed through AKHBAR_SMTP_URL instead: a 4xx reply or no connection is
 *      retried, a 5xx (the address refused) dead-lettered.
 *
 * A digest alert (`digest: "1h"`) keeps its matches in Redis instead (one hash per alert, so a
 * repeat is kept once) and step 2 queues one delivery for the end of the period, with job id
 * alert id + period end, so the period's matches all land in that one job; it POSTs them (the
 * newest 100, the rest at once after) and forgets them only once the webhook took them. A digest
 * given up on goes to the dead-letter queue with its articles, so a replay sends the same digest.
 *
 * Updates of an article already indexed are not new articles: they send nothing, except to the
 * alerts on edits (`onEdits`, a query with `edited=`), which are matched against the articles an
 * update has just edited (the match job's `edits`) and deliver each edit once.
 */

export interface AlertMatcherOptions {
  registry: AlertRegistry;
  queue: Queue<AlertMatchJob>;
  /** Delay of a match job: the index's refresh interval, so the articles are searchable when it runs. @default 1 000 */
  delayMs?: number;
  /** Ids per match job. @default 500 */
  maxIds?: number;
  /** A partial batch waits at most this long. @default 200 */
  flushMs?: number;
  /** How long "there are no alerts" is believed before asking Redis again. @default 2 000 */
  recheckMs?: number;
}

interface Pending {
  id: string;
  /** An edit of an article already indexed (for the alerts on edits), not a new article. */
  edit: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class AlertMatcher {
  readonly #o: Required<AlertMatcherOptions>;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #known: { any: boolean; onEdits: boolean; at: number } | undefined;

  constructor(opts: AlertMatcherOptions) {
    this.#o = { delayMs: 1_000, maxIds: 500, flushMs: 200, recheckMs: 2_000, ...opts };
  }

  /** Whether any alert (with `edit`: any alert on edits) would look at what is handed over. */
  async #anyAlert(edit: boolean): Promise<boolean> {
    const now = Date.now();
    if (!this.#known || now - this.#known.at >= this.#o.recheckMs) {
      const any = (await this.#o.registry.count()) > 0;
      // The alerts are read whole only when there are some: few, small.
      const onEdits = any && (await this.#o.registry.list()).some((a) => a.alert.onEdits !== undefined);
      this.#known = { any, onEdits, at: now };
    }
    return edit ? this.#known.onEdits : this.#known.any;
  }

  /**
   * Hand over a newly indexed article, or (`edit`) one an update has just edited; resolves once it
   * is queued for matching (or no alert exists).
   */
  async match(articleId: string, kind: 'new' | 'edit' = 'new'): Promise<void> {
    if (!(await this.#anyAlert(kind === 'edit'))) return;
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ id: articleId, edit: kind === 'edit', resolve, reject });
      if (this.#pending.length >= this.#o.maxIds) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#o.flushMs);
    });
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length > 0) void this.#send(batch);
  }

  async #send(batch: Pending[]): Promise<void> {
    try {
      const ids = [...new Set(batch.flatMap((p) => (p.edit ? [] : [p.id])))];
      const edits = [...new Set(batch.flatMap((p) => (p.edit ? [p.id] : [])))];
      await this.#o.queue.add('match', { v: 1, ids, ...(edits.length > 0 ? { edits } : {}) }, { delay: this.#o.delayMs });
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  /** Queue what is waiting (shutdown). */
  async close(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    clearTimeout(this.#timer);
    if (batch.length > 0) await this.#send(batch);
  }
}

export const AlertErrors = {
  /** The webhook answered a status that means "never" (400, 401, 403, 404, 410, 413, 422…): dead-lettered at once. */
  REJECTED: 'AKHBAR_ALERT_REJECTED',
  /** The webhook was unreachable, timed out or answered 408/429/5xx: retried with backoff, then dead-lettered. */
  DELIVERY_FAILED: 'AKHBAR_ALERT_DELIVERY_FAILED',
  /** A mailto: alert, and no SMTP server configured (AKHBAR_SMTP_URL) to send it: dead-lettered at once. */
  NO_SMTP: 'AKHBAR_ALERT_NO_SMTP',
} as const;

/** The signature header value for `body`: what a receiver recomputes with the alert's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Discord refuses a message over 2 000 characters; Slack's limit (40 000) is far away. */
const DISCORD_MAX = 2_000;

/**
 * The body POSTed for a delivery of `articles` (one, or a digest's), in the alert's format: the
 * documented Akhbar JSON, or a chat message (Slack's `text` with `<url|title>` links, Discord's
 * `content` in Markdown), one line per article — newest first, its source, language and time.
 * `sent` is how many of `articles` the body carries: all of them, except a Discord message, which
 * holds as many as fit in 2 000 characters (the caller sends the rest in the next message).
 */
export function deliveryBody(
  alert: StoredAlert['alert'],
  articles: readonly AlertArticle[],
  opts: { digest?: { more: number }; test?: boolean; now?: Date },
): { body: string; sent: number } {
  const deliveredAt = (opts.now ?? new Date()).toISOString();
  const format = alert.format ?? 'akhbar';
  if (format === 'akhbar') {
    const content = opts.digest
      ? { digest: { period: alert.digest ?? null, count: articles.length, more: opts.digest.more }, articles }
      : { article: articles[0] };
    return { body: JSON.stringify({ alert: { id: alert.id, name: alert.name }, ...content, deliveredAt, ...(opts.test ? { test: true } : {}) }), sent: articles.length };
  }
  // Chat formats: a title line, then one line per article. Titles are text, not markup: the
  // characters each format would read as markup are escaped.
  const slack = format === 'slack';
  const esc = slack ? (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : (s: string) => s.replace(/([\\*_~`|[\]()<>#@])/g, '\\$1');
  const link = (a: AlertArticle) => (slack ? `<${a.url.replace(/[<>|]/g, encodeURIComponent)}|${esc(a.title)}>` : `[${esc(a.title)}](<${a.url.replace(/[<>]/g, encodeURIComponent)}>)`);
  const head = `${opts.test ? '[test] ' : ''}${slack ? '*' : '**'}${esc(alert.name)}${slack ? '*' : '**'}${opts.digest ? ` — ${String(articles.length + opts.digest.more)} new` : ''}`;
  const lines = articles.map((a) => [`• ${link(a)} — ${esc(a.source.name || a.source.domain)} · ${a.lang} · ${a.publishedAt.slice(0, 16).replace('T', ' ')} UTC${spreadNote(a)}${esc(editNote(a))}`, ...[...saidLines(a), ...dateLines(a)].map((l) => `> ${esc(l)}`)].join('\n'));
  const later = (n: number) => (n > 0 ? [`…and ${String(n)} more in the next message`] : []);
  if (slack) return { body: JSON.stringify({ text: [head, ...lines, ...later(opts.digest?.more ?? 0)].join('\n') }), sent: articles.length };
  // Discord: as many lines as fit (room kept for the last line), at least one (cut if it must be).
  const out = [head];
  for (const line of lines) {
    const room = DISCORD_MAX - 50 - out.join('\n').length - 1;
    if (line.length > room) {
      if (out.length === 1) out.push(`${line.slice(0, room - 1)}…`);
      break;
    }
    out.push(line);
  }
  const sent = out.length - 1;
  out.push(...later(articles.length - sent + (opts.digest?.more ?? 0)));
  return { body: JSON.stringify({ content: out.join('\n'), allowed_mentions: { parse: [] } }), sent };
}

/** For an alert on stories (minSources): how far the article's story has spread, after its line. */
const spreadNote = (a: AlertArticle) => (a.story ? ` · a story carried by ${String(a.story.sources)} sources (${String(a.story.articles)} articles)` : '');

/**
 * For an alert on edits: when the article was edited, what changed, the headline it had, and what
 * the edit did to its summary and text — “taken out” → “put in” (the headline's is "was" already).
 */
const editNote = (a: AlertArticle) => {
  if (!a.edited) return '';
  const words = (a.edited.changes ?? []).filter((c) => c.field !== 'title').map((c) => {
    const side = (s: string | undefined) => (s === undefined ? '' : `“${s}”`);
    return c.removed !== undefined && c.added !== undefined ? `${side(c.removed)} → ${side(c.added)}` : c.removed !== undefined ? `− ${side(c.removed)}` : `+ ${side(c.added)}`;
  });
  return ` · edited ${a.edited.at.slice(0, 16).replace('T', ' ')} UTC (${a.edited.fields.join(', ')})${a.edited.was !== undefined ? `, the headline was “${a.edited.was}”` : ''}${words.length > 0 ? `; ${words.join('; ')}` : ''}`;
};

/** Quoted words a chat line or an email shows, at most; the webhook's JSON carries them whole. */
const SAID_CHARS = 280;
/**
 * For an alert on speakers: what they said in the article, "Name: “words”" (reported speech
 * without the marks the article did not use), each cut to SAID_CHARS.
 */
const saidLines = (a: AlertArticle) => (a.quotes ?? []).map((q) => {
  const words = q.text.length > SAID_CHARS ? `${q.text.slice(0, SAID_CHARS - 1)}…` : q.text;
  return `${q.speaker?.name ?? q.by ?? ''}: ${q.indirect ? words : `“${words}”`}`;
});

/** For an alert on named days: each day the article names, "2026-12-03: the sentence naming it", cut to SAID_CHARS. */
const dateLines = (a: AlertArticle) => (a.dates ?? []).map((d) => `${d.date}: ${d.sentence.length > SAID_CHARS ? `${d.sentence.slice(0, SAID_CHARS - 1)}…` : d.sentence}`);

/** HTML-escaped text. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const when = (a: AlertArticle) => `${a.publishedAt.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The email of a delivery of `articles` (one, or a digest's, newest first): the subject names the
 * alert and the article (or how many), then each article's title as a link, its source, language
 * and time, and its summary — as plain text and as HTML in which every article is set in its own
 * direction (an Arabic title right to left in an English message). Every article fits: a digest
 * holds at most 100.
 */
export function emailMessage(
  alert: StoredAlert['alert'],
  articles: readonly AlertArticle[],
  opts: { digest?: { more: number }; test?: boolean },
): { subject: string; text: string; html: string; sent: number } {
  const test = opts.test ? '[test] ' : '';
  const count = articles.length + (opts.digest?.more ?? 0);
  const subject = opts.digest || articles.length !== 1 ? `${test}${alert.name}: ${String(count)} new ${count === 1 ? 'article' : 'articles'}` : `${test}${alert.name}: ${articles[0]!.title}`;
  const later = opts.digest && opts.digest.more > 0 ? `…and ${String(opts.digest.more)} more in the next email.` : '';
  const footer = `Sent by Akhbar for the alert "${alert.name}"${alert.digest ? ` (every ${alert.digest})` : ''}.`;
  const text = [
    ...articles.map((a) => [a.title, a.url, `${a.source.name || a.source.domain} · ${a.lang} · ${when(a)}${spreadNote(a)}${editNote(a)}`, ...saidLines(a), ...dateLines(a), a.summary].filter(Boolean).join('\n')),
    ...(later ? [later] : []),
    footer,
  ].join('\n\n');
  const items = articles.map((a) => {
    const dir = dirOf(a.lang);
    return `<div lang="${html(a.lang)}" dir="${dir}" style="margin:0 0 1.2em;text-align:${dir === 'rtl' ? 'right' : 'left'}">`
      + `<a href="${html(a.url)}" style="font-size:1.1em;font-weight:bold">${html(a.title)}</a><br>`
      + `<span style="color:#555">${html(a.source.name || a.source.domain)} · ${html(when(a))}${html(spreadNote(a))}${html(editNote(a))}</span>`
      + [...saidLines(a), ...dateLines(a)].map((l) => `<blockquote style="margin:0.4em 0;padding:0 0.8em;border-${dir === 'rtl' ? 'right' : 'left'}:3px solid #0b57a4">${html(l)}</blockquote>`).join('')
      + (a.summary ? `<p style="margin:0.3em 0 0">${html(a.summary)}</p>` : '')
      + '</div>';
  });
  const body = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${items.join('')}${later ? `<p>${html(later)}</p>` : ''}<p style="color:#777;font-size:0.9em">${html(footer)}</p></body></html>`;
  return { subject, text, html: body, sent: articles.length };
}

/**
 * A minSources alert's deliveries in a batch: for each story of its matches that has reached the
 * bar and was not sent before, the newest matching article, carrying the story's spread. `ids`:
 * the stories to remember as sent once the deliveries are queued.
 */
async function storiesAtBar(
  registry: AlertRegistry,
  alertId: string,
  bar: number,
  matched: readonly AlertArticle[],
  spread: ReadonlyMap<string, { sources: number; articles: number }>,
): Promise<{ articles: AlertArticle[]; ids: string[] }> {
  const newest = new Map<string, AlertArticle>();
  for (const a of matched) {
    if (!a.storyId || (spread.get(a.storyId)?.sources ?? 0) < bar) continue;
    const kept = newest.get(a.storyId);
    if (!kept || a.publishedAt > kept.publishedAt) newest.set(a.storyId, a);
  }
  const ids = await registry.unsentStories(alertId, [...newest.keys()]);
  return { articles: ids.map((id) => ({ ...newest.get(id)!, story: { id, ...spread.get(id)! } })), ids };
}

export interface AlertWorkersOptions {
  es: Client;
  registry: AlertRegistry;
  indexPrefix: string;
  queuePrefix: string;
  /** Blocking connection for the two workers. */
  workerConnection: RedisClient;
  /** Where matches are queued for delivery. */
  deliveries: Queue<AlertJob>;
  dlq: Queue;
  log: Logger;
  /** Webhooks on loopback/private addresses are allowed (tests, a private deployment). @default false */
  allowPrivateNetworks?: boolean;
  /** Per delivery: connect, headers and body. @default 10 000 */
  timeoutMs?: number;
  /** Deliveries at once. @default 8 */
  concurrency?: number;
  /** Email alerts (mailto: webhooks): the SMTP server (AKHBAR_SMTP_URL) and the From: address; none → they are dead-lettered. */
  mail?: { smtpUrl: string; from: string };
}

const checkMatch = TypeCompiler.Compile(AlertMatchJobSchema);
const checkDelivery = TypeCompiler.Compile(AlertJobSchema);
/** Statuses worth another try: the receiver may be busy or briefly broken. */
const RETRYABLE = new Set([408, 425, 429]);

/** The match and delivery workers. */
export function startAlertWorkers(opts: AlertWorkersOptions): { matcher: Worker<AlertMatchJob, number>; delivery: Worker<AlertJob, string>; close(): Promise<void> } {
  const { log } = opts;
  const read = indexNames(opts.indexPrefix).read;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // One pooled SMTP connection set for every email delivery, with the webhook's time budget.
  const mailer: Transporter | undefined = opts.mail
    ? createTransport({ url: opts.mail.smtpUrl, pool: true, maxConnections: 2, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs })
    : undefined;
  const agent = new Agent({
    connect: guardedConnector({ allowPrivate: opts.allowPrivateNetworks ?? false }, { timeoutMs }),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const common = { connection: opts.workerConnection, prefix: opts.queuePrefix, settings: { backoffStrategy: akhbarBackoff } };

  /** `digest`: the articles of a digest being given up on; they go to the dead-letter queue with it and leave the pending set. */
  async function bury<T extends AlertJob | AlertMatchJob>(job: Job<T>, queue: typeof QUEUES.alerts | typeof QUEUES.alertMatch, err: AkhbarError, digest?: readonly AlertArticle[]): Promise<never> {
    const { alertId } = job.data as Partial<{ alertId: string }>;
    const article = (job.data as Partial<{ article: AlertArticle }>).article;
    if (queue === QUEUES.alerts && typeof alertId === 'string') await opts.registry.recordDelivery(alertId, { ok: false, error: `${err.code}: ${err.message}` });
    const payload = digest ? { ...job.data, articles: digest } : job.data;
    await deadLetter(opts.dlq, { stage: 'alerts', queue, err, payload, ...(typeof article?.id === 'string' ? { articleId: article.id } : {}) });
    if (digest && typeof alertId === 'string' && !(job.data as { articles?: unknown }).articles) await opts.registry.clearDigest(alertId, digest);
    log.warn({ alertId, articleId: article?.id, articles: digest?.length, code: err.code, err }, 'alert job sent to the dead-letter queue');
    throw new UnrecoverableError(`${err.code}: ${err.message}`);
  }

  async function retryOrBury<T extends AlertJob | AlertMatchJob>(job: Job<T>, queue: typeof QUEUES.alerts | typeof QUEUES.alertMatch, err: AkhbarError, digest?: readonly AlertArticle[]): Promise<never> {
    const final = gaveUp(job, err);
    if (final) return bury(job, queue, final, digest);
    log.warn({ queue, jobId: job.id, attempt: job.attemptsMade + 1, code: err.code, reason: err.message }, 'alert job failed; will retry');
    throw err;
  }

  /** Match `alerts` over the articles `ids`, adding their deliveries and the stories they send to the lists. */
  async function matchGroup(
    alerts: StoredAlert[],
    ids: readonly string[],
    now: number,
    deliveries: Array<{ name: string; data: AlertJob; opts: { jobId: string; delay?: number } }>,
    storiesSent: Array<{ alertId: string; storyIds: string[] }>,
  ): Promise<void> {
    // Alerts on stories look over the stories this batch joined (alertSearches).
    const stories = alerts.some((a) => a.alert.minSources !== undefined) ? batchStories((await opts.es.search({ index: read, ...batchStoriesBody(ids) })).aggregations) : [];
    const res = await opts.es.msearch({ searches: alertSearches(read, alerts, ids, stories) });
    const matches = res.responses.map((r, i) => {
      if (!('error' in r)) {
        // An alert on what was said, or on speakers, carries those words in each article.
        const speakers = speakersInQuery(alerts[i]!.query);
        return r.hits.hits.map((hit) => alertArticle(hit._source as Record<string, unknown>, alertQuotes(hit as Parameters<typeof alertQuotes>[0], speakers)));
      }
      log.warn({ alertId: alerts[i]!.alert.id, error: r.error }, 'an alert query failed; its matches in this batch are skipped');
      return undefined;
    });
    // Alerts on stories (minSources): how far the stories of their matches have spread.
    const storyIds = [...new Set(matches.flatMap((m, i) => (m && alerts[i]!.alert.minSources !== undefined ? m.flatMap((a) => (a.storyId ? [a.storyId] : [])) : [])))];
    const spread = storySpread(storyIds.length > 0 ? (await opts.es.search({ index: read, ...storySpreadBody(storyIds) })).aggregations : undefined);
    for (const [i, found] of matches.entries()) {
      const { alert } = alerts[i]!;
      const alertId = alert.id;
      if (!found) continue;
      let matched = found;
      if (alert.minSources !== undefined) {
        const stories = await storiesAtBar(opts.registry, alertId, alert.minSources, found, spread);
        matched = stories.articles;
        if (stories.ids.length > 0) storiesSent.push({ alertId, storyIds: stories.ids });
      }
      // An alert on edits: only an edit that changed what it asks (its query matched every edit the article ever had).
      const kinds = alert.onEdits;
      if (kinds && !kinds.includes('any')) matched = matched.filter((a) => a.edited?.fields.some((f) => kinds.includes(f)));
      const period = alert.digest ? digestPeriodMs(alert.digest) : undefined;
      if (period !== undefined) {
        if (matched.length === 0) continue;
        // Kept before the delivery is queued: a digest that runs finds them.
        await opts.registry.addToDigest(alertId, matched);
        const end = digestPeriodEnd(period, now);
        deliveries.push({ name: 'digest', data: { v: 1, alertId, digest: true }, opts: { jobId: `${alertId}.digest.${String(end)}`, delay: end - now } });
        continue;
      }
      // BullMQ job ids may not contain ':'; both ids are URL-safe.
      // An edit is delivered once per edit: a later edit of the same article is a new delivery.
      for (const article of matched) {
        const edit = kinds && article.edited ? `.e${String(Date.parse(article.edited.at))}` : '';
        deliveries.push({ name: 'alert', data: { v: 1, alertId, article }, opts: { jobId: `${alertId}.${article.id}${edit}` } });
      }
    }
  }

  const matcher = new Worker<AlertMatchJob, number>(
    QUEUES.alertMatch,
    async (job) => {
      if (!checkMatch.Check(job.data)) return bury(job, QUEUES.alertMatch, new AkhbarError(CoreErrors.PAYLOAD_INVALID, 'alert match job payload invalid', { permanent: true }));
      const alerts = await opts.registry.list();
      if (alerts.length === 0) return 0;
      const { ids, edits = [] } = job.data;
      try {
        // Normally the job's delay covered the refresh; a longer (or disabled) refresh is made up for here.
        // An edit replaced a document already visible: only a refresh shows its new version.
        const seen = ids.length > 0 ? await opts.es.search({ index: read, ...visibleBody(ids) }) : undefined;
        const visible = typeof seen?.hits.total === 'number' ? seen.hits.total : (seen?.hits.total?.value ?? 0);
        if (visible < ids.length || edits.length > 0) await opts.es.indices.refresh({ index: read });
        const now = Date.now();
        const deliveries: Array<{ name: string; data: AlertJob; opts: { jobId: string; delay?: number } }> = [];
        const storiesSent: Array<{ alertId: string; storyIds: string[] }> = [];
        // Alerts on new articles look at the new ones; alerts on edits (onEdits) at the edited ones.
        for (const [group, over] of [[alerts.filter((a) => !a.alert.onEdits), ids], [alerts.filter((a) => a.alert.onEdits), edits]] as const) {
          if (group.length === 0 || over.length === 0) continue;
          await matchGroup(group, over, now, deliveries, storiesSent);
        }
        if (deliveries.length > 0) {
          await opts.deliveries.addBulk(deliveries);
          log.info({ deliveries: deliveries.length, articles: ids.length, edits: edits.length, alerts: alerts.length }, 'alerts matched new and edited articles');
        }
        // Only once their deliveries are queued (a failure before retries the job, which finds them unsent).
        for (const sent of storiesSent) await opts.registry.markStoriesSent(sent.alertId, sent.storyIds);
        return deliveries.length;
      } catch (cause) {
        return retryOrBury(job, QUEUES.alertMatch, new AkhbarError(IndexerErrors.UNAVAILABLE, `matching alerts: ${errorCode(cause)} ${(cause as Error).message}`, { cause }));
      }
    },
    { ...common, concurrency: 2 },
  );

  const delivery = new Worker<AlertJob, string>(
    QUEUES.alerts,
    async (job) => {
      if (!checkDelivery.Check(job.data)) return bury(job, QUEUES.alerts, new AkhbarError(CoreErrors.PAYLOAD_INVALID, 'alert delivery payload invalid', { permanent: true }));
      const data = job.data;
      const { alertId } = data;
      const stored = await opts.registry.get(alertId);
      if (!stored) {
        log.info({ alertId, articleId: 'article' in data ? data.article.id : undefined }, 'alert deleted before its delivery; dropped');
        return 'alert-deleted';
      }
      // A digest: the articles it was given (a test, a replay), else the matches waiting for it.
      let digest: { articles: AlertArticle[]; more: number } | undefined;
      if ('digest' in data) {
        const pending = data.articles ? { articles: data.articles, total: data.articles.length } : await opts.registry.pendingDigest(alertId, DIGEST_MAX_ARTICLES);
        if (pending.articles.length === 0) return 'empty';
        digest = { articles: pending.articles, more: pending.total - pending.articles.length };
      }
      const articles = digest ? digest.articles : [(data as { article: AlertArticle }).article];
      const held = digest?.articles;
      const shape = { ...(digest ? { digest: { more: digest.more } } : {}), test: data.test === true };
      const email = alertEmail(stored.alert.webhook);

      /** Emailed: how many of `articles` went, or the job's end when they did not. */
      const viaEmail = async (to: string): Promise<number | string> => {
        if (!mailer) return bury(job, QUEUES.alerts, new AkhbarError(AlertErrors.NO_SMTP, `the alert emails ${to}, and no SMTP server is configured (AKHBAR_SMTP_URL)`, { permanent: true }), held);
        const message = emailMessage(stored.alert, articles, shape);
        try {
          await mailer.sendMail({
            from: opts.mail!.from,
            to,
            subject: message.subject,
            text: message.text,
            html: message.html,
            headers: { 'X-Akhbar-Alert': alertId, 'X-Akhbar-Delivery': String(job.id), 'Auto-Submitted': 'auto-generated' },
          });
        } catch (cause) {
          const reply = (cause as { responseCode?: number }).responseCode;
          // 5xx: the server refused the message or the address for good; 4xx or no answer: try again later.
          if (typeof reply === 'number' && reply >= 500) return bury(job, QUEUES.alerts, new AkhbarError(AlertErrors.REJECTED, `the SMTP server refused: ${(cause as Error).message}`, { permanent: true, cause }), held);
          return retryOrBury(job, QUEUES.alerts, new AkhbarError(AlertErrors.DELIVERY_FAILED, `email not sent: ${errorCode(cause)} ${(cause as Error).message}`, { cause }), held);
        }
        return message.sent;
      };

      /** POSTed to the webhook: how many of `articles` went, or the job's end when they did not. */
      const viaWebhook = async (): Promise<number | string> => {
        const { body, sent } = deliveryBody(stored.alert, articles, shape);
        let status: number;
        try {
          const res = await request(stored.alert.webhook, {
            method: 'POST',
            dispatcher: agent,
            body,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'user-agent': USER_AGENT,
              'x-akhbar-alert': alertId,
              'x-akhbar-delivery': String(job.id),
              // Every webhook alert has its secret (only an email alert has none).
              ...(stored.secret !== undefined ? { 'x-akhbar-signature-256': signature(stored.secret, body) } : {}),
            },
          });
          status = res.statusCode;
          await res.body.dump();
        } catch (cause) {
          // The SSRF guard's refusal (a permanent AkhbarError) will not change on a retry.
          if (isAkhbarError(cause) && cause.permanent) return bury(job, QUEUES.alerts, cause, held);
          return retryOrBury(job, QUEUES.alerts, new AkhbarError(AlertErrors.DELIVERY_FAILED, `webhook not reached: ${errorCode(cause)} ${(cause as Error).message}`, { cause }), held);
        }
        if (status >= 200 && status < 300) return sent;
        if (status >= 500 || RETRYABLE.has(status)) return retryOrBury(job, QUEUES.alerts, new AkhbarError(AlertErrors.DELIVERY_FAILED, `webhook answered ${String(status)}`), held);
        return bury(job, QUEUES.alerts, new AkhbarError(AlertErrors.REJECTED, `webhook answered ${String(status)}`, { permanent: true }), held);
      };

      const sent = email !== undefined ? await viaEmail(email) : await viaWebhook();
      if (typeof sent === 'string') return sent;
      if (digest) {
        // What this POST could not hold (over 100, or past a Discord message's length) goes now,
        // not at the end of the next period.
        const rest = digest.articles.slice(sent);
        const next = `${alertId}.digest.more.${String(Date.now())}`;
        if ('articles' in data && data.articles) {
          if (rest.length > 0) await opts.deliveries.add('digest', { ...data, articles: rest }, { jobId: next });
        } else {
          await opts.registry.clearDigest(alertId, digest.articles.slice(0, sent));
          if (rest.length > 0 || digest.more > 0) await opts.deliveries.add('digest', { v: 1, alertId, digest: true }, { jobId: next });
        }
      }
      // Counted last: once a delivery shows, its matches are forgotten and what follows is queued.
      await opts.registry.recordDelivery(alertId, { ok: true });
      log.info({ alertId, articleId: 'article' in data ? data.article.id : undefined, articles: digest?.articles.length, via: email !== undefined ? 'email' : 'webhook' }, 'alert delivered');
      return 'delivered';
    },
    { ...common, concurrency: opts.concurrency ?? 8 },
  );
  for (const w of [matcher, delivery]) w.on('error', (err) => log.error({ err }, `${w.name} worker error`));

  return {
    matcher,
    delivery,
    async close() {
      await settleBull([matcher, delivery]);
      await Promise.all([matcher.close(), delivery.close()]);
      await agent.close();
      mailer?.close();
    },
  };
}
