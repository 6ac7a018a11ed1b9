/**
 * Credentials backend2mcp injects never come back through resources either: a
 * route served as a resource that echoes its request headers returns them
 * redacted, in its contents and in the error of a failed read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendMcpServer } from '../src/backend-mcp-server.js';
import { connectTransport, dispatchNodeListener } from '../src/node.js';

const SECRET = 'svc-secret-123456';
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Echoes the service key it received: `/echo/ok` with 200, `/echo/fail` with 500. */
function echoApp(req: IncomingMessage, res: ServerResponse) {
  res.statusCode = req.url === '/echo/fail' ? 500 : 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ key: req.headers['x-service-key'] ?? null }));
}

async function client(): Promise<Client> {
  const mcp = new BackendMcpServer(
    {
      extractRoutes: () => ({
        routes: [
          { method: 'GET', path: '/echo' },
          { method: 'GET', path: '/echo/:mode' },
        ],
        skipped: [],
      }),
      dispatch: (request, options) => dispatchNodeListener(echoApp, request, options),
    },
    { headers: { 'x-service-key': SECRET }, routeMaps: [{ methods: ['GET'], as: 'resource' }] },
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = connectTransport(mcp, serverSide);
  const connected = new Client({ name: 'test', version: '1.0.0' });
  await connected.connect(clientSide);
  closers.push(
    () => handle.close(),
    () => connected.close(),
  );
  return connected;
}

describe('resources redact injected credentials', () => {
  it('in the contents of a resource and of a resource template', async () => {
    const reader = await client();
    for (const uri of ['api://echo', 'api://echo/ok']) {
      const read = await reader.readResource({ uri });
      expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual({ key: '[REDACTED]' });
      expect(JSON.stringify(read)).not.toContain(SECRET);
    }
  });

  it('in the error of a failed read that quotes the route body', async () => {
    const reader = await client();
    const error = await reader.readResource({ uri: 'api://echo/fail' }).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toContain('HTTP 500');
    expect(error?.message).toContain('[REDACTED]');
    expect(error?.message).not.toContain(SECRET);
  });
});
