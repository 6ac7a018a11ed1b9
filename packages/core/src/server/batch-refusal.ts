/**
 * JSON-RPC batches are not part of MCP since 2025-06-18 (nor of 2026-07-28).
 * They are refused where the endpoint sees the message before the SDK does (a
 * body the host framework parsed, or any request when auth is configured), so
 * a batch can never carry a call past the 403 scope challenge.
 */
export function batchRefused(): Response {
  return Response.json(
    {
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request: JSON-RPC batches are not supported by this server.' },
      id: null,
    },
    { status: 400 },
  );
}
