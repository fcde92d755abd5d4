import { indexNames, type Client } from '@akhbar/search';

/**
 * The ledger check against Elasticsearch. Three numbers, as in Jepsen's queue checks:
 *   lost        served by the ledger, absent from the index
 *   duplicated  extra copies of a served item (two documents carrying the same item)
 *   unexpected  documents that are not a served item (a poison document that slipped through,
 *               an item that was never served, a mangled URL)
 * Plus the two checks issue 8 names: the document count equals the served count, and a terms
 * aggregation on the article id with min_doc_count 2 comes back empty.
 */
export interface LedgerVerdict {
  served: number;
  /** Documents in the index (count API). */
  indexed: number;
  /** Documents read back by a scroll (must equal `indexed`). */
  scanned: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  /** Buckets of the `terms` aggregation on `id` with min_doc_count 2 (must be empty). */
  duplicateIdBuckets: number;
  /** Some lost/duplicated/unexpected examples for the report. */
  examples: { lost: number[]; duplicated: number[]; unexpected: string[] };
}

export async function checkLedger(
  es: Client,
  indexPrefix: string,
  served: Iterable<number>,
  keyOf: (url: string) => number | undefined,
): Promise<LedgerVerdict> {
  const index = indexNames(indexPrefix).read;
  await es.indices.refresh({ index });
  const count = (await es.count({ index })).count;
  const agg = await es.search({
    index,
    size: 0,
    aggs: { dup: { terms: { field: 'id', min_doc_count: 2, size: 100 } } },
  });
  const duplicateIdBuckets = ((agg.aggregations?.dup as { buckets?: unknown[] } | undefined)?.buckets ?? []).length;

  const seen = new Map<number, number>();
  const unexpected: string[] = [];
  let scanned = 0;
  for await (const doc of es.helpers.scrollDocuments<{ id: string; url: string }>({ index, size: 2000, _source: ['id', 'url'], sort: ['_doc'] })) {
    scanned++;
    const key = keyOf(doc.url);
    if (key === undefined) unexpected.push(doc.url ?? doc.id);
    else seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const servedSet = new Set(served);
  const lost: number[] = [];
  for (const k of servedSet) if (!seen.has(k)) lost.push(k);
  const duplicated: number[] = [];
  let extra = 0;
  for (const [k, n] of seen) {
    if (!servedSet.has(k)) {
      unexpected.push(`ledger item ${k} (never served)`);
      continue;
    }
    if (n > 1) {
      duplicated.push(k);
      extra += n - 1;
    }
  }
  return {
    served: servedSet.size,
    indexed: count,
    scanned,
    lost: lost.length,
    duplicated: extra,
    unexpected: unexpected.length,
    duplicateIdBuckets,
    examples: { lost: lost.slice(0, 10), duplicated: duplicated.slice(0, 10), unexpected: unexpected.slice(0, 10) },
  };
}
