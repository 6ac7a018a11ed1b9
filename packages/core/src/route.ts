import type { HttpMethod } from './http.js';
import type { JsonSchema, SchemaSource } from './schema-source.js';

export type { JsonSchema } from './schema-source.js';

/** Schemas an app already declares for a route (Fastify `schema`, OpenAPI, `mcp({ schemas })`). */
export interface RouteSchemas {
  /** Object schema whose properties are the path params. Overrides types guessed from the template. */
  params?: JsonSchema;
  /** Object schema whose properties are the query-string parameters. */
  query?: JsonSchema;
  /** Object schema whose properties are the request headers the route reads. */
  headers?: JsonSchema;
  /** Object schema whose properties are the cookies the route reads (sent in one `Cookie` header). */
  cookies?: JsonSchema;
  /** Schema of the JSON request body (any type). */
  body?: JsonSchema;
  /** Schema of the successful (2xx) JSON response; becomes the tool's `outputSchema`. */
  response?: JsonSchema;
}

/**
 * How a tool sends its request body: JSON, `application/x-www-form-urlencoded`
 * (`form`), or `multipart/form-data` with text fields (`multipart`).
 */
export type BodyEncoding = 'json' | 'form' | 'multipart';

/** MCP tool annotations (hints for clients) a route can override. */
export interface ToolAnnotationsOverride {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/**
 * Per-route overrides, attached by each adapter in its framework's idiom
 * (`mcp({...})` middleware in Express, route `config.mcp` in Fastify, ...).
 */
export interface McpRouteMeta {
  /** Tool name to use instead of the generated one. Must match `[A-Za-z0-9_.-]{1,128}` and be unique. */
  name?: string;
  /** Human-readable title shown by clients. */
  title?: string;
  /** What the tool does, for the model. Defaults to the route's own description or `METHOD /path`. */
  description?: string;
  /** Hide the route: it is neither listed nor callable. */
  hidden?: boolean;
  /** Annotation overrides, merged over the ones derived from the HTTP method. */
  annotations?: ToolAnnotationsOverride;
  /**
   * Schemas for the route's inputs and output, for apps that declare none
   * elsewhere. Each may be JSON Schema or a zod (or other Standard JSON Schema) object.
   */
  schemas?: { [part in keyof RouteSchemas]?: SchemaSource };
  /**
   * The tool's whole input schema, replacing the generated one (JSON Schema or
   * zod). Properties named like path params fill the path; the others go to the
   * JSON body for POST, PUT and PATCH, and to the query string otherwise.
   */
  inputSchema?: SchemaSource;
  /** The tool's output schema (the 2xx JSON response), replacing a declared one. Publishes it (see `publishOutputSchema`). */
  outputSchema?: SchemaSource;
  /**
   * Publish the route's response schema as the tool's `outputSchema` (`true`), or
   * never (`false`). By default a schema the app declares for its own docs is not
   * published: clients reject a result that breaks a published schema, and app
   * schemas are often slightly off. Giving `outputSchema` or `schemas.response`
   * here opts in. See docs/tool-model.md, "Output schemas".
   */
  publishOutputSchema?: boolean;
  /**
   * How the request body is sent: `json` (the default), `form`
   * (`application/x-www-form-urlencoded`) or `multipart` (`multipart/form-data`,
   * text fields only), for routes whose app parses only forms.
   * Adapters detect `form` where the framework shows it; this overrides them.
   */
  bodyEncoding?: BodyEncoding;
  /** Example responses shown to the model after the description. */
  examples?: unknown[];
  /** Free-form tags (used by filters). */
  tags?: string[];
  /**
   * OAuth scopes (or scopes granted to a token or API key) a caller needs for
   * this tool. A caller without them neither sees nor can call it.
   */
  scopes?: string[];
}

/**
 * One route as an adapter extracted it. `path` is a template in path-to-regexp v8
 * syntax, the one Express 5 uses: `:name` for a segment parameter, `*name` for a
 * wildcard (splat) that spans segments, `{...}` for an optional part.
 * Adapters translate their framework's syntax into this one.
 */
export interface RouteInfo {
  method: HttpMethod;
  /** Full path template from the app root, e.g. `/orgs/:orgId/users/:userId`. */
  path: string;
  /**
   * Extra facts about path params the template cannot carry, e.g. Express 4's
   * `:id(\\d+)` keeps its pattern here as `{ id: '\\d+' }` so the param is typed integer.
   */
  paramPatterns?: Record<string, string>;
  /** Schemas the app already declares for this route. */
  schemas?: RouteSchemas;
  /** Route-level description from the app (e.g. Fastify `schema.description`). */
  description?: string;
  /** Route-level summary from the app (e.g. Fastify `schema.summary`); used as the title. */
  summary?: string;
  /** Tags from the app's own metadata. */
  tags?: string[];
  /** Overrides attached with the adapter's `mcp({...})` idiom; win over everything else. */
  meta?: McpRouteMeta;
  /**
   * The body encoding the app parses for this route, when the adapter can see it
   * (e.g. Express with `express.urlencoded()` and no `express.json()`).
   */
  bodyEncoding?: BodyEncoding;
  /** Where the route came from, for warnings (e.g. `express router mounted at /api`). */
  source?: string;
}

/** A route the adapter saw but could not expose, and why (shown as a warning). */
export interface SkippedRoute {
  /** What the adapter saw, e.g. `GET /^\/files\/.*$/`. */
  route: string;
  reason: string;
}

/** What an adapter's extraction returns. */
export interface ExtractedRoutes {
  routes: RouteInfo[];
  skipped: SkippedRoute[];
}
