import type { CliCommand } from '@akhbar/core';

/** `akhbar` commands contributed by the enrich service. */
export const commands: CliCommand[] = [];
