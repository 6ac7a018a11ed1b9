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
import { STATELESS_HEADERS, walkPages } from './raw-http.js';

/** backend2mcp's default `tools/list` page size. */
const PAGE_SIZE = 500;

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
  /** Pages `tools/list` answers at this size (the server's page size is 500). */
  pages: number;
  /** First `tools/list` request through the SDK client over InMemory: page one, including the one-off listing work. */
  firstListMs: number;
  /** Median warm `tools/list` request (page one) through the SDK client over InMemory: what one request costs. */
  listMs: number;
  /** Median warm whole list through the SDK client's `listTools()`, which walks every page and validates every tool. */
  walkMs: number;
  /** Median warm whole list answered in process, one `server.fetch(Request)` per page, bodies read as text (only the cursor picked out): the server's share alone. */
  serverWalkMs: number;
  /** Median warm whole list as raw JSON-RPC POSTs over loopback HTTP, one per page, responses parsed (no SDK client). */
  rawHttpWalkMs: number;
  /** Size of all pages' raw response bodies together, bytes. */
  listBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run scale-child with --expose-gc');

/** Median of `repeats` timed runs of `run`, in ms. */
async function medianTime(repeats: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

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
  const firstPage = () =>
    connection.client.request({ method: 'tools/list', params: {} }) as Promise<{ tools: unknown[] }>;
  const start = performance.now();
  const first = await firstPage();
  const firstListMs = performance.now() - start;
  if (first.tools.length !== Math.min(routes, PAGE_SIZE)) {
    throw new Error(`${framework}: the first tools/list page has ${first.tools.length} tools`);
  }
  const listMs = await medianTime(repeats, firstPage);
  const walkMs = await medianTime(repeats, async () => {
    const { tools: listed } = await connection.client.listTools();
    if (listed.length !== routes) throw new Error(`${framework}: listTools() gave ${listed.length}`);
  });
  await connection.close();

  const inProcess = (body: string) =>
    adapter.server.fetch(
      new Request('http://127.0.0.1/mcp', { method: 'POST', headers: STATELESS_HEADERS, body }),
    );
  // Checked once whole; the timed walks read each page as text and pick out the cursor (the server's share alone).
  const checked = await walkPages(inProcess);
  if (checked.count !== routes)
    throw new Error(`${framework}: in-process tools/list walk gave ${checked.count}`);
  const serverWalkMs = await medianTime(repeats, () => walkPages(inProcess, { parse: false }));

  const listening = await adapter.listen({ port: 0 });
  let listBytes = 0;
  let pages = 0;
  // The first walk pays for connecting; it is not a listing cost.
  await walkPages((body) => fetch(listening.url, { method: 'POST', headers: STATELESS_HEADERS, body }));
  const rawHttpWalkMs = await medianTime(repeats, async () => {
    const walked = await walkPages((body) =>
      fetch(listening.url, { method: 'POST', headers: STATELESS_HEADERS, body }),
    );
    if (walked.count !== routes)
      throw new Error(`${framework}: raw HTTP tools/list walk gave ${walked.count}`);
    listBytes = walked.bytes;
    pages = walked.pages;
  });
  await listening.close();

  const sample: ScaleSample = {
    framework: bench.framework,
    routes,
    tools,
    appBuildMs,
    buildMs,
    heapBytes: after.heap - before.heap,
    rssBytes: after.rss - before.rss,
    pages,
    firstListMs,
    listMs,
    walkMs,
    serverWalkMs,
    rawHttpWalkMs,
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
