/**
 * The per-call phase: for each framework, `GET /users/:id` and `POST /users`
 * (1 KB JSON) through every contender, all timed in the same rounds so the
 * ratios compare like with like.
 *
 * Contenders, per framework: the floor (framework's own in-process dispatch),
 * the app over loopback HTTP without MCP, backend2mcp over InMemory and over
 * Streamable HTTP, and the peer proxy over stdio and over its own Streamable
 * HTTP. Once, framework-free: the
 * hand-written SDK server over InMemory and over Streamable HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchAdapter, FRAMEWORKS, type Framework } from './apps/index.js';
import { NEW_USER, USER_ID } from './business.js';
import {
  type Connection,
  callOk,
  connectHttp,
  connectInMemory,
  connectPeerHttp,
  connectPeerStdio,
} from './clients.js';
import { createHandwrittenServer, listenHandwritten } from './handwritten.js';
import { type LatencyStats, type LatencyTask, type MeasureSettings, measureLatencies } from './measure.js';

/** The two routes every contender serves. */
export type RouteKind = 'get' | 'post';

/**
 * Every way a call is made. `callTool` is backend2mcp without any transport or SDK
 * (`adapter.server.callTool`): validation, request building, dispatch and result
 * mapping, to split backend2mcp's own cost from the protocol's. `handwrittenRef` is
 * the hand-written server timed again next to each framework's calls, the reference
 * for that framework's overhead ratio.
 */
export type Contender =
  | 'floor'
  | 'callTool'
  | 'handwrittenRef'
  | 'directHttp'
  | 'inMemory'
  | 'http'
  | 'peer'
  | 'peerHttp';

/** Per-call results: per framework, per contender, per route; plus the hand-written server. */
export interface PerCallResults {
  frameworks: Record<Framework, Record<Contender, Record<RouteKind, LatencyStats>>>;
  handwritten: { inMemory: Record<RouteKind, LatencyStats>; http: Record<RouteKind, LatencyStats> };
  /** Protocol revision each client negotiated, e.g. `{ 'backend2mcp InMemory': '2026-07-28' }`. */
  negotiated: Record<string, string>;
}

const GET_ARGS = { id: USER_ID };
const POST_ARGS = { ...NEW_USER };

/** backend2mcp and the hand-written server use the same tool names; the peer derives its own from the operation ids. */
const TOOL_NAMES = { get: 'get_users_by_id', post: 'post_users' } as const;
const PEER_TOOL_NAMES = { get: 'get-users-by-id', post: 'post-users' } as const;

function toolCalls(connection: Connection, names: Record<RouteKind, string>) {
  return {
    get: () => callOk(connection.client, names.get, GET_ARGS),
    post: () => callOk(connection.client, names.post, POST_ARGS),
  };
}

/** backend2mcp's `callTool` without a transport: no JSON-RPC, no SDK client or server. */
function directCalls(adapter: BenchAdapter): Record<RouteKind, () => Promise<void>> {
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await adapter.server.callTool(name, args);
    if (result.isError) throw new Error(`${name} answered isError: ${JSON.stringify(result.content)}`);
  };
  return { get: () => call(TOOL_NAMES.get, GET_ARGS), post: () => call(TOOL_NAMES.post, POST_ARGS) };
}

/** Fails fast when a contender does not expose the tools the bench calls. */
async function expectTools(label: string, connection: Connection, names: Record<RouteKind, string>) {
  const { tools } = await connection.client.listTools();
  for (const name of Object.values(names)) {
    if (!tools.some((tool) => tool.name === name)) {
      throw new Error(`${label} has no tool ${name}; it has ${tools.map((tool) => tool.name).join(', ')}`);
    }
  }
}

async function directHttp(baseUrl: string) {
  const postBody = JSON.stringify(NEW_USER);
  const check = async (response: Response, status: number) => {
    await response.arrayBuffer();
    if (response.status !== status) throw new Error(`direct HTTP ${response.url}: ${response.status}`);
  };
  return {
    get: async () => check(await fetch(`${baseUrl}/users/${USER_ID}`), 200),
    post: async () =>
      check(
        await fetch(`${baseUrl}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: postBody,
        }),
        201,
      ),
  };
}

/** Runs the per-call phase; `log` gets progress lines. */
export async function runPerCall(
  settings: MeasureSettings,
  log: (line: string) => void,
): Promise<PerCallResults> {
  const closers: Array<() => Promise<void>> = [];
  const specDir = mkdtempSync(join(tmpdir(), 'backend2mcp-bench-'));
  const tasks: LatencyTask[] = [];
  const negotiated: Record<string, string> = {};
  const add = (id: string, calls: Record<RouteKind, () => Promise<unknown>>) => {
    tasks.push({ id: `${id}:get`, fn: calls.get }, { id: `${id}:post`, fn: calls.post });
  };
  const addOne = (id: string, fn: () => Promise<unknown>) => tasks.push({ id, fn });

  try {
    log('  setting up the hand-written SDK server');
    const handInMemory = await connectInMemory(createHandwrittenServer());
    const handListening = await listenHandwritten();
    closers.push(() => handListening.close());
    const handHttp = await connectHttp(handListening.url);
    closers.push(handInMemory.close, handHttp.close);
    negotiated['hand-written InMemory'] = handInMemory.client.getNegotiatedProtocolVersion() ?? '?';
    negotiated['hand-written HTTP'] = handHttp.client.getNegotiatedProtocolVersion() ?? '?';
    const handCalls = toolCalls(handInMemory, TOOL_NAMES);

    for (const framework of FRAMEWORKS) {
      const name = framework.framework;
      log(`  setting up ${name}`);
      const app = await framework.create();
      const plain = await app.listenHttp();
      closers.push(() => plain.close());
      const mcpHttp = await app.adapter.listen({ port: 0 });
      closers.push(() => mcpHttp.close());

      const inMemory = await connectInMemory(app.adapter);
      const http = await connectHttp(mcpHttp.url);
      const peer = await connectPeerStdio(plain.baseUrl, join(specDir, `${name}.openapi.json`));
      const peerHttp = await connectPeerHttp(plain.baseUrl, join(specDir, `${name}.openapi.json`));
      closers.push(inMemory.close, http.close, peer.close, peerHttp.close);
      await expectTools(`${name} backend2mcp`, inMemory, TOOL_NAMES);
      await expectTools(`${name} peer`, peer, PEER_TOOL_NAMES);
      await expectTools(`${name} peer over HTTP`, peerHttp, PEER_TOOL_NAMES);
      negotiated[`backend2mcp InMemory`] = inMemory.client.getNegotiatedProtocolVersion() ?? '?';
      negotiated[`backend2mcp HTTP`] = http.client.getNegotiatedProtocolVersion() ?? '?';
      negotiated[`peer stdio`] = peer.client.getNegotiatedProtocolVersion() ?? '?';
      negotiated[`peer HTTP`] = peerHttp.client.getNegotiatedProtocolVersion() ?? '?';

      // The terms of each target ratio run back to back (tasks keep this order within a round), with the
      // hand-written server timed again right beside this framework's calls for the overhead ratio.
      const floor = { get: () => app.floorGet(), post: () => app.floorPost() };
      const viaInMemory = toolCalls(inMemory, TOOL_NAMES);
      const viaPeer = toolCalls(peer, PEER_TOOL_NAMES);
      const viaCallTool = directCalls(app.adapter);
      for (const route of ['get', 'post'] as const) {
        addOne(`${name}:floor:${route}`, floor[route]);
        addOne(`${name}:callTool:${route}`, viaCallTool[route]);
        addOne(`${name}:handwrittenRef:${route}`, handCalls[route]);
        addOne(`${name}:inMemory:${route}`, viaInMemory[route]);
        addOne(`${name}:peer:${route}`, viaPeer[route]);
      }
      add(`${name}:directHttp`, await directHttp(plain.baseUrl));
      add(`${name}:http`, toolCalls(http, TOOL_NAMES));
      add(`${name}:peerHttp`, toolCalls(peerHttp, PEER_TOOL_NAMES));
    }

    add('handwritten:inMemory', handCalls);
    add('handwritten:http', toolCalls(handHttp, TOOL_NAMES));

    // One call each before timing: a contender that fails is reported now, not after minutes.
    for (const task of tasks) await task.fn();

    const stats = await measureLatencies(tasks, settings, (round) =>
      log(`  round ${round + 1}/${settings.rounds} (${tasks.length} tasks)`),
    );
    return collect(stats, negotiated);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    rmSync(specDir, { recursive: true, force: true });
  }
}

function collect(stats: Map<string, LatencyStats>, negotiated: Record<string, string>): PerCallResults {
  const pick = (id: string): Record<RouteKind, LatencyStats> => ({
    get: stats.get(`${id}:get`)!,
    post: stats.get(`${id}:post`)!,
  });
  const contenders: Contender[] = [
    'floor',
    'callTool',
    'handwrittenRef',
    'directHttp',
    'inMemory',
    'http',
    'peer',
    'peerHttp',
  ];
  const frameworks = Object.fromEntries(
    FRAMEWORKS.map(({ framework }) => [
      framework,
      Object.fromEntries(contenders.map((contender) => [contender, pick(`${framework}:${contender}`)])),
    ]),
  ) as PerCallResults['frameworks'];
  return {
    frameworks,
    handwritten: { inMemory: pick('handwritten:inMemory'), http: pick('handwritten:http') },
    negotiated,
  };
}
