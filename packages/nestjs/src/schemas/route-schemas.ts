import type { OperationInfo } from '@backend2mcp/core/adapter';
import type { NestRoute } from '../discover/discover-routes.js';
import { type DtoSchemaReader, loadDtoSchemas } from './dto-schemas.js';
import { isInformative } from './openapi-operations.js';
import { loadSwaggerSchemas, type SwaggerSchemaReader } from './swagger-schemas.js';

/** A JSON Schema object. */
export type JsonSchemaObject = { [keyword: string]: unknown };

/** The parts of a request (and the response) a route declares schemas for. */
export type SchemaPart = 'params' | 'query' | 'headers' | 'body' | 'response';

/** The schemas and texts found for one route (the shape of core's route schemas). */
export interface FoundRouteSchemas {
  schemas?: { [part in SchemaPart]?: JsonSchemaObject };
  /** How the body is sent when the operation takes a form and no JSON (`@ApiConsumes()`). */
  bodyEncoding?: OperationInfo['bodyEncoding'];
  description?: string;
  summary?: string;
  tags?: string[];
}

/** Finds the schemas of one discovered route. */
export type RouteSchemaSource = (route: NestRoute) => FoundRouteSchemas | undefined;

/** Where schemas come from: see `McpAdapterOptions.schemas`. */
export type SchemaMode = 'auto' | 'swagger' | 'dto' | 'none';

const PARTS: readonly SchemaPart[] = ['params', 'query', 'headers', 'body', 'response'];

/**
 * Loads the schema readers the app can use and returns a factory that, on
 * each extraction, gives the schemas of each route: for each part, the
 * OpenAPI document of `@nestjs/swagger` when it says something about it, else
 * the class-validator DTO or parameter decorator behind it. Descriptions,
 * summaries and tags come from `@ApiOperation()` and `@ApiTags()`.
 */
export async function loadRouteSchemas(
  mode: SchemaMode,
  application: () => unknown,
  onWarning: (message: string) => void,
): Promise<(() => RouteSchemaSource) | undefined> {
  if (mode === 'none') return undefined;
  const swagger = mode === 'dto' ? undefined : await loadSwaggerSchemas();
  const dto = mode === 'swagger' ? undefined : await loadDtoSchemas();
  if (!swagger && !dto) return undefined;
  return () => {
    let fromSwagger: SwaggerSchemaReader | undefined;
    try {
      fromSwagger = swagger?.(application());
    } catch (error) {
      onWarning(
        `backend2mcp: @nestjs/swagger could not document the app (${(error as Error).message}); using DTO schemas.`,
      );
    }
    const fromDto: DtoSchemaReader | undefined = dto?.();
    return (route) => merge(fromSwagger?.(route), fromDto?.(route));
  };
}

function merge(
  documented: FoundRouteSchemas | undefined,
  declared: FoundRouteSchemas | undefined,
): FoundRouteSchemas | undefined {
  if (!documented) return declared;
  const schemas: NonNullable<FoundRouteSchemas['schemas']> = {};
  for (const part of PARTS) {
    const chosen = isInformative(documented.schemas?.[part])
      ? documented.schemas?.[part]
      : (declared?.schemas?.[part] ?? documented.schemas?.[part]);
    if (chosen) schemas[part] = chosen;
  }
  return { ...documented, schemas };
}
