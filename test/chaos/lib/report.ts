import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@akhbar/testkit';
import type { ProfileName } from './profile.ts';

/**
 * The chaos report. Each scenario file writes its part as JSON under bench/results/ (git-ignored);
 * `test/chaos/report.ts` merges the parts of a run into one file and prints the table.
 */

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

export interface FaultRecord {
  fault: string;
  /** What was true when it was injected (e.g. "312 jobs active"). */
  when: string;
  survived: boolean;
  /** Time from injection to the stage making progress again, ms. */
  recoveryMs?: number;
  detail?: string;
}

export interface HostileRecord {
  input: string;
  tried: number;
  /** Handled as expected (refused with the right code, or survived). */
  handled: number;
  /** Connections that reached a target that must never be reached. */
  connections?: number;
  detail?: string;
}

export interface ItemsRecord {
  served: number;
  indexed: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  deadLettered: number;
}

export interface LoadRecord {
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface ReportPart {
  scenario: string;
  profile: ProfileName;
  seed?: number;
  startedAt: string;
  durationMs: number;
  faults?: FaultRecord[];
  hostile?: HostileRecord[];
  items?: ItemsRecord;
  load?: { articles: number; levels: LoadRecord[]; bendAt: number | null; note: string };
  notes?: string[];
}

/**
 * Where latency bends: the lowest concurrency whose throughput reaches 80 % of the best level's.
 * Past it the machine is saturated and more clients only wait in line (p50 grows with them).
 * Judged against the peak rather than level by level, because one noisy level on a shared machine
 * must not decide it.
 */
export function bend(levels: readonly LoadRecord[]): number | null {
  if (levels.length < 2) return null;
  const peak = Math.max(...levels.map((l) => l.rps));
  return levels.find((l) => l.rps >= 0.8 * peak)?.concurrency ?? null;
}

export function partPath(profile: ProfileName, scenario: string): string {
  return join(RESULTS_DIR, `chaos-${profile}-part-${scenario}.json`);
}

export function writePart(part: ReportPart): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = partPath(part.profile, part.scenario);
  writeFileSync(path, JSON.stringify(part, null, 2) + '\n');
  return path;
}

export function readParts(profile: ProfileName): ReportPart[] {
  let names: string[];
  try {
    names = readdirSync(RESULTS_DIR);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(`chaos-${profile}-part-`) && n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(join(RESULTS_DIR, n), 'utf8')) as ReportPart);
}

const ms = (n: number | undefined) => (n === undefined ? '' : n >= 10_000 ? `${(n / 1000).toFixed(0)} s` : `${(n / 1000).toFixed(1)} s`);

/** Markdown tables for a set of parts (what the README shows and the run prints). */
export function renderTables(parts: ReportPart[]): string {
  const out: string[] = [];
  const faults = parts.flatMap((p) => p.faults ?? []);
  if (faults.length > 0) {
    out.push('| fault injected | when | survived | back to progress in |', '| --- | --- | --- | --- |');
    for (const f of faults) out.push(`| ${f.fault} | ${f.when} | ${f.survived ? 'yes' : '**no**'} | ${ms(f.recoveryMs)} |`);
    out.push('');
  }
  const hostile = parts.flatMap((p) => p.hostile ?? []);
  if (hostile.length > 0) {
    out.push('| hostile input | tried | handled | connections to the target |', '| --- | ---: | ---: | ---: |');
    for (const h of hostile) out.push(`| ${h.input} | ${h.tried} | ${h.handled} | ${h.connections ?? ''} |`);
    out.push('');
  }
  const items = parts.filter((p) => p.items);
  if (items.length > 0) {
    out.push('| items | served | indexed | lost | duplicated | unexpected | dead-lettered poison |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const p of items) {
      const i = p.items!;
      out.push(`| ${p.scenario} (${p.profile}) | ${i.served} | ${i.indexed} | ${i.lost} | ${i.duplicated} | ${i.unexpected} | ${i.deadLettered} |`);
    }
    out.push('');
  }
  for (const p of parts) {
    if (!p.load) continue;
    out.push(`Search load over ${p.load.articles.toLocaleString('en')} articles (${p.load.note}):`, '');
    out.push('| concurrency | requests | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const l of p.load.levels) out.push(`| ${l.concurrency} | ${l.requests} | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p90} | ${l.p99} | ${l.errors} | ${l.non2xx} |`);
    out.push('', `Latency bends at concurrency ${bend(p.load.levels) ?? 'none of the levels tried'} (the lowest level with 80 % of the peak throughput).`, '');
  }
  const durations = parts.map((p) => `${p.scenario} ${ms(p.durationMs)}`).join(', ');
  if (durations) out.push(`Scenario run times: ${durations}.`);
  return out.join('\n');
}
