/**
 * How the bench connects the official SDK client to each contender: in memory,
 * over Streamable HTTP on loopback, or over stdio to the peer proxy's process.
 * Every connection is the SDK's default client, so each contender is called the
 * way a real MCP client would call it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { InMemoryTransport, type Transport } from '@modelcontextprotocol/server';
import { benchOpenApiDocument } from './openapi.js';

/** An open SDK client and how to close it together with what it connected to. */
export interface Connection {
  client: Client;
  close(): Promise<void>;
}

/** Anything an InMemory transport can be connected to: an adapter or an SDK `McpServer`. */
export interface Connectable {
  connect(transport: Transport): unknown;
}

function newClient(): Client {
  return new Client({ name: 'backend2mcp-bench', version: '1.0.0' });
}

/** The SDK client linked to a server in this process through `InMemoryTransport`. */
export async function connectInMemory(server: Connectable): Promise<Connection> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = (await server.connect(serverSide)) as { close?: () => Promise<void> } | undefined;
  const client = newClient();
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await handle?.close?.();
    },
  };
}

/** The SDK client over Streamable HTTP (keep-alive fetch) to `url`. */
export async function connectHttp(url: URL): Promise<Connection> {
  const client = newClient();
  await client.connect(new StreamableHTTPClientTransport(url));
  return { client, close: () => client.close() };
}

/** Path of the peer proxy's CLI inside node_modules. */
function peerBin(): string {
  const manifest = createRequire(import.meta.url).resolve('@ivotoby/openapi-mcp-server/package.json');
  return join(dirname(manifest), 'bin', 'mcp-server.js');
}

/** The peer's arguments common to both transports: the app's document and base URL, abbreviation off. */
function peerArgs(baseUrl: string, specPath: string): string[] {
  writeFileSync(specPath, JSON.stringify(benchOpenApiDocument(baseUrl)));
  return [
    peerBin(),
    '--api-base-url',
    baseUrl,
    '--openapi-spec',
    specPath,
    '--disable-abbreviation',
    'true',
    '--verbose',
    'false',
  ];
}

/**
 * Spawns `@ivotoby/openapi-mcp-server` over stdio, pointed at the bench app's
 * OpenAPI document (written to `specPath`) and its loopback base URL, with
 * abbreviation off so tool names follow the operation ids.
 */
export async function connectPeerStdio(baseUrl: string, specPath: string): Promise<Connection> {
  const client = newClient();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: peerArgs(baseUrl, specPath),
    stderr: 'ignore',
  });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

/** A TCP port that was free a moment ago (the peer takes a port number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts TCP connections on the port (the peer's HTTP server is up). */
async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`peer proxy did not listen on ${port}`);
    await sleep(100);
  }
}

/** The same peer proxy with its own Streamable HTTP transport on loopback, for an HTTP-to-HTTP comparison. */
export async function connectPeerHttp(baseUrl: string, specPath: string): Promise<Connection> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...peerArgs(baseUrl, specPath), '--transport', 'http', '--host', '127.0.0.1', '--port', String(port)],
    { stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  try {
    await waitForPort(port);
    const connection = await connectHttp(new URL(`http://127.0.0.1:${port}/mcp`));
    return {
      client: connection.client,
      close: async () => {
        await connection.close();
        child.kill();
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** Calls a tool and throws unless it succeeded, so a broken contender cannot look fast. */
export async function callOk(client: Client, name: string, args: Record<string, unknown>): Promise<void> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} answered isError: ${JSON.stringify(result.content)}`);
}
