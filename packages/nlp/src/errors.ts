import { AkhbarError } from '@akhbar/core';

/** Error codes of the NLP package (stable: logs and provenance carry them). */
export const NlpErrors = {
  /** A tagger threw; its field is marked failed in `enrichment.provenance` and the article goes on. */
  TAGGER_FAILED: 'AKHBAR_NLP_TAGGER_FAILED',
  /** A user entities file (AKHBAR_ENTITIES_FILE) is unreadable or malformed. */
  ENTITIES_INVALID: 'AKHBAR_NLP_ENTITIES_INVALID',
} as const;

export function nlpError(code: (typeof NlpErrors)[keyof typeof NlpErrors], message: string, opts: { cause?: unknown; details?: Record<string, unknown> } = {}): AkhbarError {
  return new AkhbarError(code, message, { permanent: true, ...opts });
}
