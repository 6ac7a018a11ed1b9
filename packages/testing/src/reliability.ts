/**
 * The reliability and security suite every adapter runs against a real app of
 * its framework: bad input (fuzzed), validation before dispatch, limits,
 * faults, isolation, and the HTTP transport. Each package supplies a
 * {@link ReliabilityFixture}: the same routes written in its framework.
 */
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedHeaderValue,
  argumentValue,
  FUZZ_RUNS,
  type GeneratedRoute,
  generatedRoutes,
  hasLoneSurrogate,
  headerValueWithLineBreak,
  pathRefusal,
  pollutingJson,
  valuesFor,
} from './arbitraries.js';
import {
  jsonRpcOf,
  LEGACY_PING,
  MCP_POST_HEADERS,
  MODERN_META,
  rawRequest,
  toolsCallRequest,
} from './http.js';
import { Cleanups, type Connectable, connectInMemory } from './index.js';
import { networkHandles, settledHeapBytes, until } from './resources.js';

/** Holds `/slot/:n` requests until a given number of them are in flight at once. */
export class SlotGate {
  inFlight = 0;
  maxInFlight = 0;
  #target = 0;
  #waiting: Array<() => void> = [];

  /** Closes the gate until `count` requests wait behind it, then lets them all through. */
  holdUntil(count: number): void {
    this.#target = count;
  }

  /** Called by the route: resolves once the gate opens. */
  async pass(): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.#target > 0) {
      await new Promise<void>((resolve) => {
        this.#waiting.push(resolve);
        if (this.#waiting.length >= this.#target) {
          this.#target = 0;
          for (const release of this.#waiting.splice(0)) release();
        }
      });
    }
    this.inFlight -= 1;
  }
}

/** What the fixture app observed. */
export class ReliabilityLog {
  /** One entry per handler invocation: `people`, `trace`, `echo`, `items`, `hang`, `drip`, `flood`, `fail-*`. */
  readonly calls: string[] = [];
  /** Routes whose request closed (or whose stream was cancelled) before they finished: `hang`, `drip`, `flood`. */
  readonly closed: string[] = [];
  readonly slots = new SlotGate();
}

/**
 * The tools of the routes every fixture app serves, in its own framework's idiom:
 *
 * | route | tool | behaviour |
 * | --- | --- | --- |
 * | `GET /items/:id` | `get_items_by_id` | `{ id }` as the framework decoded it |
 * | `POST /people` | `post_people` | body schema `{ name: string (required), age: integer >= 0 }`, no other fields; echoes the body; logs `people` |
 * | `GET /trace` | `get_trace` | header schema `{ x-trace: string }`; answers `{ trace }`; logs `trace` |
 * | `POST /echo` | `post_echo` | free-form JSON body; answers `{ body }`; logs `echo` |
 * | `GET /fail/sync` | `get_fail_sync` | the handler throws synchronously |
 * | `GET /fail/async` | `get_fail_async` | the handler's promise rejects |
 * | `GET /fail/forward` | `get_fail_forward` | hands an error with status 503 to the framework (`next(err)`, `reply.send(err)`, `ctx.throw`, `HTTPException`) |
 * | `GET /hang` | `get_hang` | never answers; logs `hang` in `closed` when its request closes |
 * | `GET /drip` | `get_drip` | writes a few bytes every 20 ms, forever; logs `drip` in `closed` when stopped |
 * | `GET /flood` | `get_flood` | writes 64 KiB every millisecond, forever; logs `flood` in `closed` when stopped |
 * | `GET /big` | `get_big` | 256 KiB in one response |
 * | `GET /slot/:n` | `get_slot_by_n` | waits at `log.slots`, then answers `{ n }` |
 * | `GET /fail/stream` | `get_fail_stream` | starts a JSON response, then fails it with an error whose message is {@link STREAM_FAILURE_SECRET} (`res.destroy(err)`, a stream that errors) |
 * | `GET /deep` | `get_deep` | answers {@link DEEP_JSON} (`application/json`, nested {@link DEEP_JSON_LEVELS} levels deep) |
 */
export const RELIABILITY_TOOLS = [
  'get_items_by_id',
  'post_people',
  'get_trace',
  'post_echo',
  'get_fail_sync',
  'get_fail_async',
  'get_fail_forward',
  'get_hang',
  'get_drip',
  'get_flood',
  'get_big',
  'get_slot_by_n',
  'get_deep',
  'get_fail_stream',
] as const;

/** The internal error text `GET /fail/stream` fails with: it must never reach the caller. */
export const STREAM_FAILURE_SECRET = 'connect ECONNREFUSED db.internal:5432 password=hunter2';

/** How deep {@link DEEP_JSON} nests: far past what `JSON.stringify` can write (about 4 000 levels). */
export const DEEP_JSON_LEVELS = 100_000;

/** The body of `GET /deep`: arrays in objects, {@link DEEP_JSON_LEVELS} levels deep (`{"a":[{"a":[...]}]}`). */
export const DEEP_JSON = `${'{"a":['.repeat(DEEP_JSON_LEVELS / 2)}${']}'.repeat(DEEP_JSON_LEVELS / 2)}`;

/** Limits a fixture passes to its adapter. */
export interface ReliabilityOptions {
  timeoutMs?: number;
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  maxMessageBytes?: number;
  maxUrlBytes?: number;
  maxHeaderBytes?: number;
}

/** Where {@link ReliabilityFixture.mount} listens: 127.0.0.1 on a free port, or a unix socket. */
export interface MountTarget {
  socketPath?: string;
}

/** A tool as far as these tests need it. */
export interface ToolLike {
  name: string;
  route: { path: string };
  binding: { arguments: ReadonlyArray<{ arg: string; location: string }> };
}

/** A tool result as far as these tests need it. */
export interface ResultLike {
  isError?: boolean;
  content: unknown;
  structuredContent?: unknown;
}

/** The adapter surface the suite drives (every adapter has it). */
export interface AdapterUnderTest extends Connectable {
  callTool(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<ResultLike>;
  listen(options?: {
    port?: number;
    requestTimeoutMs?: number;
    headersTimeoutMs?: number;
  }): Promise<{ url: URL; server: Server; close(): Promise<void> }>;
  close(): Promise<void>;
  readonly server: { prepare(): Promise<void>; readonly tools: readonly ToolLike[] };
}

/** A running HTTP server with the MCP endpoint. */
export interface ServedEndpoint {
  url: URL;
  close(): Promise<void>;
}

/** One framework's version of the fixture app. */
export interface ReliabilityFixture {
  /** A fresh app serving the routes of {@link RELIABILITY_TOOLS}, behind a fresh adapter. */
  create(options?: ReliabilityOptions): { adapter: AdapterUnderTest; log: ReliabilityLog };
  /** The same app with the MCP endpoint mounted inside it at `/mcp`, listening on 127.0.0.1, port 0. */
  mount(
    options?: ReliabilityOptions,
    target?: MountTarget,
  ): Promise<{ endpoint: ServedEndpoint; log: ReliabilityLog }>;
  /**
   * An app with the generated routes. Each answers
   * `{ route: id, params: { p0, p1, ..., rest }, q }` from what the framework
   * decoded (a wildcard under the name `rest`, `/`-joined; `q` from the query
   * string) and calls `onHit(id)`.
   */
  createRoutes(routes: GeneratedRoute[], onHit: (id: number) => void): AdapterUnderTest;
  /** False when the framework has no named multi-segment wildcard (Hono). */
  wildcards: boolean;
  /** True when the framework answers 400 to a JSON body with prototype keys (Fastify's secure-json-parse). */
  refusesPrototypeKeys: boolean;
}

function textOf(result: ResultLike): string {
  return (result.content as Array<{ type: string; text?: string }>)
    .map((block) => block.text ?? `[${block.type}]`)
    .join('\n');
}

async function expectStillServing(adapter: AdapterUnderTest): Promise<void> {
  const result = await adapter.callTool('get_items_by_id', { id: 'still-here' });
  expect(result.structuredContent).toEqual({ id: 'still-here' });
}

/** Runs the whole suite for one framework. */
export function describeReliability(name: string, fixture: ReliabilityFixture): void {
  describe(`${name}: reliability and security`, () => {
    it('the fixture app exposes exactly the fixture routes as tools', async () => {
      const { adapter } = fixture.create();
      await adapter.server.prepare();
      expect(adapter.server.tools.map((tool) => tool.name).sort()).toEqual([...RELIABILITY_TOOLS].sort());
    });
    describeValidation(fixture);
    describeLimits(fixture);
    describeFaults(fixture);
    describeProperties(fixture);
    describeHttpTransport(fixture);
  });
}

/**
 * Only the fuzzed-input properties (paths and queries, headers, prototype keys),
 * for a second flavour of a framework (Express 4 next to Express 5).
 */
export function describeFuzzedInputs(name: string, fixture: ReliabilityFixture): void {
  describe(`${name}: reliability and security`, () => describeProperties(fixture));
}

function describeValidation(fixture: ReliabilityFixture): void {
  describe('argument validation before dispatch', () => {
    it.each([
      ['a wrong type', { name: 42 }, '"name" must be string'],
      ['a wrong nested type', { name: 'Ada', age: 'old' }, '"age" must be integer'],
      ['a value out of range', { name: 'Ada', age: -1 }, '"age" must be >= 0'],
      ['a missing required field', { age: 3 }, '"name" is required'],
      ['an extra property', { name: 'Ada', nmae: 'typo' }, 'unknown argument "nmae"'],
    ])('refuses %s with isError naming the field; the handler never runs', async (_case, args, problem) => {
      const { adapter, log } = fixture.create();
      const result = await adapter.callTool('post_people', args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(`Invalid arguments for post_people: ${problem}.`);
      expect(log.calls).toEqual([]);
      const valid = await adapter.callTool('post_people', { name: 'Ada', age: 36 });
      expect(valid.structuredContent).toEqual({ name: 'Ada', age: 36 });
      expect(log.calls).toEqual(['people']);
    });

    it('for any arguments, dispatches exactly the valid ones and names a bad field otherwise (fuzz)', async () => {
      const { adapter, log } = fixture.create();
      const anyJson = fc.jsonValue({ maxDepth: 2 });
      const args = fc.record(
        {
          name: fc.oneof(fc.string({ maxLength: 10 }), anyJson),
          age: fc.oneof(
            fc.integer({ min: -3, max: 200 }),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            anyJson,
          ),
          extra: anyJson,
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(args, async (generated) => {
          // Arguments arrive as JSON, in an MCP message.
          const input = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>;
          const before = log.calls.length;
          const problems: string[] = [];
          if (!Object.hasOwn(input, 'name')) problems.push('"name" is required');
          else if (typeof input.name !== 'string') problems.push('"name"');
          if (Object.hasOwn(input, 'age') && !(Number.isInteger(input.age) && (input.age as number) >= 0))
            problems.push('"age"');
          if (Object.hasOwn(input, 'extra')) problems.push('unknown argument "extra"');
          const result = await adapter.callTool('post_people', input as Record<string, unknown>);
          if (problems.length === 0) {
            expect(JSON.stringify(result.structuredContent)).toBe(JSON.stringify(input));
            expect(log.calls.length).toBe(before + 1);
          } else {
            expect(result.isError).toBe(true);
            const text = textOf(result);
            expect(text.startsWith('Invalid arguments for post_people: ')).toBe(true);
            for (const problem of problems) expect(text).toContain(problem);
            expect(log.calls.length).toBe(before);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    });
  });
}

function describeLimits(fixture: ReliabilityFixture): void {
  describe('limits', () => {
    it('refuses a request body over maxRequestBytes before the handler runs', async () => {
      const { adapter, log } = fixture.create({ maxRequestBytes: 1024 });
      const result = await adapter.callTool('post_echo', { body: { text: 'x'.repeat(2000) } });
      expect(result).toEqual({
        isError: true,
        content: [
          {
            type: 'text',
            text: 'The request body for post_echo is 2011 bytes; the limit is 1024 (option maxRequestBytes).',
          },
        ],
      });
      expect(log.calls).toEqual([]);
      const small = await adapter.callTool('post_echo', { body: { text: 'x'.repeat(1000) } });
      expect(small.structuredContent).toEqual({ body: { text: 'x'.repeat(1000) } });
    });

    it('refuses a URL over maxUrlBytes (a long path or query value) before the handler runs', async () => {
      const { adapter, log } = fixture.create({ maxUrlBytes: 64 });
      // `/items/` and 58 characters: 65 bytes.
      const longPath = await adapter.callTool('get_items_by_id', { id: 'x'.repeat(58) });
      expect(longPath).toEqual({
        isError: true,
        content: [
          {
            type: 'text',
            text: 'The URL for get_items_by_id is 65 bytes (path and query); the limit is 64 (option maxUrlBytes).',
          },
        ],
      });
      // `/echo?q=` and 10 times `%C3%A9`: bytes once percent-encoded, not characters.
      const longQuery = await adapter.callTool('post_echo', { body: {}, query: { q: 'é'.repeat(10) } });
      expect(longQuery).toEqual({
        isError: true,
        content: [
          {
            type: 'text',
            text: 'The URL for post_echo is 68 bytes (path and query); the limit is 64 (option maxUrlBytes).',
          },
        ],
      });
      expect(log.calls).toEqual([]);
      const fits = await adapter.callTool('get_items_by_id', { id: 'x'.repeat(57) });
      expect(fits.structuredContent).toEqual({ id: 'x'.repeat(57) });
    });

    it('refuses a URL over the default 8 KiB before the handler runs', async () => {
      const { adapter, log } = fixture.create();
      const result = await adapter.callTool('get_items_by_id', { id: 'x'.repeat(8 * 1024) });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        'The URL for get_items_by_id is 8199 bytes (path and query); the limit is 8192 (option maxUrlBytes).',
      );
      expect(log.calls).toEqual([]);
      await expectStillServing(adapter);
    });

    it('refuses request headers over maxHeaderBytes (and the default 16 KiB) before the handler runs', async () => {
      const { adapter, log } = fixture.create({ maxHeaderBytes: 256 });
      const large = await adapter.callTool('get_trace', { 'x-trace': 'x'.repeat(256) });
      expect(large.isError).toBe(true);
      expect(textOf(large)).toMatch(
        /^The request headers for get_trace are \d+ bytes; the limit is 256 \(option maxHeaderBytes\)\.$/,
      );
      expect(log.calls).toEqual([]);
      const small = await adapter.callTool('get_trace', { 'x-trace': 'x'.repeat(100) });
      expect(small.structuredContent).toEqual({ trace: 'x'.repeat(100) });
      expect(log.calls).toEqual(['trace']);

      const defaults = fixture.create();
      const huge = await defaults.adapter.callTool('get_trace', { 'x-trace': 'x'.repeat(16 * 1024) });
      expect(textOf(huge)).toMatch(
        /^The request headers for get_trace are \d+ bytes; the limit is 16384 \(option maxHeaderBytes\)\.$/,
      );
      expect(defaults.log.calls).toEqual([]);
    });

    it('aborts a response over maxResponseBytes with an error naming the limit', async () => {
      const { adapter } = fixture.create({ maxResponseBytes: 64 * 1024 });
      const result = await adapter.callTool('get_big');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/larger than.*65536 bytes/);
      expect(textOf(result)).toContain('maxResponseBytes');
      await expectStillServing(adapter);
    });

    it('stops a route that floods a response forever at maxResponseBytes, not at the timeout', async () => {
      const { adapter, log } = fixture.create({ maxResponseBytes: 256 * 1024, timeoutMs: 5_000 });
      const result = await adapter.callTool('get_flood');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/larger than.*262144 bytes/);
      expect(textOf(result)).toContain('maxResponseBytes');
      await expect.poll(() => log.closed).toContain('flood');
      await expectStillServing(adapter);
    });

    it('aborts a route that streams forever at timeoutMs; the route sees its request close', async () => {
      const { adapter, log } = fixture.create({ timeoutMs: 300 });
      const result = await adapter.callTool('get_drip');
      expect(result).toEqual({
        isError: true,
        content: [
          { type: 'text', text: 'get_drip did not answer within 300 ms and was aborted (option timeoutMs).' },
        ],
      });
      await expect.poll(() => log.closed).toContain('drip');
      await expectStillServing(adapter);
    });

    it('aborts a route that never answers at timeoutMs; the route sees its request close', async () => {
      const { adapter, log } = fixture.create({ timeoutMs: 300 });
      const result = await adapter.callTool('get_hang');
      expect(result).toEqual({
        isError: true,
        content: [
          { type: 'text', text: 'get_hang did not answer within 300 ms and was aborted (option timeoutMs).' },
        ],
      });
      await expect.poll(() => log.closed).toContain('hang');
      await expectStillServing(adapter);
    });

    it.each([
      ['timeoutMs', 0],
      ['maxRequestBytes', -1],
      ['maxResponseBytes', Number.NaN],
      ['maxMessageBytes', '1mb'],
      ['maxUrlBytes', 0],
      ['maxHeaderBytes', '16kb'],
    ])('refuses %s = %s when the adapter is created', (option, value) => {
      expect(() => fixture.create({ [option]: value } as ReliabilityOptions)).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTIONS',
          message: expect.stringContaining(`Option ${option} `),
        }),
      );
    });
  });
}

function describeFaults(fixture: ReliabilityFixture): void {
  describe('faults', () => {
    it.each([
      ['throws synchronously', 'get_fail_sync', /^HTTP 500/],
      ['rejects', 'get_fail_async', /^HTTP 500/],
      ['forwards an error to the framework (next(err))', 'get_fail_forward', /^HTTP 503/],
    ])('a handler that %s gives isError, and the server keeps answering', async (_case, tool, status) => {
      const { adapter } = fixture.create();
      const result = await adapter.callTool(tool);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(status);
      await expectStillServing(adapter);
    });

    it('a route that fails mid-stream gives a generic isError, never its internal error text; the server keeps answering', async () => {
      const { adapter } = fixture.create();
      const result = await adapter.callTool('get_fail_stream');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/before finishing/);
      expect(JSON.stringify(result)).not.toContain('hunter2');
      expect(JSON.stringify(result)).not.toContain('db.internal');
      await expectStillServing(adapter);
    });

    it('a route answering JSON nested 100 000 levels deep gives isError, over InMemory and Streamable HTTP; the server keeps answering', async () => {
      const expected = {
        isError: true,
        content: [
          {
            type: 'text',
            text: 'HTTP 200 OK: the route answered JSON nested more than 1000 levels deep, deeper than an MCP result can be serialised; nothing of it is returned.',
          },
        ],
      };
      const cleanups = new Cleanups();
      try {
        const { adapter } = fixture.create();
        expect(await adapter.callTool('get_deep')).toEqual(expected);
        // A bounded wait: without the check, the HTTP answer is never written and the call would hang.
        const options = { timeout: 10_000 };
        const inMemory = await connectInMemory(adapter, cleanups);
        expect(await inMemory.callTool({ name: 'get_deep', arguments: {} }, options)).toEqual(expected);
        const listening = await adapter.listen({ port: 0 });
        cleanups.add(() => listening.close());
        const overHttp = new Client({ name: 'reliability', version: '1.0.0' });
        await overHttp.connect(new StreamableHTTPClientTransport(listening.url));
        cleanups.add(() => overHttp.close());
        expect(await overHttp.callTool({ name: 'get_deep', arguments: {} }, options)).toEqual(expected);
        const after = await overHttp.callTool(
          { name: 'get_items_by_id', arguments: { id: 'after' } },
          options,
        );
        expect(after.structuredContent).toEqual({ id: 'after' });
      } finally {
        await cleanups.run();
      }
    });

    it('a cancelled call aborts its in-process request; the route sees close', async () => {
      const { adapter, log } = fixture.create();
      const controller = new AbortController();
      const call = adapter.callTool('get_hang', {}, controller.signal);
      await expect.poll(() => log.calls).toContain('hang');
      controller.abort(new Error('caller went away'));
      const result = await call;
      expect(result.isError).toBe(true);
      await expect.poll(() => log.closed).toContain('hang');
      await expectStillServing(adapter);
    });

    it('300 concurrent calls mixing faults each get their own answer (isolation)', async () => {
      const { adapter } = fixture.create();
      const calls = Array.from({ length: 300 }, (_, index) => {
        switch (index % 4) {
          case 0:
            return adapter.callTool('get_fail_sync').then((result) => textOf(result).slice(0, 8));
          case 1:
            return adapter.callTool('get_fail_forward').then((result) => textOf(result).slice(0, 8));
          case 2:
            return adapter
              .callTool('post_echo', { body: { index } })
              .then((result) => result.structuredContent);
          default:
            return adapter
              .callTool('get_items_by_id', { id: `n${index}` })
              .then((result) => result.structuredContent);
        }
      });
      const results = await Promise.all(calls);
      results.forEach((result, index) => {
        const expected = ['HTTP 500', 'HTTP 503', { body: { index } }, { id: `n${index}` }][index % 4];
        expect(result).toEqual(expected);
      });
    });
  });
}

/** Core's default `maxUrlBytes`. */
const DEFAULT_MAX_URL_BYTES = 8 * 1024;

/** More than the literal parts of any generated route's path take. */
const URL_SLACK = 256;

/** Bytes of a value in a URL once percent-encoded (0 for one that cannot be: it is refused anyway). */
function encodedBytes(value: string): number {
  try {
    return encodeURIComponent(value).length;
  } catch {
    return 0;
  }
}

/** Runs a property; on failure, says how to replay the route set too. */
async function assertWithSeed(seed: number, property: fc.IAsyncProperty<any>): Promise<void> {
  try {
    await fc.assert(property, { numRuns: FUZZ_RUNS, seed });
  } catch (error) {
    (error as Error).message = `Replay with FUZZ_SEED=${seed}.\n${(error as Error).message}`;
    throw error;
  }
}

function describeProperties(fixture: ReliabilityFixture): void {
  describe('fuzzed inputs (fast-check, 1 000 cases per property)', () => {
    it('a path or query value reaches exactly its templated route, intact after decoding, or is refused by name', async () => {
      const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const [routes] = fc.sample(generatedRoutes({ wildcards: fixture.wildcards }), { numRuns: 1, seed });
      const hits: number[] = [];
      const adapter = fixture.createRoutes(routes!, (id) => hits.push(id));
      await adapter.server.prepare();
      const tools = new Map<number, ToolLike>();
      for (const tool of adapter.server.tools)
        tools.set(Number(/^\/r(\d+)/.exec(tool.route.path)?.[1]), tool);
      expect(tools.size).toBe(routes!.length);

      const callArb = fc
        .integer({ min: 0, max: routes!.length - 1 })
        .chain((id) => fc.tuple(fc.constant(routes![id]!), valuesFor(routes![id]!), argumentValue));
      await assertWithSeed(
        seed,
        fc.asyncProperty(callArb, async ([route, values, q]) => {
          const tool = tools.get(route.id)!;
          const pathArgs = tool.binding.arguments.filter((binding) => binding.location === 'path');
          const params = route.segments.filter((piece) => piece.kind !== 'literal');
          expect(pathArgs.length).toBe(params.length);
          const args: Record<string, unknown> = { query: { q } };
          let refusal: string | undefined;
          params.forEach((param, index) => {
            const value = values[param.name]!;
            const arg = pathArgs[index]!.arg;
            args[arg] = value;
            if (!refusal && pathRefusal(value, param.kind as 'param' | 'wildcard'))
              refusal = `Path parameter "${arg}"`;
          });
          if (!refusal && hasLoneSurrogate(q)) refusal = 'Query parameter "q"';
          // Long values (a few thousand emoji) make URLs past the default maxUrlBytes: refused by
          // the limit's name. The route's literal parts add up to URL_SLACK bytes, so near the
          // limit either outcome is right.
          let urlBytes = 3 + encodedBytes(q);
          params.forEach((param) => {
            const value = values[param.name]!;
            urlBytes +=
              param.kind === 'wildcard'
                ? value.split('/').reduce((sum, segment) => sum + encodedBytes(segment) + 1, -1)
                : encodedBytes(value);
          });
          const nearUrlLimit = urlBytes + URL_SLACK > DEFAULT_MAX_URL_BYTES;
          if (!refusal && urlBytes > DEFAULT_MAX_URL_BYTES) refusal = '(option maxUrlBytes)';

          hits.length = 0;
          const result = await adapter.callTool(tool.name, args);
          if (refusal) {
            expect(result.isError).toBe(true);
            expect(textOf(result)).toContain(refusal);
            expect(hits).toEqual([]);
          } else if (nearUrlLimit && result.isError) {
            expect(textOf(result)).toContain('(option maxUrlBytes)');
            expect(hits).toEqual([]);
          } else {
            expect(result.structuredContent).toEqual({ route: route.id, params: values, q });
            expect(hits).toEqual([route.id]);
          }
        }),
      );
    });

    it('a header value with CR or LF is refused by name; any other allowed value arrives intact', async () => {
      const { adapter, log } = fixture.create();
      const value = fc.oneof(
        headerValueWithLineBreak.map((text) => ({ text, splits: true })),
        allowedHeaderValue.map((text) => ({ text, splits: false })),
      );
      await fc.assert(
        fc.asyncProperty(value, async ({ text, splits }) => {
          const before = log.calls.length;
          const result = await adapter.callTool('get_trace', { 'x-trace': text });
          if (splits) {
            expect(result).toEqual({
              isError: true,
              content: [
                { type: 'text', text: 'Header "x-trace" must not contain CR, LF or NUL characters.' },
              ],
            });
            expect(log.calls.length).toBe(before);
          } else {
            expect(result.structuredContent).toEqual({ trace: text });
            expect(log.calls.length).toBe(before + 1);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    });

    it('__proto__ / constructor / prototype keys in arguments pollute no prototype and stay data', async () => {
      const { adapter, log } = fixture.create();
      const objectKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const originalToString = Object.prototype.toString;
      const originalHasOwn = Object.prototype.hasOwnProperty;
      await fc.assert(
        fc.asyncProperty(pollutingJson, pollutingJson, async (json, queryJson) => {
          // The body is sent as JSON; the query object as `key[sub]=value` pairs for the app's query parser.
          const args = JSON.parse(`{"body":${json},"query":${queryJson}}`) as Record<string, unknown>;
          const before = log.calls.length;
          const result = await adapter.callTool('post_echo', args);
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectKeys);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.prototype.toString).toBe(originalToString);
          expect(Object.prototype.hasOwnProperty).toBe(originalHasOwn);
          expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
          const canonical = (text: string) => JSON.stringify(JSON.parse(text));
          expect(JSON.stringify(args)).toBe(`{"body":${canonical(json)},"query":${canonical(queryJson)}}`);
          if (result.isError && fixture.refusesPrototypeKeys) {
            expect(textOf(result)).toMatch(/^HTTP 400/);
            expect(log.calls.length).toBe(before);
          } else {
            expect(JSON.stringify(result.structuredContent)).toBe(`{"body":${canonical(json)}}`);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    });
  });
}

function describeHttpTransport(fixture: ReliabilityFixture): void {
  const MAX_MESSAGE = 64 * 1024;
  const servers: Array<[string, () => Promise<{ endpoint: ServedEndpoint; log: ReliabilityLog }>]> = [
    [
      'listen()',
      async () => {
        const { adapter, log } = fixture.create({ maxMessageBytes: MAX_MESSAGE });
        const listening = await adapter.listen({ port: 0 });
        return { endpoint: listening, log };
      },
    ],
    ['mounted in the app', () => fixture.mount({ maxMessageBytes: MAX_MESSAGE })],
  ];

  describe.each(servers)('Streamable HTTP, %s on 127.0.0.1', (_kind, serve) => {
    async function call(url: URL, id: number, name: string, args: Record<string, unknown>) {
      const request = toolsCallRequest(id, name, args);
      return rawRequest(url, { headers: request.headers, body: request.body });
    }

    async function expectAnswering(url: URL): Promise<void> {
      const ping = await rawRequest(url, { headers: MCP_POST_HEADERS, body: LEGACY_PING });
      expect(jsonRpcOf(ping)).toMatchObject({ id: 'ping', result: {} });
      const called = await call(url, 7, 'get_items_by_id', { id: 'ok' });
      expect(jsonRpcOf(called).result?.structuredContent).toEqual({ id: 'ok' });
    }

    it('answers bad requests with proper JSON-RPC errors and stays up', async () => {
      const { endpoint } = await serve();
      try {
        const { url } = endpoint;
        expect(url.hostname).toBe('127.0.0.1');
        const oversizedPing = JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'ping',
          params: { pad: 'x'.repeat(MAX_MESSAGE) },
        });
        const cases: Array<[string, string, number, number, RegExp]> = [
          ['malformed JSON', '{"jsonrpc":"2.0","id":1,"method":', 400, -32700, /^Parse error/],
          ['JSON that is not JSON-RPC', '{"hello":"world"}', 400, -32600, /./],
          ['an oversized message', oversizedPing, 413, -32000, /^Payload Too Large/],
        ];
        for (const [label, body, status, code, message] of cases) {
          const response = await rawRequest(url, { headers: MCP_POST_HEADERS, body });
          const { error, id } = jsonRpcOf(response);
          expect({ label, status: response.status, code: error?.code, id }).toEqual({
            label,
            status,
            code,
            id: null,
          });
          expect(error?.message).toMatch(message);
        }

        const unknownLegacy = await rawRequest(url, {
          headers: MCP_POST_HEADERS,
          body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no/such/method' }),
        });
        expect(jsonRpcOf(unknownLegacy)).toMatchObject({ id: 2, error: { code: -32601 } });
        const modern = toolsCallRequest(3, 'x', {});
        const unknownModern = await rawRequest(url, {
          headers: { ...modern.headers, 'mcp-method': 'no/such/method' },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 3,
            method: 'no/such/method',
            params: { _meta: MODERN_META },
          }),
        });
        expect(jsonRpcOf(unknownModern)).toMatchObject({ id: 3, error: { code: -32601 } });
        const unknownTool = await call(url, 4, 'no_such_tool', {});
        expect(jsonRpcOf(unknownTool)).toMatchObject({ id: 4, error: { code: -32602 } });

        await expectAnswering(url);
      } finally {
        await endpoint.close();
      }
    });

    it('refuses a foreign Host or Origin (DNS rebinding) by default on a loopback bind', async () => {
      const { endpoint } = await serve();
      try {
        const { url } = endpoint;
        const foreignHost = await rawRequest(url, {
          headers: { ...MCP_POST_HEADERS, host: 'evil.example.com' },
          body: LEGACY_PING,
        });
        expect(foreignHost.status).toBe(403);
        const foreignOrigin = await rawRequest(url, {
          headers: { ...MCP_POST_HEADERS, origin: 'https://evil.example.com' },
          body: LEGACY_PING,
        });
        expect(foreignOrigin.status).toBe(403);
        const localOrigin = await rawRequest(url, {
          headers: {
            ...MCP_POST_HEADERS,
            host: `localhost:${url.port}`,
            origin: `http://localhost:${url.port}`,
          },
          body: LEGACY_PING,
        });
        expect(jsonRpcOf(localOrigin)).toMatchObject({ id: 'ping', result: {} });
      } finally {
        await endpoint.close();
      }
    });

    it('answers MCP at exactly its path: not /MCP, /mcp/anything or /mcp/', async () => {
      const { endpoint } = await serve();
      try {
        for (const path of ['/MCP', '/mcp/anything', '/mcp/']) {
          const response = await rawRequest(new URL(path, endpoint.url), {
            headers: MCP_POST_HEADERS,
            body: LEGACY_PING,
          });
          expect({ path, status: response.status }).toEqual({ path, status: 404 });
        }
        await expectAnswering(endpoint.url);
      } finally {
        await endpoint.close();
      }
    });

    it('a client that disconnects mid-call aborts the in-process request; the server keeps answering', async () => {
      const { endpoint, log } = await serve();
      try {
        const controller = new AbortController();
        const request = toolsCallRequest(1, 'get_hang', {});
        const pending = rawRequest(endpoint.url, { ...request, signal: controller.signal });
        await expect.poll(() => log.calls).toContain('hang');
        controller.abort();
        await expect(pending).rejects.toThrow('client disconnected');
        await expect.poll(() => log.closed).toEqual(['hang']);
        await expectAnswering(endpoint.url);
      } finally {
        await endpoint.close();
      }
    });
  });

  it('listen() drops a client that sends its body too slowly (requestTimeoutMs) and keeps serving', async () => {
    const { adapter } = fixture.create();
    const listening = await adapter.listen({ port: 0, requestTimeoutMs: 300 });
    try {
      const socket = connect(Number(listening.url.port), '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
      const started = Date.now();
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"jsonrpc":`,
      );
      const closedAt = await closed;
      expect(closedAt - started).toBeLessThan(5000);
      expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 408/);
      const ping = await rawRequest(listening.url, { headers: MCP_POST_HEADERS, body: LEGACY_PING });
      expect(jsonRpcOf(ping)).toMatchObject({ id: 'ping', result: {} });
    } finally {
      await listening.close();
    }
  });

  it('listen() drops a client that sends its headers too slowly (headersTimeoutMs) and keeps serving', async () => {
    const { adapter } = fixture.create();
    const listening = await adapter.listen({ port: 0, headersTimeoutMs: 300 });
    try {
      const socket = connect(Number(listening.url.port), '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
      const started = Date.now();
      // The header section never ends: no blank line. The request timeout (30 s) is far away.
      socket.write('POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n');
      const closedAt = await closed;
      expect(closedAt - started).toBeLessThan(5000);
      expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 408/);
      const ping = await rawRequest(listening.url, { headers: MCP_POST_HEADERS, body: LEGACY_PING });
      expect(jsonRpcOf(ping)).toMatchObject({ id: 'ping', result: {} });
    } finally {
      await listening.close();
    }
  });

  it('mounted on a unix socket (no loopback address to go by), still accepts only localhost Host names', async () => {
    const socketPath = join(tmpdir(), `b2m-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
    const { endpoint } = await fixture.mount({}, { socketPath });
    try {
      const { url } = endpoint;
      const foreign = await rawRequest(url, {
        socketPath,
        headers: { ...MCP_POST_HEADERS, host: 'evil.example.com' },
        body: LEGACY_PING,
      });
      expect(foreign.status).toBe(403);
      const local = await rawRequest(url, {
        socketPath,
        headers: { ...MCP_POST_HEADERS, host: 'localhost' },
        body: LEGACY_PING,
      });
      expect(jsonRpcOf(local)).toMatchObject({ id: 'ping', result: {} });
    } finally {
      await endpoint.close();
    }
  });

  describe('Streamable HTTP under load', () => {
    it('serves 1 000 calls in flight at once; no socket or handle outlives them, the heap settles', async () => {
      const { adapter, log } = fixture.create();
      const listening = await adapter.listen({ port: 0 });
      try {
        const { url, server } = listening;
        const connections = () =>
          new Promise<number>((resolve, reject) =>
            server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
          );
        // Warm up (lazy tool building, compiled validators, JIT), then take the baseline.
        await Promise.all(Array.from({ length: 20 }, (_, n) => call(url, n, n)));
        await until(async () => (await connections()) === 0);
        await until(() => networkHandles().TCPSocketWrap === undefined);
        const handlesBefore = networkHandles();
        const heapBefore = await settledHeapBytes();

        // Every call waits at the gate until all 1 000 are in flight. Connections are opened
        // 100 at a time (each wave once the previous one is connected), so the listen
        // backlog never overflows; none of them is answered before the last one arrives.
        log.slots.holdUntil(1000);
        const answers: Array<Promise<unknown>> = [];
        for (let wave = 0; wave < 1000; wave += 100) {
          const connected = Array.from(
            { length: 100 },
            (_, index) =>
              new Promise<void>((resolve) => answers.push(call(url, wave + index, wave + index, resolve))),
          );
          await Promise.all(connected);
        }
        expect(await Promise.all(answers)).toEqual(
          Array.from({ length: 1000 }, (_, n) => ({ n: String(n) })),
        );
        expect(log.slots.maxInFlight).toBe(1000);

        // Both ends close every connection; the handles return to the baseline.
        await until(async () => (await connections()) === 0);
        await until(() => JSON.stringify(networkHandles()) === JSON.stringify(handlesBefore));
        expect(networkHandles()).toEqual(handlesBefore);
        const heapGrowth = (await settledHeapBytes()) - heapBefore;
        expect(heapGrowth).toBeLessThan(24 * 1024 * 1024);
        expect(await call(url, 1001, 1001)).toEqual({ n: '1001' });
      } finally {
        await listening.close();
      }
    });

    async function call(url: URL, id: number, n: number, onConnect?: () => void): Promise<unknown> {
      const request = toolsCallRequest(id, 'get_slot_by_n', { n: String(n) });
      const response = await rawRequest(url, { ...request, ...(onConnect ? { onConnect } : {}) });
      return jsonRpcOf(response).result?.structuredContent;
    }
  });
}
