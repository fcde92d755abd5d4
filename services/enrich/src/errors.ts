/** Error codes of the enrich service (stable: logs, the dead-letter queue and CLI output carry them). */
export const EnrichErrors = {
  /** `akhbar enrich <file>`: the file is unreadable or holds nothing to enrich. */
  BAD_INPUT: 'AKHBAR_ENRICH_BAD_INPUT',
  /** `akhbar reenrich --since`: the date does not parse. */
  BAD_DATE: 'AKHBAR_ENRICH_BAD_DATE',
} as const;
