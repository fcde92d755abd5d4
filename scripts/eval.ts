/**
 * `npm run eval`: runs the quality evaluations and prints precision / recall / F1 per field.
 * Each module exports `run({ verbose })` resolving to `{ name, report, ok }`; add a module to the
 * list to have it run. `--verbose` lists every miss. Exits 1 when a module is below its floor.
 */
const MODULES: string[] = [
  '../packages/nlp/eval/eval.ts',
  '../packages/nlp/eval/quotes.ts',
  '../packages/extract/eval/evaluate.ts',
];

interface EvalModule {
  run(opts: { verbose?: boolean }): Promise<{ name: string; report: string; ok: boolean }>;
}

const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
let failed = 0;
for (const path of MODULES) {
  const mod = (await import(new URL(path, import.meta.url).href)) as EvalModule;
  const res = await mod.run({ verbose });
  process.stdout.write(`${res.report}\n${res.ok ? '' : `  ${res.name}: BELOW FLOOR\n`}\n`);
  if (!res.ok) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
