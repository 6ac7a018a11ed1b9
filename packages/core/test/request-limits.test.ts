/**
 * The URL and header limits (`maxUrlBytes`, `maxHeaderBytes`) on a real node:http
 * app dispatched in process: tools and resources are refused before the app
 * sees anything, whichever encoder built the request; and results nested too
 * deep to serialise become error results.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendMcpServer } from '../src/backend-mcp-server.js';
import { DEFAULT_CALL_LIMITS, resolveCallLimits } from '../src/limits.js';
import { connectTransport, dispatchNodeListener, listen } from '../src/node.js';
import type { RouteInfo } from '../src/route.js';
import type { BackendMcpOptions, RouteSource } from '../src/server-options.js';
import { toRequest } from '../src/to-request.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Answers what it received; `seen` records every request that reached it. */
function echoApp(seen: string[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, note: req.headers['x-note'] ?? null }));
  };
}

const routes: RouteInfo[] = [
  { method: 'GET', path: '/notes/:id' },
  {
    method: 'GET',
    path: '/annotated',
    schemas: { headers: { type: 'object', properties: { 'x-note': { type: 'string' } } } },
  },
];

function serverFor(options: BackendMcpOptions = {}, source: Partial<RouteSource> = {}) {
  const seen: string[] = [];
  const app = echoApp(seen);
  const mcp = new BackendMcpServer(
    {
      extractRoutes: () => ({ routes, skipped: [] }),
      dispatch: (request, dispatchOptions) => dispatchNodeListener(app, request, dispatchOptions),
      ...source,
    },
    options,
  );
  return { mcp, seen };
}

async function clientOf(mcp: BackendMcpServer): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = connectTransport(mcp, serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  closers.push(
    () => handle.close(),
    () => client.close(),
  );
  return client;
}

const text = (result: { content: unknown }) => (result.content as Array<{ text: string }>)[0]!.text;

describe('maxUrlBytes and maxHeaderBytes', () => {
  it('default to 8 KiB and 16 KiB, keep configured values, and refuse what is not a positive number', () => {
    expect(resolveCallLimits({})).toMatchObject({ maxUrlBytes: 8192, maxHeaderBytes: 16384 });
    expect(DEFAULT_CALL_LIMITS).toMatchObject({ maxUrlBytes: 8192, maxHeaderBytes: 16384 });
    expect(resolveCallLimits({ maxUrlBytes: 100, maxHeaderBytes: 200 })).toMatchObject({
      maxUrlBytes: 100,
      maxHeaderBytes: 200,
    });
    expect(() => serverFor({ maxUrlBytes: 0 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        message: 'Option maxUrlBytes must be a positive number no larger than 9007199254740991; got 0.',
      }),
    );
    expect(() => resolveCallLimits({ maxHeaderBytes: '16kb' as unknown as number })).toThrow(
      'Option maxHeaderBytes must be a positive number no larger than 9007199254740991; got "16kb".',
    );
  });

  it('a tool call past the URL limit is refused before dispatch; at the limit it runs', async () => {
    const { mcp, seen } = serverFor({ maxUrlBytes: 32 });
    // `/notes/` and 26 characters: 33 bytes; multi-byte characters count once percent-encoded.
    const refused = await mcp.callTool('get_notes_by_id', { id: 'x'.repeat(26) });
    expect(refused).toEqual({
      isError: true,
      content: [
        {
          type: 'text',
          text: 'The URL for get_notes_by_id is 33 bytes (path and query); the limit is 32 (option maxUrlBytes).',
        },
      ],
    });
    const encoded = await mcp.callTool('get_notes_by_id', { id: 'é'.repeat(5) });
    expect(text(encoded)).toBe(
      'The URL for get_notes_by_id is 37 bytes (path and query); the limit is 32 (option maxUrlBytes).',
    );
    expect(seen).toEqual([]);
    const fits = await mcp.callTool('get_notes_by_id', { id: 'x'.repeat(25) });
    expect(fits.structuredContent).toEqual({ url: `/notes/${'x'.repeat(25)}`, note: null });
    expect(seen).toHaveLength(1);
  });

  it('counts every header of the request: arguments, the headers option and the Accept core adds', async () => {
    // accept (6 + 45 + 4) + x-note (6 + 10 + 4) = 75; x-api-key (9 + 20 + 4) = 33 more.
    const { mcp, seen } = serverFor({ maxHeaderBytes: 107, headers: { 'x-api-key': 'k'.repeat(20) } });
    const refused = await mcp.callTool('get_annotated', { 'x-note': 'n'.repeat(10) });
    expect(text(refused)).toBe(
      'The request headers for get_annotated are 108 bytes; the limit is 107 (option maxHeaderBytes).',
    );
    expect(seen).toEqual([]);
    const fits = await mcp.callTool('get_annotated', { 'x-note': 'n'.repeat(9) });
    expect(fits.structuredContent).toEqual({ url: '/annotated', note: 'n'.repeat(9) });
  });

  it('bounds a request built by a source’s own encoder (as the OpenAPI adapter’s) too', async () => {
    const { mcp, seen } = serverFor(
      { maxUrlBytes: 64 },
      {
        // An encoder that adds a long query of its own: the bound applies to what it built.
        encodeRequest: (tool, args, options) => {
          const request = toRequest(tool, args, options);
          return { ...request, url: `${request.url}?pad=${'p'.repeat(64)}` };
        },
      },
    );
    const refused = await mcp.callTool('get_notes_by_id', { id: 'a' });
    expect(text(refused)).toBe(
      'The URL for get_notes_by_id is 77 bytes (path and query); the limit is 64 (option maxUrlBytes).',
    );
    expect(seen).toEqual([]);
  });

  it('a resource template read past the URL limit is an InvalidParams error; the app never sees it', async () => {
    const { mcp, seen } = serverFor({
      maxUrlBytes: 32,
      routeMaps: [{ methods: ['GET'], path: '/notes/*', as: 'resource' }],
    });
    const client = await clientOf(mcp);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(['api://notes/{id}']);
    await expect(client.readResource({ uri: `api://notes/${'x'.repeat(26)}` })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining(
        'The URL for get_notes_by_id is 33 bytes (path and query); the limit is 32 (option maxUrlBytes).',
      ),
    });
    expect(seen).toEqual([]);
    const fits = await client.readResource({ uri: `api://notes/${'x'.repeat(25)}` });
    expect(JSON.parse((fits.contents[0] as { text: string }).text)).toEqual({
      url: `/notes/${'x'.repeat(25)}`,
      note: null,
    });
  });
});

describe('a hand-written tool whose result cannot be serialised', () => {
  function deepValue(levels: number): unknown {
    let value: unknown = 'bottom';
    for (let level = 0; level < levels; level++) value = [value];
    return value;
  }

  it('is an error result over InMemory and Streamable HTTP (deep or cyclic); the server keeps answering', async () => {
    const { mcp } = serverFor();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    mcp.tool('deep', { description: 'Nested 100 000 levels.' }, () => ({
      content: [{ type: 'text', text: 'deep' }],
      structuredContent: { value: deepValue(100_000) },
    }));
    mcp.tool('cyclic', { description: 'Refers to itself.' }, () => ({
      content: [{ type: 'text', text: 'cyclic' }],
      structuredContent: cyclic,
    }));
    const refusal = (name: string) => ({
      isError: true,
      content: [
        {
          type: 'text',
          text: `${name} returned a result nested more than 1000 levels deep (or a cyclic one), which an MCP result cannot carry.`,
        },
      ],
    });
    const listening = await listen(mcp, { port: 0 });
    closers.push(() => listening.close());
    const overHttp = new Client({ name: 'test', version: '1.0.0' });
    await overHttp.connect(new StreamableHTTPClientTransport(listening.url));
    closers.push(() => overHttp.close());
    for (const client of [await clientOf(mcp), overHttp]) {
      for (const name of ['deep', 'cyclic']) {
        // Bounded: without the check the HTTP answer is never written.
        expect(await client.callTool({ name, arguments: {} }, { timeout: 10_000 })).toEqual(refusal(name));
      }
      const after = await client.callTool({ name: 'get_notes_by_id', arguments: { id: 'after' } });
      expect(after.structuredContent).toEqual({ url: '/notes/after', note: null });
    }
  });
});
