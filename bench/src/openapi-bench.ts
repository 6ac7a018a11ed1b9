/**
 * `pnpm bench:openapi`: @backend2mcp/openapi against its floor and its peer.
 *
 * Per call, like for like, the same backend (the Fastify bench app, served on
 * loopback) is called: with plain `fetch` (the floor); through backend2mcp's
 * OpenAPI CLI over stdio and over Streamable HTTP, each in its own process;
 * through `@ivotoby/openapi-mcp-server` over stdio and over its own Streamable
 * HTTP, from the same OpenAPI document; and, for reference, through the
 * OpenAPI adapter in this process (InMemory). Then `tools/list` on a
 * generated 2,000-operation document, measured the way the scale phase
 * measures the adapters. Settings: BENCH_ROUNDS, BENCH_TIME_MS, BENCH_WARMUP_MS.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OpenApiMcpAdapter } from '@backend2mcp/openapi';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { largeDocument } from '../../packages/openapi/test/support/large-document.js';
import { frameworkBench } from './apps/index.js';
import { NEW_USER, USER_ID } from './business.js';
import {
  type Connection,
  callOk,
  connectHttp,
  connectInMemory,
  connectPeerHttp,
  connectPeerStdio,
} from './clients.js';
import { type LatencyTask, measureLatencies, median, roundRatio } from './measure.js';
import { benchOpenApiDocument } from './openapi.js';

const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 5),
  timeMs: Number(process.env.BENCH_TIME_MS ?? 2000),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 500),
};
const log = (line: string) => process.stderr.write(`${line}\n`);

function cliBin(): string {
  return join(
    dirname(createRequire(import.meta.url).resolve('@backend2mcp/cli/package.json')),
    'dist',
    'bin.js',
  );
}

async function ours(specPath: string, transport: 'stdio' | 'http'): Promise<Connection> {
  if (transport === 'stdio') {
    const client = new Client({ name: 'backend2mcp-bench', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliBin(), 'run', '--openapi', specPath],
        stderr: 'ignore',
      }),
    );
    return { client, close: () => client.close() };
  }
  const child = spawn(process.execPath, [
    cliBin(),
    'run',
    '--openapi',
    specPath,
    '--transport',
    'http',
    '--port',
    '0',
  ]);
  const exited = once(child, 'exit');
  const url = await new Promise<URL>((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      const match = /MCP at (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', () => reject(new Error(stderr)));
  });
  const connection = await connectHttp(url);
  return {
    client: connection.client,
    close: async () => {
      await connection.close();
      child.kill();
      await exited;
    },
  };
}

async function perCall(): Promise<void> {
  const app = await frameworkBench('fastify').create();
  const backend = await app.listenHttp();
  const directory = mkdtempSync(join(tmpdir(), 'backend2mcp-openapi-bench-'));
  const specPath = join(directory, 'openapi.json');
  writeFileSync(specPath, JSON.stringify(benchOpenApiDocument(backend.baseUrl)));
  const adapter = new OpenApiMcpAdapter({ document: specPath, onWarning: () => {} });
  await adapter.ready();
  const contenders: Array<[string, Connection, { get: string; post: string }]> = [];
  const names = { get: 'get_users_by_id', post: 'post_users' };
  const peerNames = { get: 'get-users-by-id', post: 'post-users' };
  log('setting up contenders');
  contenders.push(['backend2mcp openapi, InMemory', await connectInMemory(adapter), names]);
  contenders.push(['backend2mcp openapi CLI, stdio', await ours(specPath, 'stdio'), names]);
  contenders.push(['backend2mcp openapi CLI, HTTP', await ours(specPath, 'http'), names]);
  contenders.push([
    'peer (@ivotoby/openapi-mcp-server), stdio',
    await connectPeerStdio(backend.baseUrl, join(directory, 'peer.json')),
    peerNames,
  ]);
  contenders.push([
    'peer (@ivotoby/openapi-mcp-server), HTTP',
    await connectPeerHttp(backend.baseUrl, join(directory, 'peer.json')),
    peerNames,
  ]);
  const body = JSON.stringify(NEW_USER);
  const fetchCheck = async (response: Response, status: number) => {
    await response.arrayBuffer();
    if (response.status !== status) throw new Error(`fetch: ${response.status}`);
  };
  const tasks: LatencyTask[] = [
    {
      id: 'floor: fetch:get',
      fn: async () => fetchCheck(await fetch(`${backend.baseUrl}/users/${USER_ID}`), 200),
    },
    {
      id: 'floor: fetch:post',
      fn: async () =>
        fetchCheck(
          await fetch(`${backend.baseUrl}/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }),
          201,
        ),
    },
  ];
  for (const [label, connection, tools] of contenders) {
    tasks.push(
      { id: `${label}:get`, fn: () => callOk(connection.client, tools.get, { id: USER_ID }) },
      { id: `${label}:post`, fn: () => callOk(connection.client, tools.post, { ...NEW_USER }) },
    );
  }
  log(`measuring ${tasks.length} tasks, ${settings.rounds} rounds of ${settings.timeMs} ms`);
  const stats = await measureLatencies(tasks, settings, (round) => log(`  round ${round + 1}`));
  const row = (id: string) => stats.get(id)!;
  process.stdout.write(
    '\n| contender | GET p50 (us) | POST p50 (us) | GET p99 (us) | vs peer, same transport (GET / POST) |\n| --- | --- | --- | --- | --- |\n',
  );
  for (const id of ['floor: fetch', ...contenders.map(([label]) => label)]) {
    const transport = id.endsWith('stdio') ? 'stdio' : id.endsWith('HTTP') ? 'HTTP' : undefined;
    const peer =
      transport && !id.startsWith('peer') ? `peer (@ivotoby/openapi-mcp-server), ${transport}` : undefined;
    const versus = peer
      ? `${(1 / roundRatio(row(`${id}:get`), row(`${peer}:get`))).toFixed(2)}x / ${(1 / roundRatio(row(`${id}:post`), row(`${peer}:post`))).toFixed(2)}x faster`
      : '';
    process.stdout.write(
      `| ${id} | ${row(`${id}:get`).p50Us.toFixed(0)} | ${row(`${id}:post`).p50Us.toFixed(0)} | ${row(`${id}:get`).p99Us.toFixed(0)} | ${versus} |\n`,
    );
  }
  for (const [, connection] of contenders) await connection.close();
  await adapter.close();
  await backend.close();
}

async function toolsList(operations: number): Promise<void> {
  const repeats = 9;
  const document = largeDocument(operations);
  let start = performance.now();
  const adapter = new OpenApiMcpAdapter({ document, validate: false, onWarning: () => {} });
  await adapter.ready();
  const buildMs = performance.now() - start;
  start = performance.now();
  const validating = new OpenApiMcpAdapter({ document, onWarning: () => {} });
  await validating.ready();
  const validatedBuildMs = performance.now() - start;
  await validating.close();
  const connection = await connectInMemory(adapter);
  const firstPage = () => connection.client.request({ method: 'tools/list', params: {} });
  start = performance.now();
  await firstPage();
  const firstListMs = performance.now() - start;
  const pageTimes: number[] = [];
  for (let i = 0; i < repeats; i++) {
    start = performance.now();
    await firstPage();
    pageTimes.push(performance.now() - start);
  }
  const walkTimes: number[] = [];
  for (let i = 0; i < repeats; i++) {
    start = performance.now();
    const { tools } = await connection.client.listTools();
    walkTimes.push(performance.now() - start);
    if (tools.length !== operations) throw new Error(`listTools gave ${tools.length}`);
  }
  const request = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/list',
    params: {
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' },
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  });
  const serverTimes: number[] = [];
  for (let i = 0; i < repeats; i++) {
    start = performance.now();
    const response = await adapter.server.fetch(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': 'tools/list',
        },
        body: request,
      }),
    );
    await response.text();
    serverTimes.push(performance.now() - start);
  }
  await connection.close();
  await adapter.close();
  process.stdout.write(
    `\n| ${operations} operations | ms |\n| --- | --- |\n` +
      `| document read + tools built (no validation) | ${buildMs.toFixed(0)} |\n` +
      `| same with validation (@readme/openapi-parser) | ${validatedBuildMs.toFixed(0)} |\n` +
      `| first tools/list (page of 500, SDK client, InMemory) | ${firstListMs.toFixed(1)} |\n` +
      `| tools/list, median of ${repeats} (page of 500, SDK client, InMemory) | ${median(pageTimes).toFixed(1)} |\n` +
      `| tools/list, server only (page of 500, fetch handler, 2026-07-28) | ${median(serverTimes).toFixed(1)} |\n` +
      `| whole list, ${operations / 500} pages (SDK client listTools) | ${median(walkTimes).toFixed(1)} |\n`,
  );
}

const phase = process.argv[2] ?? 'all';
if (phase === 'all' || phase === 'per-call') await perCall();
if (phase === 'all' || phase === 'list') await toolsList(2000);
