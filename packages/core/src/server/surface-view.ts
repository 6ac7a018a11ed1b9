import { type Tool, UriTemplate } from '@modelcontextprotocol/server';
import type { AuthContext, AuthProvider } from '../auth/auth-provider.js';
import { missingScopes, requiredScopes, type ToolScopesResolver } from '../auth/tool-scopes.js';
import type { CustomResource, CustomSurface, CustomTool } from '../surface/custom-surface.js';
import type { RouteResource } from '../surface/route-resources.js';
import type { CatalogEntry, ToolCatalog } from '../tool-catalog.js';
import type { ToolSpec } from '../tool-spec.js';

/** The values of a URI template's variables, as the SDK matches them. */
type Variables = NonNullable<ReturnType<UriTemplate['match']>>;

/** A resource `uri` names: a route resource or a hand-written one, with the template variables it carries. */
export type FoundResource =
  | { route: RouteResource; custom?: undefined; variables: Variables }
  | { route?: undefined; custom: CustomResource; variables: Variables };

/** The scopes a tool needs and those of them the caller lacks. */
export interface ScopeGap {
  required: string[];
  missing: string[];
}

/** What the surface view reads: the catalog, the hand-written surface, and the scope rules. */
export interface SurfaceViewOptions {
  catalog: ToolCatalog;
  custom: CustomSurface;
  /** Lets the app finish registering routes (the source's `prepare`), once. */
  prepareSource?: () => Promise<void>;
  /** Scopes guard tools only when a provider is configured. */
  provider?: AuthProvider;
  toolScopes?: ToolScopesResolver;
}

/**
 * The app's MCP surface as one caller sees it: which tools and resources its
 * scopes show, what a URI names, what a tool needs. Kept apart from running
 * calls and from the transports, so every front (HTTP, stdio, in-process,
 * direct `callTool`) asks the same questions of one place and nothing here
 * calls back into them.
 */
export class SurfaceView {
  readonly catalog: ToolCatalog;
  readonly custom: CustomSurface;
  private readonly provider?: AuthProvider;
  private readonly toolScopes?: ToolScopesResolver;
  private readonly prepareSource?: () => Promise<void>;
  private preparing?: Promise<void>;

  constructor(options: SurfaceViewOptions) {
    this.catalog = options.catalog;
    this.custom = options.custom;
    if (options.provider) this.provider = options.provider;
    if (options.toolScopes) this.toolScopes = options.toolScopes;
    if (options.prepareSource) this.prepareSource = options.prepareSource;
  }

  /**
   * Lets the app finish registering routes, once. Tools read before preparation
   * (e.g. `adapter.tools` right after construction) may miss routes or schemas
   * that preparation adds, so the catalog is read again once it is done.
   */
  prepare(): Promise<void> {
    this.preparing ??= this.prepareSource
      ? this.prepareSource().then(() => this.catalog.reset())
      : Promise.resolve();
    return this.preparing;
  }

  /** What `tools/list` shows this caller: every tool whose scopes it holds. */
  visibleTools(auth: AuthContext | undefined): readonly Tool[] {
    // Without auth every tool is visible: the catalog's own list, not a filtered copy per page.
    if (!this.provider) return this.catalog.listedTools;
    return this.catalog.entries
      .filter((entry) => this.entryLacks(entry, auth).length === 0)
      .map((entry) => entry.listed);
  }

  /** The route resources (and templates) this caller holds the scopes for. */
  visibleResources(auth: AuthContext | undefined): readonly RouteResource[] {
    if (!this.provider) return this.catalog.resources;
    return this.catalog.resources.filter(
      (resource) => this.scopesLacking(resource.tool, auth).missing.length === 0,
    );
  }

  /** The scopes a catalog entry (generated or hand-written) needs that the caller lacks. */
  entryLacks(entry: CatalogEntry, auth: AuthContext | undefined): string[] {
    const tool = entry.tool ?? entry.custom;
    return tool ? this.scopesLacking(tool, auth).missing : [];
  }

  /** The scopes `tool` needs that the caller lacks; always none when no auth is configured. */
  scopesLacking(tool: ToolSpec | CustomTool, auth: AuthContext | undefined): ScopeGap {
    if (!this.provider) return { required: [], missing: [] };
    const required = requiredScopes(tool, this.toolScopes);
    return { required, missing: missingScopes(required, auth) };
  }

  /** True when some tool or route resource needs a scope (else no request needs a scope challenge). */
  anyScoped(): boolean {
    return [
      ...this.catalog.entries.map((entry) => entry.tool ?? entry.custom),
      ...this.catalog.resources.map((resource) => resource.tool),
    ].some((tool) => tool !== undefined && requiredScopes(tool, this.toolScopes).length > 0);
  }

  /** The route or hand-written resource `uri` names, with the template variables it carries. */
  findResource(uri: string): FoundResource | undefined {
    for (const resource of this.catalog.resources) {
      if (resource.kind === 'resource' && resource.uri === uri) return { route: resource, variables: {} };
    }
    for (const resource of this.catalog.resources) {
      if (resource.kind !== 'template') continue;
      const variables = new UriTemplate(resource.uri).match(uri);
      if (variables) return { route: resource, variables };
    }
    for (const resource of this.custom.resources.values()) {
      const variables = resource.template ? resource.template.match(uri) : resource.uri === uri ? {} : null;
      if (variables) return { custom: resource, variables };
    }
    return undefined;
  }

  /** What the lists show, as text: `refresh()` compares two of them to tell whether to announce a change. */
  signature(): { tools: string; resources: string } {
    return {
      tools: JSON.stringify(this.catalog.entries.map((entry) => entry.listed)),
      resources: JSON.stringify(this.catalog.resources.map(({ tool: _tool, ...resource }) => resource)),
    };
  }
}
