import { readdirSync, readFileSync } from 'node:fs';

export interface Memory {
  /** Current RSS, MB. */
  rssMb: number;
  /** Peak RSS since the process started (VmHWM), MB. */
  peakMb: number;
}

/**
 * Memory of a process from /proc (Linux): current RSS and its high-water mark (VmHWM), in MB.
 * Zeros where /proc is not readable.
 */
export function memoryOf(pid: number): Memory {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

/** Child processes of `pid` (a launcher such as enrich's main.ts runs the service in a child). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) in parentheses: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/**
 * The memory of a service started as `pid`: the process doing the work (the deepest child, when
 * the entry point is a launcher) and the total of the launcher chain, both at their peaks.
 */
export function serviceMemory(pid: number): { worker: Memory; launchers: Memory; processes: number } {
  const chain = [pid];
  for (;;) {
    const kids = childrenOf(chain[chain.length - 1]!);
    if (kids.length !== 1) break;
    chain.push(kids[0]!);
  }
  const worker = memoryOf(chain[chain.length - 1]!);
  const launchers = chain.slice(0, -1).map(memoryOf).reduce((a, m) => ({ rssMb: a.rssMb + m.rssMb, peakMb: a.peakMb + m.peakMb }), { rssMb: 0, peakMb: 0 });
  return { worker, launchers, processes: chain.length };
}
