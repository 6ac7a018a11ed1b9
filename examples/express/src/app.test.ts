import { McpAdapter } from '@backend2mcp/express';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

describe('the example Express API as an MCP server', () => {
  it('exposes its routes and answers through its own middleware and error handler', async () => {
    const adapter = new McpAdapter(createApp());
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = adapter.connect(serverSide);
    const client = new Client({ name: 'example-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([
        'get_users',
        'get_users_by_id',
        'post_users',
        'delete_users_by_id',
        'get_users_by_id_avatar',
        'get_orgs_by_org_id_projects',
        'get_orgs_by_org_id_projects_by_project_id',
        'get_admin_stats',
        'get_boom',
      ]);
      const project = await client.callTool({
        name: 'get_orgs_by_org_id_projects_by_project_id',
        arguments: { orgId: 'acme', projectId: 'compiler' },
      });
      expect(project.structuredContent).toEqual({ orgId: 'acme', projectId: 'compiler', status: 'active' });
      const invalid = await client.callTool({
        name: 'post_users',
        arguments: { name: 'X', email: 'not-an-email' },
      });
      expect(invalid.content).toEqual([
        { type: 'text', text: 'Invalid arguments for post_users: "email" must match format "email".' },
      ]);
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
