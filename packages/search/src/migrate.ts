import type { Client } from '@elastic/elasticsearch';
import { AkhbarError, backoffMs, sleep, type Logger } from '@akhbar/core';
import { articleIndexStatus, ensureArticleIndex, indexNames, isAlreadyExists, statusOf, type ArticleIndexStatus } from './admin.ts';
import { SearchErrors } from './errors.ts';
import { F } from './fields.ts';
import { articleIndexBody, type IndexOptions } from './template.ts';

/**
 * Zero-downtime migration of the article index to a new version built from the current template.
 *
 * This Elasticsearch has no `_reindex` module, so documents are copied client-side (point in
 * time + search_after + bulk). Writes never stop and searches never miss an article:
 *
 *   1. create v(N+1) from the template (shards and replicas from config; no replicas while copying);
 *   2. in one atomic alias update: move the write alias to v(N+1), and add v(N+1) to the read alias
 *      with a filter `indexedAt >= swap time`, so articles indexed from now on are searchable at
 *      once while the old index still answers for everything older;
 *   3. wait for bulk requests already on their way to the old index, then copy every document of
 *      vN into v(N+1) with its own version and `version_type: external` (strictly greater): a copy
 *      never overwrites what the indexer wrote meanwhile, be it a newer fetch or a re-enrichment
 *      of the same fetch (that item answers 409 and is counted as skipped). Documents already
 *      copied answer 409 too, so a second pass or a resumed migration rewrites nothing;
 *   4. copy again what reached vN around the swap (`indexedAt >= swap - margin`), same guard;
 *   5. when every document is accounted for (copied or newer in the target), in one atomic alias
 *      update: the read alias points at v(N+1) alone, unfiltered. Replicas are restored, and vN is
 *      kept (for a rollback) unless `deleteOld`.
 *
 * While the copy runs, an article updated during the migration can appear twice in results (its
 * old version in vN, its new one in v(N+1)); nothing is ever missing. An interrupted migration
 * (crash, Ctrl-C, failures) is resumed by running it again: the copy is idempotent. `abortMigration`
 * rolls back instead.
 */

export interface MigrateOptions extends IndexOptions {
  /** Documents per search page and bulk request. @default 1000 */
  batchSize?: number;
  /** Point-in-time keep-alive between pages. @default '5m' */
  keepAlive?: string;
  /** Wait after moving the write alias, for bulk requests already sent to the old index. @default 2000 */
  graceMs?: number;
  /** Second pass: documents indexed this long before the swap or later are copied again. @default 300 000 */
  catchUpMarginMs?: number;
  /** Delete the old index once the read alias has moved. @default false */
  deleteOld?: boolean;
  /** Only migrate when the write index was built from an older template. @default false */
  ifOutdated?: boolean;
  /** Attempts for a bulk request or an item answered 429/5xx. @default 8 */
  maxAttempts?: number;
  log?: Pick<Logger, 'info' | 'warn'>;
  /** Called after each copied page; awaited, so a caller can pace the copy. */
  onProgress?: (p: { phase: 'copy' | 'catch-up' | 'rollback'; copied: number; skipped: number; failed: number }) => void | Promise<void>;
}

export interface CopyStats {
  /** Documents written to the target. */
  copied: number;
  /** Documents the target already held in the same or a newer version (409): copied before, or written by the indexer. */
  skipped: number;
  failed: number;
  /** The first failures (id, status, reason). */
  failures: Array<{ id: string; status: number; reason: string }>;
}

export interface MigrateResult {
  action: 'created' | 'migrated' | 'up-to-date';
  from?: string;
  to: string;
  resumed: boolean;
  copy: CopyStats;
  catchUp: CopyStats;
  deletedOld: boolean;
  status: ArticleIndexStatus;
}

const emptyStats = (): CopyStats => ({ copied: 0, skipped: 0, failed: 0, failures: [] });

export async function migrateArticleIndex(client: Client, prefix: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const names = indexNames(prefix);
  let status = await articleIndexStatus(client, prefix);
  if (!status.writeIndex) {
    const created = await ensureArticleIndex(client, prefix, opts);
    return { action: 'created', to: created, resumed: false, copy: emptyStats(), catchUp: emptyStats(), deletedOld: false, status: await articleIndexStatus(client, prefix) };
  }

  let source: string;
  let target: string;
  let swapAt: string;
  let resumed = false;
  if (status.migrating) {
    ({ source, target, swapAt } = inProgress(status));
    resumed = true;
    opts.log?.info({ source, target, swapAt }, 'resuming the migration in progress');
  } else {
    if (opts.ifOutdated && !status.outdated) {
      return { action: 'up-to-date', to: status.writeIndex, resumed: false, copy: emptyStats(), catchUp: emptyStats(), deletedOld: false, status };
    }
    source = status.writeIndex;
    const next = Math.max(...status.indices.map((i) => i.version)) + 1;
    target = names.version(next);
    const body = articleIndexBody({ ...opts, replicas: 0 });
    try {
      await client.indices.create({ index: target, ...body });
    } catch (err) {
      if (isAlreadyExists(err)) throw new AkhbarError(SearchErrors.MIGRATION_CONFLICT, `${target} already exists: another migration is running, or a failed one left it (delete it, then retry)`, { permanent: true });
      throw err;
    }
    await client.cluster.health({ index: target, wait_for_status: 'yellow', timeout: '30s' });
    swapAt = new Date().toISOString();
    try {
      await client.indices.updateAliases({
        actions: [
          // must_exist: if another process moved the write alias meanwhile, nothing changes.
          { remove: { index: source, alias: names.write, must_exist: true } },
          { add: { index: target, alias: names.write, is_write_index: true } },
          { add: { index: target, alias: names.read, filter: newWritesFilter(swapAt) } },
        ],
      });
    } catch (err) {
      await client.indices.delete({ index: target }).catch(() => undefined);
      throw new AkhbarError(SearchErrors.MIGRATION_CONFLICT, `could not move the write alias from ${source}: ${(err as Error).message}`, { cause: err, permanent: true });
    }
    opts.log?.info({ source, target, swapAt }, 'write alias moved; copying');
  }

  await sleep(opts.graceMs ?? 2_000);
  await client.indices.refresh({ index: source });
  const copy = await copyDocuments(client, source, target, { ...opts, phase: 'copy' });
  await client.indices.refresh({ index: source });
  const since = new Date(Date.parse(swapAt) - (opts.catchUpMarginMs ?? 300_000)).toISOString();
  const catchUp = await copyDocuments(client, source, target, { ...opts, phase: 'catch-up', query: { range: { [F.indexedAt]: { gte: since } } } });

  if (copy.failed + catchUp.failed > 0) {
    const first = [...copy.failures, ...catchUp.failures].slice(0, 5).map((f) => `${f.id} (${f.status}: ${f.reason})`).join('; ');
    throw new AkhbarError(
      SearchErrors.MIGRATION_FAILED,
      `${copy.failed + catchUp.failed} document(s) could not be copied from ${source} to ${target}: ${first}. Searches still reach both indices; ` +
        'fix the cause and run the migration again (it resumes), or abort it.',
      { permanent: true, details: { source, target, copy, catchUp } },
    );
  }

  await client.indices.refresh({ index: target });
  await client.indices.updateAliases({
    actions: [
      // Adding an existing alias replaces it: the filter goes.
      { add: { index: target, alias: names.read } },
      { remove: { index: source, alias: names.read, must_exist: true } },
    ],
  });
  await client.indices.putSettings({ index: target, settings: { number_of_replicas: opts.replicas ?? 0 } });
  let deletedOld = false;
  if (opts.deleteOld) {
    await client.indices.delete({ index: source });
    deletedOld = true;
  }
  opts.log?.info({ source, target, copied: copy.copied + catchUp.copied, skipped: copy.skipped + catchUp.skipped }, 'migration done; read alias moved');
  status = await articleIndexStatus(client, prefix);
  return { action: 'migrated', from: source, to: target, resumed, copy, catchUp, deletedOld, status };
}

/**
 * Roll back a migration that has not finished: the write alias returns to the old index, what
 * was written to the new one meanwhile is copied back (newer versions win), the new index is
 * deleted.
 */
export async function abortMigration(client: Client, prefix: string, opts: MigrateOptions = {}): Promise<{ source: string; target: string; copiedBack: CopyStats }> {
  const names = indexNames(prefix);
  const status = await articleIndexStatus(client, prefix);
  if (!status.migrating) throw new AkhbarError(SearchErrors.MIGRATION_CONFLICT, 'no migration in progress', { permanent: true });
  const { source, target, swapAt } = inProgress(status);
  await client.indices.updateAliases({
    actions: [
      { remove: { index: target, alias: names.write, must_exist: true } },
      { add: { index: source, alias: names.write, is_write_index: true } },
    ],
  });
  await sleep(opts.graceMs ?? 2_000);
  await client.indices.refresh({ index: target });
  const since = new Date(Date.parse(swapAt) - (opts.catchUpMarginMs ?? 300_000)).toISOString();
  const copiedBack = await copyDocuments(client, target, source, { ...opts, phase: 'rollback', query: { range: { [F.indexedAt]: { gte: since } } } });
  if (copiedBack.failed > 0) {
    throw new AkhbarError(SearchErrors.MIGRATION_FAILED, `${copiedBack.failed} document(s) written during the migration could not be copied back to ${source}; ${target} was kept`, {
      permanent: true,
      details: { copiedBack },
    });
  }
  await client.indices.refresh({ index: source });
  await client.indices.updateAliases({ actions: [{ remove: { index: target, alias: names.read, must_exist: true } }] });
  await client.indices.delete({ index: target });
  return { source, target, copiedBack };
}

function newWritesFilter(swapAt: string): Record<string, unknown> {
  return { range: { [F.indexedAt]: { gte: swapAt } } };
}

function inProgress(status: ArticleIndexStatus): { source: string; target: string; swapAt: string } {
  const target = status.writeIndex!;
  const readers = status.indices.filter((i) => i.read && i.name !== target);
  const source = readers.at(-1)?.name;
  const filter = status.indices.find((i) => i.name === target)?.readFilter as { range?: Record<string, { gte?: string }> } | undefined;
  const swapAt = filter?.range?.[F.indexedAt]?.gte;
  if (!source || !swapAt) {
    throw new AkhbarError(SearchErrors.MIGRATION_CONFLICT, `the aliases of ${status.prefix} are in a state no migration leaves (read: ${status.indices.filter((i) => i.read).map((i) => i.name).join(', ')}; write: ${target})`, {
      permanent: true,
    });
  }
  return { source, target, swapAt };
}

interface CopyOptions extends MigrateOptions {
  phase: 'copy' | 'catch-up' | 'rollback';
  query?: Record<string, unknown>;
}

/**
 * Copy documents between indices with their versions (`external`): a document the target holds in
 * the same or a newer version is left alone. Items answered 429/5xx are retried with backoff.
 */
export async function copyDocuments(client: Client, from: string, to: string, opts: CopyOptions): Promise<CopyStats> {
  const stats = emptyStats();
  const size = opts.batchSize ?? 1_000;
  const keepAlive = opts.keepAlive ?? '5m';
  const maxAttempts = opts.maxAttempts ?? 8;
  let pitId = (await client.openPointInTime({ index: from, keep_alive: keepAlive })).id;
  try {
    let after: unknown[] | undefined;
    for (;;) {
      const res = await client.search<Record<string, unknown>>({
        pit: { id: pitId, keep_alive: keepAlive },
        size,
        sort: [{ _shard_doc: 'asc' }],
        version: true,
        track_total_hits: false,
        query: opts.query ?? { match_all: {} },
        ...(after ? { search_after: after as never } : {}),
      });
      if (res.pit_id) pitId = res.pit_id;
      const hits = res.hits.hits;
      if (hits.length === 0) break;
      after = hits.at(-1)!.sort as unknown[];
      let items = hits.map((h) => ({ id: h._id!, version: h._version ?? 1, source: JSON.stringify(h._source ?? {}) }));
      for (let attempt = 1; items.length > 0; attempt++) {
        const retry: typeof items = [];
        const ndjson = items
          .map((it) => `{"index":{"_index":${JSON.stringify(to)},"_id":${JSON.stringify(it.id)},"version":${it.version},"version_type":"external"}}\n${it.source}\n`)
          .join('');
        let resItems: Array<Record<string, { status: number; error?: { type?: string; reason?: string | null } }>>;
        try {
          const r = await client.bulk({ operations: ndjson as never }, { maxRetries: 0, requestTimeout: 120_000 });
          resItems = r.items as never;
        } catch (err) {
          if (attempt >= maxAttempts || (statusOf(err) !== undefined && statusOf(err)! < 500 && statusOf(err) !== 429)) throw err;
          opts.log?.warn({ err, attempt }, 'bulk copy request failed; retrying');
          await sleep(backoffMs(attempt, 500, 30_000));
          continue;
        }
        resItems.forEach((item, i) => {
          const r = item.index!;
          const it = items[i]!;
          if (r.status >= 200 && r.status < 300) stats.copied++;
          else if (r.status === 409) stats.skipped++;
          else if ((r.status === 429 || r.status >= 500) && attempt < maxAttempts) retry.push(it);
          else {
            stats.failed++;
            if (stats.failures.length < 20) stats.failures.push({ id: it.id, status: r.status, reason: `${r.error?.type ?? ''}: ${r.error?.reason ?? ''}` });
          }
        });
        items = retry;
        if (items.length > 0) await sleep(backoffMs(attempt, 500, 30_000));
      }
      await opts.onProgress?.({ phase: opts.phase, copied: stats.copied, skipped: stats.skipped, failed: stats.failed });
      if (hits.length < size) break;
    }
  } finally {
    await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
  return stats;
}
