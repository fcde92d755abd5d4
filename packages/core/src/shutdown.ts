import type { Logger } from './logger.ts';

/**
 * Something holding work that must not be lost when the process stops past its grace period:
 * a BullMQ worker's active jobs. `instrumentWorker` (ops.ts) registers every worker it wires, so
 * each service gets this without listing it.
 */
export interface HandBack {
  name: string;
  /** Return the work in hand to its queue (e.g. active jobs → wait); resolves with how many. */
  handBack: () => Promise<number>;
}

const handBacks = new Set<HandBack>();

/** Register work to hand back if shutdown runs out of time; returns the unregister function. */
export function registerHandBack(entry: HandBack): () => void {
  handBacks.add(entry);
  return () => void handBacks.delete(entry);
}

/**
 * Hand back everything registered. Never throws: a failure is logged, and `ok` is false so the
 * process exits non-zero (those jobs return to their queue only when their lock expires).
 */
export async function handBackAll(log: Logger): Promise<{ jobs: number; ok: boolean }> {
  let jobs = 0;
  let ok = true;
  for (const h of handBacks) {
    try {
      const n = await h.handBack();
      jobs += n;
      if (n > 0) log.warn({ closer: h.name, jobs: n }, 'handed active jobs back to their queue');
    } catch (err) {
      ok = false;
      log.error({ err, closer: h.name }, 'could not hand active jobs back; they return to the queue when their lock expires');
    }
  }
  return { jobs, ok };
}

/**
 * How long shutdown waits for work in progress before handing it back: the deadline less a
 * reserve for the hand-back and for closing clients (a fifth of the deadline, 0.5–5 s).
 */
export function shutdownGraceMs(deadlineMs: number): number {
  return deadlineMs - Math.min(5_000, Math.max(500, Math.floor(deadlineMs / 5)));
}

const GRACE = Symbol('grace');
/** What the closers' shares after the grace period leave before the deadline, for timers that fire late on a busy machine. */
const DEADLINE_RESERVE_MS = 300;
const TIMED_OUT = Symbol('timed out');

/**
 * SIGTERM/SIGINT → run the closers in order (stop taking work first, clients last) under a
 * deadline (`AKHBAR_SHUTDOWN_DEADLINE_MS`, default 25 s; keep it below the orchestrator's grace
 * period: compose `stop_grace_period`, Kubernetes `terminationGracePeriodSeconds`).
 *
 * - A worker closer (`worker.close()`) waits for the active jobs to finish.
 * - When they have not finished by the grace point (`shutdownGraceMs`), the active jobs are handed
 *   back to their queue (moved from active to wait, attempts unchanged, so another replica takes
 *   them at once instead of after a lock expiry) and the closer still pending is abandoned. The
 *   remaining closers (queues, clients) then each get a share of the time left; one that still
 *   hangs (say, an HTTP agent waiting on the abandoned job's request) is skipped with a warning.
 *   The process exits 0: no work was lost.
 * - If the hand-back fails or hangs (Redis gone), the process exits 1 at the latest at the
 *   deadline: those jobs come back only when their locks expire. A deadline reached after the
 *   work was handed back (closers still running late) exits 0.
 * The timers are unref()'d so they never keep a cleanly closed process alive.
 * An uncaught exception or unhandled rejection logs a fatal line and stops the same way, exit 1.
 */
export function onShutdown(
  log: Logger,
  closers: ReadonlyArray<{ name: string; close: () => Promise<unknown> | unknown }>,
  deadlineMs = Number(process.env.AKHBAR_SHUTDOWN_DEADLINE_MS ?? 25_000),
): (reason: string) => Promise<void> {
  let closing: Promise<void> | undefined;
  let exitCode = 0;
  const shutdown = (reason: string): Promise<void> => {
    if (closing) return closing;
    const startedAt = Date.now();
    log.info({ reason, deadlineMs }, 'shutting down');
    let graceTimer: NodeJS.Timeout | undefined;
    let graceDone = false;
    let handedBack = 0;
    // At the deadline the process goes, whatever is still closing. Work handed back is safe (exit as the stop would have);
    // work neither finished nor handed back waits for its lock to expire (exit 1). A machine busy enough to make the
    // closers' shares overrun by a few timer ticks used to turn a clean hand-back into exit 1.
    const hard = setTimeout(() => {
      const safe = graceDone && exitCode === 0;
      log.error({ deadlineMs, workHandedBack: graceDone }, safe ? 'shutdown deadline passed with the work handed back; exiting' : 'shutdown deadline passed; exiting');
      process.exit(safe ? 0 : 1);
    }, deadlineMs);
    hard.unref();
    // Resolves once the grace period is over and the work in hand has been handed back.
    const graceOver = new Promise<typeof GRACE>((resolve) => {
      graceTimer = setTimeout(() => {
        log.warn({ graceMs: shutdownGraceMs(deadlineMs) }, 'work still in progress at the end of the grace period');
        void handBackAll(log).then(({ jobs, ok }) => {
          handedBack = jobs;
          if (!ok) exitCode = 1;
          graceDone = true;
          resolve(GRACE);
        });
      }, shutdownGraceMs(deadlineMs));
      graceTimer.unref();
    });
    closing = (async () => {
      for (const [i, c] of closers.entries()) {
        try {
          const closed = Promise.resolve().then(() => c.close());
          closed.catch(() => undefined); // observed below; this only keeps a late rejection quiet
          let outcome: unknown;
          if (!graceDone) {
            outcome = await Promise.race([closed, graceOver]);
          } else {
            // Past the grace period: share what is left of the deadline among the remaining closers.
            const share = Math.max(50, Math.floor((deadlineMs - DEADLINE_RESERVE_MS - (Date.now() - startedAt)) / (closers.length - i)));
            let t: NodeJS.Timeout | undefined;
            outcome = await Promise.race([closed, new Promise((r) => { t = setTimeout(() => r(TIMED_OUT), share); t.unref(); })]);
            clearTimeout(t);
          }
          if (outcome === GRACE) {
            log.warn({ closer: c.name }, 'stopped waiting for this closer; its work was handed back');
          } else if (outcome === TIMED_OUT) {
            log.warn({ closer: c.name }, 'closer did not finish in its share of the deadline; skipped');
          }
        } catch (err) {
          log.warn({ err, closer: c.name }, 'error while closing');
        }
      }
      clearTimeout(hard);
      clearTimeout(graceTimer);
      log.info({ ms: Date.now() - startedAt, graceExpired: graceDone, handedBack }, 'stopped');
    })();
    return closing;
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      void shutdown(sig).then(() => process.exit(exitCode));
    });
  }
  // An exception nothing caught, or a promise rejected with no handler, is a bug (ours or a
  // library's). Node's default prints a bare stack on stderr and dies at once, leaving active
  // jobs to wait out their locks and clients cut mid-answer. Instead: one fatal JSON line a log
  // pipeline can alert on (AKHBAR_INTERNAL, the error and its stack), then the stop SIGTERM
  // makes (work finished or handed back, bounded by the same deadline), then exit 1 so the
  // orchestrator restarts the process. A second one while stopping is logged, not acted on.
  const fatal = (kind: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    log.fatal({ err, code: 'AKHBAR_INTERNAL', kind }, kind === 'uncaughtException' ? 'uncaught exception; shutting down' : 'unhandled promise rejection; shutting down');
    exitCode = 1;
    void shutdown(kind).then(() => process.exit(1));
  };
  process.on('uncaughtException', fatal('uncaughtException'));
  process.on('unhandledRejection', fatal('unhandledRejection'));
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
