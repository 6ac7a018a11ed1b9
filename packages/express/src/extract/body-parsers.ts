import type { BodyEncoding } from '@backend2mcp/core';
import type { ExpressLayer, ExpressRoute } from './express-internals.js';

/** A body encoding an app's parser reads. */
export type ParsedEncoding = 'json' | 'form' | 'multipart';

/**
 * The body encodings parsers read, by the parser function's name: Express's own
 * (body-parser 1 and 2) and multer 1 and 2, whose `.none()`, `.fields()`,
 * `.single()`, `.array()` and `.any()` all return `multerMiddleware`.
 */
const PARSERS: Readonly<Record<string, ParsedEncoding>> = {
  jsonParser: 'json',
  urlencodedParser: 'form',
  multerMiddleware: 'multipart',
};

/** The encoding a body-parser middleware layer reads, or undefined for any other layer. */
export function parserOf(layer: ExpressLayer): ParsedEncoding | undefined {
  return PARSERS[layer.name ?? layer.handle.name ?? ''];
}

/**
 * `form` for a route whose app parses form bodies and no JSON
 * (`express.urlencoded()` and no `express.json()`, before the route or on it):
 * sent JSON, such a route sees an empty `req.body`. `multipart` when multer is
 * the only parser (text fields only: multer leaves files optional). Otherwise
 * undefined (JSON, the default). `inherited` are the parsers of the app and
 * routers above the route, in order.
 */
export function bodyEncodingOf(inherited: readonly string[], route: ExpressRoute): BodyEncoding | undefined {
  const parsers = new Set<string>(inherited);
  for (const layer of route.stack) {
    const parser = parserOf(layer);
    if (parser) parsers.add(parser);
  }
  if (parsers.has('json')) return undefined;
  if (parsers.has('form')) return 'form';
  return parsers.has('multipart') ? 'multipart' : undefined;
}
