/**
 * Raw HTTP helpers for driving an MCP Streamable HTTP endpoint the way a
 * misbehaving (or merely unusual) client would: malformed JSON, oversized
 * bodies, foreign Host headers, a connection dropped mid-call.
 */
import http from 'node:http';

/** The `_meta` envelope a 2026-07-28 request carries instead of an initialize handshake. */
export const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw-test', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** Headers every Streamable HTTP POST carries. */
export const MCP_POST_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

/** A 2026-07-28 `tools/call` request: body and headers, ready for {@link rawRequest}. */
export function toolsCallRequest(
  id: number,
  name: string,
  args: Record<string, unknown>,
): { headers: Record<string, string>; body: string } {
  return {
    headers: {
      ...MCP_POST_HEADERS,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': name,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args, _meta: MODERN_META },
    }),
  };
}

/** A 2025-era (stateless) `ping`: the cheapest request that proves the server still answers. */
export const LEGACY_PING = JSON.stringify({ jsonrpc: '2.0', id: 'ping', method: 'ping' });

/** What {@link rawRequest} returns: the status, headers and whole body text. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request on a connection of its own (no keep-alive), so nothing
 * lingers once it is answered. `signal` destroys the socket: a client that
 * disconnects mid-call. Any header can be set, including `Host`.
 */
export function rawRequest(
  url: URL,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    signal?: AbortSignal;
    /** Called once the TCP connection is established (before the request is answered). */
    onConnect?: () => void;
    /** A unix socket to connect to instead of the URL's host and port. */
    socketPath?: string;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: init.method ?? 'POST',
        headers: init.headers ?? {},
        agent: false,
        ...(init.socketPath ? { socketPath: init.socketPath } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    if (init.onConnect) request.once('socket', (socket) => socket.once('connect', init.onConnect!));
    init.signal?.addEventListener('abort', () => request.destroy(new Error('client disconnected')), {
      once: true,
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

/**
 * The JSON-RPC message in a response, whether it came as JSON or as one
 * server-sent event (`data: {...}`).
 */
export function jsonRpcOf(response: RawResponse): {
  id?: unknown;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
} {
  const contentType = String(response.headers['content-type'] ?? '');
  if (contentType.startsWith('text/event-stream')) {
    const data = response.text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice('data:'.length).trim())
      .find((line) => line.startsWith('{'));
    if (data === undefined) throw new Error(`no JSON-RPC message in the event stream: ${response.text}`);
    return JSON.parse(data);
  }
  return JSON.parse(response.text);
}
