import { AkhbarError, errorCode } from '@akhbar/core';

/**
 * Error codes of the indexer. A code is stable API: logs, the dead-letter queue and metrics
 * carry it. Document guard codes (AKHBAR_INDEX_DOC_INVALID, AKHBAR_INDEX_DOC_TOO_LARGE) live
 * in @akhbar/search beside the mapping they check.
 */
export const IndexerErrors = {
  /** Elasticsearch refused the document for good (mapping error, 400): dead-lettered, not retried. */
  REJECTED: 'AKHBAR_INDEX_REJECTED',
  /** Elasticsearch kept answering 429 for the document; the job is retried later. */
  THROTTLED: 'AKHBAR_INDEX_THROTTLED',
  /** Elasticsearch unreachable or failing (5xx) while the indexer was shutting down or gave up. */
  UNAVAILABLE: 'AKHBAR_INDEX_UNAVAILABLE',
  /** Retryable failures went on for every attempt of the job: dead-lettered so nothing is lost. */
  GAVE_UP: 'AKHBAR_INDEX_GAVE_UP',
} as const;

/**
 * The job's last attempt failed on a retryable error: the error to dead-letter it with (on the
 * last attempt a plain failure would leave it in BullMQ's failed set, out of `akhbar dlq`'s reach),
 * or undefined while attempts remain.
 */
export function gaveUp(job: { attemptsMade: number; opts: { attempts?: number } }, err: unknown): AkhbarError | undefined {
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsMade + 1 < attempts) return undefined;
  return new AkhbarError(IndexerErrors.GAVE_UP, `gave up after ${String(attempts)} attempts; last error ${errorCode(err)}: ${(err as Error).message}`, { permanent: true, cause: err });
}
