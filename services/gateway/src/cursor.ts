import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { badParam, GatewayErrors } from './errors.ts';

/**
 * Opaque, tamper-evident paging cursors: base64url(JSON) + "." + HMAC-SHA256 (truncated to 128
 * bits). A cursor carries what the next page needs to continue the same ordering: the
 * `search_after` values (or an offset when results are collapsed), the recency reference time,
 * and a fingerprint of the query so it cannot be replayed against a different query.
 */
export interface CursorState {
  /** search_after values of the last hit. */
  after?: unknown[];
  /** Offset (collapsed results). */
  offset?: number;
  /** Recency origin of the first page (ISO). */
  origin: string;
  /** Query fingerprint. */
  fp: string;
}

export class CursorCodec {
  // A KeyObject made once: createHmac with raw bytes builds one per call (measured per request).
  readonly #key: KeyObject;

  constructor(secret: string) {
    this.#key = createSecretKey(Buffer.from(secret));
  }

  encode(state: CursorState): string {
    const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${payload}.${this.#sign(payload)}`;
  }

  /** Decode and verify; a bad or foreign cursor is a 400 naming `cursor`. */
  decode(cursor: string, fingerprint: string): CursorState {
    const bad = (why: string) => badParam('cursor', `cursor is not valid: ${why}`, GatewayErrors.BAD_CURSOR);
    const dot = cursor.indexOf('.');
    if (dot <= 0) throw bad('malformed');
    const payload = cursor.slice(0, dot);
    const sig = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.#sign(payload), 'base64url');
    if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) throw bad('signature does not match');
    let state: CursorState;
    try {
      state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorState;
    } catch {
      throw bad('malformed');
    }
    if (state.fp !== fingerprint) throw bad('it belongs to a different query');
    return state;
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest().subarray(0, 16).toString('base64url');
  }
}

/** Fingerprint of the parameters that decide the ordering and the result set (not `limit`). */
export function queryFingerprint(params: Record<string, unknown>): string {
  const keys = Object.keys(params).filter((k) => k !== 'cursor' && k !== 'limit' && params[k] !== undefined).sort();
  const h = createHash('sha256');
  for (const k of keys) h.update(`${k}=${JSON.stringify(params[k])}\n`);
  return h.digest('base64url').slice(0, 16);
}
