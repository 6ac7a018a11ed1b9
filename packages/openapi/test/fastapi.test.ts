import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiMcpAdapter } from '../src/index.js';
import { type CallCase, expectSameAsHttp } from './support/differential.js';
import { type PythonBackend, startPythonBackend } from './support/python-backend.js';

const cleanups = new Cleanups();
let backend: PythonBackend;
let adapter: OpenApiMcpAdapter;
let client: Client;
const warnings: string[] = [];

beforeAll(async () => {
  backend = await startPythonBackend('fastapi_app.py', '/openapi.json');
  adapter = new OpenApiMcpAdapter({
    document: backend.documentUrl,
    credentials: { APIKeyHeader: 'sekret' },
    // The documents' response schemas are right for these apps: publish them (core's rule is opt-in).
    outputSchemas: 'declared',
    onWarning: (message) => warnings.push(message),
  });
  client = await connectInMemory(adapter, cleanups);
});

afterAll(async () => {
  await cleanups.run();
  await adapter?.close();
  await backend?.stop();
});

/** Every tool the app has, called through MCP and over plain HTTP. */
const CASES: CallCase[] = [
  { tool: 'get_item', args: { item_id: 1 }, http: { path: '/items/1' } },
  { tool: 'get_item', args: { item_id: 99 }, http: { path: '/items/99' } },
  {
    tool: 'list_items',
    args: { tag: ['light', 'office'], limit: 5 },
    http: { path: '/items?tag=light&tag=office&limit=5' },
  },
  { tool: 'list_items', args: { q: 'de' }, http: { path: '/items?q=de' } },
  {
    tool: 'create_item',
    args: { name: 'cup', price: 3.5, tags: ['kitchen'] },
    http: {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cup', price: 3.5, tags: ['kitchen'] }),
    },
  },
  {
    tool: 'rename_item',
    args: { item_id: 2, body_item_id: 7, name: 'table' },
    http: {
      method: 'PUT',
      path: '/items/2',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item_id: 7, name: 'table' }),
    },
  },
  { tool: 'read_file', args: { name: 'notes v2.txt' }, http: { path: '/files/notes%20v2.txt' } },
  { tool: 'read_file', args: { name: '../secret' }, http: { path: '/files/..%2Fsecret' } },
  {
    tool: 'read_prefs',
    args: { theme: 'dark; admin=1' },
    http: { path: '/prefs', headers: { cookie: 'theme=dark%3B%20admin%3D1' } },
  },
  { tool: 'read_secret', args: {}, http: { path: '/secret', headers: { 'x-api-key': 'sekret' } } },
  { tool: 'fail', args: { status: 503 }, http: { path: '/fail/503' } },
  { tool: 'item_image', args: { item_id: 1 }, http: { path: '/items/1/image' } },
];

describe('a FastAPI app served by uvicorn', () => {
  it('lists one tool per operation, named by operationId, credentials never among the arguments', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...new Set(CASES.map((c) => c.tool))].sort());
    const secret = tools.find((tool) => tool.name === 'read_secret')!;
    expect(secret.inputSchema.properties).toEqual({});
    const rename = tools.find((tool) => tool.name === 'rename_item')!;
    expect(Object.keys(rename.inputSchema.properties ?? {})).toEqual(['item_id', 'body_item_id', 'name']);
    expect(rename.inputSchema.required).toEqual(['item_id', 'body_item_id', 'name']);
    const get = tools.find((tool) => tool.name === 'get_item')!;
    expect(get.title).toBe('Get one item');
    expect(get.annotations).toMatchObject({ readOnlyHint: true });
    expect(get.outputSchema).toMatchObject({
      type: 'object',
      required: ['name', 'price', 'id'],
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
    });
  });

  it('reads a document that validates against its specification, without warnings', async () => {
    await adapter.ready();
    expect(warnings).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.tool} ${JSON.stringify(c.args)}`, c] as const))(
    'answers %s as the route does over HTTP',
    async (_label, call) => {
      await expectSameAsHttp(client, backend.origin, call);
    },
  );

  it('gives JSON answers as structured content matching the output schema', async () => {
    const result = await client.callTool({ name: 'get_item', arguments: { item_id: 3 } });
    expect(result.structuredContent).toEqual({ id: 3, name: 'pen', price: 1.2, tags: ['office'] });
  });

  it('keeps a path value in its segment: ../secret never reaches /secret', async () => {
    const result = await client.callTool({ name: 'read_file', arguments: { name: '../secret' } });
    expect(textOf(result)).not.toContain('treasure');
    const direct = await client.callTool({ name: 'read_file', arguments: { name: 'a?b#c' } });
    expect(direct.structuredContent).toEqual({ name: 'a?b#c' });
  });

  it('without credentials for the scheme, the protected route answers 401 as an error result', async () => {
    const anonymous = new OpenApiMcpAdapter({ document: backend.documentUrl, onWarning: () => {} });
    try {
      const result = await anonymous.callTool('read_secret', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('HTTP 401');
    } finally {
      await anonymous.close();
    }
  });
});
