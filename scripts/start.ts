// `npm start`: the five services as separate processes, JSON logs on stdout, clean stop on Ctrl-C.
// Configuration comes from the environment (see README "Configuration"); each service validates
// its own at boot and exits non-zero naming a bad variable.
import { startService, type ServiceProcess } from '@akhbar/testkit';

const names = ['indexer', 'enrich', 'fulltext', 'ingest', 'gateway'] as const;
const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
const services: ServiceProcess[] = names.map((n) => startService(n, env, { passthrough: true, keepLogs: 200 }));
let stopping = false;

async function stopAll(code: number): Promise<never> {
  stopping = true;
  await Promise.all(services.map((s) => s.stop('SIGTERM', 30_000)));
  process.exit(code);
}

for (const s of services) {
  void s.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`akhbar: ${s.name} exited (${code}); stopping the others\n`);
    void stopAll(typeof code === 'number' && code !== 0 ? code : 1);
  });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stopAll(0));
