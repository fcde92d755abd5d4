import { readFileSync } from 'node:fs';

/**
 * Memory of a process from /proc (Linux): current RSS and its high-water mark (VmHWM, the peak
 * RSS since the process started), in MB. Zeros where /proc is not readable.
 */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}
