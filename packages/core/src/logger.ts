import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * pino JSON logger. Services pass `{ service }`; child loggers add `feedId` / `articleId` so every
 * line about one feed or article can be found with one grep.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', opts: LoggerOptions = {}): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...opts,
  });
}
