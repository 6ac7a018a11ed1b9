/**
 * Plain JSON-RPC over Streamable HTTP without the SDK client: the stateless
 * 2025-11-25 style a load generator can replay (no initialize, no session),
 * used to verify the load request and to time `tools/list` without the
 * client's own result validation.
 */

/** Headers of a stateless 2025-11-25 request. */
export const STATELESS_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
  'mcp-protocol-version': '2025-11-25',
};

/** A JSON-RPC request body. */
export function jsonRpcBody(method: string, params: Record<string, unknown>, id = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

/** The answer to one POST: status, the raw body, and the JSON-RPC response inside it (JSON or SSE). */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
  message: { result?: Record<string, unknown>; error?: { code: number; message: string } } | undefined;
}

/** POSTs one JSON-RPC message and reads the response, whether it came as JSON or as an SSE stream. */
export async function postJsonRpc(url: URL, body: string): Promise<RawAnswer> {
  const response = await fetch(url, { method: 'POST', headers: STATELESS_HEADERS, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let message: RawAnswer['message'];
  if (contentType.includes('text/event-stream')) {
    // The response is the last `data:` line of the stream.
    const data = text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .at(-1);
    message = data ? JSON.parse(data.slice(5)) : undefined;
  } else if (text) {
    message = JSON.parse(text);
  }
  return { status: response.status, contentType, body: text, message };
}

/** `tools/list` in one stateless POST: how many tools came back and how big the body was. */
export async function listToolsRaw(url: URL): Promise<{ count: number; bytes: number }> {
  const answer = await postJsonRpc(url, jsonRpcBody('tools/list', {}));
  const tools = answer.message?.result?.tools;
  if (answer.status !== 200 || !Array.isArray(tools)) {
    throw new Error(`tools/list over raw HTTP: ${answer.status} ${answer.body.slice(0, 200)}`);
  }
  return { count: tools.length, bytes: Buffer.byteLength(answer.body) };
}
