import { textOf } from '@backend2mcp/test-support';
import { describe, expect, it } from 'vitest';
import { OpenApiMcpAdapter } from '../src/index.js';
import { itServesLikeHttp, type PythonCallCase, servePythonApp } from './support/python-app.js';

const app = servePythonApp('fastapi_app.py', '/openapi.json', {
  credentials: { APIKeyHeader: 'sekret' },
  // The documents' response schemas are right for these apps: publish them (core's rule is opt-in).
  outputSchemas: 'declared',
});

/** Every tool the app has, called through MCP and over plain HTTP. */
const CASES: PythonCallCase[] = [
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
  itServesLikeHttp(app, CASES);

  it('lists one tool per operation, named by operationId, credentials never among the arguments', async () => {
    const { tools } = await app.client.listTools();
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

  it('gives JSON answers as structured content matching the output schema', async () => {
    const result = await app.client.callTool({ name: 'get_item', arguments: { item_id: 3 } });
    expect(result.structuredContent).toEqual({ id: 3, name: 'pen', price: 1.2, tags: ['office'] });
  });

  it('keeps a path value in its segment: ../secret never reaches /secret', async () => {
    const result = await app.client.callTool({ name: 'read_file', arguments: { name: '../secret' } });
    expect(textOf(result)).not.toContain('treasure');
    const direct = await app.client.callTool({ name: 'read_file', arguments: { name: 'a?b#c' } });
    expect(direct.structuredContent).toEqual({ name: 'a?b#c' });
  });

  it('without credentials for the scheme, the protected route answers 401 as an error result', async () => {
    const anonymous = new OpenApiMcpAdapter({ document: app.backend.documentUrl, onWarning: () => {} });
    try {
      const result = await anonymous.callTool('read_secret', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('HTTP 401');
    } finally {
      await anonymous.close();
    }
  });
});
