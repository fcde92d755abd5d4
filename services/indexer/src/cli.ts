import type { CliCommand } from '@akhbar/core';

/** `akhbar` commands contributed by the indexer service. */
export const commands: CliCommand[] = [];
