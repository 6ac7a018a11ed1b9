import { fileURLToPath } from 'node:url';
import { Cleanups, textOf } from '@backend2mcp/test-support';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BearerAuthProvider, OpenApiMcpAdapter } from '../src/index.js';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.js';

const WIRE = fileURLToPath(new URL('./fixtures/wire.yaml', import.meta.url));
const cleanups = new Cleanups();
let echo: EchoBackend;
let adapter: OpenApiMcpAdapter;
let url: URL;

beforeAll(async () => {
  echo = await startEchoBackend();
  adapter = new OpenApiMcpAdapter({
    document: WIRE,
    baseUrl: echo.origin,
    validate: false,
    onWarning: () => {},
    // Inbound: the same providers as every adapter; reading tools need `read`, the rest `write`.
    auth: new BearerAuthProvider({ tokens: { 'reader-token': { subject: 'reader', scopes: ['read'] } } }),
    toolScopes: (tool) => (tool.annotations?.readOnlyHint ? ['read'] : ['write']),
    credentials: { bearerAuth: 'backend-token' },
  });
  const listening = await adapter.listen({ port: 0 });
  url = listening.url;
  cleanups.add(() => listening.close());
});
afterAll(async () => {
  await cleanups.run();
  await adapter.close();
  await echo.close();
});

async function client(token?: string): Promise<Client> {
  const connected = new Client({ name: 'http-test', version: '1.0.0' });
  await connected.connect(
    new StreamableHTTPClientTransport(
      url,
      token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {},
    ),
  );
  return connected;
}

describe('served over Streamable HTTP with inbound auth', () => {
  it('refuses a caller without a token', async () => {
    await expect(client()).rejects.toThrow();
  });

  it("lists and calls only what the caller's scopes allow, and never forwards the caller's token", async () => {
    const reader = await client('reader-token');
    try {
      const { tools } = await reader.listTools();
      const names = tools.map((tool) => tool.name);
      expect(names).toContain('with_bearer');
      expect(names).not.toContain('upload');
      expect(names).not.toContain('reset');
      const result = await reader.callTool({ name: 'with_bearer', arguments: {} });
      expect(textOf(result)).toContain('"authorization":"Bearer backend-token"');
      expect(textOf(result)).not.toContain('reader-token');
    } finally {
      await reader.close();
    }
  });
});
