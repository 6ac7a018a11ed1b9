import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cleanups, PROTOCOL_ERAS } from './connect.js';
import { startTestIssuer, type TestIssuer } from './test-issuer.js';

/**
 * An app of the adapter's framework with MCP mounted at `/mcp`, listening on
 * 127.0.0.1. The app must have these routes, written in the framework's idiom:
 *
 * - `GET /me`: answers `{ subject, scopes, providers, viaHelper }`, the first three
 *   read from the framework's own place for the caller (`req.mcp.auth`,
 *   `request.mcpAuth`, `ctx.state.mcpAuth`, `c.get('mcpAuth')`), `viaHelper` the
 *   subject read with the adapter's `getAuthContext()`.
 * - `GET /orders` requiring scope `orders:read` (route metadata), answers `[{ id: 1 }]`.
 * - `POST /orders` requiring scope `orders:write`, answers 201 `{ created: true }`.
 * - `GET /private` behind the app's own middleware, which answers 401
 *   `{ error: 'app says no' }` unless `authorization` is `Bearer backend-secret`;
 *   answers `{ secret: 42 }`.
 * - `GET /headers`: answers `{ authorization, serviceKey, tenant }` from the
 *   request's `authorization`, `x-service-key` and `x-tenant` headers (null when absent).
 * - `GET /whoami/:n`: waits a few milliseconds (a random 0-4), then answers
 *   `{ n, subject, authorization }` (the caller's subject and the request's authorization header).
 */
export interface AuthFixture {
  /** The provider classes, as the adapter package exports them (test-support does not depend on core). */
  providers: AuthProviderClasses;
  start(options: AuthSuiteOptions): Promise<{ url: URL; close(): Promise<void> }>;
}

/** The adapter options the suite passes (a subset of `BackendMcpOptions`). */
export interface AuthSuiteOptions {
  auth?: object | readonly object[];
  forwardHeaders?: readonly string[];
  routeMaps?: readonly object[];
}

type Credentials = string[] | Record<string, { subject?: string; scopes?: string[] }>;

/** The provider constructors the suite uses. */
export interface AuthProviderClasses {
  BearerAuthProvider: new (options?: { tokens?: Credentials }) => object;
  ApiKeyAuthProvider: new (options: { header?: string; queryParam?: string; keys?: Credentials }) => object;
  HeaderInjectionAuthProvider: new (options: { headers: Record<string, string> }) => object;
  OAuthResourceServer: new (options: {
    resource: string;
    authorizationServers: string[];
    jwks: URL;
    scopesSupported?: string[];
    resourceName?: string;
    requireAccessTokenType?: boolean;
  }) => object;
}

const RESOURCE = 'https://mcp.example.test/mcp';
const METADATA_URL = 'https://mcp.example.test/.well-known/oauth-protected-resource/mcp';

/** The auth acceptance tests, run against one adapter's fixture app over Streamable HTTP. */
export function describeAuth(framework: string, fixture: AuthFixture): void {
  const { ApiKeyAuthProvider, BearerAuthProvider, HeaderInjectionAuthProvider, OAuthResourceServer } =
    fixture.providers;
  describe(`${framework} adapter: authentication over Streamable HTTP`, () => {
    const cleanups = new Cleanups();
    let issuer: TestIssuer;
    beforeAll(async () => {
      issuer = await startTestIssuer();
    });
    afterAll(() => issuer.close());
    afterEach(() => cleanups.run());

    async function start(options: AuthSuiteOptions) {
      const server = await fixture.start(options);
      cleanups.add(() => server.close());
      return server.url;
    }

    function oauth() {
      return new OAuthResourceServer({
        resource: RESOURCE,
        authorizationServers: [issuer.issuer],
        jwks: issuer.jwksUrl,
        scopesSupported: ['orders:read', 'orders:write'],
        resourceName: 'Orders API',
      });
    }

    async function connect(url: URL, headers: Record<string, string>, era = PROTOCOL_ERAS[0]![1]) {
      const client = new Client({ name: 'test', version: '1.0.0' }, era);
      await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
      cleanups.add(() => client.close());
      return client;
    }

    /** One raw JSON-RPC POST, as a 2025-era stateless client sends it. */
    function post(url: URL, headers: Record<string, string>, method: string, params: unknown = {}) {
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-11-25',
          ...headers,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
    }

    describe('OAuth resource server', () => {
      it('answers a request without a token with 401 and the metadata challenge', async () => {
        const url = await start({ auth: oauth() });
        const response = await post(url, {}, 'tools/list');
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe(
          `Bearer resource_metadata="${METADATA_URL}", scope="orders:read orders:write"`,
        );
      });

      it.each([
        ['a malformed token', async () => 'not-a-jwt', 'not a valid JWT'],
        [
          'an expired token',
          async () => issuer.sign({ sub: 'alice', aud: RESOURCE, expiresInSeconds: -60 }),
          'expired',
        ],
        [
          'a token for another resource',
          async () => issuer.sign({ sub: 'alice', aud: 'https://other.example.test/mcp' }),
          'audience',
        ],
        [
          'a token from another issuer',
          async () => issuer.sign({ sub: 'alice', aud: RESOURCE, iss: 'https://evil.example.test' }),
          'issuer',
        ],
        [
          'a token signed with an unknown key',
          async () => issuer.signWithForeignKey({ sub: 'alice', aud: RESOURCE }),
          'signature',
        ],
      ])('answers %s with 401 invalid_token', async (_, token, reason) => {
        const url = await start({ auth: oauth() });
        const response = await post(url, { authorization: `Bearer ${await token()}` }, 'tools/list');
        expect(response.status).toBe(401);
        const challenge = response.headers.get('www-authenticate') ?? '';
        expect(challenge).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"/);
        expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`);
        expect(((await response.json()) as { error_description: string }).error_description).toContain(
          reason,
        );
      });

      it('publishes Protected Resource Metadata (RFC 9728) at the path-suffixed and bare well-known URLs', async () => {
        const url = await start({ auth: oauth() });
        for (const path of [
          '/.well-known/oauth-protected-resource/mcp',
          '/.well-known/oauth-protected-resource',
        ]) {
          const response = await fetch(new URL(path, url));
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual({
            resource: RESOURCE,
            authorization_servers: [issuer.issuer],
            bearer_methods_supported: ['header'],
            scopes_supported: ['orders:read', 'orders:write'],
            resource_name: 'Orders API',
          });
        }
      });

      it.each(PROTOCOL_ERAS)('lets a valid token in; the handler sees the caller (%s)', async (_, era) => {
        const url = await start({ auth: oauth() });
        const token = await issuer.sign({
          sub: 'alice',
          aud: RESOURCE,
          scope: 'orders:read',
          client_id: 'agent-1',
        });
        const client = await connect(url, { authorization: `Bearer ${token}` }, era);
        const result = await client.callTool({ name: 'get_me', arguments: {} });
        expect(result.structuredContent).toEqual({
          subject: 'alice',
          scopes: ['orders:read'],
          providers: ['oauth'],
          viaHelper: 'alice',
        });
      });

      it('hides tools whose scopes the token lacks, and refuses them with 403 insufficient_scope', async () => {
        const url = await start({ auth: oauth() });
        const reader = await issuer.sign({ sub: 'alice', aud: RESOURCE, scope: 'orders:read' });
        const client = await connect(url, { authorization: `Bearer ${reader}` });
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        expect(names).toContain('get_orders');
        expect(names).not.toContain('post_orders');
        expect((await client.callTool({ name: 'get_orders', arguments: {} })).structuredContent).toEqual({
          result: [{ id: 1 }],
        });

        const refused = await post(url, { authorization: `Bearer ${reader}` }, 'tools/call', {
          name: 'post_orders',
          arguments: {},
        });
        expect(refused.status).toBe(403);
        expect(refused.headers.get('www-authenticate')).toBe(
          `Bearer error="insufficient_scope", error_description="Tool \\"post_orders\\" needs the scope(s) orders:write, which your credentials do not grant.", resource_metadata="${METADATA_URL}", scope="orders:write"`,
        );

        const writer = await issuer.sign({ sub: 'bob', aud: RESOURCE, scope: 'orders:read orders:write' });
        const writerClient = await connect(url, { authorization: `Bearer ${writer}` });
        expect((await writerClient.listTools()).tools.map((tool) => tool.name)).toContain('post_orders');
        const created = await writerClient.callTool({ name: 'post_orders', arguments: {} });
        expect(created.isError).toBeFalsy();
        expect(created.structuredContent).toEqual({ created: true });
      });
      it('with requireAccessTokenType, accepts only tokens typed at+jwt (RFC 9068)', async () => {
        const url = await start({
          auth: new OAuthResourceServer({
            resource: RESOURCE,
            authorizationServers: [issuer.issuer],
            jwks: issuer.jwksUrl,
            requireAccessTokenType: true,
          }),
        });
        const untyped = await issuer.sign({ sub: 'alice', aud: RESOURCE });
        expect((await post(url, { authorization: `Bearer ${untyped}` }, 'tools/list')).status).toBe(401);
        const idToken = await issuer.sign({ sub: 'alice', aud: RESOURCE, headerType: 'JWT' });
        expect((await post(url, { authorization: `Bearer ${idToken}` }, 'tools/list')).status).toBe(401);
        const accessToken = await issuer.sign({ sub: 'alice', aud: RESOURCE, headerType: 'at+jwt' });
        expect((await post(url, { authorization: `Bearer ${accessToken}` }, 'tools/list')).status).toBe(200);
      });

      it('refuses JSON-RPC batches, so none carries a call past the 403 scope challenge', async () => {
        const url = await start({ auth: oauth() });
        const reader = await issuer.sign({ sub: 'alice', aud: RESOURCE, scope: 'orders:read' });
        const batch = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${reader}`,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'mcp-protocol-version': '2025-11-25',
          },
          body: JSON.stringify([
            { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_orders', arguments: {} } },
            { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'post_orders', arguments: {} } },
          ]),
        });
        expect(batch.status).toBe(400);
        expect(await batch.json()).toMatchObject({ error: { code: -32600 } });
      });

      it('hides resources whose scopes the token lacks, and refuses reading them with 403 insufficient_scope', async () => {
        const url = await start({
          auth: oauth(),
          routeMaps: [{ methods: ['GET'], path: '/orders', as: 'resource' }],
        });
        const nobody = await issuer.sign({ sub: 'carol', aud: RESOURCE, scope: '' });
        const client = await connect(url, { authorization: `Bearer ${nobody}` });
        expect((await client.listResources()).resources).toEqual([]);
        const refused = await post(url, { authorization: `Bearer ${nobody}` }, 'resources/read', {
          uri: 'api://orders',
        });
        expect(refused.status).toBe(403);
        expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
        expect(refused.headers.get('www-authenticate')).toContain('scope="orders:read"');

        const reader = await issuer.sign({ sub: 'alice', aud: RESOURCE, scope: 'orders:read' });
        const readerClient = await connect(url, { authorization: `Bearer ${reader}` });
        expect((await readerClient.listResources()).resources.map((entry) => entry.uri)).toEqual([
          'api://orders',
        ]);
        const read = await readerClient.readResource({ uri: 'api://orders' });
        expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual([{ id: 1 }]);
      });
    });

    describe('API keys', () => {
      const keys = () =>
        new ApiKeyAuthProvider({
          header: 'x-api-key',
          queryParam: 'api_key',
          keys: { 'key-1': { subject: 'svc' } },
        });

      it('accepts a key in the header', async () => {
        const url = await start({ auth: keys() });
        const client = await connect(url, { 'x-api-key': 'key-1' });
        const me = await client.callTool({ name: 'get_me', arguments: {} });
        expect(me.structuredContent).toMatchObject({ subject: 'svc', providers: ['api-key'] });
      });

      it('accepts a key in the query string', async () => {
        const url = await start({ auth: keys() });
        const withKey = new URL(url);
        withKey.searchParams.set('api_key', 'key-1');
        const client = await connect(withKey, {});
        const me = await client.callTool({ name: 'get_me', arguments: {} });
        expect(me.structuredContent).toMatchObject({ subject: 'svc' });
      });

      it('refuses a missing or unknown key with 401', async () => {
        const url = await start({ auth: keys() });
        const missing = await post(url, {}, 'tools/list');
        expect(missing.status).toBe(401);
        expect(missing.headers.get('www-authenticate')).toBe('ApiKey header="x-api-key", query="api_key"');
        expect((await post(url, { 'x-api-key': 'key-2' }, 'tools/list')).status).toBe(401);
      });
    });

    describe('what reaches the app', () => {
      it('injects server headers that a caller cannot override, and never returns their values', async () => {
        const url = await start({
          auth: [
            new BearerAuthProvider({ tokens: ['t1'] }),
            new HeaderInjectionAuthProvider({ headers: { 'x-service-key': 'svc-secret' } }),
          ],
          forwardHeaders: ['x-service-key', 'x-tenant'],
        });
        const client = await connect(url, {
          authorization: 'Bearer t1',
          'x-service-key': 'forged',
          'x-tenant': 'acme',
        });
        const seen = await client.callTool({ name: 'get_headers', arguments: {} });
        // The route echoes what it received: the injected value (not the forged one), redacted on the way back.
        expect(seen.structuredContent).toEqual({
          authorization: null,
          serviceKey: '[REDACTED]',
          tenant: 'acme',
        });
        expect(JSON.stringify(seen)).not.toContain('svc-secret');
        const me = await client.callTool({ name: 'get_me', arguments: {} });
        expect(me.structuredContent).toMatchObject({ providers: ['bearer', 'header-injection'] });
      });

      it("lets the app's own auth middleware see Authorization only when it is allow-listed", async () => {
        const forwarding = await start({ auth: new BearerAuthProvider(), forwardHeaders: ['authorization'] });
        const allowed = await connect(forwarding, { authorization: 'Bearer backend-secret' });
        const ok = await allowed.callTool({ name: 'get_private', arguments: {} });
        expect(ok.isError).toBeFalsy();
        expect(ok.structuredContent).toEqual({ secret: 42 });

        const closed = await start({ auth: new BearerAuthProvider() });
        const refused = await connect(closed, { authorization: 'Bearer backend-secret' });
        const denied = await refused.callTool({ name: 'get_private', arguments: {} });
        expect(denied.isError).toBe(true);
        expect(JSON.stringify(denied.content)).toContain('app says no');
      });

      it('gives 200 interleaved calls from ten callers each exactly its own identity', async () => {
        const tokens = Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [`token-${i}`, { subject: `user-${i}` }]),
        );
        const url = await start({
          auth: new BearerAuthProvider({ tokens }),
          forwardHeaders: ['authorization'],
        });
        const clients = await Promise.all(
          Array.from({ length: 10 }, (_, i) => connect(url, { authorization: `Bearer token-${i}` })),
        );
        const calls = Array.from({ length: 200 }, (_, n) => {
          const caller = n % 10;
          return clients[caller]!.callTool({ name: 'get_whoami_by_n', arguments: { n: String(n) } }).then(
            (result) => ({
              caller,
              n,
              seen: result.structuredContent as { n: string; subject: string; authorization: string },
            }),
          );
        });
        const results = await Promise.all(calls);
        for (const { caller, n, seen } of results) {
          expect(seen).toEqual({
            n: String(n),
            subject: `user-${caller}`,
            authorization: `Bearer token-${caller}`,
          });
        }
      });
    });
  });
}
