import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * A bug that escapes every catch — ours or a library's (BullMQ 5.81 leaked one when a worker
 * was closed as it started) — must not kill a service silently: ops get one fatal JSON line with
 * the error, the service stops the way SIGTERM stops it (its closers run, so active jobs are
 * finished or handed back), and it exits 1 so the orchestrator restarts it.
 */
const SERVICE = fileURLToPath(new URL('./fixtures/crashing-service.ts', import.meta.url));

async function run(crash: 'throw' | 'reject') {
  const child = spawn(process.execPath, [SERVICE], { env: { ...process.env, CRASH: crash, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; code?: string; kind?: string; reason?: string; err?: { message: string; stack: string } });
  return { code, lines, stderr: err };
}

for (const [crash, kind, message, msg] of [
  ['throw', 'uncaughtException', 'a handler threw outside any try', 'uncaught exception; shutting down'],
  ['reject', 'unhandledRejection', 'a library left a promise without a catch', 'unhandled promise rejection; shutting down'],
] as const) {
  t.test(`${kind}: a fatal log line, the closers run, exit 1`, async (t) => {
    const { code, lines, stderr } = await run(crash);
    t.equal(code, 1, 'exits 1: the orchestrator restarts it');
    const fatal = lines.find((l) => l.level === 60);
    t.match(fatal, { msg, code: 'AKHBAR_INTERNAL', kind, err: { message } }, 'one fatal JSON line with the coded error');
    t.match(fatal?.err?.stack, /crashing-service\.ts/, 'and where it came from');
    // (Lines are matched by content, not position: the logger may write the fatal one last.)
    t.match(lines.find((l) => l.msg === 'shutting down'), { reason: kind }, 'it starts the stop SIGTERM makes');
    t.ok(lines.some((l) => l.msg.startsWith('worker closed')), 'the closers run');
    t.ok(lines.some((l) => l.msg === 'stopped'), 'and the stop is logged');
    t.equal(stderr, '', 'nothing left as a bare stack on stderr');
  });
}
