import type { Tool } from '@modelcontextprotocol/server';
import { buildTools } from './build-tools.js';
import type { ExtractedRoutes, SkippedRoute } from './route.js';
import type { ToolSpec } from './tool-spec.js';

/** The wire shape of one tool in `tools/list`. */
export type ListedTool = Tool;

/**
 * The tools of one app, built once from its extracted routes and looked up by
 * name on every call. Building waits for first use, so routes an app registers
 * after creating its adapter are still seen.
 */
export class ToolCatalog {
  private built?: {
    tools: ToolSpec[];
    byName: Map<string, ToolSpec>;
    listed: ListedTool[];
    skipped: SkippedRoute[];
  };

  constructor(
    private readonly extract: () => ExtractedRoutes,
    private readonly onWarning: (message: string) => void,
    private readonly filter?: (tool: ToolSpec) => boolean,
  ) {}

  /** Every tool, in route order. */
  get tools(): readonly ToolSpec[] {
    return this.build().tools;
  }

  /** Routes that could not become tools, with the reason. */
  get skipped(): readonly SkippedRoute[] {
    return this.build().skipped;
  }

  /** The `tools/list` entries, computed once. */
  get listed(): readonly ListedTool[] {
    return this.build().listed;
  }

  /** Forgets the built tools, so the next read extracts the routes again. */
  reset(): void {
    this.built = undefined;
  }

  /** The tool with this name; hidden and unknown names give undefined. */
  find(name: string): ToolSpec | undefined {
    return this.build().byName.get(name);
  }

  private build() {
    if (this.built) return this.built;
    const extracted = this.extract();
    const built = buildTools(extracted.routes);
    const unbuildable = built.skipped;
    const tools = this.filter ? built.tools.filter(this.filter) : built.tools;
    const skipped = [...extracted.skipped, ...unbuildable];
    for (const entry of skipped) this.onWarning(`backend2mcp: skipped ${entry.route}: ${entry.reason}`);
    this.built = {
      tools,
      byName: new Map(tools.map((tool) => [tool.name, tool])),
      listed: tools.map(toListedTool),
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
