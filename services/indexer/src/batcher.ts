import type { Client } from '@elastic/elasticsearch';
import { AkhbarError, backoffMs, sleep, type Logger } from '@akhbar/core';
import { MAX_DOCUMENT_BYTES, SearchErrors, checkDocument, errorType, statusOf } from '@akhbar/search';
import { IndexerErrors } from './errors.ts';

export { IndexerErrors };

/**
 * Collects documents from concurrent callers into `_bulk` requests and tells each caller what
 * Elasticsearch answered for its very document. This is the one place that decides what happens
 * to a bulk item:
 *
 *   2xx                    acknowledged: submit() resolves (`created` / `updated`)
 *   409                    a same-or-newer version is already indexed (external versions), or the
 *                          id exists (`create`): resolves as `duplicate`, nothing to retry
 *   cluster_block_exception
 *                          the index or cluster refuses writes (disk past the flood-stage
 *                          watermark: 429; a write or read-only block set by an operator: 403).
 *                          Not the document's fault: held like an outage (below), for as long as
 *                          the block lasts, without using up the item's attempts
 *   429, 5xx, 404          retried in a later bulk with exponential backoff and jitter, up to
 *                          `itemAttempts`; then submit() rejects with a retryable error
 *   other 4xx              (mapping errors) rejects with a permanent AKHBAR_INDEX_REJECTED and the
 *                          reason: the caller dead-letters it, it is never retried
 *
 * A request that fails as a whole (Elasticsearch unreachable, timeout, 5xx/429 for the request)
 * is retried with backoff for as long as it takes: the batch's callers wait, `availability(false)`
 * lets the owner pause intake, and nothing is dropped; so is a request refused by a cluster-wide
 * block (`cluster.blocks.read_only`, 403). A request refused as a whole with another 4xx (say
 * 413) is split in halves until the poison document is alone, so it cannot sink its batch.
 *
 * Batches are flushed at `maxDocs` documents, `maxBytes` bytes, or `flushMs` after the oldest
 * pending document arrived, whichever comes first, and at once when no request is in flight
 * (group commit); at most `concurrency` requests are in flight.
 *
 * Why not the client's `helpers.bulk`: it pulls from one async iterator and reports drops through
 * a callback, while here each submit() needs its own acknowledgement (a BullMQ job completes only
 * then), request-level outages must be waited out rather than dropped, and a refused request must
 * be bisected. The batcher has no BullMQ dependency, so a benchmark can drive it directly.
 */

export type ItemOutcome = 'created' | 'updated' | 'duplicate' | 'throttled' | 'retried' | 'blocked' | 'rejected' | 'invalid' | 'failed';

/** Elasticsearch's error type for writes refused by an index or cluster block. */
const BLOCKED = 'cluster_block_exception';
const BLOCKED_MSG = 'Elasticsearch refuses writes (an index or cluster block); holding documents until it is lifted';

export interface BatchObserver {
  /** One `_bulk` request finished (ok: Elasticsearch answered, whatever the items said). */
  bulk?(e: { docs: number; bytes: number; durationMs: number; ok: boolean }): void;
  item?(outcome: ItemOutcome): void;
  /** Requests started failing as a whole or the index refuses writes (false), or writes succeed again (true). */
  availability?(up: boolean): void;
}

/** Length of an ISO time as toISOString writes it for years 0–9999. */
const ISO_BYTES = 24;

export interface BatcherOptions {
  /** Index or alias written to (the write alias). */
  index: string;
  /** Flush at this many documents. @default 500 */
  maxDocs?: number;
  /** Flush at this many bytes of request body. @default 5 MiB */
  maxBytes?: number;
  /** While a bulk is in flight, flush a partial batch this long after its oldest document arrived (with none in flight it goes at once). @default 500 */
  flushMs?: number;
  /** `_bulk` requests in flight at once. @default 2 */
  concurrency?: number;
  /** `index` replaces a document; `create` refuses an existing id (409 → duplicate). @default 'index' */
  opType?: 'index' | 'create';
  /** Attempts for an item answered 429/5xx/404 before submit() rejects (retryable). @default 6 */
  itemAttempts?: number;
  /** Backoff of item retries (429/5xx). @default 200 ms, capped at `retryCapMs` */
  retryBaseMs?: number;
  /** Backoff of request retries while Elasticsearch is unreachable. @default 500 ms, capped at `retryCapMs` */
  outageBaseMs?: number;
  /** @default 30 000 ms */
  retryCapMs?: number;
  /** Refuse writes to a name that is not an alias (no index auto-created by a typo). @default true */
  requireAlias?: boolean;
  /** Check each document against the article mapping before sending it. @default true */
  checkDocuments?: boolean;
  /**
   * A date field set to the time each bulk is sent (the indexer's `indexedAt`), so it says when the
   * document was written rather than when it was built, however long it waited for a batch, an
   * item retry or the end of an outage: an incremental sync (`sort=indexed`) and a migration's
   * catch-up (`indexedAt ≥ swap`) both trust that nothing turns up later with an older time. It
   * must be the document's first key and hold an ISO time (as toDocument writes it); otherwise the
   * document goes as it is.
   */
  stampField?: string;
  observer?: BatchObserver;
  log?: Pick<Logger, 'warn' | 'info'>;
}

export interface BulkItem {
  id: string;
  doc: Record<string, unknown>;
  /** External version (`version_type: external_gte`); unset: written unconditionally. */
  version?: number;
}

export interface SubmitResult {
  outcome: 'created' | 'updated' | 'duplicate';
  status: number;
  /** Attempts the item needed (1 = first bulk). */
  attempts: number;
}

interface Pending {
  id: string;
  /** The action and source lines, UTF-8 encoded once (see submit). */
  line: Buffer;
  /** Byte offset of the stamp field's ISO time in `line`, when it has one. */
  stampAt: number | undefined;
  bytes: number;
  attempts: number;
  since: number;
  resolve: (r: SubmitResult) => void;
  reject: (err: AkhbarError) => void;
}

interface BulkResponseItem {
  status: number;
  error?: { type?: string; reason?: string | null; caused_by?: { type?: string; reason?: string | null } };
}

export interface BatcherStats {
  requests: number;
  failedRequests: number;
  docs: number;
  pending: number;
  inflight: number;
  available: boolean;
}

export class BulkBatcher {
  readonly #client: Client;
  readonly #index: string;
  readonly #maxDocs: number;
  readonly #maxBytes: number;
  readonly #flushMs: number;
  readonly #concurrency: number;
  /** `{"<stampField>":"`: how a line's source starts when it has the field first. */
  readonly #stampPrefix: string | undefined;
  readonly #opType: 'index' | 'create';
  readonly #itemAttempts: number;
  readonly #baseMs: number;
  readonly #outageBaseMs: number;
  readonly #capMs: number;
  readonly #requireAlias: boolean;
  readonly #check: boolean;
  readonly #observer: BatchObserver;
  readonly #log: Pick<Logger, 'warn' | 'info'> | undefined;

  #queue: Pending[] = [];
  #queueBytes = 0;
  #inflight = 0;
  #timer: NodeJS.Timeout | undefined;
  #idleFlush: NodeJS.Immediate | undefined;
  /** Items waiting out a 429/5xx backoff before re-entering the queue. */
  #waiting = new Set<{ timer: NodeJS.Timeout; items: Pending[] }>();
  #available = true;
  #outageAttempt = 0;
  #closing = false;
  readonly #abort = new AbortController();
  #idle: Array<() => void> = [];
  #stats = { requests: 0, failedRequests: 0, docs: 0 };

  constructor(client: Client, opts: BatcherOptions) {
    this.#client = client;
    this.#index = opts.index;
    this.#maxDocs = opts.maxDocs ?? 500;
    this.#maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.#flushMs = opts.flushMs ?? 500;
    this.#concurrency = opts.concurrency ?? 2;
    this.#opType = opts.opType ?? 'index';
    this.#itemAttempts = opts.itemAttempts ?? 6;
    this.#baseMs = opts.retryBaseMs ?? 200;
    this.#outageBaseMs = opts.outageBaseMs ?? 500;
    this.#capMs = opts.retryCapMs ?? 30_000;
    this.#requireAlias = opts.requireAlias ?? true;
    this.#check = opts.checkDocuments ?? true;
    this.#stampPrefix = opts.stampField === undefined ? undefined : `{${JSON.stringify(opts.stampField)}:"`;
    this.#observer = opts.observer ?? {};
    this.#log = opts.log;
  }

  /** Resolves once Elasticsearch acknowledged this document (or already holds it: `duplicate`). */
  submit(item: BulkItem): Promise<SubmitResult> {
    if (this.#closing) return Promise.reject(new AkhbarError(IndexerErrors.UNAVAILABLE, 'the batcher is closed'));
    let line: Buffer;
    let stampAt: number | undefined;
    try {
      if (this.#check) checkDocument(item.doc);
      const meta: Record<string, unknown> = { _id: item.id };
      if (item.version !== undefined) {
        meta.version = item.version;
        meta.version_type = 'external_gte';
      }
      const action = `{"${this.#opType}":${JSON.stringify(meta)}}\n`;
      // Encoded to UTF-8 here, once: the byte size (limit, batch cap) is then the buffer's length
      // instead of a scan of the string, and the bulk body is these bytes, not a string the socket
      // encodes again. About a third less CPU per document for this step on Arabic text.
      line = Buffer.from(`${action}${JSON.stringify(item.doc)}\n`);
      const actionBytes = Buffer.byteLength(action);
      const sourceBytes = line.length - actionBytes - 1;
      const prefix = this.#stampPrefix;
      if (prefix !== undefined) {
        const at = actionBytes + prefix.length;
        // An ISO time is 24 ASCII bytes (2026-11-30T12:00:00.000Z), then its closing quote.
        if (line.toString('latin1', actionBytes, at) === prefix && line[at + ISO_BYTES] === 0x22) stampAt = at;
      }
      if (sourceBytes > MAX_DOCUMENT_BYTES) {
        throw new AkhbarError(SearchErrors.DOC_TOO_LARGE, `document ${item.id} is ${sourceBytes} bytes, above the ${MAX_DOCUMENT_BYTES}-byte limit`, { permanent: true });
      }
    } catch (err) {
      this.#observer.item?.('invalid');
      return Promise.reject(err instanceof AkhbarError ? err : new AkhbarError(SearchErrors.DOC_INVALID, (err as Error).message, { permanent: true, cause: err }));
    }
    return new Promise<SubmitResult>((resolve, reject) => {
      const bytes = line.length;
      this.#queue.push({ id: item.id, line, stampAt, bytes, attempts: 0, since: Date.now(), resolve, reject });
      this.#queueBytes += bytes;
      this.#pump();
    });
  }

  /** Send everything pending now and wait until every submitted document has settled. */
  async drain(): Promise<void> {
    for (const w of this.#waiting) this.#release(w);
    this.#pump(true);
    if (this.#isIdle()) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  /**
   * Stop: send what is pending once more, stop waiting out an outage (its documents are rejected
   * with a retryable error so their jobs go back to the queue), and wait for all to settle.
   */
  async close(): Promise<void> {
    this.#closing = true;
    this.#abort.abort();
    await this.drain();
  }

  stats(): BatcherStats {
    return { ...this.#stats, pending: this.#queue.length, inflight: this.#inflight, available: this.#available };
  }

  #isIdle(): boolean {
    return this.#queue.length === 0 && this.#inflight === 0 && this.#waiting.size === 0;
  }

  #settled(): void {
    if (!this.#isIdle()) return;
    const idle = this.#idle;
    this.#idle = [];
    for (const f of idle) f();
  }

  #pump(force = false): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#inflight < this.#concurrency && this.#queue.length > 0) {
      const full = this.#queue.length >= this.#maxDocs || this.#queueBytes >= this.#maxBytes;
      const due = force || this.#closing || Date.now() - this.#queue[0]!.since >= this.#flushMs;
      if (!full && !due) break;
      this.#dispatch(this.#take());
    }
    if (this.#queue.length === 0 || this.#inflight >= this.#concurrency) return;
    if (this.#inflight === 0) {
      // Nothing of ours in flight: Elasticsearch would sit idle while the batch fills, so what is
      // pending goes at the end of this turn of the event loop (documents submitted together still
      // travel together). Under load batches keep growing towards maxDocs while earlier ones are
      // in flight (group commit); when traffic is low a document is sent at once, not flushMs later.
      if (this.#idleFlush) return;
      this.#idleFlush = setImmediate(() => {
        this.#idleFlush = undefined;
        this.#pump(this.#inflight === 0);
      });
      return;
    }
    const wait = Math.max(0, this.#flushMs - (Date.now() - this.#queue[0]!.since));
    this.#timer = setTimeout(() => this.#pump(), wait);
  }

  #take(): Pending[] {
    let n = 0;
    let bytes = 0;
    while (n < this.#queue.length && n < this.#maxDocs) {
      const b = this.#queue[n]!.bytes;
      if (n > 0 && bytes + b > this.#maxBytes) break;
      bytes += b;
      n++;
    }
    const batch = this.#queue.splice(0, n);
    this.#queueBytes -= bytes;
    return batch;
  }

  #dispatch(batch: Pending[]): void {
    this.#inflight++;
    this.#send(batch)
      .catch((err: unknown) => {
        // #send settles every item itself; this only guards against a bug leaving callers hanging.
        const e = new AkhbarError(IndexerErrors.UNAVAILABLE, `bulk failed: ${(err as Error).message}`, { cause: err });
        for (const p of batch) p.reject(e);
      })
      .finally(() => {
        this.#inflight--;
        this.#pump();
        this.#settled();
      });
  }

  async #send(batch: Pending[]): Promise<void> {
    for (const p of batch) p.attempts++;
    const bytes = batch.reduce((n, p) => n + p.bytes, 0);
    for (;;) {
      const started = Date.now();
      // Each attempt is stamped with its own time (in place: the lines keep their length).
      const stamp = new Date(started).toISOString();
      if (stamp.length === ISO_BYTES) for (const p of batch) if (p.stampAt !== undefined) p.line.write(stamp, p.stampAt, 'latin1');
      const body = Buffer.concat(batch.map((p) => p.line), bytes);
      let items: Array<Record<string, BulkResponseItem>>;
      try {
        const res = await this.#client.bulk(
          {
            index: this.#index,
            operations: body as never,
            require_alias: this.#requireAlias,
            filter_path: 'errors,items.*.status,items.*.error.type,items.*.error.reason,items.*.error.caused_by',
          },
          { maxRetries: 0 },
        );
        items = (res.items ?? []) as never;
        this.#stats.requests++;
        this.#observer.bulk?.({ docs: batch.length, bytes, durationMs: Date.now() - started, ok: true });
      } catch (err) {
        this.#stats.failedRequests++;
        this.#observer.bulk?.({ docs: batch.length, bytes, durationMs: Date.now() - started, ok: false });
        const status = statusOf(err);
        const blocked = errorType(err) === BLOCKED;
        if (status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408 && !blocked) {
          return this.#refused(batch, status, err);
        }
        if (this.#closing) {
          const e = new AkhbarError(IndexerErrors.UNAVAILABLE, `Elasticsearch unavailable while closing: ${(err as Error).message}`, { cause: err });
          for (const p of batch) p.reject(e);
          return;
        }
        this.#outage(err, blocked ? BLOCKED_MSG : undefined);
        await sleep(backoffMs(this.#outageAttempt, this.#outageBaseMs, this.#capMs), this.#abort.signal);
        continue;
      }
      if (items.length !== batch.length) {
        // Never expected; treat as a failed request rather than guess which item is which.
        const e = new AkhbarError(IndexerErrors.UNAVAILABLE, `bulk answered ${items.length} items for ${batch.length} documents`);
        for (const p of batch) p.reject(e);
        return;
      }
      if (this.#settle(batch, items) && !this.#available) {
        this.#available = true;
        this.#outageAttempt = 0;
        this.#log?.info('Elasticsearch takes writes again');
        this.#observer.availability?.(true);
      }
      return;
    }
  }

  #outage(err: unknown, msg = 'Elasticsearch bulk request failed; holding documents and retrying with backoff'): void {
    this.#outageAttempt++;
    if (this.#available) {
      this.#available = false;
      this.#log?.warn({ err }, msg);
      this.#observer.availability?.(false);
    }
  }

  /** A request refused as a whole (4xx): bisect until the refused document is alone. */
  async #refused(batch: Pending[], status: number, err: unknown): Promise<void> {
    if (batch.length === 1) {
      const p = batch[0]!;
      this.#observer.item?.('rejected');
      p.reject(new AkhbarError(IndexerErrors.REJECTED, `Elasticsearch refused the request for document ${p.id} (${status}): ${(err as Error).message}`, { permanent: true, details: { status } }));
      return;
    }
    const mid = Math.ceil(batch.length / 2);
    for (const half of [batch.slice(0, mid), batch.slice(mid)]) {
      for (const p of half) p.attempts--;
      await this.#send(half);
    }
  }

  /** Settles each item by its answer; false when the index refused writes (those items are held). */
  #settle(batch: Pending[], items: Array<Record<string, BulkResponseItem>>): boolean {
    const retry: Pending[] = [];
    const blocked: Pending[] = [];
    let blockReason = '';
    items.forEach((item, i) => {
      const p = batch[i]!;
      const r = item[this.#opType] ?? Object.values(item)[0];
      const status = r?.status ?? 500;
      if (status >= 200 && status < 300) {
        this.#stats.docs++;
        const outcome = status === 201 ? 'created' : 'updated';
        this.#observer.item?.(outcome);
        return p.resolve({ outcome, status, attempts: p.attempts });
      }
      if (status === 409) {
        this.#observer.item?.('duplicate');
        return p.resolve({ outcome: 'duplicate', status, attempts: p.attempts });
      }
      const reason = describe(r);
      if (r?.error?.type === BLOCKED) {
        this.#observer.item?.('blocked');
        blockReason = reason;
        if (!this.#closing) {
          // A block is not the document's fault: this attempt does not count.
          p.attempts--;
          blocked.push(p);
          return;
        }
        return p.reject(new AkhbarError(IndexerErrors.UNAVAILABLE, `Elasticsearch refused writes while closing: ${reason}`, { details: { status } }));
      }
      if (status === 429 || status >= 500 || status === 404) {
        this.#observer.item?.(status === 429 ? 'throttled' : 'retried');
        if (p.attempts < this.#itemAttempts && !this.#closing) {
          retry.push(p);
          return;
        }
        this.#observer.item?.('failed');
        const code = status === 429 ? IndexerErrors.THROTTLED : IndexerErrors.UNAVAILABLE;
        return p.reject(new AkhbarError(code, `Elasticsearch answered ${status} for document ${p.id} ${p.attempts} time(s): ${reason}`, { details: { status } }));
      }
      this.#observer.item?.('rejected');
      p.reject(new AkhbarError(IndexerErrors.REJECTED, `Elasticsearch rejected document ${p.id} (${status}): ${reason}`, { permanent: true, details: { status, reason } }));
    });
    if (retry.length > 0) this.#retryLater(retry, backoffMs(Math.max(...retry.map((p) => p.attempts)), this.#baseMs, this.#capMs));
    if (blocked.length === 0) return true;
    this.#outage(new Error(blockReason), BLOCKED_MSG);
    this.#retryLater(blocked, backoffMs(this.#outageAttempt, this.#outageBaseMs, this.#capMs));
    return false;
  }

  #retryLater(items: Pending[], waitMs: number): void {
    const entry = { timer: undefined as unknown as NodeJS.Timeout, items };
    entry.timer = setTimeout(() => this.#release(entry), waitMs);
    this.#waiting.add(entry);
  }

  /** Back into the queue, in front (they are the oldest), ready to go. */
  #release(entry: { timer: NodeJS.Timeout; items: Pending[] }): void {
    if (!this.#waiting.delete(entry)) return;
    clearTimeout(entry.timer);
    for (const p of entry.items) p.since = 0;
    this.#queue.unshift(...entry.items);
    this.#queueBytes += entry.items.reduce((n, p) => n + p.bytes, 0);
    this.#pump();
    this.#settled();
  }
}

function describe(r: BulkResponseItem | undefined): string {
  if (!r?.error) return `status ${r?.status ?? 'unknown'}`;
  const cause = r.error.caused_by ? ` (caused by ${r.error.caused_by.type ?? ''}: ${r.error.caused_by.reason ?? ''})` : '';
  return `${r.error.type ?? 'error'}: ${r.error.reason ?? ''}${cause}`;
}
