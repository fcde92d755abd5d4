import type { CliCommand } from '@akhbar/core';

/** `akhbar` commands contributed by the gateway service. */
export const commands: CliCommand[] = [];
