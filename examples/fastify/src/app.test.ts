import { McpAdapter } from '@backend2mcp/fastify';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createJsonSchemaApp } from './json-schema-app.js';
import { createZodApp } from './zod-app.js';

async function clientFor(adapter: McpAdapter) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = adapter.connect(serverSide);
  const client = new Client({ name: 'example-test', version: '1.0.0' });
  await client.connect(clientSide);
  const close = async () => {
    await client.close();
    await handle.close();
  };
  return { client, close };
}

describe('the example Fastify APIs as MCP servers', () => {
  it('JSON Schema todos: typed tools, the API-key hook, and created todos', async () => {
    const { client, close } = await clientFor(new McpAdapter(createJsonSchemaApp()));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => [tool.name, tool.title])).toEqual([
        ['get_todos', 'List todos'],
        ['get_todos_by_id', 'Get a todo'],
        ['post_todos', 'Create a todo'],
      ]);
      const denied = await client.callTool({ name: 'post_todos', arguments: { title: 'Ship it' } });
      expect(denied.isError).toBe(true);
      const created = await client.callTool({
        name: 'post_todos',
        arguments: { title: 'Ship it', 'x-api-key': 'dev-key' },
      });
      expect(created.structuredContent).toEqual({ id: 2, title: 'Ship it', done: false });
      const open = await client.callTool({ name: 'get_todos', arguments: { done: false } });
      expect(open.structuredContent).toEqual({
        result: [
          { id: 1, title: 'Write the docs', done: false },
          { id: 2, title: 'Ship it', done: false },
        ],
      });
    } finally {
      await close();
    }
  });

  it('zod books: schemas converted from zod, calls validated by zod', async () => {
    const { client, close } = await clientFor(new McpAdapter(createZodApp()));
    try {
      const { tools } = await client.listTools();
      expect(tools.find((tool) => tool.name === 'post_books')?.inputSchema).toMatchObject({
        properties: { title: { type: 'string', minLength: 1 }, author: { type: 'string', minLength: 1 } },
        required: ['title', 'author'],
      });
      const created = await client.callTool({
        name: 'post_books',
        arguments: { title: 'Emma', author: 'Jane Austen' },
      });
      expect(created.structuredContent).toEqual({ id: 2, title: 'Emma', author: 'Jane Austen' });
    } finally {
      await close();
    }
  });
});
