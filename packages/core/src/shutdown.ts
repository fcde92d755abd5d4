import type { Logger } from './logger.ts';

/**
 * SIGTERM/SIGINT → run the closers in order (stop taking work first, clients last) under a
 * deadline. The deadline timer is unref()'d so it never keeps a cleanly closed process alive;
 * if closing hangs past it, the process exits non-zero rather than lingering.
 */
export function onShutdown(
  log: Logger,
  closers: ReadonlyArray<{ name: string; close: () => Promise<unknown> | unknown }>,
  deadlineMs = Number(process.env.AKHBAR_SHUTDOWN_DEADLINE_MS ?? 25_000),
): (reason: string) => Promise<void> {
  let closing: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    if (closing) return closing;
    log.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ deadlineMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    closing = (async () => {
      for (const c of closers) {
        try {
          await c.close();
        } catch (err) {
          log.warn({ err, closer: c.name }, 'error while closing');
        }
      }
      clearTimeout(timer);
      log.info('stopped');
    })();
    return closing;
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      void shutdown(sig).then(() => process.exit(0));
    });
  }
  return shutdown;
}

/** Sleep that an AbortSignal can cut short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

/** Exponential backoff with full jitter: base·2^attempt, capped, randomised to spread retries. */
export function backoffMs(attempt: number, baseMs = 500, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(ceiling / 2 + Math.random() * (ceiling / 2));
}
