import { fileURLToPath } from 'node:url';
import { Cleanups } from '@backend2mcp/test-support';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const app = fileURLToPath(new URL('./fixtures/session-app.ts', import.meta.url));
const cleanups = new Cleanups();
afterEach(() => cleanups.run());

async function stdioClient(...flags: string[]) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, 'run', app, ...flags],
    stderr: 'pipe',
  });
  const client = new Client({ name: 'cli-cookies-test', version: '1.0.0' });
  await client.connect(transport);
  cleanups.add(() => client.close());
  return client;
}

describe('backend2mcp run --cookies', () => {
  it('keeps the session cookie of a login for the rest of the connection', async () => {
    const client = await stdioClient('--cookies');
    await client.callTool({ name: 'post_login', arguments: { body: { user: 'ada' } } });
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.structuredContent).toEqual({ sid: 'session-of-ada' });
  }, 30_000);

  it('keeps no cookies without the flag', async () => {
    const client = await stdioClient();
    await client.callTool({ name: 'post_login', arguments: { body: { user: 'ada' } } });
    expect((await client.callTool({ name: 'get_me', arguments: {} })).isError).toBe(true);
  }, 30_000);
});
