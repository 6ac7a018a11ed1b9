import { textOf } from '@backend2mcp/test-support';
import { describe, expect, it } from 'vitest';
import { itServesLikeHttp, type PythonCallCase, servePythonApp } from './support/python-app.js';

const app = servePythonApp('flask_app.py', '/apispec_1.json', {
  // flasgger's document names no host: calls go where the document came from.
  credentials: { token: 'sekret' },
  // The documents' response schemas are right for these apps: publish them (core's rule is opt-in).
  outputSchemas: 'declared',
});

const CASES: PythonCallCase[] = [
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
  itServesLikeHttp(app, CASES);

  it('lists one tool per operation with Swagger 2.0 parameters, bodies and forms as arguments', async () => {
    const { tools } = await app.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('create_item')!.inputSchema).toMatchObject({
      properties: { name: { type: 'string' }, price: { type: 'number' } },
      required: ['name', 'price'],
    });
    expect(byName.get('add_note')!.inputSchema.required).toEqual(['title']);
    expect(byName.get('read_secret')!.inputSchema.properties).toEqual({});
    expect(byName.get('get_item')!.outputSchema).toMatchObject({ required: ['id', 'name', 'price'] });
  });

  it('filters with the csv array exactly as the app reads it', async () => {
    const result = await app.client.callTool({ name: 'list_items', arguments: { tags: ['office'] } });
    expect(JSON.parse(textOf(result))).toEqual([{ id: 3, name: 'pen', price: 1.2, tags: ['office'] }]);
  });
});
