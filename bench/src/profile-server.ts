/**
 * A server for profiling (`node --cpu-prof`): `profile-server.ts <framework> <mcp|raw>`
 * serves the bench app through backend2mcp's `listen()` (mcp) or the app alone
 * (raw), prints its URL on stdout and exits cleanly on SIGTERM, so the CPU
 * profile is written. Used by profile.ts; see bench/analysis.md.
 */
import { type Framework, frameworkBench } from './apps/index.js';

async function main(): Promise<void> {
  const [framework, mode] = process.argv.slice(2) as [Framework, 'mcp' | 'raw'];
  const app = await frameworkBench(framework).create();
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
  process.once('SIGTERM', () => {
    close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
