/**
 * `npm run bench`: every stage of the pipeline measured against its own baseline, side by side in
 * the same run, so the ratios hold on a noisy machine where absolute times mean little.
 *
 *   npm run bench                      full run (≈ 20–30 min on 2 cores): README "Performance"
 *   npm run bench -- --quick           smoke run (< 3 min)
 *   npm run bench -- --only parse,index   some stages (parse, queue, enrich, fulltext, index, e2e;
 *                                      e2e includes search and memory, which run on its index)
 *   npm run bench -- --seed 7 --out /tmp/results
 *
 * Prints a table and writes bench/results/<timestamp>.json with every figure, its baseline, the
 * ratio and the goal. Exits 1 when a stage could not run (a missed goal is reported, not an error).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { FULL, QUICK, createCtx, type Ctx } from './src/context.ts';
import { machineInfo, loadAverage, waitForQuiet } from './src/machine.ts';
import { goalText, markdownTable, type Figure } from './src/measure.ts';
import { sweepLeftovers } from './src/leftovers.ts';
import { e2eStage } from './src/stages/e2e.ts';
import { enrichStage } from './src/stages/enrich.ts';
import { fulltextStage } from './src/stages/fulltext.ts';
import { indexStage } from './src/stages/index.ts';
import { parseStage } from './src/stages/parse.ts';
import { queueStage } from './src/stages/queue.ts';

export const STAGES = ['parse', 'queue', 'enrich', 'fulltext', 'index', 'e2e'] as const;
type Stage = (typeof STAGES)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    'e2e-articles': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: npm run bench -- [--quick] [--only parse,queue,enrich,fulltext,index,e2e] [--seed N] [--out DIR] [--e2e-articles N]\n');
  process.exit(0);
}
const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...STAGES];
for (const s of only) {
  if (!(STAGES as readonly string[]).includes(s)) {
    process.stderr.write(`bench: unknown stage "${s}" (stages: ${STAGES.join(', ')})\n`);
    process.exit(2);
  }
}
const quick = values.quick;
const sizes = { ...(quick ? QUICK : FULL) };
if (values['e2e-articles']) sizes.e2eArticles = Number(values['e2e-articles']);
const seed = Number(values.seed);
const started = new Date();
const runId = `${started.getTime().toString(36)}-${randomBytes(2).toString('hex')}`;
const log = (m: string) => process.stdout.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

const ctx: Ctx = createCtx({
  quick,
  seed,
  sizes,
  esUrl: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  runId,
  log,
});

const machine = await machineInfo(ctx.esUrl, ctx.redisUrl);
const loadStart = loadAverage();
log(`Akhbar bench, ${quick ? 'quick' : 'full'} run ${runId}, seed ${seed}: ${machine.cores} cores, ${machine.ramGB} GB, ${machine.os}, Node ${machine.node}, Elasticsearch ${machine.elasticsearch}, Redis ${machine.redis}; load ${loadStart.join(' ')}`);

const swept = await sweepLeftovers(ctx.esUrl, ctx.redisUrl);
if (swept.keys > 0 || swept.indices > 0) log(`removed what interrupted earlier runs left: ${swept.keys.toLocaleString('en-US')} Redis keys, ${swept.indices} indices`);

// A quick run (the tests) only notes how busy the machine is; its figures mean nothing anyway.
const quiet = await waitForQuiet(quick ? { maxMs: 0, windowMs: 500 } : {});
log(`machine ${quiet.busy < 0.25 ? 'quiet' : 'still busy'} (${(quiet.busy * 100).toFixed(0)}% of CPU in use) after waiting ${(quiet.waitedMs / 1000).toFixed(0)} s`);

const errors: Array<{ stage: string; error: string }> = [];
let rawBulk: number | undefined;
const run: Record<Stage, () => Promise<void>> = {
  parse: () => parseStage(ctx),
  queue: () => queueStage(ctx),
  enrich: () => enrichStage(ctx),
  fulltext: () => fulltextStage(ctx),
  index: async () => {
    rawBulk = (await indexStage(ctx)).rawDocsPerSec;
  },
  e2e: () => e2eStage(ctx, rawBulk),
};
for (const stage of STAGES) {
  if (!only.includes(stage)) continue;
  const before = ctx.figures.length;
  const t = Date.now();
  try {
    await run[stage]();
  } catch (err) {
    const msg = err instanceof Error ? (err.stack ?? err.message) : String(err);
    errors.push({ stage, error: msg });
    log(`${stage}: FAILED: ${msg}`);
  }
  for (const f of ctx.figures.slice(before)) log(`  ${line(f)}`);
  log(`${stage}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

function line(f: Figure): string {
  const ratio = f.ratio === undefined ? '' : ` ratio ${f.ratio.toFixed(2)}`;
  const base = f.baseline === undefined ? '' : ` vs ${f.baseline.toFixed(1)} (${f.baselineLabel ?? 'baseline'})`;
  const goal = f.goal ? ` goal ${goalText(f.goal)}: ${f.met ? 'met' : 'MISSED'}` : '';
  return `${f.stage} ${f.name}: ${f.value.toFixed(1)} ${f.unit}${base}${ratio}${goal}${f.note ? ` — ${f.note}` : ''}`;
}

const finished = new Date();
const loadEnd = loadAverage();
const table = markdownTable(ctx.figures);
process.stdout.write(`\n${table}\n\n`);
const missed = ctx.figures.filter((f) => f.met === false);
process.stdout.write(`${ctx.figures.length} figures, ${ctx.figures.filter((f) => f.goal).length} with a goal, ${missed.length} missed${missed.length ? `: ${missed.map((f) => `${f.stage} ${f.name}`).join('; ')}` : ''}\n`);

const outDir = values.out ?? join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${started.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      runId, mode: quick ? 'quick' : 'full', seed, stages: only,
      startedAt: started.toISOString(), finishedAt: finished.toISOString(), durationSec: (finished.getTime() - started.getTime()) / 1000,
      machine, loadAverage: { start: loadStart, end: loadEnd }, busyAtStart: quiet.busy, waitedForQuietSec: quiet.waitedMs / 1000, sizes, figures: ctx.figures, notes: ctx.notes, errors,
    },
    null,
    2,
  ) + '\n',
);
process.stdout.write(`results: ${file} (${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s)\n`);
if (errors.length > 0) {
  process.stderr.write(`bench: ${errors.length} stage(s) failed: ${errors.map((e) => e.stage).join(', ')}\n`);
  process.exit(1);
}
// Clients and agents of the stages are closed; anything left (keep-alive sockets) must not hold the run.
process.exit(0);
