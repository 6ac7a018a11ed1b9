import type { NestRoute } from '../discover/discover-routes.js';
import type { NestAppLike, NestAppView } from '../nest-internals.js';

/** A JSON Schema object. */
export type JsonSchemaObject = { [keyword: string]: unknown };

/** The schemas and texts found for one route (the shape of core's route schemas). */
export interface FoundRouteSchemas {
  schemas?: {
    params?: JsonSchemaObject;
    query?: JsonSchemaObject;
    headers?: JsonSchemaObject;
    body?: JsonSchemaObject;
    response?: JsonSchemaObject;
  };
  description?: string;
  summary?: string;
  tags?: string[];
}

/** Finds the schemas of one discovered route. */
export type RouteSchemaSource = (route: NestRoute) => FoundRouteSchemas | undefined;

/** Picks where schemas come from for this app (see `McpAdapterOptions.schemas`). */
export async function routeSchemaSource(
  _app: NestAppLike | NestAppView,
  _view: NestAppView,
  mode: 'auto' | 'swagger' | 'dto' | 'none',
  _onWarning?: (message: string) => void,
): Promise<RouteSchemaSource | undefined> {
  if (mode === 'none') return undefined;
  return undefined;
}
