import { readFile } from 'node:fs/promises';
import type { Queue } from 'bullmq';
import {
  AkhbarError, articleId, contentHash, createRedis, openQueue, parseArgs, QUEUES, reportCliError, type CliCommand, type EnrichedJob, type RawArticle,
} from '@akhbar/core';
import { articleSignature, cleanArticle, enrichArticle, loadEntitiesFile } from '@akhbar/nlp';
import { createEsClient } from '@akhbar/search';
import { loadEnrichConfig, storyOptions } from './config.ts';
import { EnrichErrors } from './errors.ts';
import { reenrich } from './reenrich.ts';
import { FeedLanguages } from './feed-lang.ts';
import { StoryClusterer } from './story.ts';

/**
 * `akhbar enrich <file>` prints what enrichment makes of a text or an article (debugging a tagger,
 * no Redis needed); `akhbar reenrich --since <date>` re-runs enrichment over indexed articles.
 */

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

const fail = (e: unknown): number => reportCliError(e);

/**
 * An article from a file: a RawArticle or `{ v, article }` job as JSON (missing fields filled
 * in), or plain text whose first non-empty line is the title.
 */
export function articleFromInput(text: string, source: string, hint?: string): RawArticle {
  if (text.trim() === '') throw new AkhbarError(EnrichErrors.BAD_INPUT, `${source} is empty`);
  let data: unknown;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new AkhbarError(EnrichErrors.BAD_INPUT, `${source} looks like JSON but does not parse: ${(e as Error).message}`);
    }
  }
  const now = new Date().toISOString();
  let partial: Partial<RawArticle>;
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    partial = (d.article && typeof d.article === 'object' ? d.article : d) as Partial<RawArticle>;
    if (typeof partial.title !== 'string' && typeof partial.body !== 'string' && typeof partial.summary !== 'string') {
      throw new AkhbarError(EnrichErrors.BAD_INPUT, `${source}: a JSON article needs a "title", "summary" or "body"`);
    }
  } else {
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    partial = { title: lines[first]!.trim(), body: lines.slice(first + 1).join('\n').trim() };
  }
  const url = typeof partial.url === 'string' ? partial.url : `file://${source}`;
  const title = partial.title ?? '';
  const summary = partial.summary ?? '';
  const body = partial.body ?? '';
  const article: RawArticle = {
    id: partial.id ?? articleId(url),
    url,
    feedId: partial.feedId ?? 'cli',
    source: partial.source ?? { id: 'cli', name: 'akhbar enrich', domain: 'localhost' },
    title,
    summary,
    body,
    categories: partial.categories ?? [],
    publishedAt: partial.publishedAt ?? now,
    fetchedAt: partial.fetchedAt ?? now,
    contentHash: partial.contentHash ?? contentHash([title, summary, body]),
    flags: partial.flags ?? [],
  };
  const langHint = hint ?? partial.langHint;
  if (langHint) article.langHint = langHint;
  return article;
}

function parseDate(value: string | true | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new AkhbarError(EnrichErrors.BAD_DATE, `--${flag} needs a date such as 2024-05-01 or 2024-05-01T12:00:00Z (got ${String(value)})`);
  return d;
}

export const commands: CliCommand[] = [
  {
    name: 'enrich',
    usage: '<file|-> [--lang-hint xx]',
    summary: 'print the enrichment of a text or article JSON file (language, entities, topics, keywords…)',
    async run(args) {
      const { positionals, flags } = parseArgs(args);
      const file = positionals[0];
      if (!file) return fail(new AkhbarError(EnrichErrors.BAD_INPUT, 'usage: akhbar enrich <file|-> [--lang-hint xx]'));
      try {
        const config = loadEnrichConfig();
        if (config.entitiesFile) loadEntitiesFile(config.entitiesFile);
        let text: string;
        try {
          text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
        } catch (e) {
          throw new AkhbarError(EnrichErrors.BAD_INPUT, `cannot read ${file}: ${(e as Error).message}`);
        }
        const raw = articleFromInput(text, file, typeof flags['lang-hint'] === 'string' ? flags['lang-hint'] : undefined);
        const article = cleanArticle(raw);
        const enrichment = enrichArticle(article);
        const signature = articleSignature(article);
        out(`${JSON.stringify({ id: article.id, title: article.title, enrichment, story: signature ? { bands: signature.bands.length } : null }, null, 2)}\n`);
        return 0;
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'reenrich',
    usage: '--since <date> [--until <date>] [--feed <id>] [--stale] [--dry-run]',
    summary: 're-run enrichment over indexed articles published since a date and re-index them (no feed re-fetch); --stale: only those a tagger has changed for',
    async run(args) {
      const { flags } = parseArgs(args, ['dry-run', 'stale']);
      let since: Date | undefined;
      let until: Date | undefined;
      try {
        since = parseDate(flags.since, 'since');
        until = parseDate(flags.until, 'until');
        if (!since) throw new AkhbarError(EnrichErrors.BAD_DATE, 'usage: akhbar reenrich --since <date> [--until <date>] [--feed <id>] [--stale] [--dry-run]');
      } catch (e) {
        return fail(e);
      }
      const config = loadEnrichConfig();
      if (config.entitiesFile) loadEntitiesFile(config.entitiesFile);
      const es = createEsClient(config.elasticsearchUrl);
      const redis = createRedis(config, 'producer', { lazyConnect: true });
      let enrichedQueue: Queue<EnrichedJob> | undefined;
      try {
        // Connected before the queue is opened: BullMQ would start connecting a lazy client itself,
        // and a second connect() then fails ("Redis is already connecting/connected").
        await redis.connect();
        enrichedQueue = openQueue<EnrichedJob>(QUEUES.enriched, { connection: redis, prefix: config.queuePrefix });
        const stories = new StoryClusterer(redis, storyOptions(config));
        const res = await reenrich({
          es,
          indexPrefix: config.indexPrefix,
          enrichedQueue,
          stories,
          feedLanguages: new FeedLanguages(redis, { prefix: config.queuePrefix }),
          since,
          ...(until ? { until } : {}),
          ...(typeof flags.feed === 'string' ? { feedId: flags.feed } : {}),
          dryRun: flags['dry-run'] === true,
          stale: flags.stale === true,
          onProgress: (done, total) => err(`re-enriched ${String(done)}/${String(total)}\n`),
        });
        out(`${JSON.stringify({ reenriched: res.total, sentToIndexer: res.sent, ...(flags.stale === true ? { upToDate: res.upToDate } : {}), queue: QUEUES.enriched })}\n`);
        return 0;
      } catch (e) {
        return fail(e);
      } finally {
        await enrichedQueue?.close();
        redis.disconnect();
        await es.close();
      }
    },
  },
];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
