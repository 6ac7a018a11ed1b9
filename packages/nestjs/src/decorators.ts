import type { McpRouteMeta } from '@backend2mcp/core';

/** Metadata key of the overrides `@McpTool()` and `@McpExclude()` attach to a handler or controller. */
export const MCP_TOOL_METADATA = 'backend2mcp:tool';

/**
 * What `@McpTool()` sets for a handler (or every handler of a controller): the
 * tool's `name`, `description`, `title`, `hidden`, the `scopes` a caller needs,
 * annotations, tags and schema overrides.
 */
export interface McpToolOptions extends McpRouteMeta {}

interface ReflectMetadata {
  getMetadata(key: string, target: object): unknown;
  defineMetadata(key: string, value: unknown, target: object): void;
}

/** `reflect-metadata`, which every Nest app loads before its decorators run. */
function reflectMetadata(): ReflectMetadata {
  const api = Reflect as unknown as Partial<ReflectMetadata>;
  if (typeof api.defineMetadata !== 'function' || typeof api.getMetadata !== 'function') {
    throw new TypeError(
      "backend2mcp: Reflect.defineMetadata is missing; import 'reflect-metadata' before your controllers, as Nest apps do.",
    );
  }
  return api as ReflectMetadata;
}

/**
 * Sets how a route appears as an MCP tool. On a controller it applies to every
 * handler; a handler's own `@McpTool()` wins field by field.
 *
 * @example
 * ```ts
 * @Get(':id')
 * @McpTool({ description: 'Fetch one cat by id', scopes: ['cats:read'] })
 * findOne(@Param('id') id: string) { ... }
 * ```
 */
export function McpTool(options: McpToolOptions = {}): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const reflect = reflectMetadata();
    const existing = reflect.getMetadata(MCP_TOOL_METADATA, holder) as McpToolOptions | undefined;
    reflect.defineMetadata(MCP_TOOL_METADATA, { ...existing, ...options }, holder);
  };
}

/**
 * Keeps a handler, or every handler of a controller, out of MCP: neither listed
 * nor callable, as if the route did not exist for MCP clients.
 */
export function McpExclude(): ClassDecorator & MethodDecorator {
  return McpTool({ hidden: true });
}

/** The `@McpTool()` overrides of a handler merged over those of its controller (scopes and tags add up). */
export function readMcpToolOptions(controller: object, handler: object): McpToolOptions | undefined {
  const reflect = Reflect as unknown as Partial<ReflectMetadata>;
  if (typeof reflect.getMetadata !== 'function') return undefined;
  const onClass = reflect.getMetadata(MCP_TOOL_METADATA, controller) as McpToolOptions | undefined;
  const onHandler = reflect.getMetadata(MCP_TOOL_METADATA, handler) as McpToolOptions | undefined;
  if (!onClass || !onHandler) return onHandler ?? onClass;
  const scopes = [...(onClass.scopes ?? []), ...(onHandler.scopes ?? [])];
  const tags = [...(onClass.tags ?? []), ...(onHandler.tags ?? [])];
  // A controller's scopes and tags add to its handlers' own: both must hold.
  return {
    ...onClass,
    ...onHandler,
    ...(scopes.length > 0 ? { scopes } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(onClass.annotations || onHandler.annotations
      ? { annotations: { ...onClass.annotations, ...onHandler.annotations } }
      : {}),
  };
}
