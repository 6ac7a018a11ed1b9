/**
 * The demo: starts the example API as an MCP server over stdio, exactly as an
 * MCP client would, then lists its tools and calls a few of them with the
 * official SDK client, printing what an AI agent would see.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const serverScript = fileURLToPath(new URL('./server.ts', import.meta.url));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: ['--import', 'tsx', serverScript],
  stderr: 'inherit',
});
const client = new Client({ name: 'backend2mcp-demo', version: '1.0.0' });
await client.connect(transport);

const line = (text = '') => process.stdout.write(`${text}\n`);
const { tools } = await client.listTools();
line(`Connected over stdio (protocol ${client.getNegotiatedProtocolVersion()}). ${tools.length} tools:`);
for (const tool of tools) {
  const hints = tool.annotations?.readOnlyHint
    ? 'read-only'
    : tool.annotations?.destructiveHint
      ? 'destructive'
      : 'writes';
  line(`  ${tool.name.padEnd(42)} ${String(tool.title).padEnd(36)} ${hints}`);
}

async function call(name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  line();
  line(`> ${name} ${JSON.stringify(args)}${result.isError ? '   (isError)' : ''}`);
  for (const block of result.content as Array<{
    type: string;
    text?: string;
    mimeType?: string;
    data?: string;
  }>) {
    if (block.type === 'text') line(`  ${block.text?.replaceAll('\n', '\n  ')}`);
    else line(`  [${block.type} ${block.mimeType}, ${block.data?.length ?? 0} base64 chars]`);
  }
}

await call('get_users', { query: { q: 'ada' } });
await call('post_users', { name: 'Grace Hopper', email: 'grace@example.com' });
await call('get_users_by_id', { id: '3' });
await call('get_orgs_by_org_id_projects_by_project_id', { orgId: 'acme', projectId: 'compiler' });
await call('get_users_by_id_avatar', { id: '1' });
await call('get_users_by_id', { id: '../admin/stats' });
await call('get_admin_stats', {});
await call('get_admin_stats', { 'x-admin-token': 'letmein' });
await call('get_boom', {});

await client.close();
