import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Cleanups } from '@backend2mcp/test-support';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

// The real CLI as users run it (the built bin, in a child process) on a Nest
// project written in TypeScript with constructor injection by type.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const project = fileURLToPath(new URL('./fixtures/nest/', import.meta.url));
const cleanups = new Cleanups();
afterEach(() => cleanups.run());

describe('backend2mcp on a NestJS project, from TypeScript source', () => {
  it('runs src/main.ts: the app it bootstraps (prefix, versioning) answers over stdio; its listen() takes a free loopback port, not its own', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, 'run', 'main.ts'],
      cwd: project,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const client = new Client({ name: 'nest-cli-test', version: '1.0.0' });
    await client.connect(transport);
    cleanups.add(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_api_v1_greetings_by_name']);
    const result = await client.callTool({
      name: 'get_api_v1_greetings_by_name',
      arguments: { name: 'Ada' },
    });
    // The controller got its service injected by type: SWC emitted the decorator metadata.
    expect(result.structuredContent).toEqual({ hello: 'Ada', framework: 'nestjs' });
    // Nest's own log lines went to stderr, and main.ts's listen() did not take port 3000.
    expect(stderr).toContain('Mapped {/api/greetings/:name, GET}');
    expect(stderr).toMatch(/listening on http:\/\/127\.0\.0\.1:(?!3000\b)\d+/);
  }, 60_000);

  it('lists the tools of the root module given as app.module.ts', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'list', 'app.module.ts', '--json'], {
      cwd: project,
      encoding: 'utf8',
    });
    const listed = JSON.parse(stdout) as { framework: string; tools: Array<{ name: string; path: string }> };
    expect(listed.framework).toBe('nestjs');
    expect(listed.tools.map((tool) => [tool.name, tool.path])).toEqual([
      ['get_greetings_by_name', '/greetings/:name'],
    ]);
  }, 60_000);
});
