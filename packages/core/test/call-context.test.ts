import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { BearerAuthProvider } from '../src/auth/bearer-provider.js';
import { OAuthResourceServer } from '../src/auth/oauth-resource-server.js';
import { type BackendMcpOptions, BackendMcpServer } from '../src/backend-mcp-server.js';
import type { DispatchContext } from '../src/http.js';
import { connectTransport, dispatchNodeListener } from '../src/node.js';
import type { RouteInfo } from '../src/route.js';

type McpRequest = IncomingMessage & { mcp?: DispatchContext };

/** A node:http app whose routes use the call context: identity, progress, logs. */
async function app(req: McpRequest, res: ServerResponse) {
  const mcp = req.mcp;
  if (req.url === '/me') {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        subject: mcp?.auth?.subject ?? null,
        authorization: req.headers.authorization ?? null,
      }),
    );
    return;
  }
  if (req.url === '/ask') {
    try {
      const answer = await mcp!.elicit({
        mode: 'form',
        message: 'Your name?',
        requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    } catch (error) {
      res.statusCode = 409;
      res.end((error as Error).message);
    }
    return;
  }
  if (req.url === '/work') {
    for (let step = 1; step <= 3; step++) await mcp?.reportProgress(step, 3, `step ${step}`);
    await mcp?.log('info', { done: true }, 'worker');
    res.end('done');
    return;
  }
  res.statusCode = 404;
  res.end();
}

const routes: RouteInfo[] = [
  { method: 'GET', path: '/me' },
  { method: 'POST', path: '/work' },
  { method: 'POST', path: '/ask' },
  { method: 'DELETE', path: '/me', meta: { scopes: ['admin'] } },
];

const ERAS = [
  ['2025-11-25', { supportedProtocolVersions: ['2025-11-25'] }],
  ['2026-07-28', { versionNegotiation: { mode: { pin: '2026-07-28' } } }],
] as const;

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function server(options: BackendMcpOptions = {}) {
  return new BackendMcpServer(
    {
      extractRoutes: () => ({ routes, skipped: [] }),
      dispatch: (request, dispatchOptions) =>
        dispatchNodeListener(app as never, request, {
          ...dispatchOptions,
          onRequest: (req) => Object.assign(req, { mcp: dispatchOptions.context }),
        }),
    },
    options,
  );
}

async function connect(mcp: BackendMcpServer, era: (typeof ERAS)[number][1] = ERAS[0][1]) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = connectTransport(mcp, serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' }, era as never);
  await client.connect(clientSide);
  closers.push(
    () => handle.close(),
    () => client.close(),
  );
  return client;
}

describe.each(ERAS)('the call context of a route, protocol %s', (_, era) => {
  it('reports progress to a caller that asked for it, and logs', async () => {
    const client = await connect(server(), era);
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const logs: unknown[] = [];
    client.setNotificationHandler('notifications/message', (notification) => {
      logs.push(notification.params);
    });
    await client.setLoggingLevel('debug').catch(() => {}); // 2026-07-28 has no logging/setLevel
    const result = await client.callTool(
      { name: 'post_work', arguments: {} },
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(progress).toEqual([
      { progress: 1, total: 3, message: 'step 1' },
      { progress: 2, total: 3, message: 'step 2' },
      { progress: 3, total: 3, message: 'step 3' },
    ]);
    if (_ === '2025-11-25') expect(logs).toEqual([{ level: 'info', logger: 'worker', data: { done: true } }]);
  });

  it('runs the same route quietly for a caller that asked for nothing', async () => {
    const client = await connect(server(), era);
    const result = await client.callTool({ name: 'post_work', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
  });
});

describe('asking the caller from a route', () => {
  it('elicits input from a 2025-11-25 client that declared elicitation', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = connectTransport(server(), serverSide);
    const client = new Client(
      { name: 'test', version: '1.0.0' },
      { supportedProtocolVersions: ['2025-11-25'], capabilities: { elicitation: { form: {} } } },
    );
    client.setRequestHandler('elicitation/create', async (request) => {
      expect(request.params.message).toBe('Your name?');
      return { action: 'accept', content: { name: 'Ada' } };
    });
    await client.connect(clientSide);
    closers.push(
      () => handle.close(),
      () => client.close(),
    );
    const result = await client.callTool({ name: 'post_ask', arguments: {} });
    expect(result.structuredContent).toEqual({ action: 'accept', content: { name: 'Ada' } });
  });

  it('says why when the caller cannot be asked', async () => {
    const client = await connect(server(), ERAS[1][1]);
    const result = await client.callTool({ name: 'post_ask', arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('elicit() could not reach the caller');
    const direct = await server().callTool('post_ask', {});
    expect(JSON.stringify(direct.content)).toContain('elicit() needs an MCP caller');
  });
});

describe('stdio and in-process callers', () => {
  it('authenticate with stdioCredentials, which also feed forwardHeaders', async () => {
    const mcp = server({
      auth: new BearerAuthProvider({ tokens: { t1: { subject: 'ada' } } }),
      forwardHeaders: ['authorization'],
      stdioCredentials: { authorization: 'Bearer t1' },
    });
    const client = await connect(mcp);
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.structuredContent).toEqual({ subject: 'ada', authorization: 'Bearer t1' });
  });

  it('get a clear error when auth is configured but no credentials were given', async () => {
    const client = await connect(server({ auth: new BearerAuthProvider({ tokens: ['t1'] }) }));
    await expect(client.listTools()).rejects.toThrow(/stdioCredentials option/);
  });

  it('see only the tools their scopes allow', async () => {
    const mcp = server({
      auth: new BearerAuthProvider({ tokens: { t1: { subject: 'ada', scopes: ['read'] } } }),
      stdioCredentials: { authorization: 'Bearer t1' },
      toolScopes: (tool) => ('binding' in tool && tool.binding.method === 'POST' ? ['write'] : undefined),
    });
    const client = await connect(mcp);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['get_me']);
    await expect(client.callTool({ name: 'post_work', arguments: {} })).rejects.toThrow(
      'Tool "post_work" needs the scope(s) write, which your credentials do not grant.',
    );
    await expect(client.callTool({ name: 'delete_me', arguments: {} })).rejects.toThrow(/scope\(s\) admin/);
  });
});

describe('OAuthResourceServer', () => {
  async function issuer() {
    const keys = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k', alg: 'ES256' };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k' })
        .setIssuer('https://as.test')
        .setAudience('https://rs.test/mcp')
        .setExpirationTime('1h')
        .sign(keys.privateKey);
    return { jwks: { keys: [jwk] }, sign };
  }

  it('reads scopes from scp lists and enforces requiredScopes with 403', async () => {
    const { jwks, sign } = await issuer();
    const provider = new OAuthResourceServer({
      resource: 'https://rs.test/mcp',
      authorizationServers: ['https://as.test'],
      jwks,
      requiredScopes: ['mcp'],
    });
    const headers = (token: string) => ({
      url: new URL('https://rs.test/mcp'),
      headers: new Headers({ authorization: `Bearer ${token}` }),
      transport: 'http' as const,
    });
    const grant = await provider.authenticate(
      headers(await sign({ sub: 'ada', scp: ['mcp', 'x'], azp: 'app' })),
    );
    expect(grant.identity).toMatchObject({ subject: 'ada', scopes: ['mcp', 'x'], clientId: 'app' });
    await expect(
      provider.authenticate(headers(await sign({ sub: 'ada', scope: 'x' }))),
    ).rejects.toMatchObject({
      status: 403,
      oauthError: 'insufficient_scope',
      parameters: {
        scope: 'mcp',
        resource_metadata: 'https://rs.test/.well-known/oauth-protected-resource/mcp',
      },
    });
  });

  it('refuses symmetric (HS256) tokens by default', async () => {
    const { jwks } = await issuer();
    const provider = new OAuthResourceServer({
      resource: 'https://rs.test/mcp',
      authorizationServers: ['https://as.test'],
      jwks,
    });
    const forged = await new SignJWT({ sub: 'eve' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://as.test')
      .setAudience('https://rs.test/mcp')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(
      provider.authenticate({
        url: new URL('https://rs.test/mcp'),
        headers: new Headers({ authorization: `Bearer ${forged}` }),
        transport: 'http',
      }),
    ).rejects.toMatchObject({ status: 401, oauthError: 'invalid_token' });
  });

  it('refuses a configuration without authorization servers', () => {
    expect(
      () =>
        new OAuthResourceServer({
          resource: 'https://rs.test/mcp',
          authorizationServers: [],
          jwks: { keys: [] },
        }),
    ).toThrow(/authorizationServers/);
  });
});

describe('hand-written tools', () => {
  it('are listed even when registered after the tools were first read', async () => {
    const mcp = server();
    expect(mcp.tools.map((tool) => tool.name)).toContain('get_me');
    mcp.tool('late', { description: 'Registered late.' }, () => ({
      content: [{ type: 'text', text: 'late' }],
    }));
    const client = await connect(mcp);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('late');
    expect(await mcp.callTool('late')).toEqual({ content: [{ type: 'text', text: 'late' }] });
  });
});
