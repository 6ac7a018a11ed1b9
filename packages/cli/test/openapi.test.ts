import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Cleanups } from '@backend2mcp/test-support';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The real CLI, built, in a child process; the backend a real HTTP server that echoes what it got.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const petstore = fileURLToPath(new URL('./fixtures/petstore.yaml', import.meta.url));
const cleanups = new Cleanups();
afterEach(() => cleanups.run());

let origin = '';
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ url: req.url, key: req.headers.api_key ?? null }));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      encoding: 'utf8',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function stdioClient(args: string[], env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, 'run', ...args],
    stderr: 'pipe',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const client = new Client({ name: 'cli-test', version: '1.0.0' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  await client.connect(transport).catch((error: Error) => {
    throw new Error(`${error.message}: ${stderr}`);
  });
  cleanups.add(() => client.close());
  return client;
}

describe('backend2mcp --openapi', () => {
  it('list prints the tools with their document paths and an estimate of the list in tokens', async () => {
    const { code, stdout } = await cli('list', '--openapi', petstore, '--base-url', origin);
    expect(code).toBe(0);
    expect(stdout).toContain('getPet     GET     /pets/{petId}');
    expect(stdout).toMatch(/2 tools from .*petstore\.yaml \(calls go to http:\/\/127\.0\.0\.1:\d+\/\)\./);
    expect(stdout).toMatch(/The tool list is about \d+ tokens/);
  });

  it('run serves the tools over stdio and sends calls, with the credential from the environment, to --base-url', async () => {
    const client = await stdioClient(
      ['--openapi', petstore, '--base-url', origin, '--credential', 'key=env:PETS_KEY'],
      { PETS_KEY: 'k-123' },
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['getPet', 'updatePet']);
    const result = await client.callTool({ name: 'updatePet', arguments: { petId: 7, name: 'Rex' } });
    expect(result.structuredContent).toEqual({ url: '/pets/7', key: 'k-123' });
  });

  it('run --watch reads the document again and tells the client when the tools change', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'b2m-watch-'));
    cleanups.add(() => rmSync(directory, { recursive: true, force: true }));
    const document = join(directory, 'api.yaml');
    copyFileSync(petstore, document);
    const client = await stdioClient(['--openapi', document, '--base-url', origin, '--watch', '100']);
    expect((await client.listTools()).tools).toHaveLength(2);
    const changed = new Promise<void>((resolve) =>
      client.setNotificationHandler('notifications/tools/list_changed', () => resolve()),
    );
    writeFileSync(
      document,
      readFileSync(document, 'utf8').replace('operationId: updatePet', 'operationId: renamePet'),
    );
    await changed;
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['getPet', 'renamePet']);
  });

  it('config prints the client snippet that runs the document', async () => {
    const { stdout } = await cli('config', 'cursor', '--openapi', 'http://127.0.0.1:8000/openapi.json');
    expect(JSON.parse(stdout)).toEqual({
      mcpServers: {
        backend2mcp: {
          command: 'npx',
          args: ['-y', '@backend2mcp/cli', 'run', '--openapi', 'http://127.0.0.1:8000/openapi.json'],
        },
      },
    });
  });

  it('fails at start, in one line, when the document cannot be fetched', async () => {
    const { code, stderr } = await cli('list', '--openapi', 'http://127.0.0.1:1/openapi.json');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'backend2mcp: Cannot fetch the OpenAPI document http://127.0.0.1:1/openapi.json: fetch failed. Is the backend running?\n',
    );
  });
});
