import { McpAdapter } from '@backend2mcp/koa';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

describe('the example Koa API as an MCP server', () => {
  it('exposes its routes and answers through its own middleware', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = new McpAdapter(createApp()).connect(serverSide);
    const client = new Client({ name: 'example-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([
        'get_books',
        'get_books_by_id',
        'post_books',
        'get_books_by_book_id_reviews',
        'get_boom',
      ]);
      const created = await client.callTool({
        name: 'post_books',
        arguments: { title: 'Emma', author: 'Jane Austen' },
      });
      expect(created.structuredContent).toEqual({ id: '2', title: 'Emma', author: 'Jane Austen' });
      const reviews = await client.callTool({
        name: 'get_books_by_book_id_reviews',
        arguments: { bookId: '1' },
      });
      expect(reviews.structuredContent).toEqual({ bookId: '1', reviews: ['A classic.'] });
      const boom = await client.callTool({ name: 'get_boom', arguments: {} });
      expect(boom).toMatchObject({
        isError: true,
        content: [
          {
            type: 'text',
            text: 'HTTP 500 Internal Server Error\n{"error":"Something broke in the handler"}',
          },
        ],
      });
    } finally {
      await client.close();
      await handle.close();
    }
  });
});
