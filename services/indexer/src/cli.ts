import type { Queue } from 'bullmq';
import {
  createRedis, openQueue, parseArgs, QUEUES, rejectUnknownFlags, reportCliError, type CliCommand, type CliIo,
} from '@akhbar/core';
import { abortMigration, articleIndexStatus, createEsClient, migrateArticleIndex, pruneArticles, retentionMs, type ArticleIndexStatus, type Client } from '@akhbar/search';
import { indexOptions, loadIndexerConfig, type IndexerConfig } from './config.ts';
import { listDead, purgeDead, retryDead, type DeadFilter } from './dlq.ts';

/** `akhbar` commands contributed by the indexer service: index administration and the dead-letter queue. */

const stdio: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export function indexerCommands(env: NodeJS.ProcessEnv = process.env, io: CliIo = stdio): CliCommand[] {
  const config = (): IndexerConfig | undefined => {
    try {
      return loadIndexerConfig(env);
    } catch (err) {
      io.err(`akhbar: ${(err as Error).message}\n`);
      return undefined;
    }
  };
  const fail = (err: unknown): number => reportCliError(err, io);
  const unknownFlags = (flags: Record<string, unknown>, known: string[]): boolean => rejectUnknownFlags(flags, known, io);

  async function withEs(run: (es: Client, c: IndexerConfig) => Promise<number>): Promise<number> {
    const c = config();
    if (!c) return 78;
    const es = createEsClient(c.elasticsearchUrl);
    try {
      return await run(es, c);
    } catch (err) {
      return fail(err);
    } finally {
      await es.close();
    }
  }

  async function withDlq(run: (dlq: Queue, open: (name: string) => Queue) => Promise<number>): Promise<number> {
    const c = config();
    if (!c) return 78;
    const redis = createRedis(c, 'producer');
    const opened: Queue[] = [];
    const open = (name: string) => {
      const q = openQueue(name as never, { connection: redis, prefix: c.queuePrefix });
      opened.push(q);
      return q;
    };
    try {
      return await run(open(QUEUES.dead), open);
    } catch (err) {
      return fail(err);
    } finally {
      await Promise.all(opened.map((q) => q.close()));
      redis.disconnect();
    }
  }

  const deadFilter = (flags: Record<string, string | true>): DeadFilter => {
    const f: DeadFilter = {};
    if (typeof flags.stage === 'string') f.stage = flags.stage;
    if (typeof flags.code === 'string') f.code = flags.code;
    return f;
  };

  const selection = (positionals: string[], flags: Record<string, string | true>, verb: string): string[] | 'all' | undefined => {
    if (flags.all === true && positionals.length === 0) return 'all';
    if (flags.all === undefined && positionals.length > 0) return positionals;
    io.err(`akhbar: dlq ${verb} takes dead-letter ids, or --all (optionally with --stage/--code)\n`);
    return undefined;
  };

  return [
    {
      name: 'index status',
      summary: 'article indices, aliases, document counts, template versions, migration state',
      usage: '[--json]',
      run: async (args) => {
        const { flags } = parseArgs(args, ['json']);
        if (unknownFlags(flags, ['json'])) return 2;
        return withEs(async (es, c) => {
          const s = await articleIndexStatus(es, c.indexPrefix);
          io.out(flags.json ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s));
          return 0;
        });
      },
    },
    {
      name: 'index prune',
      summary: 'delete the articles published before a cutoff (what AKHBAR_RETENTION_DAYS does hourly)',
      usage: '--older-than 90d|36h|2w [--dry-run] [--json]',
      run: async (args) => {
        const { flags } = parseArgs(args, ['dry-run', 'json']);
        if (unknownFlags(flags, ['older-than', 'dry-run', 'json'])) return 2;
        const age = typeof flags['older-than'] === 'string' ? retentionMs(flags['older-than']) : undefined;
        if (age === undefined) {
          io.err('akhbar: index prune needs --older-than, a number of hours, days or weeks such as 36h, 90d or 2w\n');
          return 2;
        }
        return withEs(async (es, c) => {
          let last = 0;
          const r = await pruneArticles(es, c.indexPrefix, {
            before: new Date(Date.now() - age),
            dryRun: flags['dry-run'] === true,
            onProgress: (p) => {
              if (flags.json || Date.now() - last < 1000) return;
              last = Date.now();
              io.err(`  ${p.deleted} deleted, ${p.failed} failed\n`);
            },
          });
          if (flags.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
          else if (r.dryRun) io.out(`${r.matched} article(s) published before ${r.before} would be deleted\n`);
          else io.out(`${r.deleted} article(s) published before ${r.before} deleted${r.failed > 0 ? `; ${r.failed} could not be (run it again)` : ''}\n`);
          return r.failed > 0 ? 1 : 0;
        });
      },
    },
    {
      name: 'index migrate',
      summary: 'build the next index version from the current template, copy every article, swap the aliases (no downtime)',
      usage: '[--if-outdated] [--delete-old] [--batch-size N] [--abort] [--json]',
      run: async (args) => {
        const { flags } = parseArgs(args, ['if-outdated', 'delete-old', 'abort', 'json']);
        if (unknownFlags(flags, ['if-outdated', 'delete-old', 'abort', 'json', 'batch-size'])) return 2;
        const batchSize = flags['batch-size'] === undefined ? 1000 : Number(flags['batch-size']);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
          io.err('akhbar: --batch-size must be an integer between 1 and 10000\n');
          return 2;
        }
        return withEs(async (es, c) => {
          if (flags.abort) {
            const r = await abortMigration(es, c.indexPrefix);
            io.out(flags.json ? `${JSON.stringify(r, null, 2)}\n` : `migration aborted: writes and searches back on ${r.source}; ${r.copiedBack.copied} article(s) written meanwhile copied back; ${r.target} deleted\n`);
            return 0;
          }
          let last = 0;
          const r = await migrateArticleIndex(es, c.indexPrefix, {
            ...indexOptions(c),
            batchSize,
            ifOutdated: flags['if-outdated'] === true,
            deleteOld: flags['delete-old'] === true,
            onProgress: (p) => {
              if (flags.json || Date.now() - last < 1000) return;
              last = Date.now();
              io.err(`  ${p.phase}: ${p.copied} copied, ${p.skipped} already there (same or newer), ${p.failed} failed\n`);
            },
          });
          if (flags.json) {
            io.out(`${JSON.stringify(r, null, 2)}\n`);
            return 0;
          }
          if (r.action === 'created') io.out(`no article index existed; created ${r.to}\n`);
          else if (r.action === 'up-to-date') io.out(`${r.to} is built from the current template (v${r.status.templateVersion}); nothing to do\n`);
          else {
            io.out(
              `${r.resumed ? 'resumed and finished' : 'migrated'} ${r.from} → ${r.to}: ${r.copy.copied + r.catchUp.copied} article(s) copied, ` +
                `${r.copy.skipped + r.catchUp.skipped} already there in ${r.to} (same or newer version)\n` +
                `searches and writes now use ${r.to}; ${r.deletedOld ? `${r.from!} deleted` : `${r.from!} kept (delete it when satisfied)`}\n`,
            );
          }
          return 0;
        });
      },
    },
    {
      name: 'dlq list',
      summary: 'dead-lettered payloads with stage, error code and reason',
      usage: '[--stage S] [--code C] [--limit N] [--json]',
      run: async (args) => {
        const { flags } = parseArgs(args, ['json']);
        if (unknownFlags(flags, ['json', 'stage', 'code', 'limit'])) return 2;
        const limit = flags.limit === undefined ? 50 : Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1) {
          io.err('akhbar: --limit must be a positive integer\n');
          return 2;
        }
        return withDlq(async (dlq) => {
          const { total, entries } = await listDead(dlq, deadFilter(flags), limit);
          if (flags.json) {
            io.out(`${JSON.stringify({ total, entries }, null, 2)}\n`);
            return 0;
          }
          if (total === 0) {
            io.out('the dead-letter queue is empty\n');
            return 0;
          }
          for (const e of entries) {
            const d = e.data;
            io.out(`${e.id}  ${d.failedAt}  ${d.stage}  ${d.code}${d.articleId ? `  article ${d.articleId}` : ''}${d.feedId ? `  feed ${d.feedId}` : ''}\n    ${d.reason}\n`);
          }
          io.out(`${entries.length} of ${total} shown\n`);
          return 0;
        });
      },
    },
    {
      name: 'dlq retry',
      summary: 'replay dead-lettered payloads into the queue they came from',
      usage: '<id...> | --all [--stage S] [--code C]',
      run: async (args) => {
        const { positionals, flags } = parseArgs(args, ['all']);
        if (unknownFlags(flags, ['all', 'stage', 'code'])) return 2;
        const ids = selection(positionals, flags, 'retry');
        if (!ids) return 2;
        return withDlq(async (dlq, open) => {
          const r = await retryDead(dlq, open, ids, deadFilter(flags));
          io.out(`${r.retried.length} replayed\n`);
          for (const s of r.skipped) io.err(`  ${s.id}: not replayed, ${s.reason}\n`);
          for (const m of r.missing) io.err(`  ${m}: no such dead-letter entry\n`);
          return r.missing.length > 0 || r.skipped.length > 0 ? 1 : 0;
        });
      },
    },
    {
      name: 'dlq purge',
      summary: 'delete dead-lettered payloads for good',
      usage: '<id...> | --all [--stage S] [--code C]',
      run: async (args) => {
        const { positionals, flags } = parseArgs(args, ['all']);
        if (unknownFlags(flags, ['all', 'stage', 'code'])) return 2;
        const ids = selection(positionals, flags, 'purge');
        if (!ids) return 2;
        return withDlq(async (dlq) => {
          const r = await purgeDead(dlq, ids, deadFilter(flags));
          io.out(`${r.purged} purged\n`);
          for (const m of r.missing) io.err(`  ${m}: no such dead-letter entry\n`);
          return r.missing.length > 0 ? 1 : 0;
        });
      },
    },
  ];
}

function formatStatus(s: ArticleIndexStatus): string {
  const lines = [`article indices under prefix "${s.prefix}" (current template v${s.templateVersion})`];
  if (s.indices.length === 0) {
    lines.push('  none yet: the indexer creates v1 when it starts, or run `akhbar index migrate`');
    return `${lines.join('\n')}\n`;
  }
  for (const i of s.indices) {
    const roles = [i.read ? (i.readFilter ? 'read (new writes only)' : 'read') : '', i.write ? 'write' : ''].filter(Boolean).join(', ');
    lines.push(
      `  ${i.name}  ${i.health}  ${i.docs} docs  ${formatBytes(i.sizeBytes)}  template v${i.templateVersion}  ` +
        `shards ${i.shards} replicas ${i.replicas} refresh ${i.refreshInterval}${roles ? `  [${roles}]` : ''}`,
    );
  }
  lines.push(`read alias ${s.aliases.read} → ${s.indices.filter((i) => i.read).map((i) => i.name).join(' + ') || '(none)'}`);
  lines.push(`write alias ${s.aliases.write} → ${s.writeIndex ?? '(none)'}`);
  if (s.migrating) lines.push('a migration is in progress (or was interrupted): `akhbar index migrate` resumes it, `--abort` rolls it back');
  else if (s.outdated) lines.push(`the write index is built from an older template: run \`akhbar index migrate\``);
  return `${lines.join('\n')}\n`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export const commands: CliCommand[] = indexerCommands();
