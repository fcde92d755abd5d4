import type { Client } from '@elastic/elasticsearch';
import { AkhbarError } from '@akhbar/core';
import type { ArticleDocument } from '@akhbar/search';

export const IndexerErrors = {
  REJECTED: 'AKHBAR_INDEX_REJECTED',
  THROTTLED: 'AKHBAR_INDEX_THROTTLED',
  UNAVAILABLE: 'AKHBAR_INDEX_UNAVAILABLE',
} as const;

interface Pending {
  doc: ArticleDocument;
  bytes: string;
  resolve: () => void;
  reject: (err: AkhbarError) => void;
}

export interface BatcherOptions {
  index: string;
  maxDocs: number;
  maxBytes: number;
  flushMs: number;
}

/**
 * Collects documents from concurrent jobs into `_bulk` requests, flushed by count, bytes or time.
 * Each submit() settles only when Elasticsearch has answered for that very document, so a BullMQ
 * job completes only after its document is acknowledged. Each bulk item is inspected: 2xx ok,
 * 429 and 5xx retryable, other 4xx (a mapping error) permanent.
 */
export class BulkBatcher {
  readonly #client: Client;
  readonly #opts: BatcherOptions;
  #pending: Pending[] = [];
  #bytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #inflight = new Set<Promise<void>>();

  constructor(client: Client, opts: BatcherOptions) {
    this.#client = client;
    this.#opts = opts;
  }

  submit(doc: ArticleDocument): Promise<void> {
    return new Promise((resolve, reject) => {
      const bytes = JSON.stringify(doc);
      this.#pending.push({ doc, bytes, resolve, reject });
      this.#bytes += bytes.length;
      if (this.#pending.length >= this.#opts.maxDocs || this.#bytes >= this.#opts.maxBytes) this.flush();
      else this.#timer ??= setTimeout(() => this.flush(), this.#opts.flushMs);
    });
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    this.#bytes = 0;
    const p = this.#send(batch).finally(() => this.#inflight.delete(p));
    this.#inflight.add(p);
  }

  /** Flush what is pending and wait for every in-flight bulk to settle. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.#inflight]);
  }

  async #send(batch: Pending[]): Promise<void> {
    const body = batch.map((p) => `{"index":{"_index":${JSON.stringify(this.#opts.index)},"_id":${JSON.stringify(p.doc.id)}}}\n${p.bytes}\n`).join('');
    let res;
    try {
      res = await this.#client.bulk({ body } as never);
    } catch (err) {
      const e = new AkhbarError(IndexerErrors.UNAVAILABLE, `bulk request failed: ${(err as Error).message}`, { cause: err });
      for (const p of batch) p.reject(e);
      return;
    }
    res.items.forEach((item, i) => {
      const p = batch[i];
      if (!p) return;
      const r = item.index ?? item.create ?? item.update;
      const status = r?.status ?? 500;
      if (status >= 200 && status < 300) return p.resolve();
      const reason = r?.error ? `${r.error.type}: ${r.error.reason ?? ''}` : `status ${status}`;
      if (status === 429) return p.reject(new AkhbarError(IndexerErrors.THROTTLED, `Elasticsearch throttled: ${reason}`));
      if (status >= 500) return p.reject(new AkhbarError(IndexerErrors.UNAVAILABLE, `Elasticsearch error: ${reason}`));
      p.reject(new AkhbarError(IndexerErrors.REJECTED, `document rejected: ${reason}`, { permanent: true, details: { status } }));
    });
  }
}
