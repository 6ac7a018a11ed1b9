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
  backend = await startPythonBackend('django_app.py', '/openapi');
  adapter = new OpenApiMcpAdapter({
    document: backend.documentUrl,
    credentials: { bearer: 'sekret' },
    // DRF documents every GET of a view without a serializer as a list (spec drift): core's default
    // ('opt-in') publishes no output schema for them, so clients do not validate against it.
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
  { tool: 'retrieveItem', args: { item_id: '1' }, http: { path: '/items/1/' } },
  { tool: 'retrieveItem', args: { item_id: '9' }, http: { path: '/items/9/' } },
  { tool: 'listItems', args: { tag: 'home', limit: 1 }, http: { path: '/items/?tag=home&limit=1' } },
  {
    tool: 'createItem',
    args: { name: 'cup', price: 3.5, tags: ['kitchen'] },
    http: {
      method: 'POST',
      path: '/items/',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cup', price: 3.5, tags: ['kitchen'] }),
    },
  },
  {
    tool: 'createItem',
    args: { name: 'cup', price: 'free' },
    http: {
      method: 'POST',
      path: '/items/',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cup', price: 'free' }),
    },
  },
  { tool: 'listSecrets', args: {}, http: { path: '/secret/', headers: { authorization: 'Bearer sekret' } } },
  { tool: 'retrieveFailure', args: { status: '409' }, http: { path: '/fail/409/' } },
];

describe("a Django REST framework app with DRF's schema view, served by runserver", () => {
  it('lists one tool per operation; read-only serializer fields are not arguments', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...new Set(CASES.map((c) => c.tool))].sort());
    const create = tools.find((tool) => tool.name === 'createItem')!;
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(['name', 'price', 'tags']);
  });

  it('reads a document that validates against its specification, without warnings', async () => {
    await adapter.ready();
    expect(warnings).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.tool} ${JSON.stringify(c.args)}`, c] as const))(
    'answers %s as the route does over HTTP',
    async (_label, call) => {
      if (call.args.price === 'free') {
        // The tool refuses what its schema forbids before the backend sees it.
        const result = await client.callTool({ name: call.tool, arguments: call.args });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('Invalid arguments for createItem');
        return;
      }
      await expectSameAsHttp(client, backend.origin, call);
    },
  );

  it('warns of spec drift once and keeps the success a success, the answer visible', async () => {
    const drift: string[] = [];
    const strict = new OpenApiMcpAdapter({
      document: backend.documentUrl,
      credentials: { bearer: 'sekret' },
      onWarning: (message) => drift.push(message),
    });
    try {
      const result = await strict.callTool('listSecrets', {});
      expect(result.isError ?? false).toBe(false);
      expect(textOf(result)).toContain('the treasure');
      expect(drift.join('\n')).toContain('does not match its declared response schema (must be array');
    } finally {
      await strict.close();
    }
  });

  it('sends the bearer token only from configuration: without it the backend answers 401', async () => {
    const anonymous = new OpenApiMcpAdapter({ document: backend.documentUrl, onWarning: () => {} });
    try {
      const result = await anonymous.callTool('listSecrets', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('HTTP 401');
    } finally {
      await anonymous.close();
    }
  });
});
