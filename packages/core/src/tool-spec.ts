import type { HttpMethod } from './http.js';
import type { PathTemplate } from './path-template.js';
import type { BodyEncoding, JsonSchema, RouteInfo } from './route.js';

/** Where one tool argument goes in the HTTP request. */
export type ArgumentLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/**
 * One entry of a tool's parameter map: the argument `arg` goes to `location`
 * under `name`. Names can differ when two locations use the same name
 * (`id` in the path and `id` in the body become `id` and `body_id`).
 */
export interface ArgumentBinding {
  arg: string;
  location: ArgumentLocation;
  /** Name in its location (path param, query key, header name, body field). */
  name: string;
  /**
   * The argument carries the whole location rather than one field of it: the
   * `body` argument of a non-object body, or the free-form `query` object of a
   * route that declares no query schema.
   */
  whole?: boolean;
}

/** How a tool's arguments become an HTTP request. */
export interface RequestBinding {
  method: HttpMethod;
  path: PathTemplate;
  arguments: ArgumentBinding[];
  /** How the body is encoded; JSON when absent. */
  bodyEncoding?: BodyEncoding;
}

/** MCP tool annotations as backend2mcp sets them. */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/**
 * A route turned into an MCP tool: what `tools/list` shows, plus the binding
 * that turns the tool's arguments back into the route's request.
 */
export interface ToolSpec {
  name: string;
  title: string;
  description: string;
  /** JSON Schema 2020-12, always `type: "object"`. */
  inputSchema: JsonSchema;
  /**
   * JSON Schema 2020-12 of `structuredContent`, published in `tools/list`: only
   * when the route opts in (or the server publishes every declared one), since
   * clients reject results that do not match it. May be any type; the SDK wraps
   * a non-object one as `{ result }` for 2025-era clients.
   */
  outputSchema?: JsonSchema;
  /**
   * The 2xx JSON response schema the route declares, published or not. Responses
   * are checked against it and a mismatch is warned about once; an unpublished
   * schema never turns a success into an error.
   */
  responseSchema?: JsonSchema;
  annotations: ToolAnnotations;
  binding: RequestBinding;
  /** The route this tool came from. */
  route: RouteInfo;
  tags: string[];
}
