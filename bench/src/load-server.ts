/**
 * The server side of the load run, in its own process so its memory is its own
 * and autocannon does not share its event loop: `load-server.ts <framework>`
 * (with `--expose-gc`). Serves the framework's bench app through backend2mcp's
 * `listen()`, tells the parent the URL over IPC, then answers memory queries.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Framework, frameworkBench } from './apps/index.js';

/** Parent -> child: report memory, after a full GC when `gc` is set. */
export interface MemoryQuery {
  type: 'memory';
  gc: boolean;
}

/** Child -> parent messages. */
export type LoadServerMessage =
  | { type: 'listening'; url: string }
  | { type: 'memory'; rss: number; heapUsed: number; external: number };

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const framework = process.argv[2] as Framework;
  const app = await frameworkBench(framework).create();
  const listening = await app.adapter.listen({ port: 0 });
  const send = (message: LoadServerMessage) => process.send?.(message);

  process.on('message', async (query: MemoryQuery) => {
    if (query.type !== 'memory') return;
    if (query.gc && gc) {
      // Twice with a pause between: the first GC queues finalizers and weak callbacks, the second frees what they released.
      gc();
      await sleep(100);
      gc();
    }
    const { rss, heapUsed, external } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed, external });
  });
  // The parent going away (normally or not) ends the server.
  process.on('disconnect', () => {
    listening.close().finally(() => process.exit(0));
  });
  send({ type: 'listening', url: listening.url.href });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
