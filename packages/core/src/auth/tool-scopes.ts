import type { CustomTool } from '../surface/custom-surface.js';
import type { ToolSpec } from '../tool-spec.js';
import type { AuthContext } from './auth-provider.js';

/**
 * Decides the scopes a tool needs beyond those it declares (`mcp({ scopes })`
 * on its route, `scopes` on a hand-written tool). It sees generated tools
 * (with `route`) and hand-written ones (with `handler`, no `route`).
 */
export type ToolScopesResolver = (tool: ToolSpec | CustomTool) => readonly string[] | undefined;

/** Every scope the tool requires: its own declared ones plus the resolver's. */
export function requiredScopes(
  tool: ToolSpec | CustomTool,
  resolver: ToolScopesResolver | undefined,
): string[] {
  const declared = ('route' in tool ? tool.route.meta?.scopes : tool.scopes) ?? [];
  const resolved = resolver?.(tool) ?? [];
  return [...new Set([...declared, ...resolved])];
}

/** The required scopes the caller does not hold. */
export function missingScopes(required: readonly string[], auth: AuthContext | undefined): string[] {
  const held = new Set(auth?.scopes ?? []);
  return required.filter((scope) => !held.has(scope));
}
