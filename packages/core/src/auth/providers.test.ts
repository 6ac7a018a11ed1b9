import { describe, expect, it } from 'vitest';
import { isBackend2McpError } from '../errors.js';
import { ApiKeyAuthProvider } from './api-key-provider.js';
import { AuthFailure } from './auth-failure.js';
import type { AuthProvider, AuthRequest } from './auth-provider.js';
import { BearerAuthProvider } from './bearer-provider.js';
import { combineProviders } from './combine-providers.js';
import { findSecret, secretsEqual } from './constant-time.js';
import { normalizeForwardList, pickForwardedHeaders } from './forward-headers.js';
import { HeaderInjectionAuthProvider } from './header-injection-provider.js';

function request(headers: Record<string, string> = {}, url = 'http://127.0.0.1/mcp'): AuthRequest {
  return { url: new URL(url), headers: new Headers(headers), transport: 'http' };
}

async function refusal(provider: AuthProvider, input: AuthRequest): Promise<AuthFailure> {
  try {
    await provider.authenticate(input);
  } catch (error) {
    if (error instanceof AuthFailure) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('secret comparison', () => {
  it('matches only identical secrets, whatever their lengths', () => {
    expect(secretsEqual('token-1', 'token-1')).toBe(true);
    expect(secretsEqual('token-1', 'token-2')).toBe(false);
    expect(secretsEqual('token', 'token-1')).toBe(false);
    expect(secretsEqual('token-1x', 'token-1')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
    expect(secretsEqual('ü', 'ü')).toBe(true);
  });

  it('finds the identity of a listed secret', () => {
    const entries = [['a', 1] as const, ['b', 2] as const];
    expect(findSecret('b', entries)).toBe(2);
    expect(findSecret('c', entries)).toBeUndefined();
  });
});

describe('BearerAuthProvider', () => {
  it('reads the token after a case-insensitive prefix and maps it to its identity', async () => {
    const provider = new BearerAuthProvider({ tokens: { t1: { subject: 'ada', scopes: ['read'] } } });
    expect(await provider.authenticate(request({ authorization: 'bearer t1' }))).toEqual({
      identity: { subject: 'ada', scopes: ['read'], token: 't1' },
    });
  });

  it('refuses a missing token (no error code) and an unknown one (invalid_token)', async () => {
    const provider = new BearerAuthProvider({ tokens: ['t1'] });
    const missing = await refusal(provider, request());
    expect(missing.status).toBe(401);
    expect(missing.challenge).toBe('Bearer');
    const unknown = await refusal(provider, request({ authorization: 'Bearer t2' }));
    expect(unknown.challenge).toBe(
      'Bearer error="invalid_token", error_description="The bearer token is not accepted by this server."',
    );
    // The presented token is never echoed back.
    expect(JSON.stringify(await unknown.toResponse().json())).not.toContain('t2');
  });

  it('supports a custom header with a bare token', async () => {
    const provider = new BearerAuthProvider({ header: 'X-Agent-Token', prefix: '' });
    expect(await provider.authenticate(request({ 'x-agent-token': 'abc' }))).toEqual({
      identity: { token: 'abc' },
    });
  });

  it('rejects unusable configured tokens at construction', () => {
    expect(() => new BearerAuthProvider({ tokens: [''] })).toThrow(/non-empty string/);
    expect(() => new BearerAuthProvider({ tokens: ['a\nb'] })).toThrow(/CR, LF/);
  });
});

describe('ApiKeyAuthProvider', () => {
  it('reads a query-only key', async () => {
    const provider = new ApiKeyAuthProvider({ queryParam: 'key', keys: ['k1'] });
    expect(await provider.authenticate(request({}, 'http://h/mcp?key=k1'))).toEqual({
      identity: { token: 'k1' },
    });
    // No header is read when only a query parameter is configured.
    const refused = await refusal(provider, request({ 'x-api-key': 'k1' }));
    expect(refused.message).toBe('Send an API key in the key query parameter.');
  });

  it('prefers the header to the query parameter', async () => {
    const provider = new ApiKeyAuthProvider({
      header: 'x-key',
      queryParam: 'key',
      keys: { k1: { subject: 'one' }, k2: { subject: 'two' } },
    });
    const grant = await provider.authenticate(request({ 'x-key': 'k2' }, 'http://h/mcp?key=k1'));
    expect(grant.identity?.subject).toBe('two');
  });
});

describe('HeaderInjectionAuthProvider', () => {
  it('grants its headers, lower-cased', async () => {
    const provider = new HeaderInjectionAuthProvider({ headers: { 'X-Service-Key': 's' } });
    expect(await provider.authenticate()).toEqual({ headers: { 'x-service-key': 's' } });
  });

  it.each<Record<string, string>>([{ 'bad name': 'v' }, { 'x-ok': 'a\r\nx-evil: 1' }])(
    'refuses %j',
    (headers) => {
      try {
        new HeaderInjectionAuthProvider({ headers });
        throw new Error('expected INVALID_OPTIONS');
      } catch (error) {
        expect(isBackend2McpError(error, 'INVALID_OPTIONS')).toBe(true);
      }
    },
  );
});

describe('combineProviders', () => {
  const named = (name: string, grant: object): AuthProvider => ({ name, authenticate: () => grant });

  it('requires every provider, merging scopes and letting later providers win', async () => {
    const combined = combineProviders(
      named('a', { identity: { subject: 'a', scopes: ['x'] }, headers: { 'x-h': '1', 'x-a': 'a' } }),
      named('b', { identity: { subject: 'b', scopes: ['y', 'x'] }, headers: { 'x-h': '2' } }),
    );
    expect(await combined.authenticate(request())).toEqual({
      identity: { subject: 'b', scopes: ['x', 'y'] },
      headers: { 'x-h': '2', 'x-a': 'a' },
      providers: ['a', 'b'],
    });
  });

  it('answers with the first refusal and stops there', async () => {
    const ran: string[] = [];
    const combined = combineProviders(new BearerAuthProvider({ tokens: ['t'] }), {
      name: 'never',
      authenticate: () => {
        ran.push('never');
        return {};
      },
    });
    const refused = await refusal(combined, request());
    expect(refused.message).toContain('bearer token');
    expect(ran).toEqual([]);
  });
});

describe('forwarded headers', () => {
  it('passes only allow-listed headers', () => {
    const list = normalizeForwardList(['Authorization', 'x-tenant']);
    expect(
      pickForwardedHeaders(new Headers({ authorization: 'a', 'x-tenant': 't', cookie: 'c' }), list),
    ).toEqual({
      authorization: 'a',
      'x-tenant': 't',
    });
  });

  it('refuses headers that describe the connection', () => {
    expect(() => normalizeForwardList(['host', 'Content-Length'])).toThrow(
      'forwardHeaders cannot include host, content-length',
    );
  });
});

describe('AuthFailure', () => {
  it('quotes challenge parameters and answers with an OAuth error body', async () => {
    const failure = new AuthFailure('say "hi"\r\n', {
      status: 403,
      scheme: 'Bearer',
      oauthError: 'insufficient_scope',
      parameters: { scope: 'a b' },
    });
    expect(failure.code).toBe('FORBIDDEN');
    expect(failure.challenge).toBe(
      'Bearer error="insufficient_scope", error_description="say \\"hi\\" ", scope="a b"',
    );
    const response = failure.toResponse();
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'insufficient_scope', error_description: 'say "hi"\r\n' });
  });
});
