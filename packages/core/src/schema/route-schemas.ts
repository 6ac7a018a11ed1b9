import type { RouteInfo, RouteSchemas } from '../route.js';
import { separateDefs } from './merge-defs.js';
import { anchorRootRefs } from './root-refs.js';
import { toDraft2020 } from './to-2020-12.js';

/**
 * The route with its schemas as tools need them: each rewritten into JSON
 * Schema 2020-12 (apps still write draft-04, draft-07 and OpenAPI 3.0), a
 * self-reference `#` anchored in `$defs`, and the
 * `$defs` of its input parts made distinct so they can share one `$defs`.
 */
export function withNormalizedSchemas(route: RouteInfo): RouteInfo {
  const declared = route.schemas;
  if (!declared) return route;
  const converted: RouteSchemas = {};
  for (const [part, schema] of Object.entries(declared) as Array<
    [keyof RouteSchemas, RouteSchemas[keyof RouteSchemas]]
  >) {
    if (schema && typeof schema === 'object') converted[part] = anchorRootRefs(toDraft2020(schema));
  }
  const [params, query, headers, cookies, body] = separateDefs([
    converted.params,
    converted.query,
    converted.headers,
    converted.cookies,
    converted.body,
  ]);
  const schemas: RouteSchemas = {
    ...(params ? { params } : {}),
    ...(query ? { query } : {}),
    ...(headers ? { headers } : {}),
    ...(cookies ? { cookies } : {}),
    ...(body ? { body } : {}),
    ...(converted.response ? { response: converted.response } : {}),
  };
  return { ...route, schemas };
}
