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
  return readAnswer(await fetch(url, { method: 'POST', headers: STATELESS_HEADERS, body }));
}

/** Reads one JSON-RPC answer from a response, whether it came as JSON or as an SSE stream. */
export async function readAnswer(response: Response): Promise<RawAnswer> {
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

/** Finds the cursor in a raw page without parsing it (an escaped `\"nextCursor\"` inside a string cannot match). */
const NEXT_CURSOR = /"nextCursor":"([^"]+)"/;

/**
 * Every page of `tools/list`, one stateless JSON-RPC request per page sent with
 * `send` (over HTTP, or to the server's fetch handler in process), following
 * `nextCursor`: how many pages and bytes came back, and how many tools. With
 * `parse: false` the pages are read as text and only the cursor is picked out,
 * so the time is the server's (and the transport's), not the reader's JSON
 * parsing; `tools` is then undefined.
 */
export async function walkPages(
  send: (body: string) => Promise<Response>,
  { parse = true }: { parse?: boolean } = {},
): Promise<{ count: number | undefined; pages: number; bytes: number }> {
  let count = 0;
  let pages = 0;
  let bytes = 0;
  let cursor: string | undefined;
  do {
    const response = await send(jsonRpcBody('tools/list', cursor ? { cursor } : {}, pages + 1));
    pages++;
    if (!parse) {
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`tools/list page ${pages}: ${response.status} ${text.slice(0, 200)}`);
      bytes += Buffer.byteLength(text);
      cursor = NEXT_CURSOR.exec(text)?.[1];
      continue;
    }
    const answer = await readAnswer(response);
    const result = answer.message?.result as { tools?: unknown[]; nextCursor?: string } | undefined;
    if (answer.status !== 200 || !Array.isArray(result?.tools)) {
      throw new Error(`tools/list page ${pages}: ${answer.status} ${answer.body.slice(0, 200)}`);
    }
    count += result.tools.length;
    bytes += Buffer.byteLength(answer.body);
    cursor = result.nextCursor;
  } while (cursor);
  return { count: parse ? count : undefined, pages, bytes };
}
