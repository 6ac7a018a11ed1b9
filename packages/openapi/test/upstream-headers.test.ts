/**
 * What reaches the backend's wire, seen by a real HTTP server: never a
 * connection or forwarding header from a tool argument or a forwarded caller
 * header, and never a request larger than the URL and header limits.
 */
import { fileURLToPath } from 'node:url';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiMcpAdapter, type OpenApiMcpOptions } from '../src/index.js';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.js';

const HOP = fileURLToPath(new URL('./fixtures/hop-headers.yaml', import.meta.url));
const WIRE = fileURLToPath(new URL('./fixtures/wire.yaml', import.meta.url));
const cleanups = new Cleanups();
let echo: EchoBackend;

beforeAll(async () => {
  echo = await startEchoBackend();
});
afterEach(() => cleanups.run());
afterAll(() => echo.close());

function adapterFor(document: string, options: Partial<OpenApiMcpOptions> = {}): OpenApiMcpAdapter {
  const adapter = new OpenApiMcpAdapter({ document, baseUrl: echo.origin, onWarning: () => {}, ...options });
  cleanups.add(() => adapter.close());
  return adapter;
}

/** Connection and forwarding headers with the values a caller would like the backend to believe. */
const SPOOFED = {
  host: 'evil.example',
  connection: 'close, x-note',
  'transfer-encoding': 'chunked',
  'keep-alive': 'timeout=1',
  upgrade: 'websocket',
  'x-forwarded-for': '6.6.6.6',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'for=6.6.6.6;host=evil.example',
  via: '1.1 evil.example',
  'x-real-ip': '6.6.6.6',
};

/** The spoofed headers that arrived at the backend with their spoofed value. */
function spoofedOn(headers: Record<string, string | string[] | undefined>): string[] {
  return Object.entries(SPOOFED)
    .filter(([name, value]) => headers[name] === value)
    .map(([name]) => name);
}

describe('headers the backend never receives', () => {
  it('a tool argument cannot set Host, Connection, Transfer-Encoding, X-Forwarded-* or other hop headers', async () => {
    const before = echo.received.length;
    const result = await adapterFor(HOP).callTool('hop', { ...SPOOFED, 'x-note': 'kept' });
    expect(result.isError ?? false, textOf(result)).toBe(false);
    expect(echo.received.length).toBe(before + 1);
    const { headers } = echo.received.at(-1)!;
    expect(spoofedOn(headers)).toEqual([]);
    expect(headers.host).toBe(new URL(echo.origin).host);
    for (const name of ['transfer-encoding', 'upgrade', 'forwarded', 'via', 'x-real-ip', 'x-forwarded-for']) {
      expect(headers).not.toHaveProperty(name);
    }
    // The header the route declares for itself still arrives.
    expect(headers['x-note']).toBe('kept');
  });

  it("a caller's header let through by forwardHeaders cannot set them either", async () => {
    const caller = {
      'x-forwarded-for': '6.6.6.6',
      'x-forwarded-host': 'evil.example',
      via: '1.1 evil.example',
    };
    const client = await connectInMemory(
      adapterFor(WIRE, { stdioCredentials: caller, forwardHeaders: Object.keys(caller) }),
      cleanups,
    );
    const before = echo.received.length;
    const result = await client.callTool({ name: 'open', arguments: {} });
    expect(result.isError ?? false, textOf(result)).toBe(false);
    expect(echo.received.length).toBe(before + 1);
    expect(spoofedOn(echo.received.at(-1)!.headers)).toEqual([]);
  });
});

describe('request size limits on the OpenAPI request encoder', () => {
  it('refuses a path value past maxUrlBytes before anything is sent', async () => {
    const adapter = adapterFor(WIRE, { maxUrlBytes: 64 });
    const before = echo.received.length;
    // `/files/` and 58 characters: 65 bytes.
    const refused = await adapter.callTool('get_file', { name: 'x'.repeat(58) });
    expect(refused).toEqual({
      isError: true,
      content: [
        {
          type: 'text',
          text: 'The URL for get_file is 65 bytes (path and query); the limit is 64 (option maxUrlBytes).',
        },
      ],
    });
    expect(echo.received.length).toBe(before);
    const fits = await adapter.callTool('get_file', { name: 'x'.repeat(57) });
    expect((fits.structuredContent as { url: string }).url).toBe(`/files/${'x'.repeat(57)}`);
  });

  it('refuses a query value past the default 8 KiB and headers past maxHeaderBytes before anything is sent', async () => {
    const adapter = adapterFor(WIRE, { maxHeaderBytes: 512 });
    const before = echo.received.length;
    const longQuery = await adapter.callTool('styles', {
      label: ['a'],
      matrix: { a: 'b' },
      path: 'x'.repeat(8 * 1024),
    });
    expect(longQuery.isError).toBe(true);
    expect(textOf(longQuery)).toMatch(
      /^The URL for styles is \d+ bytes \(path and query\); the limit is 8192 \(option maxUrlBytes\)\.$/,
    );
    const longHeader = await adapter.callTool('send_header', { 'x-note': 'x'.repeat(512) });
    expect(longHeader.isError).toBe(true);
    expect(textOf(longHeader)).toMatch(
      /^The request headers for send_header are \d+ bytes; the limit is 512 \(option maxHeaderBytes\)\.$/,
    );
    expect(echo.received.length).toBe(before);
  });
});
