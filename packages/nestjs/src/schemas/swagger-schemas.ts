import type { OpenApiDocument } from '@backend2mcp/core/adapter';
import type { NestRoute } from '../discover/discover-routes.js';
import { openApiOperations } from './openapi-operations.js';
import type { FoundRouteSchemas } from './route-schemas.js';

/** What this package calls of `@nestjs/swagger`. */
interface SwaggerModuleLike {
  SwaggerModule: { createDocument(app: unknown, config: object): OpenApiDocument };
}

/** Reads the schemas of one route from the OpenAPI document of the app. */
export type SwaggerSchemaReader = (route: NestRoute) => FoundRouteSchemas | undefined;

/**
 * The OpenAPI document `@nestjs/swagger` builds for the app (the same one
 * `SwaggerModule.setup` would serve), as a reader of each route's operation.
 * Undefined when `@nestjs/swagger` is not installed.
 */
export async function loadSwaggerSchemas(): Promise<((app: unknown) => SwaggerSchemaReader) | undefined> {
  let swagger: SwaggerModuleLike;
  try {
    swagger = (await import('@nestjs/swagger' as string)) as SwaggerModuleLike;
  } catch {
    return undefined;
  }
  return (app) => {
    const document = swagger.SwaggerModule.createDocument(app, {
      openapi: '3.0.0',
      info: { title: 'backend2mcp', version: '1' },
    });
    const operation = openApiOperations(document);
    return (route) => operation(route.method, route.path);
  };
}
