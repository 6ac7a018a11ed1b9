/**
 * The server's CPU cost per call over HTTP, measured in process: the Node
 * request handler of each contender (the app itself for the raw route,
 * backend2mcp's MCP endpoint with and without the fast path, the hand-written
 * SDK server behind the SDK's Node bridge) is driven through
 * `dispatchNodeListener` (real `IncomingMessage`/`ServerResponse` on an
 * in-memory socket), sequentially, many times. No sockets, no load generator
 * sharing the CPU: on a machine shared with other work this is the steadiest
 * way to compare what each server spends on a call. HTTP parsing and the
 * kernel's share are not in it (they are the same for every contender).
 *
 * `tsx src/server-cost.ts [calls=3000] [frameworks=express,fastify,hono,koa]`
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeEndpoint, dispatchNodeListener } from '@backend2mcp/core/node';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { Framework, FrameworkBench } from './apps/index.js';
import { USER_ID } from './business.js';
import { ERAS, eraRequest } from './era-requests.js';
import { createHandwrittenServer } from './handwritten.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

async function load(framework: Framework): Promise<FrameworkBench> {
  const module = (await import(`./apps/${framework}.js`)) as Record<string, FrameworkBench>;
  return module[`${framework}Bench`]!;
}

/** Median CPU µs per call over 5 rounds of `calls / 5` sequential calls, after a warmup. */
async function cost(call: () => Promise<void>, calls: number): Promise<number> {
  for (let i = 0; i < Math.min(1000, calls); i++) await call();
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const n = Math.ceil(calls / 5);
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) await call();
    const { user, system } = process.cpuUsage(start);
    rounds.push((user + system) / n);
  }
  rounds.sort((a, b) => a - b);
  return Math.round(rounds[2]!);
}

function mcpCall(listener: Listener, era: string): () => Promise<void> {
  const request = eraRequest(era, 'tools/call', { name: 'get_users_by_id', arguments: { id: USER_ID } });
  const body = new TextEncoder().encode(request.body);
  const headers = { ...request.headers, host: '127.0.0.1', 'content-length': String(body.byteLength) };
  return async () => {
    const response = await dispatchNodeListener(listener as never, {
      method: 'POST',
      url: '/mcp',
      headers,
      body,
    });
    const text = new TextDecoder().decode(response.body);
    if (response.status !== 200 || !text.includes('"structuredContent":{"id":"1"')) {
      throw new Error(`bad answer ${response.status} ${text.slice(0, 200)}`);
    }
  };
}

async function main(): Promise<void> {
  const [callsArg = '3000', list = 'express,fastify,hono,koa'] = process.argv.slice(2);
  const calls = Number(callsArg);
  const lines = [
    '| framework | revision | raw route (floor) µs | backend2mcp µs | `fastPath: false` µs | hand-written SDK µs | floor / backend2mcp |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const handwrittenHandler = createMcpHandler(() => createHandwrittenServer(), { legacy: 'stateless' });
  const handwritten = toNodeHandler(handwrittenHandler) as unknown as Listener;
  const handwrittenCost = new Map<string, number>();
  for (const era of ERAS) handwrittenCost.set(era, await cost(mcpCall(handwritten, era), calls));
  for (const framework of list.split(',') as Framework[]) {
    const app = await (await load(framework)).create();
    const floor = await cost(() => app.floorGet(), calls);
    const fast = createNodeEndpoint(app.adapter.server) as Listener;
    const { options } = app.adapter.server;
    for (const era of ERAS) {
      Object.assign(options, { http: { ...options.http, fastPath: true } });
      const withFast = await cost(mcpCall(fast, era), calls);
      Object.assign(options, { http: { ...options.http, fastPath: false } });
      const withoutFast = await cost(mcpCall(fast, era), calls);
      lines.push(
        `| ${framework} | ${era} | ${floor} | ${withFast} | ${withoutFast} | ${handwrittenCost.get(era)} | ${(floor / withFast).toFixed(2)} |`,
      );
    }
    console.error(`${framework} done`);
  }
  console.log(lines.join('\n'));
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
