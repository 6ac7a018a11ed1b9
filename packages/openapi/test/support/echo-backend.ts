import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the echo backend received. */
export interface Received {
  method: string;
  /** The raw request target, exactly as it came over the wire. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A real HTTP backend that answers every request with what it received, as
 * JSON, so tests can see exactly what reached the wire. A few paths behave
 * differently: `/token` is an OAuth token endpoint, `/big` a large body,
 * `/hang` never answers, `/redirect` redirects elsewhere, `/needs-fresh-token`
 * refuses the first token it is shown.
 */
export interface EchoBackend {
  origin: string;
  received: Received[];
  tokensIssued: number;
  close(): Promise<void>;
}

export async function startEchoBackend(): Promise<EchoBackend> {
  const state: EchoBackend = { origin: '', received: [], tokensIssued: 0, close: async () => {} };
  const refused = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      state.received.push(entry);
      const path = (req.url ?? '').split('?')[0];
      if (path === '/token') {
        state.tokensIssued += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ access_token: `token-${state.tokensIssued}`, expires_in: 3600 }));
        return;
      }
      if (path === '/needs-fresh-token') {
        const auth = String(req.headers.authorization);
        if (!refused.has(auth) && refused.size === 0) {
          refused.add(auth);
          res.statusCode = 401;
          res.end('{"error":"expired"}');
          return;
        }
      }
      if (path === '/big') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: 'x'.repeat(200_000) }));
        return;
      }
      if (path === '/hang') return; // never answers
      if (path === '/redirect') {
        res.statusCode = 302;
        res.setHeader('location', 'http://127.0.0.2:9/stolen');
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          method: entry.method,
          url: entry.url,
          headers: entry.headers,
          body: entry.body.toString('latin1'),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
