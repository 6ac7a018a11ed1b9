/**
 * Preload entry: `node --require @backend2mcp/fastify/register app.cjs` or
 * `node --import @backend2mcp/fastify/register app.mjs`. Starts
 * collecting routes of every Fastify instance before the app's own code runs,
 * for apps that create their instance before importing @backend2mcp/fastify.
 */
import { watchFastifyInstances } from './collect/watch-instances.js';

watchFastifyInstances();
