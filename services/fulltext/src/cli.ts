import { readFile } from 'node:fs/promises';
import { AkhbarError, parseArgs, reportCliError, type CliCommand } from '@akhbar/core';
import { FulltextErrors, assertHtml, extractArticle } from '@akhbar/extract';
import { closeFetchAgents, decodeBody, type FetchOptions } from '@akhbar/feeds';
import { PAGE_USER_AGENT, ROBOTS_AGENT, loadFulltextConfig } from './config.ts';
import { fetchPage } from './page.ts';
import { fetchRobots, judgeRobots } from './robots.ts';

/**
 * `akhbar article extract <url|file>`: what the full-text stage would make of one page, as JSON.
 * A URL is fetched exactly as the service fetches it (shared safe fetcher, robots.txt honoured,
 * same limits and User-Agent; FULLTEXT_* and AKHBAR_ALLOW_PRIVATE_NETWORKS apply); a file is read
 * from disk, with `--url` as its address for relative links and `--content-type` as its header.
 */

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

const USAGE = '<url|file> [--url U] [--content-type T] [--allow-private] [--bare] [--no-html]';

async function extractCommand(args: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(args, ['allow-private', 'bare', 'no-html']);
  const known = new Set(['url', 'content-type', 'allow-private', 'bare', 'no-html']);
  const unknown = Object.keys(flags).filter((f) => !known.has(f));
  if (positionals.length !== 1 || unknown.length > 0) {
    err(`usage: akhbar article extract ${USAGE}\n${unknown.length ? `unknown option: --${unknown.join(', --')}\n` : ''}`);
    return 2;
  }
  const input = positionals[0]!;
  try {
    let bytes: Buffer;
    let contentType = typeof flags['content-type'] === 'string' ? flags['content-type'] : undefined;
    let url = typeof flags.url === 'string' ? flags.url : undefined;
    let finalUrl: string | undefined;
    if (/^https?:\/\//i.test(input)) {
      const config = loadFulltextConfig();
      const fetch: FetchOptions = {
        allowPrivate: flags['allow-private'] === true || config.allowPrivate,
        allowCidrs: config.allowCidrs,
        maxBytes: config.maxBytes,
        timeoutMs: config.timeoutMs,
        userAgent: config.userAgent ?? PAGE_USER_AGENT,
      };
      const robots = judgeRobots(input, await fetchRobots(input, { ...fetch, timeoutMs: Math.min(config.timeoutMs, 10_000) }), ROBOTS_AGENT);
      if (!robots.allowed) {
        throw new AkhbarError(FulltextErrors.ROBOTS_DISALLOWED, robots.source === 'unreachable' ? 'robots.txt is unreachable (5xx or network error); fetching nothing' : 'robots.txt disallows this page for Akhbar');
      }
      const page = await fetchPage(input, fetch);
      bytes = page.body;
      contentType = page.contentType;
      url = input;
      finalUrl = page.url;
    } else {
      try {
        bytes = await readFile(input);
      } catch (cause) {
        throw new AkhbarError(FulltextErrors.BAD_INPUT, `neither an http(s) URL nor a readable file: ${input} (${(cause as Error).message})`, { cause });
      }
      assertHtml(bytes, contentType);
    }
    const decoded = decodeBody(bytes, { contentType, kind: 'html' });
    const base = finalUrl ?? url;
    const article = extractArticle(decoded.text, { ...(base ? { url: base } : {}), bare: flags.bare === true });
    const { metadata, html, ...rest } = article;
    const result = {
      ...(url ? { url } : { file: input }),
      ...(finalUrl && finalUrl !== url ? { finalUrl } : {}),
      charset: decoded.charset,
      charsetSource: decoded.source,
      ...rest,
      ...(flags['no-html'] === true ? {} : { html }),
      metadata,
    };
    out(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } catch (e) {
    return reportCliError(e);
  } finally {
    await closeFetchAgents();
  }
}

/** `akhbar` commands contributed by the fulltext service. */
export const commands: CliCommand[] = [
  {
    name: 'article extract',
    usage: USAGE,
    summary: 'Fetch (or read) an article page and print the extracted story and metadata as JSON',
    run: extractCommand,
  },
];
