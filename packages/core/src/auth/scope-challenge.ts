import { AuthFailure } from './auth-failure.js';
import type { AuthProvider } from './auth-provider.js';

/**
 * The 403 a caller gets for calling a tool its credentials lack scopes for
 * (MCP authorization spec, scope challenge): it names every scope the tool
 * needs, so a client can ask its authorization server for them (step-up).
 */
export function insufficientScope(
  toolName: string,
  required: readonly string[],
  missing: readonly string[],
  provider: AuthProvider,
): AuthFailure {
  return new AuthFailure(
    `Tool "${toolName}" needs the scope(s) ${missing.join(', ')}, which your credentials do not grant.`,
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

/**
 * The tool a JSON-RPC `tools/call` message names, or undefined for any other
 * message. Reads a body the host already parsed, else a clone of the request.
 */
export async function calledToolName(request: Request, parsedBody: unknown): Promise<string | undefined> {
  if (request.method !== 'POST') return undefined;
  let message = parsedBody;
  if (message === undefined) {
    try {
      message = await request.clone().json();
    } catch {
      return undefined; // malformed JSON: the MCP handler answers it with a parse error
    }
  }
  const call = message as { method?: unknown; params?: { name?: unknown } } | null;
  return call?.method === 'tools/call' && typeof call.params?.name === 'string'
    ? call.params.name
    : undefined;
}
