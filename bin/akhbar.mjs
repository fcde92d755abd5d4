#!/usr/bin/env node
// The `akhbar` CLI. Runs TypeScript sources directly, which needs Node >= 22.18 (type stripping);
// `npm run akhbar -- <command>` sets that toolchain up first on machines that lack it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`akhbar: Node ${process.versions.node} is too old; use \`npm run akhbar -- <command>\` (it fetches Node 24)\n`);
  process.exit(1);
}
const { runCli } = await import('@akhbar/core');
const modules = await Promise.all(
  ['ingest', 'fulltext', 'enrich', 'indexer', 'gateway'].map((s) => import(new URL(`../services/${s}/src/cli.ts`, import.meta.url).href)),
);
const commands = modules.flatMap((m) => m.commands);
process.exitCode = await runCli(commands, process.argv.slice(2));
