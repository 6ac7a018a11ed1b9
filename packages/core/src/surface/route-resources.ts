import type { ToolSpec } from '../tool-spec.js';

/** A GET route served as an MCP resource (no params) or resource template (params). */
export interface RouteResource {
  kind: 'resource' | 'template';
  name: string;
  title: string;
  description: string;
  /** `uri` for a resource, `uriTemplate` (RFC 6570) for a template. */
  uri: string;
  mimeType?: string;
  /** The tool the route would have been: its binding builds the request. */
  tool: ToolSpec;
}

/**
 * The resource a GET route becomes: `<scheme>://<path>` with each `:param` as
 * `{param}` (`GET /users/:id` -> `api://users/{id}`). Routes with wildcards or
 * optional parts have no RFC 6570 equivalent that reads back the same; they
 * give a reason instead and stay tools.
 */
export function routeResource(tool: ToolSpec, scheme: string): RouteResource | { reason: string } {
  if (tool.binding.method !== 'GET') return { reason: 'only GET routes can be resources' };
  let path = '';
  let params = 0;
  for (const token of tool.binding.path.tokens) {
    if (token.type === 'text') path += token.value;
    else if (token.type === 'param') {
      path += `{${token.name}}`;
      params++;
    } else return { reason: 'wildcards and optional parts have no resource-template form' };
  }
  return {
    kind: params > 0 ? 'template' : 'resource',
    name: tool.name,
    title: tool.title,
    description: tool.description,
    uri: `${scheme}://${path.replace(/^\/+/, '')}`,
    ...(tool.outputSchema ? { mimeType: 'application/json' } : {}),
    tool,
  };
}
