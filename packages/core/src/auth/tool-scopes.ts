import type { ToolSpec } from '../tool-spec.js';
import type { AuthContext } from './auth-provider.js';

/** Decides the scopes a tool needs beyond those its route declares (`mcp({ scopes })`). */
export type ToolScopesResolver = (tool: ToolSpec) => readonly string[] | undefined;

/** Every scope the tool requires: the route's own plus the resolver's. */
export function requiredScopes(tool: ToolSpec, resolver: ToolScopesResolver | undefined): string[] {
  const declared = tool.route.meta?.scopes ?? [];
  const resolved = resolver?.(tool) ?? [];
  return [...new Set([...declared, ...resolved])];
}

/** The required scopes the caller does not hold. */
export function missingScopes(required: readonly string[], auth: AuthContext | undefined): string[] {
  const held = new Set(auth?.scopes ?? []);
  return required.filter((scope) => !held.has(scope));
}
