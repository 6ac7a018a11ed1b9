/**
 * One scale measurement in a fresh process (so heap numbers belong to this
 * app alone and every build is as cold as at a real server's start):
 * `scale-child.ts <framework> <routes> <listRepeats>`. Run with `--expose-gc`.
 * Prints one JSON line of {@link ScaleSample} on stdout.
 */
import { performance } from 'node:perf_hooks';
import { type Framework, frameworkBench } from './apps/index.js';
import { connectInMemory } from './clients.js';
import { median } from './measure.js';
import { jsonRpcBody, listToolsRaw, STATELESS_HEADERS } from './raw-http.js';

/** What one child measures. */
export interface ScaleSample {
  framework: Framework;
  routes: number;
  tools: number;
  /** The framework registering the routes (and booting, for Fastify): not backend2mcp's cost, shown for scale. */
  appBuildMs: number;
  /** `new McpAdapter(app)`, route extraction and tool building, up to a ready `tools/list` answer. */
  buildMs: number;
  /** Heap kept by the adapter and its tools after GC, bytes. */
  heapBytes: number;
  /** RSS growth over the build, bytes. */
  rssBytes: number;
  /** First `tools/list` through the SDK client over InMemory (includes the one-off listing work). */
  firstListMs: number;
  /** Median warm `tools/list` through the SDK client over InMemory. */
  listMs: number;
  /** Median warm `tools/list` answered in process by `server.fetch(Request)`, body read: the server's share alone. */
  serverListMs: number;
  /** Median warm `tools/list` as one raw JSON-RPC POST over loopback HTTP, response parsed (no SDK client). */
  rawHttpListMs: number;
  /** Size of that raw response body, bytes. */
  listBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run scale-child with --expose-gc');

function settledHeap(): { heap: number; rss: number } {
  gc!();
  gc!();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

async function main(): Promise<void> {
  const [framework, routesText, repeatsText] = process.argv.slice(2);
  const routes = Number(routesText);
  const repeats = Number(repeatsText ?? 5);
  const bench = frameworkBench(framework as Framework);

  const appStart = performance.now();
  const scaled = await bench.createScaled(routes);
  const appBuildMs = performance.now() - appStart;

  const before = settledHeap();
  const buildStart = performance.now();
  const adapter = await scaled.createAdapter();
  await adapter.server.prepare();
  const tools = adapter.server.tools.length;
  const buildMs = performance.now() - buildStart;
  const after = settledHeap();
  if (tools !== routes) throw new Error(`${framework}: ${tools} tools for ${routes} routes`);

  const connection = await connectInMemory(adapter);
  let start = performance.now();
  const first = await connection.client.listTools();
  const firstListMs = performance.now() - start;
  if (first.tools.length !== routes) throw new Error(`${framework}: tools/list gave ${first.tools.length}`);
  const listTimes: number[] = [];
  for (let index = 0; index < repeats; index++) {
    start = performance.now();
    await connection.client.listTools();
    listTimes.push(performance.now() - start);
  }
  await connection.close();

  const serverTimes: number[] = [];
  for (let index = 0; index <= repeats; index++) {
    start = performance.now();
    const response = await adapter.server.fetch(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: STATELESS_HEADERS,
        body: jsonRpcBody('tools/list', {}),
      }),
    );
    const text = await response.text();
    if (index > 0) serverTimes.push(performance.now() - start);
    if (response.status !== 200 || !text.includes(`get_r${routes - 1}_items`)) {
      throw new Error(`${framework}: in-process tools/list failed: ${response.status}`);
    }
  }

  const listening = await adapter.listen({ port: 0 });
  const rawTimes: number[] = [];
  let listBytes = 0;
  for (let index = 0; index <= repeats; index++) {
    start = performance.now();
    const listed = await listToolsRaw(listening.url);
    // The first request pays for connecting; it is not a listing cost.
    if (index > 0) rawTimes.push(performance.now() - start);
    if (listed.count !== routes) throw new Error(`${framework}: raw tools/list gave ${listed.count}`);
    listBytes = listed.bytes;
  }
  await listening.close();

  const sample: ScaleSample = {
    framework: bench.framework,
    routes,
    tools,
    appBuildMs,
    buildMs,
    heapBytes: after.heap - before.heap,
    rssBytes: after.rss - before.rss,
    firstListMs,
    listMs: median(listTimes),
    serverListMs: median(serverTimes),
    rawHttpListMs: median(rawTimes),
    listBytes,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
