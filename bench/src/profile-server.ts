/**
 * One HTTP contender in its own process, for profiling (`node --cpu-prof`) and
 * the throughput table: `profile-server.ts <framework> <mode>` serves the bench
 * app through backend2mcp's `listen()` (`mcp`; `mcp-sdk` with the fast path
 * off), the app alone (`raw`), or the hand-written SDK server (`handwritten`,
 * framework ignored). Prints its URL on stdout; on SIGTERM prints the CPU time
 * it spent serving and exits cleanly, so a CPU profile is written.
 */

import type { Framework, FrameworkBench } from './apps/index.js';
import { listenHandwritten } from './handwritten.js';

/** Only the framework served is loaded: the others' modules would only add startup noise to the profile. */
async function load(framework: Framework): Promise<FrameworkBench> {
  const module = (await import(`./apps/${framework}.js`)) as Record<string, FrameworkBench>;
  return module[`${framework}Bench`]!;
}

async function main(): Promise<void> {
  const [framework, mode] = process.argv.slice(2) as [Framework, 'mcp' | 'mcp-sdk' | 'raw' | 'handwritten'];
  let close: () => Promise<void>;
  if (mode === 'handwritten') {
    const handwritten = await listenHandwritten();
    process.stdout.write(`${handwritten.url.href}\n`);
    close = () => handwritten.close();
  } else {
    const app = await (await load(framework)).create();
    if (mode === 'raw') {
      const handle = await app.listenHttp();
      process.stdout.write(`${handle.baseUrl}/users/1\n`);
      close = () => handle.close();
    } else {
      if (mode === 'mcp-sdk') {
        // Every request through the SDK's per-request serving, for comparison (documented switch).
        const { options } = app.adapter.server;
        Object.assign(options, { http: { ...options.http, fastPath: false } });
      }
      const listening = await app.adapter.listen({ port: 0 });
      process.stdout.write(`${listening.url.href}\n`);
      close = () => listening.close();
    }
  }
  // CPU time from here on: the server's own cost, which a loaded machine stretches less than wall time.
  const started = process.cpuUsage();
  const spent = () => {
    const { user, system } = process.cpuUsage(started);
    return user + system;
  };
  // SIGUSR2: a mark (after warmup) to subtract from the total printed at SIGTERM.
  process.on('SIGUSR2', () => process.stdout.write(`cpu ${spent()}\n`));
  process.once('SIGTERM', () => {
    process.stdout.write(`cpu ${spent()}\n`);
    close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
