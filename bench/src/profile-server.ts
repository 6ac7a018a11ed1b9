/**
 * A server for profiling (`node --cpu-prof`): `profile-server.ts <framework> <mcp|raw>`
 * serves the bench app through backend2mcp's `listen()` (mcp) or the app alone
 * (raw), prints its URL on stdout and exits cleanly on SIGTERM, so the CPU
 * profile is written. Used by profile.ts; see bench/analysis.md.
 */
import type { Framework, FrameworkBench } from './apps/index.js';

/** Only the framework served is loaded: the others' modules would only add startup noise to the profile. */
async function load(framework: Framework): Promise<FrameworkBench> {
  const module = (await import(`./apps/${framework}.js`)) as Record<string, FrameworkBench>;
  return module[`${framework}Bench`]!;
}

async function main(): Promise<void> {
  const [framework, mode] = process.argv.slice(2) as [Framework, 'mcp' | 'raw'];
  const app = await (await load(framework)).create();
  const close =
    mode === 'raw'
      ? await app.listenHttp().then((handle) => {
          process.stdout.write(`${handle.baseUrl}/users/1\n`);
          return () => handle.close();
        })
      : await app.adapter.listen({ port: 0 }).then((listening) => {
          process.stdout.write(`${listening.url.href}\n`);
          return () => listening.close();
        });
  // CPU time from here on: the server's own cost, which a loaded machine stretches less than wall time.
  const started = process.cpuUsage();
  process.once('SIGTERM', () => {
    const { user, system } = process.cpuUsage(started);
    process.stdout.write(`cpu ${user + system}\n`);
    close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
