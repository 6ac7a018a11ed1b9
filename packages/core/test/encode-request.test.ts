import { describe, expect, it } from 'vitest';
import { BackendMcpServer } from '../src/backend-mcp-server.js';
import type { HttpRequest } from '../src/http.js';
import { toRequest } from '../src/to-request.js';

describe('RouteSource.encodeRequest', () => {
  it("builds the request of a tool call in place of toRequest, given the server's headers", async () => {
    const dispatched: HttpRequest[] = [];
    const server = new BackendMcpServer(
      {
        extractRoutes: () => ({ routes: [{ method: 'GET', path: '/items/:id' }], skipped: [] }),
        encodeRequest: (tool, args, options) => {
          const request = toRequest(tool, args, options);
          return { ...request, url: `${request.url}?encoded=by-source` };
        },
        dispatch: async (request) => {
          dispatched.push(request);
          return {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: new TextEncoder().encode('{}'),
          };
        },
      },
      {
        headers: { 'x-service': 'b2m' },
        onWarning: () => {},
      },
    );
    const result = await server.callTool('get_items_by_id', { id: 'a/b' });
    expect(result.isError ?? false).toBe(false);
    expect(dispatched[0]?.url).toBe('/items/a%2Fb?encoded=by-source');
    expect(dispatched[0]?.headers['x-service']).toBe('b2m');
  });

  it('turns an encoder error into an error result naming it', async () => {
    const server = new BackendMcpServer(
      {
        extractRoutes: () => ({ routes: [{ method: 'GET', path: '/items/:id' }], skipped: [] }),
        encodeRequest: () => {
          throw new Error('cannot encode that');
        },
        dispatch: async () => ({ status: 200, headers: {}, body: new Uint8Array() }),
      },
      { onWarning: () => {} },
    );
    const result = await server.callTool('get_items_by_id', { id: '1' });
    expect(result).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'The route failed: cannot encode that' }],
    });
  });
});
