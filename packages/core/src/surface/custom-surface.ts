import type {
  CallToolResult,
  GetPromptResult,
  PromptArgument,
  ReadResourceResult,
  ToolAnnotations,
} from '@modelcontextprotocol/server';
import { UriTemplate } from '@modelcontextprotocol/server';
import type { AuthContext } from '../auth/auth-provider.js';
import { Backend2McpError } from '../errors.js';
import type { DispatchContext } from '../http.js';
import { assertValidToolName } from '../naming.js';
import type { JsonSchema } from '../route.js';
import { type SchemaSource, toJsonSchema } from '../schema-source.js';

/** What a hand-written tool, resource or prompt handler gets besides its input. */
export interface HandlerContext
  extends Pick<DispatchContext, 'reportProgress' | 'log' | 'elicit' | 'sample'> {
  /** Aborted when the caller cancels or the call times out. */
  signal: AbortSignal;
  /** The caller, when auth providers are configured. */
  auth?: AuthContext;
}

/** A hand-written tool's definition, as `adapter.tool(name, definition, handler)` takes it. */
export interface CustomToolDefinition {
  title?: string;
  description: string;
  /** JSON Schema or zod for the arguments (an object schema). Default: no arguments. */
  inputSchema?: SchemaSource;
  /** JSON Schema or zod for `structuredContent`. */
  outputSchema?: SchemaSource;
  annotations?: ToolAnnotations;
  /**
   * Scopes a caller needs for this tool, as `mcp({ scopes })` for a route: a
   * caller without them neither sees nor can call it (403 over HTTP).
   */
  scopes?: string[];
}

/** Runs a hand-written tool. Arguments are validated against its input schema first. */
export type CustomToolHandler = (
  args: Record<string, unknown>,
  context: HandlerContext,
) => CallToolResult | Promise<CallToolResult>;

/** A hand-written tool, registered beside the generated ones. */
export interface CustomTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations?: ToolAnnotations;
  /** Scopes a caller needs (`CustomToolDefinition.scopes`). */
  scopes?: string[];
  handler: CustomToolHandler;
}

/** A hand-written resource's metadata. */
export interface CustomResourceDefinition {
  title?: string;
  description?: string;
  mimeType?: string;
  /** Completions for a template's variables, by variable name. */
  complete?: Record<string, ArgumentCompleter>;
}

/** Reads a hand-written resource; `variables` are a template's values (empty for a fixed URI). */
export type CustomResourceReader = (
  uri: URL,
  variables: Record<string, string | string[]>,
  context: HandlerContext,
) => ReadResourceResult | Promise<ReadResourceResult>;

/** A hand-written resource (fixed URI) or resource template (RFC 6570 URI template). */
export interface CustomResource extends CustomResourceDefinition {
  name: string;
  uri: string;
  template?: UriTemplate;
  read: CustomResourceReader;
}

/** Suggests values for one argument from what the user typed so far (`completion/complete`). */
export type ArgumentCompleter = (
  value: string,
  context: { arguments: Record<string, string> },
) => string[] | Promise<string[]>;

/** A hand-written prompt's metadata and arguments. */
export interface CustomPromptDefinition {
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
  /** Completions for arguments, by argument name. */
  complete?: Record<string, ArgumentCompleter>;
}

/** Builds a prompt's messages from its (string) arguments. */
export type CustomPromptGetter = (
  args: Record<string, string>,
  context: HandlerContext,
) => GetPromptResult | Promise<GetPromptResult>;

/** A hand-written prompt. */
export interface CustomPrompt extends CustomPromptDefinition {
  name: string;
  get: CustomPromptGetter;
}

/**
 * Tools, resources and prompts written by hand, served beside the ones made
 * from routes. Names are checked when registered; a hand-written tool wins
 * over a generated one of the same name (with a warning).
 */
export class CustomSurface {
  readonly tools = new Map<string, CustomTool>();
  readonly resources = new Map<string, CustomResource>();
  readonly prompts = new Map<string, CustomPrompt>();

  addTool(name: string, definition: CustomToolDefinition, handler: CustomToolHandler): void {
    assertValidToolName(name, 'adapter.tool()');
    if (this.tools.has(name)) throw duplicate('tool', name);
    const origin = `tool "${name}"`;
    const inputSchema = definition.inputSchema
      ? toJsonSchema(definition.inputSchema, 'input', origin)
      : { type: 'object', properties: {}, additionalProperties: false };
    if (inputSchema.type !== 'object') {
      throw new Backend2McpError('INVALID_OPTIONS', `${origin}: inputSchema must be an object schema.`);
    }
    this.tools.set(name, {
      name,
      description: definition.description,
      inputSchema,
      handler,
      ...(definition.title ? { title: definition.title } : {}),
      ...(definition.outputSchema
        ? { outputSchema: toJsonSchema(definition.outputSchema, 'output', origin) }
        : {}),
      ...(definition.annotations ? { annotations: definition.annotations } : {}),
      ...(definition.scopes ? { scopes: [...definition.scopes] } : {}),
    });
  }

  addResource(
    name: string,
    uri: string,
    definition: CustomResourceDefinition,
    read: CustomResourceReader,
  ): void {
    if (this.resources.has(name)) throw duplicate('resource', name);
    if ([...this.resources.values()].some((resource) => resource.uri === uri)) {
      throw new Backend2McpError(
        'INVALID_OPTIONS',
        `A resource with the URI "${uri}" is already registered.`,
      );
    }
    const template = UriTemplate.isTemplate(uri) ? new UriTemplate(uri) : undefined;
    if (!template) {
      try {
        new URL(uri);
      } catch {
        throw new Backend2McpError(
          'INVALID_OPTIONS',
          `Resource "${name}": "${uri}" is not an absolute URI or a URI template.`,
        );
      }
    }
    this.resources.set(name, { name, uri, read, ...definition, ...(template ? { template } : {}) });
  }

  addPrompt(name: string, definition: CustomPromptDefinition, get: CustomPromptGetter): void {
    if (this.prompts.has(name)) throw duplicate('prompt', name);
    this.prompts.set(name, { name, get, ...definition });
  }
}

function duplicate(kind: string, name: string): Backend2McpError {
  return new Backend2McpError('DUPLICATE_TOOL_NAME', `A ${kind} named "${name}" is already registered.`);
}
