import t from 'tap';
import { parseArgs, runCli, type CliCommand } from '@akhbar/core';

t.test('the longest matching command name wins and gets the rest of the arguments', async (t) => {
  const seen: string[][] = [];
  const cmd = (name: string): CliCommand => ({ name, summary: name, run: async (args) => (seen.push([name, ...args]), 0) });
  const io = { out: () => {}, err: () => {} };
  const commands = [cmd('feeds'), cmd('feeds add'), cmd('index status')];
  t.equal(await runCli(commands, ['feeds', 'add', 'https://x.example/feed'], io), 0);
  t.same(seen.pop(), ['feeds add', 'https://x.example/feed']);
  let err = '';
  t.equal(await runCli(commands, ['index', 'drop'], { out: () => {}, err: (s) => (err += s) }), 2, 'unknown command exits 2');
  t.match(err, /unknown command "index drop"/);
});

t.test('parseArgs reads flags and positionals', async (t) => {
  t.same(parseArgs(['a', '--since', '2026-01-01', '--dry-run', 'b', '--x=1'], ['dry-run']), {
    positionals: ['a', 'b'],
    flags: { since: '2026-01-01', 'dry-run': true, x: '1' },
  });
});
