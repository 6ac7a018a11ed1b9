import { annotationsFor } from './annotations.js';
import { HTTP_METHODS } from './http.js';
import { buildInput } from './input-schema.js';
import { generateToolName, resolveNameCollisions } from './naming.js';
import { buildOutputSchema } from './output-schema.js';
import { parsePathTemplate } from './path-template.js';
import type { RouteInfo, SkippedRoute } from './route.js';
import type { ToolSpec } from './tool-spec.js';

/** Options for {@link buildTools}. */
export interface BuildToolsOptions {
  /** Called for each route that cannot become a tool (it is skipped, never fatal). */
  onSkip?: (skipped: SkippedRoute) => void;
}

/** The tools built from an app's routes, and the routes that were left out with the reason. */
export interface BuiltTools {
  tools: ToolSpec[];
  skipped: SkippedRoute[];
}

/**
 * Turns extracted routes into MCP tool specs: names (see {@link generateToolName}),
 * input and output schemas, annotations, and the binding back to the request.
 * Hidden routes are left out entirely, so they can be neither listed nor called.
 * A route whose template cannot be parsed is skipped with its reason. Two
 * routes asking for the same explicit name is an error (`DUPLICATE_TOOL_NAME`).
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
  for (const declared of routes) {
    // Schemas given with the adapter's mcp({ schemas }) win over what the app declares.
    const route: RouteInfo = declared.meta?.schemas
      ? { ...declared, schemas: { ...declared.schemas, ...declared.meta.schemas } }
      : declared;
    const label = `${route.method} ${route.path}`;
    if (route.meta?.hidden) continue;
    let template: ReturnType<typeof parsePathTemplate>;
    try {
      template = parsePathTemplate(route.path);
    } catch (error) {
      skip({ route: label, reason: (error as Error).message });
      continue;
    }
    const { inputSchema, arguments: bindings } = buildInput(route, template);
    const outputSchema = buildOutputSchema(route.schemas?.response);
    const title = route.meta?.title ?? route.summary ?? label;
    const description =
      route.meta?.description ?? route.description ?? route.summary ?? defaultDescription(route);
    drafts.push({
      requestedName: route.meta?.name ?? generateToolName(route.method, template),
      explicit: route.meta?.name !== undefined,
      title,
      description,
      inputSchema,
      ...(outputSchema ? { outputSchema } : {}),
      annotations: annotationsFor(route.method, title, route.meta?.annotations),
      binding: { method: route.method, path: template, arguments: bindings },
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

function defaultDescription(route: RouteInfo): string {
  return `${route.method} ${route.path}`;
}
