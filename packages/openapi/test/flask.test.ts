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
  backend = await startPythonBackend('flask_app.py', '/apispec_1.json');
  adapter = new OpenApiMcpAdapter({
    document: backend.documentUrl,
    // flasgger's document names no host: calls go where the document came from.
    credentials: { token: 'sekret' },
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

const CASES: CallCase[] = [
  { tool: 'get_item', args: { item_id: 2 }, http: { path: '/items/2' } },
  { tool: 'get_item', args: { item_id: 42 }, http: { path: '/items/42' } },
  // Swagger 2.0's default collectionFormat is csv: one comma-separated value.
  {
    tool: 'list_items',
    args: { tags: ['light', 'office'], limit: 5 },
    http: { path: '/items?tags=light,office&limit=5' },
  },
  {
    tool: 'create_item',
    args: { name: 'cup', price: 3.5 },
    http: {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cup', price: 3.5 }),
    },
  },
  {
    tool: 'add_note',
    args: { title: 'a&b=c', text: 'line one\nline two' },
    http: {
      method: 'POST',
      path: '/notes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'a&b=c', text: 'line one\nline two' }).toString(),
    },
  },
  { tool: 'read_secret', args: {}, http: { path: '/secret', headers: { 'x-token': 'sekret' } } },
  { tool: 'fail', args: { status: 418 }, http: { path: '/fail/418' } },
];

describe('a Flask app documented by flasgger (Swagger 2.0), served by werkzeug', () => {
  it('lists one tool per operation with Swagger 2.0 parameters, bodies and forms as arguments', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...new Set(CASES.map((c) => c.tool))].sort());
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('create_item')!.inputSchema).toMatchObject({
      properties: { name: { type: 'string' }, price: { type: 'number' } },
      required: ['name', 'price'],
    });
    expect(byName.get('add_note')!.inputSchema.required).toEqual(['title']);
    expect(byName.get('read_secret')!.inputSchema.properties).toEqual({});
    expect(byName.get('get_item')!.outputSchema).toMatchObject({ required: ['id', 'name', 'price'] });
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

  it('filters with the csv array exactly as the app reads it', async () => {
    const result = await client.callTool({ name: 'list_items', arguments: { tags: ['office'] } });
    expect(JSON.parse(textOf(result))).toEqual([{ id: 3, name: 'pen', price: 1.2, tags: ['office'] }]);
  });
});
