/**
 * Stateless JSON-RPC requests as each protocol era's SDK client sends them over
 * Streamable HTTP: 2025-11-25 names its revision in the `mcp-protocol-version`
 * header; 2026-07-28 carries revision and client capabilities in `_meta` and
 * repeats method and tool name in `mcp-method` / `mcp-name` headers.
 */

/** The protocol revisions the bench compares. */
export const ERAS = ['2025-11-25', '2026-07-28'] as const;
export type Era = (typeof ERAS)[number];

/** Method, headers and body of one stateless POST of `method` in `era`. */
export function eraRequest(
  era: string,
  method: string,
  params: Record<string, unknown>,
  id: number | string = 1,
): { method: 'POST'; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': era,
  };
  if (era < '2026-07-28') {
    return { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id, method, params }) };
  }
  headers['mcp-method'] = method;
  if (typeof params.name === 'string') headers['mcp-name'] = params.name;
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': era,
    'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  return {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta } }),
  };
}
