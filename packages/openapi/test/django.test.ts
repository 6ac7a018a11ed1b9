import { textOf } from '@backend2mcp/test-support';
import { describe, expect, it } from 'vitest';
import { OpenApiMcpAdapter } from '../src/index.js';
import { itServesLikeHttp, type PythonCallCase, servePythonApp } from './support/python-app.js';

const app = servePythonApp('django_app.py', '/openapi', {
  credentials: { bearer: 'sekret' },
  // DRF documents every GET of a view without a serializer as a list (spec drift): core's default
  // ('opt-in') publishes no output schema for them, so clients do not validate against it.
});

const CASES: PythonCallCase[] = [
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
    refusedWith: 'Invalid arguments for createItem',
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
  itServesLikeHttp(app, CASES);

  it('lists one tool per operation; read-only serializer fields are not arguments', async () => {
    const { tools } = await app.client.listTools();
    const create = tools.find((tool) => tool.name === 'createItem')!;
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(['name', 'price', 'tags']);
  });

  it('warns of spec drift once and keeps the success a success, the answer visible', async () => {
    const drift: string[] = [];
    const strict = new OpenApiMcpAdapter({
      document: app.backend.documentUrl,
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
    const anonymous = new OpenApiMcpAdapter({ document: app.backend.documentUrl, onWarning: () => {} });
    try {
      const result = await anonymous.callTool('listSecrets', {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('HTTP 401');
    } finally {
      await anonymous.close();
    }
  });
});
