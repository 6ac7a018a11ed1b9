import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackendMcpServer, HttpGuardOptions } from '../backend-mcp-server.js';
import { Backend2McpError } from '../errors.js';
import { isLoopbackAddress } from '../http-guard.js';
import { createNodeEndpoint, createWellKnownEndpoint } from './endpoint.js';

/** Options for {@link listen}. */
export interface ListenOptions {
  /** TCP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`: reachable from this machine only. */
  host?: string;
  /** Path of the MCP endpoint. Default `/mcp`. */
  path?: string;
  /** Host/Origin checks. Default: the server's `http` option, else localhost names only. */
  guard?: HttpGuardOptions;
  /**
   * Most time a client may take to send a whole request (headers and body), in
   * ms; a slower one (a slow-body attack) gets 408 and its connection is dropped.
   * Default 30 000. It does not limit how long a call runs (`timeoutMs` does).
   */
  requestTimeoutMs?: number;
  /** Most time a client may take to send the request headers, in ms. Default 10 000. */
  headersTimeoutMs?: number;
}

/** A running standalone MCP HTTP server. */
export interface ListeningServer {
  /** The endpoint's URL, e.g. `http://127.0.0.1:3000/mcp`. */
  url: URL;
  /** The underlying Node server. */
  server: HttpServer;
  /** Stops accepting connections, ends open ones and aborts in-flight calls. */
  close(): Promise<void>;
}

/**
 * Serves the backend's MCP endpoint over Streamable HTTP on its own port,
 * bound to 127.0.0.1 unless told otherwise, with Host/Origin validation on by
 * default (localhost names only until `allowedHosts` names others).
 */
export async function listen(mcp: BackendMcpServer, options: ListenOptions = {}): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3000;
  const path = options.path ?? '/mcp';
  if (!isLoopbackAddress(host) && !options.guard?.allowedHosts && !mcp.options.http?.allowedHosts) {
    (mcp.options.onWarning ?? console.warn)(
      `backend2mcp: listening on ${host} without an allowedHosts list, so only requests naming localhost ` +
        'in their Host header are accepted (DNS-rebinding protection). Set http.allowedHosts to the names ' +
        'clients reach this server by, and put it behind authentication.',
    );
  }
  const endpoint = createNodeEndpoint(mcp, options.guard ? { guard: options.guard } : {});
  const wellKnown = createWellKnownEndpoint(mcp);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  const server = createServer(
    {
      requestTimeout,
      headersTimeout,
      // Node checks the two timeouts on this interval (30 s by default): often enough to honour them.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))),
    },
    (req, res) => {
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      if (mcp.wellKnownPaths.includes(pathname)) {
        wellKnown(req, res);
        return;
      }
      if (pathname !== path) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: `Not found. The MCP endpoint is ${path}.` }));
        return;
      }
      endpoint(req, res);
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use; choose another port.`
          : `Cannot listen on ${host}:${port}: ${error.message}`;
      reject(new Backend2McpError('LISTEN_FAILED', message, { cause: error }));
    });
    server.listen(port, host, () => resolve());
  });

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: new URL(`http://${urlHost}:${address.port}${path}`),
    server,
    close: async () => {
      await mcp.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
