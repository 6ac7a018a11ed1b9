import { createApp, type Platform } from './app.js';

/** The API on port 3000, MCP included at /api/mcp. `backend2mcp run src/main.ts` serves it over stdio instead. */
async function bootstrap() {
  const app = await createApp((process.env.PLATFORM as Platform | undefined) ?? 'express');
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  console.log(`cat shelter on ${await app.getUrl()}/api (MCP at /api/mcp)`);
}
bootstrap();
