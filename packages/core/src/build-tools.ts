import { annotationsFor } from './annotations.js';
import { HTTP_METHODS } from './http.js';
import { buildInput } from './input-schema.js';
import { assertValidToolName, generateToolName, resolveNameCollisions } from './naming.js';
import { buildOutputSchema } from './output-schema.js';
import { parsePathTemplate } from './path-template.js';
import type { BodyEncoding, JsonSchema, RouteInfo, RouteSchemas, SkippedRoute } from './route.js';
import { publishableInput, publishableOutput } from './schema/publishable.js';
import { withNormalizedSchemas } from './schema/route-schemas.js';
import { toJsonSchema } from './schema-source.js';
import { withArrayItems } from './surface/schema-checks.js';
import type { ToolSpec } from './tool-spec.js';

/** Options for {@link buildTools}. */
export interface BuildToolsOptions {
  /** Called for each route that cannot become a tool (it is skipped, never fatal). */
  onSkip?: (skipped: SkippedRoute) => void;
  /** Called for things fixed on the way (an array schema without `items`, a schema loosened to be publishable). */
  onWarning?: (message: string) => void;
  /**
   * Which declared response schemas become the tools' `outputSchema`:
   * `opt-in` (default) only those of routes that opt in (`mcp({ outputSchema })`,
   * `mcp({ schemas: { response } })`, `mcp({ publishOutputSchema: true })`);
   * `declared` every JSON response schema a route declares (unless it opts out).
   */
  outputSchemas?: OutputSchemaPublishing;
}

/** See {@link BuildToolsOptions.outputSchemas}. */
export type OutputSchemaPublishing = 'opt-in' | 'declared';

/** The tools built from an app's routes, and the routes that were left out with the reason. */
export interface BuiltTools {
  tools: ToolSpec[];
  skipped: SkippedRoute[];
}

/**
 * Turns extracted routes into MCP tool specs: names (see {@link generateToolName}),
 * input and output schemas, annotations, and the binding back to the request.
 * Hidden routes are left out entirely, so they can be neither listed nor called.
 * A route whose template or schemas cannot be used is skipped with its reason; of two
 * routes asking for the same explicit name: the later one is skipped with its reason.
 *
 * @example
 * ```ts
 * const { tools } = buildTools([{ method: 'GET', path: '/users/:id' }]);
 * tools[0].name; // "get_users_by_id"
 * ```
 */
export function buildTools(routes: RouteInfo[], options: BuildToolsOptions = {}): BuiltTools {
  const skipped: SkippedRoute[] = [];
  const skip = (entry: SkippedRoute) => {
    skipped.push(entry);
    options.onSkip?.(entry);
  };

  const drafts: Array<Omit<ToolSpec, 'name'> & { requestedName: string; explicit: boolean }> = [];
  const explicitNames = new Map<string, string>();
  for (const declared of routes) {
    const label = `${declared.method} ${declared.path}`;
    if (declared.meta?.hidden) continue;
    let route: RouteInfo;
    let template: ReturnType<typeof parsePathTemplate>;
    try {
      template = parsePathTemplate(declared.path);
      route = withNormalizedSchemas(
        withOverrides(
          declared,
          template.params.map((param) => param.name),
        ),
      );
    } catch (error) {
      skip({ route: label, reason: (error as Error).message });
      continue;
    }
    const explicitName = route.meta?.name;
    if (explicitName !== undefined) {
      try {
        assertValidToolName(explicitName, label);
      } catch (error) {
        skip({ route: label, reason: (error as Error).message });
        continue;
      }
      const holder = explicitNames.get(explicitName);
      if (holder !== undefined) {
        skip({
          route: label,
          reason: `the tool name "${explicitName}" is already given to ${holder}; give this route another name`,
        });
        continue;
      }
      explicitNames.set(explicitName, label);
    }
    const warn = (message: string) => options.onWarning?.(`backend2mcp: ${label}: ${message}`);
    const built = buildInput(route, template);
    const input = withArrayItems(built.inputSchema);
    const declaredOutput = buildOutputSchema(route.schemas?.response);
    const output = declaredOutput ? withArrayItems(declaredOutput) : undefined;
    for (const pointer of [...input.fixed, ...(output?.fixed ?? [])]) {
      warn(`the array schema at ${pointer} has no "items"; it accepts any items.`);
    }
    const publishedInput = publishableInput(input.schema);
    if (publishedInput.loosened.length > 0) {
      warn(
        `its input schema cannot be published as declared (${publishedInput.loosened.join('; ')}); ` +
          'it is published looser, and the app still validates what it receives.',
      );
    }
    const checkedOutput = publishableOutput(output?.schema);
    if (checkedOutput.problem) {
      warn(`its response schema is not published nor checked: ${checkedOutput.problem}.`);
    }
    const publishOutput =
      checkedOutput.schema !== undefined && publishesOutput(declared, options.outputSchemas ?? 'opt-in');
    const title = route.meta?.title ?? route.summary ?? label;
    const description = withExamples(
      route.meta?.description ?? route.description ?? route.summary ?? defaultDescription(route),
      route.meta?.examples,
    );
    drafts.push({
      requestedName: explicitName ?? generateToolName(route.method, template),
      explicit: explicitName !== undefined,
      title,
      description,
      inputSchema: publishedInput.schema,
      ...(publishOutput ? { outputSchema: checkedOutput.schema } : {}),
      ...(checkedOutput.schema ? { responseSchema: checkedOutput.schema } : {}),
      annotations: annotationsFor(route.method, title, route.meta?.annotations),
      binding: {
        method: route.method,
        path: template,
        arguments: built.arguments,
        ...bodyEncodingOf(route, built.arguments),
      },
      route,
      tags: [...(route.tags ?? []), ...(route.meta?.tags ?? [])],
    });
  }

  const names = resolveNameCollisions(
    drafts.map((draft) => ({
      name: draft.requestedName,
      explicit: draft.explicit,
      sortKey: `${HTTP_METHODS.indexOf(draft.route.method)} ${draft.route.path}`,
      origin: `${draft.route.method} ${draft.route.path}`,
    })),
  );
  const tools = drafts.map(({ requestedName: _requested, explicit: _explicit, ...draft }, index) => ({
    name: names[index]!,
    ...draft,
  }));
  return { tools, skipped };
}

/**
 * A declared response schema is published only where the route's author says
 * so for MCP, or where the server is told to publish every declared one: a
 * client rejects any result that does not match a published schema.
 */
function publishesOutput(route: RouteInfo, rule: OutputSchemaPublishing): boolean {
  const meta = route.meta;
  if (meta?.publishOutputSchema !== undefined) return meta.publishOutputSchema;
  if (meta?.outputSchema !== undefined || meta?.schemas?.response !== undefined) return true;
  return rule === 'declared';
}

/** The body encoding the route or its app asks for, when it is not JSON and the tool has a body. */
function bodyEncodingOf(
  route: RouteInfo,
  bindings: ToolSpec['binding']['arguments'],
): { bodyEncoding?: BodyEncoding } {
  const encoding = route.meta?.bodyEncoding ?? route.bodyEncoding;
  if (encoding === undefined || encoding === 'json') return {};
  return bindings.some((binding) => binding.location === 'body') ? { bodyEncoding: encoding } : {};
}

function defaultDescription(route: RouteInfo): string {
  return `${route.method} ${route.path}`;
}

/**
 * The route with the schemas its `mcp({...})` overrides give (JSON Schema or
 * zod) merged over the ones the app declares. A whole `inputSchema` is split
 * back into path, and body or query parts, so each argument still reaches its place.
 */
function withOverrides(route: RouteInfo, pathParams: string[]): RouteInfo {
  const meta = route.meta;
  if (!meta?.schemas && !meta?.inputSchema && !meta?.outputSchema) return route;
  const origin = `${route.method} ${route.path}`;
  const schemas: RouteSchemas = { ...route.schemas };
  for (const [part, source] of Object.entries(meta.schemas ?? {})) {
    if (source !== undefined) {
      schemas[part as keyof RouteSchemas] = toJsonSchema(
        source,
        part === 'response' ? 'output' : 'input',
        origin,
      );
    }
  }
  if (meta.inputSchema) {
    const whole = toJsonSchema(meta.inputSchema, 'input', origin);
    const { params, rest } = splitInputSchema(whole, pathParams);
    schemas.params = params;
    delete schemas.query;
    delete schemas.body;
    if (rest)
      schemas[
        route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH' ? 'body' : 'query'
      ] = rest;
  }
  if (meta.outputSchema) schemas.response = toJsonSchema(meta.outputSchema, 'output', origin);
  return { ...route, schemas };
}

function splitInputSchema(
  schema: JsonSchema,
  pathParams: string[],
): { params: JsonSchema; rest?: JsonSchema } {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const pick = (names: string[]): JsonSchema => {
    const picked = Object.fromEntries(names.map((name) => [name, properties[name] as JsonSchema]));
    const needed = names.filter((name) => required.has(name));
    return { type: 'object', properties: picked, ...(needed.length > 0 ? { required: needed } : {}) };
  };
  const inPath = Object.keys(properties).filter((name) => pathParams.includes(name));
  const others = Object.keys(properties).filter((name) => !pathParams.includes(name));
  return { params: pick(inPath), ...(others.length > 0 ? { rest: pick(others) } : {}) };
}

/** Example responses, appended to the description as JSON blocks (each cut at 2,000 characters). */
function withExamples(description: string, examples: unknown[] | undefined): string {
  if (!examples?.length) return description;
  const blocks = examples.map((example) => {
    const text = JSON.stringify(example, null, 2) ?? String(example);
    return `\`\`\`json\n${text.length > 2000 ? `${text.slice(0, 2000)}...` : text}\n\`\`\``;
  });
  return `${description}\n\nExample response${blocks.length > 1 ? 's' : ''}:\n${blocks.join('\n')}`;
}
