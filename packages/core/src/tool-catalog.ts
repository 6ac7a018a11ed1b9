import type { Tool } from '@modelcontextprotocol/server';
import { buildTools, type OutputSchemaPublishing } from './build-tools.js';
import type { ExtractedRoutes, SkippedRoute } from './route.js';
import type { CustomSurface, CustomTool } from './surface/custom-surface.js';
import { decideRole, type RouteSelection } from './surface/route-map.js';
import { type RouteResource, routeResource } from './surface/route-resources.js';
import type { ToolSpec } from './tool-spec.js';

/** The wire shape of one tool in `tools/list`. */
export type ListedTool = Tool;

/** One callable tool: generated from a route (`tool`) or written by hand (`custom`). */
export interface CatalogEntry {
  listed: ListedTool;
  tool?: ToolSpec;
  custom?: CustomTool;
}

/** Options for {@link ToolCatalog}. */
export interface CatalogOptions extends RouteSelection {
  /** URI scheme of resources made from routes (`api` -> `api://users/{id}`). */
  resourceScheme?: string;
  /** Which declared response schemas become `outputSchema` (see {@link buildTools}). */
  outputSchemas?: OutputSchemaPublishing;
}

interface Built {
  tools: ToolSpec[];
  entries: CatalogEntry[];
  listed: ListedTool[];
  byName: Map<string, CatalogEntry>;
  resources: RouteResource[];
  skipped: SkippedRoute[];
}

/**
 * What an app exposes: its routes as tools and resources (after the route
 * maps and filters) plus the hand-written tools, built once and looked up by
 * name on every call. Building waits for first use, so routes an app
 * registers after creating its adapter are still seen; `reset()` rebuilds.
 */
export class ToolCatalog {
  private built?: Built;
  private generationCounter = 0;

  constructor(
    private readonly extract: () => ExtractedRoutes,
    private readonly onWarning: (message: string) => void,
    private readonly options: CatalogOptions = {},
    private readonly custom?: CustomSurface,
  ) {}

  /** Tools generated from routes, in route order (excluded, hidden and resource routes are not among them). */
  get tools(): readonly ToolSpec[] {
    return this.build().tools;
  }

  /** Every callable tool, generated first (route order), then hand-written (registration order). */
  get entries(): readonly CatalogEntry[] {
    return this.build().entries;
  }

  /** What `tools/list` shows of every entry, in entry order (built once per catalog build). */
  get listedTools(): readonly ListedTool[] {
    return this.build().listed;
  }

  /** GET routes served as resources and resource templates. */
  get resources(): readonly RouteResource[] {
    return this.build().resources;
  }

  /** Routes that could not become tools, with the reason. */
  get skipped(): readonly SkippedRoute[] {
    return this.build().skipped;
  }

  /** Changes whenever the catalog is rebuilt: pagination cursors carry it. */
  get generation(): number {
    this.build();
    return this.generationCounter;
  }

  /** Forgets the built catalog, so the next read extracts the routes again. */
  reset(): void {
    this.built = undefined;
  }

  /** The tool with this name; hidden, excluded and unknown names give undefined. */
  find(name: string): CatalogEntry | undefined {
    return this.build().byName.get(name);
  }

  private build(): Built {
    if (this.built) return this.built;
    const extracted = this.extract();
    const built = buildTools(extracted.routes, {
      onWarning: this.onWarning,
      ...(this.options.outputSchemas ? { outputSchemas: this.options.outputSchemas } : {}),
    });
    const skipped = [...extracted.skipped, ...built.skipped];
    const tools: ToolSpec[] = [];
    const resources: RouteResource[] = [];
    const scheme = this.options.resourceScheme ?? 'api';
    for (const tool of built.tools) {
      const role = decideRole(tool, this.options);
      if (role === 'exclude') continue;
      if (role === 'resource') {
        const resource = routeResource(tool, scheme);
        if ('reason' in resource) {
          this.onWarning(
            `backend2mcp: ${tool.route.method} ${tool.route.path} stays a tool, not a resource: ${resource.reason}.`,
          );
        } else {
          resources.push(resource);
          continue;
        }
      }
      if (this.custom?.tools.has(tool.name)) {
        this.onWarning(
          `backend2mcp: the hand-written tool "${tool.name}" replaces the one generated from ${tool.route.method} ${tool.route.path}.`,
        );
        continue;
      }
      tools.push(tool);
    }
    for (const entry of skipped) this.onWarning(`backend2mcp: skipped ${entry.route}: ${entry.reason}`);

    const entries: CatalogEntry[] = [
      ...tools.map((tool) => ({ listed: toListedTool(tool), tool })),
      ...[...(this.custom?.tools.values() ?? [])].map((custom) => ({
        listed: customListedTool(custom),
        custom,
      })),
    ];
    this.generationCounter++;
    this.built = {
      tools,
      entries,
      listed: entries.map((entry) => entry.listed),
      byName: new Map(entries.map((entry) => [entry.listed.name, entry])),
      resources,
      skipped,
    };
    return this.built;
  }
}

function toListedTool(tool: ToolSpec): ListedTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    // buildInput always makes an object schema; the SDK's type wants that spelled out.
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Tool['outputSchema'] } : {}),
    annotations: tool.annotations,
  };
}

function customListedTool(tool: CustomTool): ListedTool {
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Tool['outputSchema'] } : {}),
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
  };
}
