import { backoffMs } from '@akhbar/core';

/**
 * Scheduling policy, pure: how often to poll a feed and how long to stay away after a failure.
 */

export interface IntervalBounds {
  /** @default 300 (5 min) */
  minSec: number;
  /** @default 86 400 (24 h) */
  maxSec: number;
}

export const DEFAULT_BOUNDS: IntervalBounds = { minSec: 300, maxSec: 86_400 };

/**
 * Poll about twice per publishing gap: a wire that posts every 10 minutes is polled every 5, a
 * weekly blog once a day. The gap is the mean spacing of the newest items, or the time since the
 * newest one when the feed has gone quiet. Fewer than three dated items: the base interval.
 * `floorSec` (a user's explicit interval) is never undercut.
 */
export function adaptiveIntervalSec(dates: readonly Date[], baseSec: number, now: Date, bounds: IntervalBounds = DEFAULT_BOUNDS, floorSec = 0): number {
  const lo = Math.max(bounds.minSec, floorSec);
  const clamp = (s: number) => Math.round(Math.min(bounds.maxSec, Math.max(lo, s)));
  const times = dates
    .map((d) => d.getTime())
    .filter((t) => Number.isFinite(t) && t <= now.getTime())
    .sort((a, b) => b - a)
    .slice(0, 20);
  if (times.length < 3) return clamp(baseSec);
  const gapSec = (times[0]! - times[times.length - 1]!) / (times.length - 1) / 1000;
  const quietSec = (now.getTime() - times[0]!) / 1000;
  return clamp(Math.max(gapSec, quietSec) / 2);
}

/** Exponential backoff with jitter after `failures` consecutive failures, from the poll interval up. */
export function failureDelayMs(failures: number, intervalSec: number, maxSec: number = DEFAULT_BOUNDS.maxSec): number {
  return backoffMs(Math.max(0, failures - 1), intervalSec * 1000, maxSec * 1000);
}

/** Whether an adaptive interval moved enough to reschedule (avoid churning the scheduler). */
export function intervalChanged(previousSec: number | undefined, nextSec: number): boolean {
  if (previousSec === undefined) return true;
  return Math.abs(nextSec - previousSec) / previousSec > 0.2;
}
