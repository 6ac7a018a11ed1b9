/**
 * The `@backend2mcp/fastify/register` preload against the BUILT package (dist), in
 * real child processes: a CommonJS app under `--require` and an ESM app under
 * `--import`, each creating its instance and routes before it loads the adapter.
 * The preload and the adapter are then different copies of the collector (ESM and
 * CommonJS builds, or two CommonJS bundles); they must share one route store.
 * Build first: `pnpm --filter @backend2mcp/fastify run build`.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('./fixtures/module-systems/', import.meta.url));
const TOOLS = ['get_health', 'get_api_users_by_id', 'post_notes'];

const open: Client[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});

/** Starts `node ...args` in the fixtures folder (so `@backend2mcp/fastify` resolves to this package's dist). */
async function start(args: string[]): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    cwd: fixtures,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'register-test', version: '1.0.0' });
  await client.connect(transport);
  open.push(client);
  return { client, stderr: () => stderr };
}

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name).sort();
}

function json(result: Awaited<ReturnType<Client['callTool']>>): unknown {
  const [first] = result.content as Array<{ type: string; text: string }>;
  return JSON.parse(first?.text ?? 'null');
}

describe.each([
  { system: 'CommonJS', args: ['--require', '@backend2mcp/fastify/register', 'app.cjs'] },
  { system: 'ESM', args: ['--import', '@backend2mcp/fastify/register', 'app.mjs'] },
  { system: 'CommonJS app under --import', args: ['--import', '@backend2mcp/fastify/register', 'app.cjs'] },
])('register preload, $system', ({ args }) => {
  it('lists the root routes and the prefixed plugin route, and calls both', async () => {
    const { client, stderr } = await start(args);
    expect(await toolNames(client)).toEqual([...TOOLS].sort());

    const health = await client.callTool({ name: 'get_health', arguments: {} });
    // request.mcp is the decorator the preload's copy added; the adapter's copy bound the call.
    expect(json(health)).toEqual({ ok: true, tool: 'get_health' });
    const user = await client.callTool({ name: 'get_api_users_by_id', arguments: { id: '7' } });
    expect(json(user)).toEqual({ id: '7', tool: 'get_api_users_by_id' });
    const note = await client.callTool({ name: 'post_notes', arguments: { text: 'hi' } });
    expect(json(note)).toEqual({ created: 'hi' });
    expect(stderr()).not.toContain('WARN');
  });
});

describe('without the preload', () => {
  it('finds the plugin route declared at boot and warns that the root routes were missed', async () => {
    const { client, stderr } = await start(['app.cjs']);
    expect(await toolNames(client)).toEqual(['get_api_users_by_id']);
    expect(stderr()).toContain('WARN backend2mcp: skipped routes declared before the adapter:');
    expect(stderr()).toContain('node --require @backend2mcp/fastify/register');
  });

  it('does not warn when the adapter came before any route', async () => {
    const { client, stderr } = await start(['adapter-first.cjs']);
    expect(await toolNames(client)).toEqual(['get_api_users_by_id', 'get_health']);
    const health = await client.callTool({ name: 'get_health', arguments: {} });
    expect(json(health)).toEqual({ ok: true, tool: 'get_health' });
    expect(stderr()).not.toContain('WARN');
  });
});
