/** Error codes the gateway answers with (body: `{ error: { code, message, param? } }`). */
export const GatewayErrors = {
  BAD_REQUEST: 'AKHBAR_BAD_REQUEST',
  BAD_QUERY: 'AKHBAR_SEARCH_BAD_QUERY',
  UNAUTHORIZED: 'AKHBAR_UNAUTHORIZED',
  NOT_FOUND: 'AKHBAR_NOT_FOUND',
  UNAVAILABLE: 'AKHBAR_UNAVAILABLE',
  INTERNAL: 'AKHBAR_INTERNAL',
} as const;

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}
