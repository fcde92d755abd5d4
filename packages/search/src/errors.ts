/**
 * Error codes of the search package (index administration and documents). Query errors
 * (`AKHBAR_SEARCH_…`) may be added here too; a code is stable API, never renamed.
 */
export const SearchErrors = {
  /** The document has keys the mapping does not know, or far too many keys: never sent to Elasticsearch. */
  DOC_INVALID: 'AKHBAR_INDEX_DOC_INVALID',
  /** The serialised document is larger than MAX_DOCUMENT_BYTES even after truncation. */
  DOC_TOO_LARGE: 'AKHBAR_INDEX_DOC_TOO_LARGE',
  /** `akhbar index migrate` could not copy every document; the aliases were left as they were. */
  MIGRATION_FAILED: 'AKHBAR_INDEX_MIGRATION_FAILED',
  /** Another migration holds the next index version. */
  MIGRATION_CONFLICT: 'AKHBAR_INDEX_MIGRATION_CONFLICT',
  /** No article index exists under the prefix. */
  INDEX_MISSING: 'AKHBAR_INDEX_MISSING',
  /** Pruning refused while a migration copies articles (a deleted article could be copied back). */
  PRUNE_DURING_MIGRATION: 'AKHBAR_INDEX_PRUNE_DURING_MIGRATION',
} as const;
