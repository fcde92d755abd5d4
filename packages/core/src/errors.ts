/**
 * Coded errors shared by every package. A code is stable API: logs, feed status, HTTP error
 * bodies and the dead-letter queue carry it, so operators can grep and alert on it.
 */
export class AkhbarError extends Error {
  readonly code: string;
  /** Permanent faults are not retried (BullMQ UnrecoverableError semantics). */
  readonly permanent: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, opts: { permanent?: boolean; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AkhbarError';
    this.code = code;
    this.permanent = opts.permanent ?? false;
    this.details = opts.details;
  }
}

export const CoreErrors = {
  CONFIG_INVALID: 'AKHBAR_CONFIG_INVALID',
  BAD_URL: 'AKHBAR_BAD_URL',
  PAYLOAD_INVALID: 'AKHBAR_PAYLOAD_INVALID',
  FEED_NOT_FOUND: 'AKHBAR_FEED_NOT_FOUND',
  FEED_EXISTS: 'AKHBAR_FEED_EXISTS',
  /** Fewer Redis replicas than REDIS_MIN_REPLICAS acknowledged a hand-off in time (transient: retried). */
  REDIS_REPLICAS: 'AKHBAR_REDIS_REPLICAS',
} as const;

export function isAkhbarError(err: unknown): err is AkhbarError {
  return err instanceof AkhbarError;
}

/** The code of any thrown value, for logs and status records. */
export function errorCode(err: unknown): string {
  if (err instanceof AkhbarError) return err.code;
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return 'AKHBAR_INTERNAL';
}
