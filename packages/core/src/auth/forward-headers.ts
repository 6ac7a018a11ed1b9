import { Backend2McpError } from '../errors.js';

/**
 * Headers that describe one HTTP hop or the MCP exchange itself, never the
 * caller: forwarding them would corrupt the in-process request.
 */
const NEVER_FORWARDED = new Set([
  'connection',
  'content-length',
  'content-type',
  'host',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'accept',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
]);

/** Lower-cased allow-list, refusing names that can never be forwarded. */
export function normalizeForwardList(names: readonly string[] | undefined): readonly string[] {
  const list = (names ?? []).map((name) => name.trim().toLowerCase());
  const refused = list.filter((name) => NEVER_FORWARDED.has(name));
  if (refused.length > 0) {
    throw new Backend2McpError(
      'INVALID_OPTIONS',
      `forwardHeaders cannot include ${refused.join(', ')}: they describe the MCP connection, not the caller.`,
    );
  }
  return [...new Set(list)];
}

/** The caller's headers named in `allowList`, and nothing else. */
export function pickForwardedHeaders(headers: Headers, allowList: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of allowList) {
    const value = headers.get(name);
    if (value !== null && !/[\r\n\0]/.test(value)) picked[name] = value;
  }
  return picked;
}
