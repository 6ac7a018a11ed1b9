export { type ExpressAppLike, MCP_ENDPOINT_MARK } from './express-internals.js';
export { extractRoutes } from './extract-routes.js';
export { type ExpressModuleLike, instrumentExpress } from './instrument.js';
