import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * A stop that overruns its deadline only after the work in hand was handed back lost nothing: the service exits 0 (an
 * orchestrator reading exit 1 as a crash would alert on a clean stop). One whose hand-back failed exits 1: those jobs wait
 * for their locks to expire. The chaos suite once saw exit 1 from the indexer stopped during an Elasticsearch outage on a
 * loaded machine, its jobs safely back in their queue.
 */
const SERVICE = fileURLToPath(new URL('./fixtures/slow-closing-service.ts', import.meta.url));

async function stop(handBack: 'ok' | 'fail') {
  const child = spawn(process.execPath, [SERVICE], { env: { ...process.env, SHUTDOWN_HANDBACK: handBack, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stopped = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!stopped && out.includes('"started"')) stopped = child.kill('SIGTERM'); // once: a second SIGTERM is not the stop's
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string; workHandedBack?: boolean }) };
}

t.test('the deadline passes after the work was handed back: exit 0', async (t) => {
  const { code, lines } = await stop('ok');
  t.ok(lines.some((l) => l.msg === 'handed active jobs back to their queue'), 'the jobs were handed back');
  t.match(lines.find((l) => l.msg.startsWith('shutdown deadline passed')), { workHandedBack: true }, 'the deadline passed while a closer ran late');
  t.equal(code, 0);
});

t.test('the hand-back failed: exit 1', async (t) => {
  const { code, lines } = await stop('fail');
  t.ok(lines.some((l) => l.msg.startsWith('could not hand active jobs back')), 'the failure is logged');
  t.equal(code, 1);
});
