import { fileURLToPath } from 'node:url';
import { PROTOCOL_ERAS } from '@backend2mcp/test-support';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

const serverScript = fileURLToPath(new URL('./fixtures/stdio-server.ts', import.meta.url));
const clients: Client[] = [];
afterEach(async () => {
  while (clients.length) await clients.pop()!.close();
});

describe.each(PROTOCOL_ERAS)(
  'express adapter over stdio (spawned process), protocol %s',
  (version, clientOptions) => {
    it('lists and calls tools of the real app in a child process', async () => {
      const stderr: string[] = [];
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', serverScript],
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      const client = new Client({ name: 'test', version: '1.0.0' }, clientOptions);
      await client.connect(transport);
      clients.push(client);

      expect(client.getNegotiatedProtocolVersion()).toBe(version);
      expect(client.getServerVersion()?.name).toBe('users-stdio');
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('get_users_by_id');
      const result = await client.callTool({ name: 'get_users_by_id', arguments: { id: '1' } });
      expect(result.structuredContent).toMatchObject({ id: '1', name: 'Ada', viaMcp: 'get_users_by_id' });
      const cancelled = new AbortController();
      const slow = client.callTool({ name: 'get_slow', arguments: {} }, { signal: cancelled.signal });
      setTimeout(() => cancelled.abort(), 100);
      await expect(slow).rejects.toThrow();
      expect(stderr.join('')).toContain('stdio fixture: starting');
    }, 30_000);
  },
);
