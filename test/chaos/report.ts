/**
 * Merge the report parts of a chaos run into bench/results/chaos-<profile>.json and print the
 * tables (scripts/chaos.sh runs this after the scenarios).
 * Usage: node test/chaos/report.ts <subset|full> [wall-clock seconds of the run]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, readParts, renderTables } from './lib/report.ts';
import type { ProfileName } from './lib/profile.ts';

const profile = (process.argv[2] ?? 'full') as ProfileName;
const wallSec = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const parts = readParts(profile);
if (parts.length === 0) {
  process.stderr.write(`no report parts for the ${profile} profile under ${RESULTS_DIR}\n`);
  process.exit(1);
}
const items = parts.flatMap((p) => (p.items ? [p.items] : []));
const totals = {
  faultsInjected: parts.reduce((n, p) => n + (p.faults?.length ?? 0), 0),
  faultsSurvived: parts.reduce((n, p) => n + (p.faults?.filter((f) => f.survived).length ?? 0), 0),
  hostileInputsTried: parts.reduce((n, p) => n + (p.hostile?.reduce((m, h) => m + h.tried, 0) ?? 0), 0),
  hostileInputsHandled: parts.reduce((n, p) => n + (p.hostile?.reduce((m, h) => m + h.handled, 0) ?? 0), 0),
  itemsServed: items.reduce((n, i) => n + i.served, 0),
  lost: items.reduce((n, i) => n + i.lost, 0),
  duplicated: items.reduce((n, i) => n + i.duplicated, 0),
  unexpected: items.reduce((n, i) => n + i.unexpected, 0),
};
const out = join(RESULTS_DIR, `chaos-${profile}.json`);
writeFileSync(out, JSON.stringify({ profile, generatedAt: new Date().toISOString(), ...(wallSec !== undefined ? { wallClockSec: wallSec } : {}), totals, parts }, null, 2) + '\n');
process.stdout.write(`\n## Chaos report (${profile})\n\n${renderTables(parts)}\n\n`);
process.stdout.write(
  `Faults injected ${totals.faultsInjected}, survived ${totals.faultsSurvived}; hostile inputs tried ${totals.hostileInputsTried}, handled ${totals.hostileInputsHandled}; ` +
    `items served ${totals.itemsServed}, lost ${totals.lost}, duplicated ${totals.duplicated}, unexpected ${totals.unexpected}` +
    `${wallSec !== undefined ? `; run took ${Math.floor(wallSec / 60)} min ${wallSec % 60} s` : ''}.\nWritten to ${out}\n`,
);
