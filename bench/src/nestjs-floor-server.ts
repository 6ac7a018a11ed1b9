/**
 * The NestJS load floor's server, in its own process like load-server.ts: the
 * same bench app (NestJS 12, Express platform) answering plain HTTP through
 * Nest, with no MCP in front. Tells the parent its base URL over IPC.
 */
import { nestjsBench } from './apps/nestjs.js';

async function main(): Promise<void> {
  const app = await nestjsBench.create();
  const plain = await app.listenHttp();
  process.on('disconnect', () => {
    plain.close().finally(() => process.exit(0));
  });
  process.send?.({ type: 'listening', url: plain.baseUrl });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
