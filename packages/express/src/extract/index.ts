export { MCP_ENDPOINT_MARK } from '@backend2mcp/core';
export { isMcpEndpoint } from '@backend2mcp/core/adapter';
export type { ExpressAppLike } from './express-internals.js';
export { type TranslatedPath, translateExpress4Path } from './express4-path.js';
export { extractRoutes } from './extract-routes.js';
export { type ExpressModuleLike, instrumentExpress } from './instrument.js';
export { loadExpressFrom } from './load-express.js';
