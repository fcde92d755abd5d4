import type { Client } from '@elastic/elasticsearch';
import { articleIndexBody, type IndexOptions } from './template.ts';

/**
 * Versioned article indices behind two aliases:
 *   `<prefix>-articles`        read alias (search)
 *   `<prefix>-articles-write`  write alias (indexer)
 * so a migration can build `-v(N+1)` and swap aliases with no downtime.
 */
export function indexNames(prefix: string) {
  return {
    read: `${prefix}-articles`,
    write: `${prefix}-articles-write`,
    version: (n: number) => `${prefix}-articles-v${n}`,
    pattern: `${prefix}-articles-v*`,
  };
}

/** Create v1 and both aliases when no article index exists yet. Safe to call concurrently. */
export async function ensureArticleIndex(client: Client, prefix: string, opts: IndexOptions = {}): Promise<string> {
  const names = indexNames(prefix);
  const existing = await currentWriteIndex(client, prefix);
  if (existing) return existing;
  const index = names.version(1);
  try {
    await client.indices.create({
      index,
      ...articleIndexBody(opts),
      aliases: { [names.read]: {}, [names.write]: { is_write_index: true } },
    });
  } catch (err) {
    // Another process created it first: that is the outcome we wanted.
    if (!isAlreadyExists(err)) throw err;
  }
  return index;
}

export async function currentWriteIndex(client: Client, prefix: string): Promise<string | undefined> {
  const names = indexNames(prefix);
  try {
    const res = await client.indices.getAlias({ name: names.write });
    return Object.keys(res)[0];
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** Delete every index and alias under a prefix (tests and `akhbar index drop`). */
export async function dropArticleIndices(client: Client, prefix: string): Promise<void> {
  await client.indices.delete({ index: indexNames(prefix).pattern, ignore_unavailable: true, allow_no_indices: true });
}

export function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'meta' in err) {
    const meta = (err as { meta?: { statusCode?: number } }).meta;
    return meta?.statusCode;
  }
  return undefined;
}

function isAlreadyExists(err: unknown): boolean {
  const body = (err as { meta?: { body?: { error?: { type?: string } } } }).meta?.body;
  return body?.error?.type === 'resource_already_exists_exception';
}
