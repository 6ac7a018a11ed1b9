import type { NestRoute } from '../discover/discover-routes.js';
import type { FoundRouteSchemas, JsonSchemaObject } from './route-schemas.js';

type SchemasOfClasses = (options: {
  refPointerPrefix: string;
  classTransformerMetadataStorage?: unknown;
}) => Record<string, JsonSchemaObject>;

/** Reads the schemas of one route from its parameter decorators and class-validator DTOs. */
export type DtoSchemaReader = (route: NestRoute) => FoundRouteSchemas | undefined;

// Nest's `RouteParamtypes` (the same numbers in Nest 11 and 12).
const BODY = 3;
const QUERY = 4;
const PARAM = 5;
const HEADERS = 6;
const PARTS = { [BODY]: 'body', [QUERY]: 'query', [PARAM]: 'params', [HEADERS]: 'headers' } as const;
const ROUTE_ARGS_METADATA = '__routeArguments__';

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

const reflect = Reflect as unknown as {
  getMetadata?(key: string, target: object, property?: string): unknown;
};

/**
 * A reader of route schemas from what Nest and class-validator already know:
 * `@Body()`/`@Query()` DTO classes become object schemas through
 * class-validator-jsonschema (the constraints the `ValidationPipe` enforces), and
 * `@Param('id')`, `@Query('q')`, `@Headers('x-key')` become properties typed by
 * their TypeScript type (integer behind `ParseIntPipe`). Undefined when
 * class-validator is not installed.
 */
export async function loadDtoSchemas(): Promise<(() => DtoSchemaReader) | undefined> {
  let schemasOfClasses: SchemasOfClasses;
  try {
    ({ validationMetadatasToSchemas: schemasOfClasses } = (await import(
      'class-validator-jsonschema'
    )) as unknown as {
      validationMetadatasToSchemas: SchemasOfClasses;
    });
  } catch {
    return undefined; // class-validator is not installed: the app has no DTO metadata
  }
  const storage = await classTransformerStorage();
  return () => {
    // Read once per extraction: DTO classes are registered as their modules load.
    const classes = schemasOfClasses({
      refPointerPrefix: '#/$defs/',
      ...(storage ? { classTransformerMetadataStorage: storage } : {}),
    });
    return (route) => readRoute(route, classes);
  };
}

/** class-transformer's `@Type()` registry, which tells the element class of nested arrays. */
async function classTransformerStorage(): Promise<unknown> {
  try {
    const module = (await import('class-transformer/cjs/storage.js' as string)) as {
      defaultMetadataStorage?: unknown;
    };
    return module.defaultMetadataStorage;
  } catch {
    return undefined;
  }
}

function readRoute(
  route: NestRoute,
  classes: Record<string, JsonSchemaObject>,
): FoundRouteSchemas | undefined {
  const args = (reflect.getMetadata?.(ROUTE_ARGS_METADATA, route.controller, route.methodName) ??
    {}) as Record<string, RouteArgument>;
  const types = (reflect.getMetadata?.('design:paramtypes', route.controller.prototype, route.methodName) ??
    []) as unknown[];
  const schemas: NonNullable<FoundRouteSchemas['schemas']> = {};
  for (const [key, argument] of Object.entries(args)) {
    const paramtype = Number(key.split(':')[0]) as keyof typeof PARTS;
    const part = PARTS[paramtype];
    if (!part) continue;
    const type = types[argument.index];
    if (argument.data === undefined || argument.data === null) {
      // The whole body/query as a DTO class.
      const schema = typeof type === 'function' ? classSchema(type.name, classes) : undefined;
      if (schema && (part === 'body' || part === 'query')) schemas[part] = schema;
      continue;
    }
    if (typeof argument.data !== 'string') continue;
    const name = part === 'headers' ? argument.data.toLowerCase() : argument.data;
    schemas[part] ??= { type: 'object', properties: {} };
    const target = schemas[part];
    (target.properties as Record<string, JsonSchemaObject>)[name] = scalarSchema(type, argument.pipes);
    if (part === 'params') target.required = [...((target.required as string[]) ?? []), name];
  }
  return Object.keys(schemas).length > 0 ? { schemas } : undefined;
}

/** The schema of a DTO class with the classes it nests attached as `$defs`. */
function classSchema(name: string, classes: Record<string, JsonSchemaObject>): JsonSchemaObject | undefined {
  const root = classes[name];
  if (!root) return undefined;
  const used = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
          const nested = value.slice('#/$defs/'.length);
          if (!used.has(nested) && classes[nested]) {
            used.add(nested);
            collect(classes[nested]);
          }
        } else collect(value);
      }
    }
  };
  collect(root);
  if (used.size === 0) return root;
  return { ...root, $defs: Object.fromEntries([...used].map((each) => [each, classes[each]])) };
}

/** A parameter's schema from its TypeScript type and the pipes that convert it. */
function scalarSchema(type: unknown, pipes: unknown[] = []): JsonSchemaObject {
  const pipeNames = pipes.map((pipe) =>
    typeof pipe === 'function' ? pipe.name : (pipe as { constructor?: { name?: string } })?.constructor?.name,
  );
  if (pipeNames.includes('ParseIntPipe')) return { type: 'integer' };
  if (pipeNames.includes('ParseFloatPipe')) return { type: 'number' };
  if (pipeNames.includes('ParseBoolPipe') || type === Boolean) return { type: 'boolean' };
  if (pipeNames.includes('ParseUUIDPipe')) return { type: 'string', format: 'uuid' };
  if (type === Number) return { type: 'number' };
  if (type === String) return { type: 'string' };
  return {};
}
