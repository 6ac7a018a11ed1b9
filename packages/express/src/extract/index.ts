export type { ExpressAppLike } from './express-internals.js';
export { extractRoutes } from './extract-routes.js';
export { type ExpressModuleLike, instrumentExpress } from './instrument.js';
export { loadExpressFrom } from './load-express.js';
