import { AkhbarError } from '@akhbar/core';

/**
 * Error codes the gateway answers with. Body: `{ error: { code, message, param? } }`, where
 * `param` names the offending request parameter whenever there is one.
 */
export const GatewayErrors = {
  BAD_REQUEST: 'AKHBAR_BAD_REQUEST',
  BAD_PARAMETER: 'AKHBAR_BAD_PARAMETER',
  UNKNOWN_PARAMETER: 'AKHBAR_UNKNOWN_PARAMETER',
  BAD_ENCODING: 'AKHBAR_BAD_ENCODING',
  BAD_QUERY: 'AKHBAR_SEARCH_BAD_QUERY',
  BAD_CURSOR: 'AKHBAR_SEARCH_BAD_CURSOR',
  UNAUTHORIZED: 'AKHBAR_UNAUTHORIZED',
  NOT_FOUND: 'AKHBAR_NOT_FOUND',
  NOT_A_FEED: 'AKHBAR_FEED_NOT_A_FEED',
  FEED_UNREACHABLE: 'AKHBAR_FEED_UNREACHABLE',
  BAD_OPML: 'AKHBAR_FEED_BAD_OPML',
  PAYLOAD_TOO_LARGE: 'AKHBAR_PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'AKHBAR_UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'AKHBAR_RATE_LIMITED',
  ALERT_NO_MATCH: 'AKHBAR_ALERT_NO_MATCH',
  TIMEOUT: 'AKHBAR_SEARCH_TIMEOUT',
  UNAVAILABLE: 'AKHBAR_UNAVAILABLE',
  INTERNAL: 'AKHBAR_INTERNAL',
} as const;

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** A 400 naming the parameter at fault. */
export function badParam(param: string, message: string, code: string = GatewayErrors.BAD_PARAMETER): AkhbarError {
  return new AkhbarError(code, message, { permanent: true, details: { param } });
}

/** A 404 for a thing that does not exist. */
export function notFound(message: string): AkhbarError {
  return new AkhbarError(GatewayErrors.NOT_FOUND, message, { permanent: true, details: { status: 404 } });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A request body's text, refused with a coded 400 when it is not UTF-8 rather than decoded into
 * replacement characters (the JSON parser and a text/plain body share it). For a content-type
 * parser's `done`: the error carries its status and code.
 */
export function bodyText(body: Buffer): string {
  try {
    return STRICT_UTF8.decode(body);
  } catch {
    throw Object.assign(new Error('the request body is not valid UTF-8'), { statusCode: 400, code: GatewayErrors.BAD_ENCODING });
  }
}
