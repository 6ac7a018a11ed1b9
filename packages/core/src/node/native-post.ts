import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendMcpServer, HttpGuardOptions } from '../backend-mcp-server.js';
import { readNodeBody } from './read-node-body.js';

const decoder = new TextDecoder();

/**
 * True for a request the endpoint reads itself instead of handing the Node
 * stream to the SDK's bridge: a POST whose body has a declared length within
 * the limit (a chunked or oversized body goes through the bridge, which answers
 * 413 as before). Reading it here lets the fast path get the parsed message
 * without a web `Request` body stream and a clone of it.
 */
export function readsBodyItself(req: IncomingMessage, maxBytes: number): boolean {
  if (req.method !== 'POST' || req.headers['transfer-encoding'] !== undefined) return false;
  const length = Number(req.headers['content-length']);
  return length > 0 && length <= maxBytes;
}

/**
 * Serves one POST natively: reads and parses the body once, hands the message
 * to `mcp.fetch` as its parsed body (a body that is not one JSON object stays
 * a body, so the SDK answers it exactly as before), and writes the answer to
 * `res`, streaming it when it is an SSE stream.
 */
export async function serveNativePost(
  mcp: BackendMcpServer,
  guard: HttpGuardOptions,
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<void> {
  // The client going away cancels the call, as with the SDK's bridge.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const text = decoder.decode(await readNodeBody(req, { maxBytes }));
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    // Not JSON: the SDK reads the text and gives its parse error.
  }
  const parsed = typeof message === 'object' && message !== null && !Array.isArray(message);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: 'POST',
    headers,
    signal: abort.signal,
    ...(parsed ? {} : { body: text }),
  });
  const response = await mcp.fetch(request, { guard, ...(parsed ? { parsedBody: message } : {}) });
  await writeResponse(response, res, abort.signal);
}

/** Writes a web `Response` to a Node response: at once when it is a plain body, chunk by chunk for a stream. */
async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.body === null) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!headers['content-type']?.includes('text/event-stream')) {
    const body = new Uint8Array(await response.arrayBuffer());
    res.writeHead(response.status, headers).end(body);
    return;
  }
  res.writeHead(response.status, headers);
  // Flush the headers now: an SSE client waits for them before the first event.
  res.flushHeaders();
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      if (!res.write(value)) await once(res, 'drain', { signal });
    }
  } catch {
    // The client went away mid-stream: nothing more to write.
  } finally {
    signal.removeEventListener('abort', cancel);
    res.end();
  }
}
