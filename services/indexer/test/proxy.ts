import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP pass-through in front of the real Elasticsearch, so a test can take Elasticsearch away
 * from one client (`down()`: connections cut, port closed) and give it back (`up()`: same port)
 * without touching the shared node. Nothing is imitated: while up, bytes go to the real server.
 */
export interface EsProxy {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Cut the connection of the next request whose method is `method` (a reset mid-request). */
  cutNext(method: string): void;
  close(): Promise<void>;
}

export async function startEsProxy(target: string): Promise<EsProxy> {
  const t = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let cut: string | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = createConnection(Number(t.port || 80), t.hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.on('data', (chunk: Buffer) => {
          if (cut && chunk.subarray(0, cut.length + 1).toString('latin1') === `${cut} `) {
            cut = undefined;
            client.destroy();
            upstream.destroy();
          }
        });
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const down = async () => {
    const s = server;
    server = undefined;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    down,
    up: async () => {
      if (!server) await listen();
    },
    cutNext: (method) => {
      cut = method;
    },
    close: down,
  };
}
