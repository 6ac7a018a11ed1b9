import { describe, expect, it } from 'vitest';
import { buildTools } from './build-tools.js';
import type { RouteInfo } from './route.js';
import { toRequest } from './to-request.js';

const toolFor = (route: RouteInfo) => buildTools([route]).tools[0]!;
const bodyText = (body: Uint8Array | undefined) => (body ? new TextDecoder().decode(body) : undefined);

describe('toRequest', () => {
  it('encodes a path value as one segment, so ../admin cannot leave it', () => {
    const request = toRequest(toolFor({ method: 'GET', path: '/users/:id' }), { id: '../admin' });
    expect(request.url).toBe('/users/..%2Fadmin');
  });

  it('refuses dot segments, which URL parsers resolve even percent-encoded, naming the parameter', () => {
    const user = toolFor({ method: 'GET', path: '/users/:id' });
    for (const id of ['.', '..']) {
      expect(() => toRequest(user, { id })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: `Path parameter "id" cannot be "${id}" (or contain it as a path segment): URL parsers resolve it, so the request would reach another route.`,
        }),
      );
    }
    const files = toolFor({ method: 'GET', path: '/files/*path' });
    expect(() => toRequest(files, { path: 'a/../b' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('"path"') }),
    );
    // Dots inside a segment, or a segment that only starts with dots, are ordinary data.
    expect(toRequest(user, { id: '../admin' }).url).toBe('/users/..%2Fadmin');
    expect(toRequest(files, { path: 'a/.../b c/?#/.env' }).url).toBe('/files/a/.../b%20c/%3F%23/.env');
  });

  it('refuses a path or query value with a lone surrogate, naming it', () => {
    expect(() => toRequest(toolFor({ method: 'GET', path: '/users/:id' }), { id: 'a\ud800' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: 'Path parameter "id" is not well-formed Unicode: it contains a lone surrogate.',
      }),
    );
    const search = toolFor({ method: 'GET', path: '/search' });
    expect(() => toRequest(search, { query: { q: '\udc00x' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('"q"') }),
    );
    expect(toRequest(search, { query: { q: '😀' } }).url).toBe('/search?q=%F0%9F%98%80');
  });

  it('omits an optional group whose param is missing and fills it when given', () => {
    const tool = toolFor({ method: 'GET', path: '/reports{/:year}' });
    expect(toRequest(tool, {}).url).toBe('/reports');
    expect(toRequest(tool, { year: '2024' }).url).toBe('/reports/2024');
  });

  it('repeats query keys for arrays and uses brackets for nested objects', () => {
    const request = toRequest(toolFor({ method: 'GET', path: '/search' }), {
      query: { tag: ['a b', 'c&d'], page: 2, filter: { owner: 'me' }, skip: null },
    });
    expect(request.url).toBe('/search?tag=a%20b&tag=c%26d&page=2&filter%5Bowner%5D=me');
  });

  it('sends declared body fields as a JSON object under their own names', () => {
    const tool = toolFor({
      method: 'PUT',
      path: '/users/:id',
      schemas: { body: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } },
    });
    const request = toRequest(tool, { id: '7', body_id: 'x', name: 'Ada' });
    expect(request.url).toBe('/users/7');
    expect(JSON.parse(bodyText(request.body)!)).toEqual({ id: 'x', name: 'Ada' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['content-length']).toBe(String(request.body!.byteLength));
  });

  it('sends a whole body argument as it is, including non-object bodies', () => {
    const tool = toolFor({ method: 'POST', path: '/items' });
    expect(bodyText(toRequest(tool, { body: [1, 2] }).body)).toBe('[1,2]');
    expect(bodyText(toRequest(tool, { body: 'plain' }).body)).toBe('"plain"');
    expect(toRequest(tool, {}).body).toBeUndefined();
  });

  it('stores a __proto__ body field as data, never as a prototype', () => {
    const tool = toolFor({
      method: 'POST',
      path: '/x',
      schemas: { body: { type: 'object', properties: { ['__proto__']: { type: 'object' }, a: {} } } },
    });
    const args = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const request = toRequest(tool, args);
    expect(bodyText(request.body)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sends cookie arguments in one Cookie header, each name and value percent-encoded', () => {
    const tool = toolFor({
      method: 'GET',
      path: '/me',
      schemas: {
        cookies: { type: 'object', properties: { session: { type: 'string' }, theme: { type: 'string' } } },
      },
    });
    expect(tool.binding.arguments).toEqual([
      { arg: 'session', location: 'cookie', name: 'session' },
      { arg: 'theme', location: 'cookie', name: 'theme' },
    ]);
    const request = toRequest(tool, { session: 'a; admin=1', theme: 'dark' });
    expect(request.headers.cookie).toBe('session=a%3B%20admin%3D1; theme=dark');
  });

  it('never lets an argument set Host, forwarding, hop-by-hop or framing headers, even when the route declares them', () => {
    const names = [
      'Host',
      'X-Forwarded-For',
      'X-Forwarded-Host',
      'Forwarded',
      'Transfer-Encoding',
      'Content-Length',
      'Connection',
    ];
    const tool = toolFor({
      method: 'GET',
      path: '/x',
      schemas: {
        headers: {
          type: 'object',
          properties: Object.fromEntries([...names, 'X-Trace'].map((name) => [name, { type: 'string' }])),
        },
      },
    });
    expect(toRequest(tool, { 'x-trace': 'abc' }).headers['x-trace']).toBe('abc');
    for (const name of names) {
      expect(() => toRequest(tool, { [name.toLowerCase()]: 'evil.example.com' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining(name.toLowerCase()),
        }),
      );
    }
  });

  it('rejects header values with CR or LF', () => {
    const tool = toolFor({
      method: 'GET',
      path: '/x',
      schemas: { headers: { type: 'object', properties: { 'X-Trace': { type: 'string' } } } },
    });
    expect(toRequest(tool, { 'x-trace': 'abc' }).headers['x-trace']).toBe('abc');
    expect(() => toRequest(tool, { 'x-trace': 'a\r\nSet-Cookie: x=1' })).toThrow(
      expect.objectContaining({ code: 'INVALID_HEADER_VALUE' }),
    );
  });

  it('rejects other characters HTTP forbids in header values, and keeps Latin-1', () => {
    const tool = toolFor({
      method: 'GET',
      path: '/x',
      schemas: { headers: { type: 'object', properties: { 'x-trace': { type: 'string' } } } },
    });
    for (const value of ['a\u0001b', 'a\u007fb', 'caf\u00e9 \u65e5\u672c']) {
      expect(() => toRequest(tool, { 'x-trace': value })).toThrow(
        expect.objectContaining({
          code: 'INVALID_HEADER_VALUE',
          message:
            'Header "x-trace" may only contain visible ASCII, spaces, tabs and Latin-1 characters (no control characters).',
        }),
      );
    }
    expect(toRequest(tool, { 'x-trace': 'caf\u00e9\t1' }).headers['x-trace']).toBe('caf\u00e9\t1');
  });

  it('keeps a path parameter named __proto__ as data', () => {
    const tool = toolFor({ method: 'GET', path: '/things/:__proto__' });
    expect(toRequest(tool, JSON.parse('{"__proto__": "x"}')).url).toBe('/things/x');
  });

  it('lets server-set headers win over argument headers', () => {
    const tool = toolFor({
      method: 'GET',
      path: '/x',
      schemas: { headers: { type: 'object', properties: { authorization: { type: 'string' } } } },
    });
    const request = toRequest(
      tool,
      { authorization: 'Bearer caller' },
      { headers: { Authorization: 'Bearer server' } },
    );
    expect(request.headers.authorization).toBe('Bearer server');
  });

  it('refuses a body over the size limit', () => {
    const tool = toolFor({ method: 'POST', path: '/x' });
    expect(() => toRequest(tool, { body: 'x'.repeat(100) }, { maxRequestBytes: 50 })).toThrow(
      expect.objectContaining({ code: 'REQUEST_TOO_LARGE' }),
    );
  });

  it('sends a form body form-encoded and a multipart body whose field names cannot break a part header', () => {
    const form = toolFor({ method: 'POST', path: '/login', bodyEncoding: 'form' });
    const login = toRequest(form, { body: { user: 'ada lovelace', roles: ['a', 'b'], meta: { x: '1&2' } } });
    expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(bodyText(login.body)).toBe('user=ada%20lovelace&roles=a&roles=b&meta%5Bx%5D=1%262');

    const multipart = toolFor({ method: 'POST', path: '/feedback', meta: { bodyEncoding: 'multipart' } });
    const request = toRequest(multipart, { body: { 'a"\r\nX-Injected: 1': 'v' } });
    const boundary = /boundary=(\S+)$/.exec(request.headers['content-type']!)![1]!;
    expect(bodyText(request.body)).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="a%22%0D%0AX-Injected: 1"\r\n\r\nv\r\n--${boundary}--\r\n`,
    );
  });
});
