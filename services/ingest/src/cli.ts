import { readFile, writeFile } from 'node:fs/promises';
import {
  canonicalUrl, createRedis, errorCode, feedId, FeedRegistry, isAkhbarError, openQueue, parseArgs, QUEUES, reportCliError, type CliCommand, type CliIo, type Feed, type FetchJob,
} from '@akhbar/core';
import { closeFetchAgents, discoverFeeds, fetchFeed, parseFeed, parseOpml, toOpml, toRawArticles, type FetchOptions } from '@akhbar/feeds';
import { loadIngestConfig } from './config.ts';
import { SCHEDULER_PREFIX } from './scheduler.ts';

/**
 * `akhbar feeds …`: debug a feed (`parse`), find feeds on a site (`discover`), and manage the
 * registry (`add`, `list`, `remove`, `enable`, `refresh`, `import`, `export`). Registry commands
 * talk to Redis directly (REDIS_URL, AKHBAR_QUEUE_PREFIX) and queue fetch jobs for a running
 * ingest service; `parse` and `discover` need nothing but the network.
 */

let io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
const out = (s: string) => io.out(s);
const err = (s: string) => io.err(s);

/** Send the commands' output elsewhere (tests run them in-process); returns the restorer. */
export function useCliIo(next: CliIo): () => void {
  const previous = io;
  io = next;
  return () => {
    io = previous;
  };
}

function fail(e: unknown): number {
  reportCliError(e, io);
  const feeds = isAkhbarError(e) ? (e.details?.feeds as Array<{ url: string; title?: string }> | undefined) : undefined;
  if (feeds?.length) err(`feeds found on the page:\n${feeds.map((f) => `  ${f.url}${f.title ? `  (${f.title})` : ''}`).join('\n')}\n`);
  return 1;
}

function fetchOptions(flags: Record<string, string | true>): FetchOptions {
  const config = loadIngestConfig();
  return {
    allowPrivate: flags['allow-private'] === true || config.allowPrivate,
    allowCidrs: config.allowCidrs,
    maxBytes: config.maxBytes,
    timeoutMs: config.fetchTimeoutMs,
    ...(config.userAgent ? { userAgent: config.userAgent } : {}),
  };
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function withRegistry<T>(fn: (ctx: { registry: FeedRegistry; fetchQueue: ReturnType<typeof openQueue<FetchJob>> }) => Promise<T>): Promise<T> {
  const config = loadIngestConfig();
  const redis = createRedis(config, 'producer', { lazyConnect: true });
  await redis.connect();
  const fetchQueue = openQueue<FetchJob>(QUEUES.fetch, { connection: redis, prefix: config.queuePrefix });
  try {
    return await fn({ registry: new FeedRegistry(redis, config.queuePrefix), fetchQueue });
  } finally {
    await fetchQueue.close();
    redis.disconnect();
  }
}

/** A feed by id, or by its (current or original) URL. */
async function resolveFeed(registry: FeedRegistry, ref: string): Promise<Feed | undefined> {
  const byId = await registry.get(ref);
  if (byId) return byId;
  if (!isUrl(ref)) return undefined;
  const url = canonicalUrl(ref);
  return (await registry.get(feedId(url))) ?? (await registry.list()).find((f) => f.url === url || f.originalUrl === url);
}

async function queueFetch(fetchQueue: ReturnType<typeof openQueue<FetchJob>>, id: string, reason: 'manual' | 'new'): Promise<void> {
  await fetchQueue.add('fetch', { v: 1, feedId: id, reason }, { jobId: `${reason}-${id}-${Date.now()}`, attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } });
}

function settingsFrom(flags: Record<string, string | true>): Record<string, string | number> {
  const s: Record<string, string | number> = {};
  for (const k of ['title', 'lang', 'country', 'category'] as const) if (typeof flags[k] === 'string') s[k] = flags[k];
  if (typeof flags.interval === 'string') {
    const n = Number(flags.interval);
    if (!Number.isInteger(n) || n < 60 || n > 86_400) throw new Error('--interval must be whole seconds between 60 and 86400');
    s.intervalSec = n;
  }
  if (typeof flags.fulltext === 'string') {
    if (!['always', 'when-short', 'never'].includes(flags.fulltext)) throw new Error('--fulltext must be always, when-short or never');
    s.fulltext = flags.fulltext;
  }
  return s;
}

export const commands: CliCommand[] = [
  {
    name: 'feeds parse',
    usage: '<file|url> [--url U] [--allow-private] [--no-html]',
    summary: 'fetch (or read) a feed and print it normalised, as JSON',
    async run(args) {
      const { positionals, flags } = parseArgs(args, ['allow-private', 'no-html']);
      const target = positionals[0];
      if (!target) return (err('usage: akhbar feeds parse <file|url> [--url U] [--allow-private] [--no-html]\n'), 2);
      try {
        let bytes: Buffer;
        let url: string;
        let contentType: string | undefined;
        let http: Record<string, unknown> | undefined;
        if (isUrl(target)) {
          const res = await fetchFeed(target, fetchOptions(flags));
          bytes = res.body;
          url = res.url;
          contentType = res.headers['content-type'];
          http = { status: res.status, url: res.url, redirects: res.redirects, contentType, etag: res.headers.etag, lastModified: res.headers['last-modified'] };
        } else {
          bytes = await readFile(target);
          // Relative links in a local file resolve against --url when given.
          url = typeof flags.url === 'string' ? flags.url : 'https://feed.invalid/';
        }
        const parsed = await parseFeed(bytes, { url, contentType });
        const ref = { id: feedId(canonicalUrl(url)), url };
        const items = toRawArticles(parsed, ref, new Date(), { html: flags['no-html'] !== true });
        const { items: _raw, ...feed } = parsed;
        out(JSON.stringify({ ...(http ? { http } : {}), feed: { ...feed, itemCount: parsed.items.length, usableItems: items.length }, items }, null, 2) + '\n');
        return 0;
      } catch (e) {
        return fail(e);
      } finally {
        await closeFetchAgents();
      }
    },
  },
  {
    name: 'feeds discover',
    usage: '<url|file.html> [--allow-private]',
    summary: 'list the feeds a web page links to (JSON)',
    async run(args) {
      const { positionals, flags } = parseArgs(args, ['allow-private']);
      const target = positionals[0];
      if (!target) return (err('usage: akhbar feeds discover <url|file.html>\n'), 2);
      try {
        const feeds = isUrl(target)
          ? await discoverFeeds(target, fetchOptions(flags))
          : await discoverFeeds(await readFile(target, 'utf8'), typeof flags.url === 'string' ? { baseUrl: flags.url } : {});
        out(JSON.stringify(feeds, null, 2) + '\n');
        return feeds.length > 0 ? 0 : 1;
      } catch (e) {
        return fail(e);
      } finally {
        await closeFetchAgents();
      }
    },
  },
  {
    name: 'feeds add',
    usage: '<url> [--title T] [--lang xx] [--country XX] [--interval SEC] [--category C] [--fulltext always|when-short|never]',
    summary: 'register a feed and queue its first fetch',
    async run(args) {
      const { positionals, flags } = parseArgs(args);
      const url = positionals[0];
      if (!url) return (err('usage: akhbar feeds add <url> [--title T] [--lang xx] [--country XX] [--interval SEC] [--category C] [--fulltext always|when-short|never]\n'), 2);
      try {
        return await withRegistry(async ({ registry, fetchQueue }) => {
          const { feed, created } = await registry.add({ url, ...settingsFrom(flags) });
          await queueFetch(fetchQueue, feed.id, 'new');
          out(JSON.stringify({ created, feed }, null, 2) + '\n');
          return 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'feeds list',
    usage: '[--json]',
    summary: 'registered feeds with their state, last status and error',
    async run(args) {
      const { flags } = parseArgs(args, ['json']);
      try {
        return await withRegistry(async ({ registry }) => {
          const feeds = await registry.list();
          if (flags.json) {
            out(JSON.stringify(feeds, null, 2) + '\n');
            return 0;
          }
          out(['id', 'state', 'fails', 'http', 'items', 'every', 'error', 'url'].join('\t') + '\n');
          for (const f of feeds) {
            const s = f.status;
            const every = `${Math.round((s.effectiveIntervalSec ?? f.intervalSec) / 60)}m`;
            out([f.id, s.state, s.consecutiveFailures, s.lastHttpStatus ?? '-', s.itemsSeen, every, s.lastErrorCode ?? '-', f.url].join('\t') + '\n');
          }
          return 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'feeds remove',
    usage: '<id|url>',
    summary: 'unregister a feed and stop polling it',
    async run(args) {
      const ref = parseArgs(args).positionals[0];
      if (!ref) return (err('usage: akhbar feeds remove <id|url>\n'), 2);
      try {
        return await withRegistry(async ({ registry, fetchQueue }) => {
          const feed = await resolveFeed(registry, ref);
          if (!feed) return (err(`akhbar: AKHBAR_FEED_NOT_FOUND: no feed ${ref}\n`), 1);
          await registry.remove(feed.id);
          await fetchQueue.removeJobScheduler(SCHEDULER_PREFIX + feed.id);
          out(`removed ${feed.id} ${feed.url}\n`);
          return 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'feeds enable',
    usage: '<id|url>',
    summary: 're-enable a disabled feed (failures reset) and fetch it now',
    async run(args) {
      const ref = parseArgs(args).positionals[0];
      if (!ref) return (err('usage: akhbar feeds enable <id|url>\n'), 2);
      try {
        return await withRegistry(async ({ registry, fetchQueue }) => {
          const feed = await resolveFeed(registry, ref);
          if (!feed) return (err(`akhbar: AKHBAR_FEED_NOT_FOUND: no feed ${ref}\n`), 1);
          await registry.updateStatus(feed.id, { state: 'active', consecutiveFailures: 0, nextFetchAt: null });
          await queueFetch(fetchQueue, feed.id, 'manual');
          out(`enabled ${feed.id} ${feed.url}\n`);
          return 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'feeds refresh',
    usage: '<id|url>',
    summary: 'queue a fetch of a feed now',
    async run(args) {
      const ref = parseArgs(args).positionals[0];
      if (!ref) return (err('usage: akhbar feeds refresh <id|url>\n'), 2);
      try {
        return await withRegistry(async ({ registry, fetchQueue }) => {
          const feed = await resolveFeed(registry, ref);
          if (!feed) return (err(`akhbar: AKHBAR_FEED_NOT_FOUND: no feed ${ref}\n`), 1);
          await queueFetch(fetchQueue, feed.id, 'manual');
          out(`queued a fetch of ${feed.id} ${feed.url}\n`);
          return 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'feeds import',
    usage: '<file.opml>',
    summary: 'register every feed of an OPML file',
    async run(args) {
      const file = parseArgs(args).positionals[0];
      if (!file) return (err('usage: akhbar feeds import <file.opml>\n'), 2);
      try {
        const outlines = parseOpml(await readFile(file));
        return await withRegistry(async ({ registry, fetchQueue }) => {
          let added = 0;
          let existing = 0;
          const invalid: Array<{ url: string; code: string }> = [];
          for (const o of outlines) {
            try {
              const { feed, created } = await registry.add({
                url: o.url, ...(o.title ? { title: o.title } : {}), ...(o.siteUrl ? { siteUrl: o.siteUrl } : {}),
                ...(o.lang ? { lang: o.lang } : {}), ...(o.category ? { category: o.category } : {}),
              });
              if (created) {
                added++;
                await queueFetch(fetchQueue, feed.id, 'new');
              } else existing++;
            } catch (e) {
              invalid.push({ url: o.url, code: errorCode(e) });
            }
          }
          out(JSON.stringify({ found: outlines.length, added, existing, invalid }, null, 2) + '\n');
          return invalid.length > 0 ? 1 : 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
  {
    name: 'feeds export',
    usage: '[--out file.opml]',
    summary: 'write every registered feed as OPML (stdout by default)',
    async run(args) {
      const { flags } = parseArgs(args);
      try {
        return await withRegistry(async ({ registry }) => {
          const feeds = await registry.list();
          const opml = toOpml(feeds.map((f) => ({
            url: f.url, ...(f.title ? { title: f.title } : {}), ...(f.siteUrl ? { siteUrl: f.siteUrl } : {}),
            ...(f.lang ? { lang: f.lang } : {}), ...(f.category ? { category: f.category } : {}),
          })));
          if (typeof flags.out === 'string') {
            await writeFile(flags.out, opml);
            err(`wrote ${feeds.length} feeds to ${flags.out}\n`);
          } else out(opml);
          return 0;
        });
      } catch (e) {
        return fail(e);
      }
    },
  },
];
