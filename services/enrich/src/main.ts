import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENRICH_ENV, ENRICH_V8_FLAGS } from './runtime.ts';

/**
 * Entry point of the enrich service. It wants a V8 flag and an allocator setting (runtime.ts) that
 * are taken only at start-up, so this launcher runs the service in a child process with them,
 * passes SIGTERM/SIGINT on and exits with the child's code. Start node with the flag yourself
 * (NODE_OPTIONS or node's command line, with MALLOC_ARENA_MAX=2, as the container manifests do)
 * and the service runs in-process.
 */
const flagged = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-semi-space-size'));
if (flagged) {
  await import('./service.ts');
} else {
  const child = fork(fileURLToPath(new URL('./service.ts', import.meta.url)), process.argv.slice(2), {
    execArgv: [...process.execArgv, ...ENRICH_V8_FLAGS],
    env: { ...ENRICH_ENV, ...process.env },
    stdio: 'inherit',
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
  });
}
