/**
 * Turns a run's results into docs/benchmarks.md and the data of its chart.
 * Everything printed is computed from the results JSON, so a report can be
 * rendered again from a saved run (`--report <file>`) without measuring.
 */
import { FRAMEWORKS } from './apps/index.js';
import type { BarChart } from './chart-svg.js';
import { type LatencyStats, roundRatio } from './measure.js';
import type { PerCallResults, RouteKind } from './per-call.js';
import type { BenchResults } from './results.js';
import {
  buildGrowth,
  checkTargets,
  lateRssGrowth,
  noGrowthTrend,
  overheadRatio,
  peerSpeedup,
  percent,
  signedMb,
  type TargetCheck,
} from './targets.js';

const us = (stats: LatencyStats) => formatUs(stats.p50Us);
const x = (value: number) => `${value.toFixed(2)}x`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)}`;

function formatUs(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function verdict(check: TargetCheck): string {
  if (check.met === undefined) return 'not measured';
  return check.met ? '**met**' : '**missed**';
}

function perCallTable(perCall: PerCallResults, route: RouteKind): string {
  const hand = perCall.handwritten;
  const rows = FRAMEWORKS.map(({ framework }) => {
    const row = perCall.frameworks[framework];
    return [
      framework,
      us(row.floor[route]),
      us(row.directHttp[route]),
      us(row.callTool[route]),
      us(row.inMemory[route]),
      x(roundRatio(row.inMemory[route], row.floor[route])),
      x(overheadRatio(perCall, framework, route)),
      us(row.http[route]),
      us(row.peer[route]),
      us(row.peerHttp[route]),
      x(peerSpeedup(perCall, framework, route)),
      x(roundRatio(row.peerHttp[route], row.http[route])),
    ];
  });
  rows.push([
    'hand-written SDK `McpServer`',
    '-',
    '-',
    '-',
    us(hand.inMemory[route]),
    '-',
    '-',
    us(hand.http[route]),
    '-',
    '-',
    '-',
    '-',
  ]);
  return table(
    [
      'framework',
      'floor (in-process dispatch)',
      'app over loopback HTTP, no MCP',
      'backend2mcp `server.callTool`, no transport',
      '**backend2mcp InMemory**',
      '÷ floor',
      '÷ (floor + hand-written)',
      'backend2mcp Streamable HTTP',
      'peer proxy, stdio',
      'peer proxy, Streamable HTTP',
      'peer stdio ÷ backend2mcp InMemory',
      'peer HTTP ÷ backend2mcp HTTP',
    ],
    rows,
  );
}

function p99Table(perCall: PerCallResults): string {
  const rows = FRAMEWORKS.flatMap(({ framework }) =>
    (['get', 'post'] as const).map((route) => {
      const row = perCall.frameworks[framework];
      return [
        `${framework} ${route.toUpperCase()}`,
        formatUs(row.floor[route].p99Us),
        formatUs(row.inMemory[route].p99Us),
        formatUs(row.http[route].p99Us),
        formatUs(row.peer[route].p99Us),
        formatUs(row.peerHttp[route].p99Us),
        row.inMemory[route].roundP50sUs.map(formatUs).join(' / '),
      ];
    }),
  );
  for (const route of ['get', 'post'] as const) {
    const hand = perCall.handwritten;
    rows.push([
      `hand-written ${route.toUpperCase()}`,
      '-',
      formatUs(hand.inMemory[route].p99Us),
      formatUs(hand.http[route].p99Us),
      '-',
      '-',
      hand.inMemory[route].roundP50sUs.map(formatUs).join(' / '),
    ]);
  }
  return table(
    [
      'call',
      'floor p99',
      'backend2mcp InMemory p99',
      'backend2mcp HTTP p99',
      'peer stdio p99',
      'peer HTTP p99',
      'backend2mcp InMemory p50 of each round',
    ],
    rows,
  );
}

function scaleSection(results: BenchResults): string {
  const scale = results.scale;
  if (!scale) return '_Not run._';
  const rows = scale.map((sample) => [
    sample.framework,
    sample.routes.toLocaleString('en-US'),
    sample.appBuildMs.toFixed(1),
    sample.buildMs.toFixed(1),
    ((sample.buildMs * 1000) / sample.routes).toFixed(1),
    mb(sample.heapBytes),
    String(sample.pages),
    sample.firstListMs.toFixed(1),
    `**${sample.listMs.toFixed(1)}**`,
    `**${sample.serverWalkMs.toFixed(1)}**`,
    sample.walkMs.toFixed(1),
    sample.rawHttpWalkMs.toFixed(1),
    mb(sample.listBytes),
  ]);
  const growth = FRAMEWORKS.map(({ framework }) => {
    const value = buildGrowth(scale, framework);
    return `${framework} ${value === undefined ? '-' : x(value)}`;
  }).join(', ');
  return [
    table(
      [
        'framework',
        'routes',
        'app registers routes (ms, framework)',
        'adapter build (ms)',
        'build µs/route',
        'heap retained (MB)',
        'pages',
        'first `tools/list` request (ms)',
        '`tools/list` request, SDK client InMemory (ms)',
        'whole list, server in process, no client (ms)',
        'whole list, SDK client `listTools()` (ms)',
        'whole list, raw HTTP POSTs (ms)',
        'whole list (MB)',
      ],
      rows,
    ),
    '',
    `Per-route build cost at 10,000 routes ÷ at 1,000 routes (1.00x = perfectly linear): ${growth}.`,
  ].join('\n');
}

function loadSection(results: BenchResults): string {
  const load = results.load;
  if (!load) return '_Not run._';
  const rows = load.map((result) => [
    result.framework,
    `${result.connections} × ${result.durationS} s`,
    result.callsPerSecond.toFixed(0),
    result.p50Ms.toFixed(1),
    result.p99Ms.toFixed(1),
    result.totalCalls.toLocaleString('en-US'),
    result.errors === 0
      ? '0'
      : `**${result.errors}** (${result.errorKinds.connection} connection, ${result.errorKinds.timeouts} timeouts, ` +
        `${result.errorKinds.non2xx} non-2xx, ${result.errorKinds.badBody} bad bodies)`,
    `${mb(result.rssIdleBytes)} → ${mb(result.rssBeforeBytes)} → ${mb(result.rssAfterBytes)}`,
    `${mb(result.heapBeforeBytes)} → ${mb(result.heapAfterBytes)} (${signedMb(result.heapAfterBytes - result.heapBeforeBytes)})`,
    `${mb(result.externalBeforeBytes)} → ${mb(result.externalAfterBytes)}`,
    `${mb(result.rssThirdQuarterBytes)} → ${mb(result.rssLastQuarterBytes)} (${percent(lateRssGrowth(result))})`,
    noGrowthTrend(result) ? 'none' : '**growth**',
  ]);
  return table(
    [
      'framework',
      'connections × duration',
      'calls/s',
      'p50 (ms)',
      'p99 (ms)',
      'calls',
      'errors',
      'RSS idle → after warmup → after run (MB)',
      'heap after full GC, idle → after run (MB)',
      'off-heap after full GC, idle → after run (MB)',
      'mean RSS, 3rd → 4th quarter of the run (MB)',
      'trend',
    ],
    rows,
  );
}

/** The chart: per-call median latency, GET and POST panels. */
export function chartOf(results: BenchResults): BarChart | undefined {
  const perCall = results.perCall;
  if (!perCall) return undefined;
  const panel = (route: RouteKind) => ({
    title: route === 'get' ? 'tools/call → GET /users/:id' : 'tools/call → POST /users (1 KB JSON body)',
    groups: [
      ...FRAMEWORKS.map(({ framework }) => {
        const row = perCall.frameworks[framework];
        return {
          label: framework,
          bars: [
            { series: 'floor: framework in-process dispatch', value: row.floor[route].p50Us },
            { series: 'backend2mcp, InMemory', value: row.inMemory[route].p50Us },
            { series: 'backend2mcp, Streamable HTTP', value: row.http[route].p50Us },
            { series: 'peer proxy, stdio', value: row.peer[route].p50Us },
            { series: 'peer proxy, Streamable HTTP', value: row.peerHttp[route].p50Us },
          ],
        };
      }),
      {
        label: 'hand-written SDK',
        bars: [
          { series: 'hand-written SDK server, InMemory', value: perCall.handwritten.inMemory[route].p50Us },
          { series: 'hand-written SDK server, HTTP', value: perCall.handwritten.http[route].p50Us },
        ],
      },
    ],
  });
  return {
    title: 'backend2mcp per-call latency (median µs, lower is better)',
    subtitle: `${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.date.slice(0, 10)}, ${results.mode} run`,
    unit: 'µs',
    series: [
      { name: 'floor: framework in-process dispatch', color: '#8c8c8c' },
      { name: 'backend2mcp, InMemory', color: '#1f6fb2' },
      { name: 'backend2mcp, Streamable HTTP', color: '#7fb2e0' },
      { name: 'peer proxy, stdio', color: '#e07b1f' },
      { name: 'peer proxy, Streamable HTTP', color: '#f2b57c' },
      { name: 'hand-written SDK server, InMemory', color: '#2e9d5a' },
      { name: 'hand-written SDK server, HTTP', color: '#94d3a9' },
    ],
    panels: [panel('get'), panel('post')],
  };
}

/** The whole markdown report. `chartFile` is the SVG's file name next to it. */
export function renderReport(results: BenchResults, chartFile: string | undefined): string {
  const { machine, settings } = results;
  const checks = checkTargets(results);
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const negotiated = results.perCall
    ? Object.entries(results.perCall.negotiated)
        .map(([who, version]) => `${who}: ${version}`)
        .join(', ')
    : 'not run';

  return `# Benchmarks

Generated by \`pnpm bench\` (${results.mode} run) on ${machine.date}. Do not edit by hand: run the bench again.
How it measures and why is in [bench/README.md](../bench/README.md).

**Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.
1-minute load average at start ${machine.loadAverage.start.toFixed(2)}, at end ${machine.loadAverage.end?.toFixed(2) ?? '?'}
(other work on the machine inflates latency; compare ratios rather than absolute numbers across machines).

**Versions:** ${versions}.

**Protocol revision negotiated by the SDK client:** ${negotiated}.

## Targets

${table(
  ['target', 'measured', 'verdict'],
  checks.map((check) => [check.target, check.measured, verdict(check)]),
)}

## Per call: overhead against the floor, the hand-written SDK server and the peer proxy

Median latency per call in µs (median over ${settings.perCall.rounds} rounds of tinybench, ${settings.perCall.timeMs} ms per task per round after ${settings.perCall.warmupMs} ms warmup; one call at a time).
Every MCP contender is called with the official SDK client's \`callTool\`; the floor is the framework's own in-process dispatch
(Express, Koa and NestJS on Express: \`dispatchNodeListener\`, i.e. real \`IncomingMessage\`/\`ServerResponse\` on an in-memory socket; Fastify: \`inject()\`; Hono: \`app.fetch()\`),
with the response body read whole. Latencies are the median over rounds of each round's median; ratios are the median over
rounds of the ratio within each round: the floor, the hand-written server, backend2mcp InMemory and the peer are timed back to
back for each framework and route, so a burst of other work on the shared machine slows both sides of a ratio together. For
the same reason "÷ (floor + hand-written)" uses the hand-written server timed right beside that framework's calls; the
hand-written row shows the same server timed on its own.

![per-call latency chart](${chartFile ?? 'benchmarks.svg'})

### \`GET /users/:id\`

${results.perCall ? perCallTable(results.perCall, 'get') : '_Not run._'}

### \`POST /users\` with a 1 KB JSON body

${results.perCall ? perCallTable(results.perCall, 'post') : '_Not run._'}

### Tails and spread (µs)

${results.perCall ? p99Table(results.perCall) : '_Not run._'}

## Scale: build and list tools for 10 to 10,000 routes

Each point is a fresh process (cold, as at a server's start), median of ${settings.scale.runs} run(s); routes are \`GET /r<i>/items/:id\`.
"Adapter build" is \`new McpAdapter(app)\` plus route extraction and tool building, up to a ready \`tools/list\`;
the framework's own route registration (and Fastify's \`ready()\`) is shown separately. Heap is measured after a full GC.
\`tools/list\` is paginated (500 tools a page), so the list of 10,000 tools is 20 requests. Every time is the median of
${settings.scale.listRepeats} warm repeats: one \`tools/list\` request (page one) through the SDK client over InMemory, which is what a
client waits for per request; the whole list answered by the server in process, one \`server.fetch(Request)\` per page with the
body read as text (the server's share alone); the whole list walked by the SDK client's \`listTools()\` over InMemory (the client
validates every tool definition with its zod schemas, most of this time); and the whole list as raw stateless JSON-RPC POSTs
over loopback HTTP (responses parsed, no SDK client).

${scaleSection(results)}

## Load: sustained \`tools/call\` over Streamable HTTP

autocannon against \`listen()\`'s \`/mcp\` (server in its own process), replaying one stateless 2025-11-25 \`tools/call\`
(\`get_users_by_id\`) POST, after ${settings.load.warmupS} s of warmup at the same load. Errors count connection errors, timeouts, non-2xx answers
and bodies that are not a successful result with the user as structured content (autocannon's request timeout is 10 s).
RSS is sampled every second. Retained memory (heap and off-heap after a full GC) is read idle before any load and 2 s after
the run; no GC is forced between warmup and run, so the run starts from the heap the warmup grew.

${loadSection(results)}
`;
}
