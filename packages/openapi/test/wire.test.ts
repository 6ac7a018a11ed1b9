import { fileURLToPath } from 'node:url';
import { Cleanups, connectInMemory, textOf } from '@backend2mcp/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiMcpAdapter, type OpenApiMcpOptions, readDocument } from '../src/index.js';
import { type EchoBackend, startEchoBackend } from './support/echo-backend.js';

const WIRE = fileURLToPath(new URL('./fixtures/wire.yaml', import.meta.url));
const cleanups = new Cleanups();
let echo: EchoBackend;

beforeAll(async () => {
  echo = await startEchoBackend();
});
afterEach(() => cleanups.run());
afterAll(() => echo.close());

function adapterFor(options: Partial<OpenApiMcpOptions> = {}): OpenApiMcpAdapter {
  const adapter = new OpenApiMcpAdapter({
    document: WIRE,
    baseUrl: echo.origin,
    onWarning: () => {},
    ...options,
  });
  cleanups.add(() => adapter.close());
  return adapter;
}

/** What the echo backend saw for one call. */
async function wire(adapter: OpenApiMcpAdapter, tool: string, args: Record<string, unknown> = {}) {
  const result = await adapter.callTool(tool, args);
  expect(result.isError ?? false, textOf(result)).toBe(false);
  return result.structuredContent as {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
  };
}

describe('requests on the wire', () => {
  it('percent-encodes path values so they stay in their segment, and refuses dot segments', async () => {
    const adapter = adapterFor();
    expect((await wire(adapter, 'get_file', { name: '../etc/passwd' })).url).toBe('/files/..%2Fetc%2Fpasswd');
    expect((await wire(adapter, 'get_file', { name: 'a b?c#d' })).url).toBe('/files/a%20b%3Fc%23d');
    const before = echo.received.length;
    for (const name of ['.', '..']) {
      const result = await adapter.callTool('get_file', { name });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`Path parameter "name" cannot be "${name}"`);
    }
    expect(echo.received.length).toBe(before);
  });

  it('serialises each parameter by its style and explode', async () => {
    const seen = await wire(adapterFor(), 'styles', {
      label: ['a', 'b c'],
      matrix: { a: 'x;y' },
      ids: [1, 2],
      filter: { role: 'admin', age: 3 },
      pipes: ['a', 'b'],
      spaces: ['a', 'b'],
      point: { x: 1, y: 2 },
      path: '/a/b?',
      json: { k: 1 },
    });
    expect(seen.url).toBe(
      '/styles/.a.b%20c/;matrix=a,x%3By?ids=1,2&filter%5Brole%5D=admin&filter%5Bage%5D=3&pipes=a|b&spaces=a%20b&x=1&y=2&path=/a/b?&json=%7B%22k%22%3A1%7D',
    );
  });

  it('refuses header values with CR or LF before anything is sent, and percent-encodes cookies', async () => {
    const adapter = adapterFor();
    const before = echo.received.length;
    const refused = await adapter.callTool('send_header', { 'x-note': 'hi\r\nX-Evil: 1' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('Header "X-Note" may only contain');
    expect(echo.received.length).toBe(before);
    const seen = await wire(adapter, 'send_header', { 'x-note': 'hello', session: 'a;b=c' });
    expect(seen.headers['x-note']).toBe('hello');
    expect(seen.headers.cookie).toBe('session=a%3Bb%3Dc');
  });

  it('takes a union body as one body argument whose schema clients can validate, and sends it as JSON', async () => {
    const adapter = adapterFor();
    await adapter.ready();
    const tool = adapter.tools.find((candidate) => candidate.name === 'add_shape')!;
    expect(tool.inputSchema).toMatchObject({
      type: 'object',
      required: ['body'],
      properties: { body: { anyOf: [{ $ref: '#/$defs/Circle' }, { $ref: '#/$defs/Square' }] } },
      $defs: { Circle: { required: ['kind', 'radius'] }, Square: { required: ['kind', 'side'] } },
    });
    const refused = await adapter.callTool('add_shape', { body: { kind: 'circle' } });
    expect(refused.isError).toBe(true);
    const seen = await wire(adapter, 'add_shape', { body: { kind: 'circle', radius: 2 } });
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.body)).toEqual({ kind: 'circle', radius: 2 });
  });

  it('sends multipart bodies with file fields decoded from base64', async () => {
    const seen = await wire(adapterFor(), 'upload', {
      file: Buffer.from('hello\u0000bin').toString('base64'),
      label: 'x"y',
    });
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=backend2mcp-[0-9a-f]+$/);
    expect(seen.body).toContain('Content-Disposition: form-data; name="file"; filename="file"');
    expect(seen.body).toContain('hello\u0000bin');
    expect(seen.body).toContain('name="label"\r\n\r\nx"y\r\n');
  });
});

describe('outbound credentials', () => {
  const credentials = {
    headerKey: 'h1',
    queryKey: 'q 1',
    cookieKey: 'c1',
    bearerAuth: 't0k',
    basicAuth: { username: 'u', password: 'p:w' },
    machine: { clientId: 'id', clientSecret: 's3' },
  };

  it('never become tool arguments', async () => {
    const { tools } = await adapterFor({ credentials })
      .server.prepare()
      .then(() => ({ tools: [] }));
    expect(tools).toEqual([]);
    const adapter = adapterFor({ credentials });
    await adapter.ready();
    for (const name of ['with_keys', 'with_bearer', 'with_basic', 'with_client_credentials']) {
      expect(adapter.tools.find((tool) => tool.name === name)?.inputSchema.properties).toEqual({});
    }
  });

  it('put API keys in the header, query and cookie their scheme names', async () => {
    const seen = await wire(adapterFor({ credentials }), 'with_keys');
    expect(seen.headers['x-api-key']).toBe('h1');
    expect(seen.url).toBe('/keys?api_key=q%201');
    expect(seen.headers.cookie).toBe('sid=c1');
  });

  it('send bearer and basic credentials, and nothing where the operation needs none', async () => {
    const adapter = adapterFor({ credentials });
    expect((await wire(adapter, 'with_bearer')).headers.authorization).toBe('Bearer t0k');
    expect((await wire(adapter, 'with_basic')).headers.authorization).toBe(
      `Basic ${Buffer.from('u:p:w').toString('base64')}`,
    );
    const open = await wire(adapter, 'open');
    expect(open.headers.authorization).toBeUndefined();
    expect(open.headers['x-api-key']).toBeUndefined();
  });

  it('fetch an OAuth client-credentials token, renew it on 401 and retry once, then reuse it', async () => {
    const adapter = adapterFor({ credentials });
    const issued = echo.tokensIssued;
    const seen = await wire(adapter, 'with_client_credentials');
    expect(seen.headers.authorization).toBe(`Bearer token-${issued + 2}`);
    expect(echo.tokensIssued).toBe(issued + 2);
    const tokenRequest = echo.received.filter((entry) => entry.url === '/token').at(-1)!;
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from('id:s3').toString('base64')}`);
    expect(tokenRequest.body.toString()).toBe('grant_type=client_credentials&scope=read');
    await wire(adapter, 'with_client_credentials');
    expect(echo.tokensIssued).toBe(issued + 2);
  });

  it("do not forward the caller's own token unless forwardHeaders names it; configured credentials win", async () => {
    const caller = { authorization: 'Bearer caller-token' };
    const plain = await connectInMemory(adapterFor({ credentials, stdioCredentials: caller }), cleanups);
    const notForwarded = await plain.callTool({ name: 'open', arguments: {} });
    expect((notForwarded.structuredContent as { headers: object }).headers).not.toHaveProperty(
      'authorization',
    );

    const forwarding = await connectInMemory(
      adapterFor({ credentials, stdioCredentials: caller, forwardHeaders: ['authorization'] }),
      cleanups,
    );
    const forwarded = await forwarding.callTool({ name: 'open', arguments: {} });
    expect((forwarded.structuredContent as { headers: Record<string, string> }).headers.authorization).toBe(
      'Bearer caller-token',
    );
    const configured = await forwarding.callTool({ name: 'with_bearer', arguments: {} });
    expect((configured.structuredContent as { headers: Record<string, string> }).headers.authorization).toBe(
      'Bearer t0k',
    );
  });

  it('refuse credentials for a scheme the document does not define', async () => {
    const adapter = adapterFor({ credentials: { nope: 'x' } });
    await expect(adapter.ready()).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});

describe('limits', () => {
  it('cut a response larger than maxResponseBytes', async () => {
    const result = await adapterFor({ maxResponseBytes: 10_000 }).callTool('big', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('larger than maxResponseBytes (10000 bytes)');
  });

  it('abort a call the backend does not answer within timeoutMs', async () => {
    const result = await adapterFor({ timeoutMs: 300 }).callTool('hang', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('did not answer within 300 ms');
  });

  it('do not follow redirects (they could carry credentials to another host)', async () => {
    const result = await adapterFor({ credentials: { bearerAuth: 't0k' } }).callTool('redirect', {});
    // The redirect is the answer: its status and where it points, never a request to that place.
    expect(textOf(result)).toBe('HTTP 302 Found\nLocation: http://127.0.0.2:9/stolen');
  });

  it('make excluded operations neither listed nor callable', async () => {
    const adapter = adapterFor({ exclude: { tags: ['admin'] } });
    await adapter.ready();
    expect(adapter.tools.map((tool) => tool.name)).not.toContain('reset');
    await expect(adapter.callTool('reset', {})).rejects.toThrow(/reset/);
  });
});

describe('documents', () => {
  it('refuse external references without fetching them', async () => {
    const before = echo.received.length;
    const document = {
      openapi: '3.1.0',
      info: { title: 'x', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: `${echo.origin}/evil.json` } } },
              },
            },
          },
        },
      },
    };
    await expect(readDocument(document)).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: expect.stringContaining(`external $ref "${echo.origin}/evil.json"`),
    });
    const fileRef = structuredClone(document);
    fileRef.paths['/a'].get.responses['200'].content['application/json'].schema.$ref = './secrets.yaml#/x';
    await expect(readDocument(fileRef)).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
    expect(echo.received.length).toBe(before);
  });

  it('refuse what is not an OpenAPI or Swagger document, naming what it is', async () => {
    await expect(readDocument({ asyncapi: '2.0.0' })).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: expect.stringContaining('not an OpenAPI 3.0/3.1 or Swagger 2.0 document'),
    });
  });
});
