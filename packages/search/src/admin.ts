import type { Client } from '@elastic/elasticsearch';
import type { LangFields } from './document.ts';
import { articleIndexBody, articleMappings, TEMPLATE_VERSION, type IndexOptions } from './template.ts';

/**
 * Versioned article indices behind two aliases:
 *   `<prefix>-articles`        read alias (search)
 *   `<prefix>-articles-write`  write alias (indexer)
 * so a migration can build `-v(N+1)` and swap aliases with no downtime (migrate.ts).
 */
export function indexNames(prefix: string) {
  return {
    read: `${prefix}-articles`,
    write: `${prefix}-articles-write`,
    version: (n: number) => `${prefix}-articles-v${n}`,
    pattern: `${prefix}-articles-v*`,
  };
}

/** Version number of a concrete article index name (`…-articles-v7` → 7). */
export function versionOf(prefix: string, index: string): number | undefined {
  const base = `${prefix}-articles-v`;
  if (!index.startsWith(base)) return undefined;
  const n = Number(index.slice(base.length));
  return Number.isInteger(n) && n > 0 ? n : undefined;
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

type Properties = Record<string, { properties?: Properties } & Record<string, unknown>>;

/**
 * The properties of `want` that `have` lacks, at any depth (undefined when none), leaving out
 * those `usable` refuses (a text field whose analyzer the index does not define).
 */
function missingProperties(want: Properties, have: Properties, usable: (def: Properties[string]) => boolean): Properties | undefined {
  const out: Properties = {};
  for (const [name, def] of Object.entries(want)) {
    const got = have[name];
    if (def.properties) {
      if (got && !got.properties) continue; // a field of another shape: a migration's business
      const sub = missingProperties(def.properties, got?.properties ?? {}, usable);
      // A nested field keeps its type when fields are added under it (Elasticsearch refuses to
      // merge a nested mapping with an object one).
      if (sub) out[name] = got ? { ...(def.type ? { type: def.type } : {}), properties: sub } : { ...def, properties: sub };
    } else if (!got && usable(def)) out[name] = def;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The analyzers a field definition names (its own and its sub-fields'). */
function analyzersOf(def: Record<string, unknown>): string[] {
  const own = [def.analyzer, def.search_analyzer].filter((a): a is string => typeof a === 'string');
  const fields = Object.values((def.fields ?? {}) as Record<string, Record<string, unknown>>).flatMap(analyzersOf);
  return [...own, ...fields];
}

/**
 * Give the write index the fields the current template has and it lacks, in place (a strict
 * mapping would refuse every document that carries one). Elasticsearch adds fields to a live
 * mapping without touching the documents; changed analysis still needs `akhbar index migrate`,
 * and so does a field whose analyzer the index lacks (an open index takes no new analyzer: v7's
 * `i18n.ckb`) — it is left out, and the indexer writes no such field there (`langFieldsOf`).
 * Returns the top-level names of the fields added (empty when none were missing).
 */
export async function addNewFields(client: Client, prefix: string): Promise<string[]> {
  const index = await currentWriteIndex(client, prefix);
  if (!index) return [];
  const [res, settings] = await Promise.all([client.indices.getMapping({ index }), client.indices.getSettings({ index })]);
  const have = (res[index]?.mappings?.properties ?? {}) as Properties;
  const defined = new Set(Object.keys((settings[index]?.settings?.index?.analysis?.analyzer ?? {}) as Record<string, unknown>));
  // Only the template's own analyzers can be missing; Elasticsearch's built-in ones are always there.
  const usable = (def: Record<string, unknown>) => analyzersOf(def).every((a) => !a.startsWith('akhbar_') || defined.has(a));
  const missing = missingProperties(articleMappings().properties as Properties, have, usable);
  if (!missing) return [];
  await client.indices.putMapping({ index, properties: missing as never });
  return Object.keys(missing);
}

/**
 * The analysed languages whose fields the write index has (`i18n.<lang>`, `quotes.i18n.<lang>`):
 * the indexer writes a document's language fields only there, so an index built before a
 * language had its analyzer keeps taking that language's articles (through the neutral fields)
 * until it is migrated. Undefined when there is no write index yet.
 */
export async function langFieldsOf(client: Client, prefix: string): Promise<LangFields | undefined> {
  const index = await currentWriteIndex(client, prefix);
  // No index yet: the one created will be the current template's, with every language.
  if (!index) return undefined;
  const res = await client.indices.getMapping({ index });
  type Props = { properties?: Record<string, Props> } | undefined;
  const props = res[index]?.mappings?.properties as Record<string, Props> | undefined;
  const i18n = props?.i18n?.properties ?? {};
  const quotes = props?.quotes?.properties?.i18n?.properties ?? {};
  return { i18n: new Set(Object.keys(i18n)), quotes: new Set(Object.keys(quotes)) };
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

/** Delete every index and alias under a prefix (tests). */
export async function dropArticleIndices(client: Client, prefix: string): Promise<void> {
  await client.indices.delete({ index: indexNames(prefix).pattern, ignore_unavailable: true, allow_no_indices: true });
}

export interface ArticleIndexInfo {
  name: string;
  version: number;
  health: string;
  docs: number;
  sizeBytes: number;
  /** Template version recorded in the mapping's `_meta` (0 when absent). */
  templateVersion: number;
  shards: number;
  replicas: number;
  refreshInterval: string;
  /** This index takes the indexer's writes. */
  write: boolean;
  /** Searches reach this index; `readFilter` set while a migration is copying into it. */
  read: boolean;
  readFilter?: unknown;
}

export interface ArticleIndexStatus {
  prefix: string;
  aliases: { read: string; write: string };
  indices: ArticleIndexInfo[];
  writeIndex?: string;
  /** Template version this code would build. */
  templateVersion: number;
  /** A migration started and has not swapped the read alias yet. */
  migrating: boolean;
  /** The write index was built from an older template: `akhbar index migrate` rebuilds it. */
  outdated: boolean;
}

/** Every article index under a prefix with its aliases, size and template version. */
export async function articleIndexStatus(client: Client, prefix: string): Promise<ArticleIndexStatus> {
  const names = indexNames(prefix);
  const indices: ArticleIndexInfo[] = [];
  const cat = await client.cat.indices({ index: names.pattern, format: 'json', bytes: 'b', expand_wildcards: 'all' }).catch((err: unknown) => {
    if (statusOf(err) === 404) return [];
    throw err;
  });
  const found = cat.filter((c) => c.index && versionOf(prefix, c.index) !== undefined);
  if (found.length > 0) {
    const list = found.map((c) => c.index!).join(',');
    const [settings, mappings, aliases] = await Promise.all([
      client.indices.getSettings({ index: list, flat_settings: true }),
      client.indices.getMapping({ index: list }),
      client.indices.getAlias({ index: list }),
    ]);
    for (const c of found) {
      const name = c.index!;
      const s = (settings[name]?.settings ?? {}) as Record<string, string>;
      const meta = (mappings[name]?.mappings?._meta ?? {}) as { templateVersion?: number };
      const a = (aliases[name]?.aliases ?? {}) as Record<string, { filter?: unknown; is_write_index?: boolean }>;
      const write = a[names.write];
      const read = a[names.read];
      const info: ArticleIndexInfo = {
        name,
        version: versionOf(prefix, name)!,
        health: c.health ?? 'unknown',
        docs: Number(c['docs.count'] ?? 0),
        sizeBytes: Number(c['store.size'] ?? 0),
        templateVersion: Number(meta.templateVersion ?? 0),
        shards: Number(s['index.number_of_shards'] ?? 0),
        replicas: Number(s['index.number_of_replicas'] ?? 0),
        refreshInterval: s['index.refresh_interval'] ?? '1s',
        write: write !== undefined && write.is_write_index !== false,
        read: read !== undefined,
      };
      if (read?.filter !== undefined) info.readFilter = read.filter;
      indices.push(info);
    }
  }
  indices.sort((x, y) => x.version - y.version);
  const writeIndex = indices.find((i) => i.write);
  const status: ArticleIndexStatus = {
    prefix,
    aliases: { read: names.read, write: names.write },
    indices,
    templateVersion: TEMPLATE_VERSION,
    migrating: indices.filter((i) => i.read).length > 1,
    outdated: writeIndex !== undefined && writeIndex.templateVersion < TEMPLATE_VERSION,
  };
  if (writeIndex) status.writeIndex = writeIndex.name;
  return status;
}

export function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'meta' in err) {
    const meta = (err as { meta?: { statusCode?: number } }).meta;
    return meta?.statusCode;
  }
  return undefined;
}

/** Elasticsearch's error type of a failed request (`cluster_block_exception`…), when it answered. */
export function errorType(err: unknown): string | undefined {
  return (err as { meta?: { body?: { error?: { type?: string } } } } | undefined)?.meta?.body?.error?.type;
}

export function isAlreadyExists(err: unknown): boolean {
  return errorType(err) === 'resource_already_exists_exception';
}
