import type { CliCommand } from '@akhbar/core';

/** `akhbar` commands contributed by the ingest service. */
export const commands: CliCommand[] = [];
