// The JSON-RPC errors more than one part of the server answers with, worded once so a direct
// `callTool`, a `tools/call` and a resource read say the same thing.
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

/** MCP's "resource not found" error code (not among the SDK's named JSON-RPC codes). */
const RESOURCE_NOT_FOUND = -32002 as ProtocolErrorCode;

/** The JSON-RPC error for a tool that does not exist, or that this caller may not know about. */
export function unknownTool(name: string): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Unknown tool "${name}". Call tools/list for the available tools.`,
  );
}

/** The JSON-RPC error for a URI that names no resource of this server. */
export function resourceNotFound(uri: string): ProtocolError {
  return new ProtocolError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });
}

/** The JSON-RPC error for a tool or resource the caller's credentials lack scopes for. */
export function scopesNotGranted(what: string, missing: readonly string[], data?: unknown): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `${what} needs the scope(s) ${missing.join(', ')}, which your credentials do not grant.`,
    data,
  );
}
