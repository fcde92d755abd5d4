import { spawnSync } from 'node:child_process';
import t from 'tap';
import { REPO_ROOT } from '@akhbar/testkit';

/** Type errors and lint errors fail the test command like any other regression. */
for (const [name, cmd, args] of [
  ['typecheck (tsc, strict)', 'tsc', ['-p', 'tsconfig.json']],
  ['lint (eslint, no floating promises)', 'eslint', ['--max-warnings=0', '.']],
] as const) {
  t.test(name, async (t) => {
    const res = spawnSync(`${REPO_ROOT}/node_modules/.bin/${cmd}`, [...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 280_000 });
    t.equal(res.status, 0, `${cmd} exits 0\n${(res.stdout ?? '').slice(-4000)}${(res.stderr ?? '').slice(-2000)}`);
  });
}
