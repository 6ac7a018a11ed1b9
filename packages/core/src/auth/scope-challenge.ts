import { AuthFailure } from './auth-failure.js';
import type { AuthProvider } from './auth-provider.js';

/**
 * The 403 a caller gets for calling a tool its credentials lack scopes for
 * (MCP authorization spec, scope challenge): it names every scope the tool
 * needs, so a client can ask its authorization server for them (step-up).
 */
export function insufficientScope(
  what: string,
  required: readonly string[],
  missing: readonly string[],
  provider: AuthProvider,
): AuthFailure {
  return new AuthFailure(
    `${what} needs the scope(s) ${missing.join(', ')}, which your credentials do not grant.`,
    {
      status: 403,
      scheme: 'Bearer',
      oauthError: 'insufficient_scope',
      parameters: {
        ...(provider.resourceMetadataUrl ? { resource_metadata: provider.resourceMetadataUrl } : {}),
        scope: required.join(' '),
      },
    },
  );
}

/** What a JSON-RPC message asks for that scopes guard: a tool call or a resource read. */
export type ScopedTarget = { tool: string } | { resource: string };

/**
 * The tool a `tools/call` names or the resource a `resources/read` names, or
 * undefined for any other message. Reads a body the host already parsed, else
 * a clone of the request.
 */
export async function scopedTarget(request: Request, parsedBody: unknown): Promise<ScopedTarget | undefined> {
  if (request.method !== 'POST') return undefined;
  let message = parsedBody;
  if (message === undefined) {
    try {
      message = await request.clone().json();
    } catch {
      return undefined; // malformed JSON: the MCP handler answers it with a parse error
    }
  }
  const call = message as { method?: unknown; params?: { name?: unknown; uri?: unknown } } | null;
  if (call?.method === 'tools/call' && typeof call.params?.name === 'string')
    return { tool: call.params.name };
  if (call?.method === 'resources/read' && typeof call.params?.uri === 'string') {
    return { resource: call.params.uri };
  }
  return undefined;
}
