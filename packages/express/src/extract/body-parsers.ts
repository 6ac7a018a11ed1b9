import type { BodyEncoding } from '@backend2mcp/core';
import type { ExpressLayer, ExpressRoute } from './express-internals.js';

/** The body encodings Express's own parsers read, by the parser function's name (body-parser 1 and 2). */
const PARSERS: Readonly<Record<string, 'json' | 'form'>> = {
  jsonParser: 'json',
  urlencodedParser: 'form',
};

/** The encoding a body-parser middleware layer reads, or undefined for any other layer. */
export function parserOf(layer: ExpressLayer): 'json' | 'form' | undefined {
  return PARSERS[layer.name ?? layer.handle.name ?? ''];
}

/**
 * `form` for a route whose app parses only form bodies (`express.urlencoded()`
 * and no `express.json()`, before the route or on it): sent JSON, such a route
 * sees an empty `req.body`. Otherwise undefined (JSON, the default).
 * `inherited` are the parsers of the app and routers above the route, in order.
 */
export function bodyEncodingOf(inherited: readonly string[], route: ExpressRoute): BodyEncoding | undefined {
  const parsers = new Set<string>(inherited);
  for (const layer of route.stack) {
    const parser = parserOf(layer);
    if (parser) parsers.add(parser);
  }
  return parsers.has('form') && !parsers.has('json') ? 'form' : undefined;
}
